using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>States OpenAccessPoint and AwaitAccessPointCredentials: the device's own access point for homes without a
    /// gateway (docs/profile.md "Device access point").</summary>
    public sealed partial class ProvisioningMachine
    {
        /// <summary>The access point's SSID is this prefix and the device id (its last characters when longer than 31 bytes).</summary>
        public const string AccessPointSsidPrefix = "mqtt2go-";

        // nanoCLR refuses an AP SSID of 32 characters or more (System.Net WirelessAPConfiguration.ValidateConfiguration),
        // the same limit as the station's (WifiCredentialLimits).
        private const int MaxSsidLength = WifiCredentialLimits.MaxSsidBytes;

        private AccessPointExchange _exchange;
        private long _accessPointEndMs;
        private string _accessPointSsid;
        private bool _wifiFromAccessPoint;
        private System.Random _nonceRandom;

        /// <summary>The SSID of the device's access point: <c>mqtt2go-</c> + the device id, cut from the front to 31 bytes
        /// (device ids are ASCII, <c>[A-Za-z0-9_-]</c>), so the end of the id on the label stays readable.</summary>
        public static string AccessPointSsid(string deviceId)
        {
            int room = MaxSsidLength - AccessPointSsidPrefix.Length;
            string id = deviceId.Length > room ? deviceId.Substring(deviceId.Length - room) : deviceId;
            return AccessPointSsidPrefix + id;
        }

        private bool AccessPointAvailable
        {
            get { return _settings.AccessPoint && _ports.AccessPoint != null; }
        }

        private ProvisioningState OnOpenAccessPoint()
        {
            _accessPointSsid = AccessPointSsid(_identity.DeviceId);
            string problem;
            if (!_ports.AccessPoint.Open(_accessPointSsid, _identity.ActivationCode, out problem))
            {
                return AccessPointRetry("the device's access point " + _accessPointSsid + " could not be opened (" + problem + ")");
            }

            _accessPointEndMs = _clock.NowMs + _settings.AccessPointWindowMs;
            _detail = "access point " + _accessPointSsid + " open for " + ProvisioningText.Seconds(_settings.AccessPointWindowMs)
                + ": join it with the activation code on the label and send the home network";
            return ProvisioningState.AwaitAccessPointCredentials;
        }

        // One phone connection per step: a refused request is answered with its reason and the access point keeps waiting
        // for the rest of its window (bounded by the deadline); the home network, once accepted, is checkpointed before the
        // access point closes.
        private ProvisioningState OnAwaitAccessPointCredentials()
        {
            long remaining = _accessPointEndMs - _clock.NowMs;
            if (remaining > _deadline.RemainingMs)
            {
                remaining = _deadline.RemainingMs;
            }

            ISetupConnection connection = remaining > 0 ? _ports.AccessPoint.Accept((int)remaining) : null;
            if (connection == null)
            {
                if (_clock.NowMs < _accessPointEndMs && !_deadline.IsExpired && _ports.AccessPoint.IsOpen)
                {
                    // Accept returned early without a phone (a spurious wake-up): keep waiting for the rest of the window.
                    return ProvisioningState.AwaitAccessPointCredentials;
                }

                return AccessPointRetry("no phone sent the home network on the access point " + _accessPointSsid + " within "
                    + ProvisioningText.Seconds(_settings.AccessPointWindowMs));
            }

            if (_exchange == null)
            {
                _exchange = new AccessPointExchange(_codec, _clock);
            }

            string reason;
            WifiCredentials home = _exchange.Serve(connection, _identity.DeviceId, NewNonce(), Timestamp(), _settings.TimeoutMs, out reason);
            if (home == null)
            {
                _log.Write(LogLevel.Warning, "access point: request refused (" + reason + "); still waiting");
                _detail = "a phone's request was refused (" + AccessPointExchange.ReasonCode(reason) + "); access point still open";
                return ProvisioningState.AwaitAccessPointCredentials;
            }

            _wifi = home;
            _checkpoints.WriteWifi(home);
            _wifiFromAccessPoint = true;
            lock (_buttonSync)
            {
                _forceWps = false; // the home network is known: JoinWifi must join it
            }

            _ports.AccessPoint.Close();
            _detail = "home network " + home.Ssid + " from a phone on the access point " + _accessPointSsid + "; access point closed";
            return ProvisioningState.JoinWifi;
        }

        // The access point gave nothing (or could not open): close it, back off, then WPS again (the user may still press the
        // router's button), or on an image without WPS the guest network (when on) or the access point again.
        private ProvisioningState AccessPointRetry(string why)
        {
            CloseAccessPoint();
            ProvisioningState next = !_wpsUnavailable ? ProvisioningState.AwaitWps
                : _settings.GuestWifi ? ProvisioningState.JoinGuestWifi
                : ProvisioningState.OpenAccessPoint;
            if (_wpsUnavailable)
            {
                _failurePattern = IndicatorPattern.WpsUnavailable;
            }

            return Backoff(FailureReason.WpsFailed, why + "; join the access point " + AccessPointSsid(_identity.DeviceId)
                + " from a phone with the code on the label, or store Wi-Fi credentials (wifi.ckpt)") ? next : Failed();
        }

        private void CloseAccessPoint()
        {
            if (_ports.AccessPoint != null && _ports.AccessPoint.IsOpen)
            {
                _ports.AccessPoint.Close();
            }
        }

        // 64 bits as 16 hex digits from an unseeded Random (not the seeded backoff jitter, which repeats after every boot):
        // a recorded request of another connection does not match. Not a cryptographic nonce; the WPA2 link, keyed by the
        // activation code, is what keeps strangers out.
        private string NewNonce()
        {
            const string Hex = "0123456789abcdef";
            if (_nonceRandom == null)
            {
                _nonceRandom = new System.Random();
            }

            char[] digits = new char[16];
            for (int i = 0; i < digits.Length; i++)
            {
                digits[i] = Hex[_nonceRandom.Next(16)];
            }

            return new string(digits);
        }
    }
}
