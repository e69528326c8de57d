using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Mdns;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>States Boot, LoadConfiguration, JoinWifi, AwaitWps, JoinGuestWifi, AwaitWifiCredentials and AwaitClock.</summary>
    public sealed partial class ProvisioningMachine
    {
        private const int ClockPollMs = 100;

        // A GET_WIFI_CREDENTIALS answer dated more than this before the request is a replay (the wall clock is set by then;
        // the allowance covers the gateway's clock being behind).
        private const long MaxAnswerAgeSeconds = 300;

        /// <summary>The local gateway's guest network (docs/profile.md "Guest-Wi-Fi variant"); its passphrase is the activation code.</summary>
        public const string GuestNetworkSsid = "mqtt2go-setup";

        private ProvisioningState OnBoot()
        {
            _runStartMs = _clock.NowMs;
            Failure = FailureReason.None;
            FailureDetail = null;
            _failurePattern = IndicatorPattern.Failed;
            _everOperational = false;
            _wpsUnavailable = false;
            _wifi = null;
            // A factory reset, a short press or remove_device may come back here from any state: nothing of the previous
            // run may steer this one (a gateway found during an old backoff, a probe still listening, the guest network).
            StopLocalGatewayProbe();
            LeaveGuestNetwork();
            CloseAccessPoint();
            _wifiFromAccessPoint = false;
            ForgetActivation();
            _inbox.Reset();
            return ProvisioningState.LoadConfiguration;
        }

        private ProvisioningState OnLoadConfiguration()
        {
            string problem = ProvisioningPreconditions.Problem(_configuration, _ports);
            if (problem != null)
            {
                return Fail(FailureReason.InvalidConfiguration, problem);
            }

            _identity = _configuration.Identity;
            _settings = _configuration.Settings;
            _deadline = new Deadline(_clock, _settings.OverallDeadlineMs);
            if (!_settings.Enabled)
            {
                return Fail(FailureReason.Disabled, "provisioning is disabled in settings.json (\"enabled\": false)");
            }

            _policy = new BackoffPolicy(_settings.RetryIntervalMs, _settings.RetryMaxIntervalMs, _settings.RetryMaxAttempts, _ports.Random);
            if (_probe == null && _settings.LocalGateway)
            {
                _probe = new LocalGatewayProbe(_settings.MdnsBudgetMs, ProbeOffsets(_settings.MdnsBudgetMs));
            }

            _activationTopic = Messages.Topics.Activation(_identity.ActivationCode);
            _topicsTopic = Messages.Topics.DeviceTopics(_identity.DeviceId);
            _wifi = _checkpoints.ReadWifi();
            _broker = _checkpoints.ReadBroker();
            _brokerFromCheckpoint = _broker != null;
            _brokerFromSettings = false;
            if (_broker == null && _configuration.Broker != null)
            {
                _broker = FromBrokerSettings(_configuration.Broker);
                _brokerFromCheckpoint = true;
                _brokerFromSettings = true;
            }

            // Topics belong to whichever broker is in use, checkpointed or fixed by broker.json.
            string[] topics = _broker == null ? null : _checkpoints.ReadTopics();

            Topics = topics;
            _detail = "device " + _identity.DeviceId + ", code " + ActivationCode.Redact(_identity.ActivationCode)
                + ", checkpoints: wifi " + YesNo(_wifi != null) + ", broker " + YesNo(_broker != null) + ", topics " + YesNo(topics != null);

            bool forceWps;
            lock (_buttonSync)
            {
                forceWps = _forceWps;
            }

            if (!forceWps && _ports.Wifi.IsConnected)
            {
                return ProvisioningState.AwaitClock;
            }

            return _wifi != null && !forceWps ? ProvisioningState.JoinWifi : ProvisioningState.AwaitWps;
        }

        private ProvisioningState OnJoinWifi()
        {
            lock (_buttonSync)
            {
                if (_forceWps)
                {
                    // A short press asked for WPS (a new router): the stored network is not tried again first.
                    _detail = "WPS requested by the button";
                    return ProvisioningState.AwaitWps;
                }
            }

            // A network nanoCLR cannot store fails the same way on every attempt: say why once instead of retrying.
            string unsupported = WifiCredentialLimits.Problem(_wifi);
            if (unsupported != null)
            {
                return Fail(FailureReason.UnsupportedNetwork, "the stored Wi-Fi network cannot be used on this platform: " + unsupported
                    + "; then press the button for WPS");
            }

            WifiJoinResult result = _ports.Wifi.Join(_wifi, _settings.TimeoutMs);
            if (result.IsConnected)
            {
                return ProvisioningState.AwaitClock;
            }

            if (result.Status == WifiJoinStatus.UnsupportedCredentials)
            {
                return Fail(FailureReason.UnsupportedNetwork, "the platform refused the stored Wi-Fi network: " + result.Detail
                    + "; then press the button for WPS");
            }

            if (result.Status == WifiJoinStatus.WrongPassphrase && _wifiFromAccessPoint && AccessPointAvailable)
            {
                // Typed on a phone a moment ago: most likely a typo, so the access point opens again for a corrected one.
                _wifiFromAccessPoint = false;
                _detail = "the home network refused the passphrase sent on the access point; opening the access point again";
                return ProvisioningState.OpenAccessPoint;
            }

            if (result.Status == WifiJoinStatus.WrongPassphrase)
            {
                // The router's passphrase changed: only WPS can learn the new one (the stored one stays until WPS succeeds).
                _detail = "the access point refused the stored passphrase; press WPS on the router";
                return ProvisioningState.AwaitWps;
            }

            string why = "Wi-Fi join failed (" + ProvisioningText.WifiStatusName(result.Status) + ")";
            return Backoff(FailureReason.NoNetwork, why) ? ProvisioningState.JoinWifi : Failed();
        }

        private ProvisioningState OnAwaitWps()
        {
            WifiJoinResult result = _ports.Wifi.JoinByWps(_settings.WpsTimeoutMs);
            if (result.IsConnected)
            {
                lock (_buttonSync)
                {
                    _forceWps = false;
                }

                string unsupported = WifiCredentialLimits.Problem(result.Credentials);
                if (result.Credentials != null && unsupported != null)
                {
                    // Joined for now (ESP-IDF applied them itself), but nanoCLR cannot store them: the next boot would be offline.
                    return Fail(FailureReason.UnsupportedNetwork, "the router's WPS sent a network this platform cannot store: " + unsupported);
                }

                if (result.Credentials != null)
                {
                    _wifi = result.Credentials;
                    _checkpoints.WriteWifi(_wifi);
                }

                return ProvisioningState.AwaitClock;
            }

            if (result.Status == WifiJoinStatus.UnsupportedCredentials)
            {
                lock (_buttonSync)
                {
                    _forceWps = false;
                }

                return Fail(FailureReason.UnsupportedNetwork, "the router's WPS sent a network this platform cannot store: " + result.Detail);
            }

            if (result.Status == WifiJoinStatus.WpsNotSupported)
            {
                if (_wifi != null)
                {
                    string why = "this firmware image has no WPS; retrying the stored Wi-Fi credentials";
                    return Backoff(FailureReason.NoNetwork, why) ? ProvisioningState.JoinWifi : Failed();
                }

                _wpsUnavailable = true;
                lock (_buttonSync)
                {
                    _forceWps = false; // a press (or factory reset) asked for WPS, which this image cannot do
                }

                if (_settings.GuestWifi)
                {
                    _detail = "this firmware image has no WPS: trying the local gateway's guest network " + GuestNetworkSsid;
                    return ProvisioningState.JoinGuestWifi;
                }

                if (AccessPointAvailable)
                {
                    _detail = "this firmware image has no WPS: opening the device's own access point";
                    return ProvisioningState.OpenAccessPoint;
                }

                _failurePattern = IndicatorPattern.WpsUnavailable;
                return Fail(FailureReason.WpsFailed, "this firmware image has no WPS support and no Wi-Fi credentials are stored: "
                    + "flash an image with WPS, or store Wi-Fi credentials (wifi.ckpt) at manufacturing");
            }

            string reason = result.Status == WifiJoinStatus.WpsOverlap
                ? "WPS overlap: more than one access point in push-button mode; press WPS on one router only"
                : "WPS " + ProvisioningText.WifiStatusName(result.Status) + ": press the WPS button on the router again";
            if (_wifi != null)
            {
                // Credentials are stored: one WPS window without a registrar must not strand the device. A refused passphrase
                // also happens while a router reboots, so the stored network is tried again between WPS windows.
                lock (_buttonSync)
                {
                    _forceWps = false;
                }

                return Backoff(FailureReason.NoNetwork, reason + "; trying the stored network again") ? ProvisioningState.JoinWifi : Failed();
            }

            if (_settings.GuestWifi)
            {
                // The walk time is spent already: the gateway's guest network is tried next, then WPS again (GuestWifiRetry).
                _detail = reason + "; trying the local gateway's guest network " + GuestNetworkSsid;
                return ProvisioningState.JoinGuestWifi;
            }

            if (AccessPointAvailable)
            {
                _detail = reason + "; opening the device's own access point";
                return ProvisioningState.OpenAccessPoint;
            }

            return Backoff(FailureReason.WpsFailed, reason) ? ProvisioningState.AwaitWps : Failed();
        }

        // MQTT2GO 1.1 guest-Wi-Fi variant: the local gateway opens a guest network whose passphrase is the activation code.
        private ProvisioningState OnJoinGuestWifi()
        {
            // Whatever the home network's probe heard must not be taken for the guest network's gateway, or the other way round.
            StopLocalGatewayProbe();
            // Not stored on the platform: a reboot must come back to the home network (or none), never to the guest network.
            WifiJoinResult result = _ports.Wifi.JoinTemporarily(new WifiCredentials(GuestNetworkSsid, _identity.ActivationCode), _settings.TimeoutMs);
            if (result.IsConnected)
            {
                _onGuestNetwork = true;
                _detail = "joined the guest network " + GuestNetworkSsid;
                return ProvisioningState.AwaitWifiCredentials;
            }

            if (result.Status == WifiJoinStatus.NetworkNotFound && AccessPointAvailable)
            {
                // No gateway's guest network in range: a home without a gateway. The phone gives the home network instead.
                _detail = "no guest network " + GuestNetworkSsid + " in range: opening the device's own access point";
                return ProvisioningState.OpenAccessPoint;
            }

            return GuestWifiRetry("the guest network " + GuestNetworkSsid + " was not joined (" + ProvisioningText.WifiStatusName(result.Status) + ")");
        }

        // On the guest network: the gateway by mDNS, GET_WIFI_CREDENTIALS on <code>/wifi with the factory certificate, the
        // answer checked and checkpointed, then the home network is joined. Every wait is bounded (clock: TimeoutMs, mDNS:
        // mdns-budget, connect and answer: TimeoutMs each); the passphrase is never logged.
        private ProvisioningState OnAwaitWifiCredentials()
        {
            if (!WaitForWallClock())
            {
                return GuestWifiRetry("the wall clock is not set (SNTP) on the guest network after " + ProvisioningText.Seconds(_settings.TimeoutMs));
            }

            if (_ports.Mdns == null)
            {
                return GuestWifiRetry("no mDNS transport to find the local gateway on the guest network");
            }

            LocalGatewayProbe probe = new LocalGatewayProbe(_settings.MdnsBudgetMs, ProbeOffsets(_settings.MdnsBudgetMs));
            LocalGatewayAnswer gateway = probe.Probe(_ports.Mdns, _clock);
            probe.End();
            if (!gateway.Found)
            {
                return GuestWifiRetry("no local gateway answered on the guest network (" + gateway.Reason + ")");
            }

            string host = gateway.Address != null && gateway.Address.Length > 0 ? gateway.Address : gateway.HostName;
            MqttConnectResult connect = _ports.Mqtt.Connect(FactoryRequest(host, gateway.Port));
            if (!connect.IsSuccess)
            {
                return GuestWifiRetry("the local gateway at " + host + ":" + gateway.Port.ToString() + " refused the connection ("
                    + ProvisioningText.ConnectStatusName(connect.Status) + ")");
            }

            string topic = Messages.Topics.Wifi(_identity.ActivationCode);
            long asked = Timestamp();
            if (!_ports.Mqtt.Subscribe(new string[] { topic }) || !_ports.Mqtt.Publish(topic, _codec.EncodeWifiCredentialsRequest(asked), false))
            {
                return GuestWifiRetry("the guest gateway connection closed before GET_WIFI_CREDENTIALS was sent");
            }

            // One answer window of TimeoutMs: an answer older than the request (a replay) or one the device cannot use is
            // logged and the device keeps waiting for the rest of the window; then the attempt is retried.
            Mqtt2GoMessage report;
            Reply reply;
            WifiCredentials home = null;
            string problem = null;
            long answerEnd = _clock.NowMs + _settings.TimeoutMs;
            while (true)
            {
                long left = answerEnd - _clock.NowMs;
                reply = AwaitReply(topic, Mqtt2GoCodec.WifiCredentialsName, left > 0 ? (int)left : 0, out report);
                if (reply != Reply.Response)
                {
                    break;
                }

                if (report.Timestamp > 0 && report.Timestamp < asked - MaxAnswerAgeSeconds)
                {
                    problem = "an answer dated " + (asked - report.Timestamp).ToString() + " s before the request (replayed)";
                    _log.Write(LogLevel.Warning, "guest wifi: ignored " + problem + "; still waiting");
                    continue;
                }

                string error;
                home = _codec.ParseWifiCredentials(report, out error);
                problem = home == null ? error : WifiCredentialLimits.Problem(home);
                if (problem == null)
                {
                    break;
                }

                home = null;
                _log.Write(LogLevel.Warning, "guest wifi: refused the home network from the gateway (" + problem + "); still waiting");
            }

            _ports.Mqtt.Close();
            if (reply == Reply.Timeout && problem != null)
            {
                return GuestWifiRetry("the local gateway sent home Wi-Fi credentials this device cannot use: " + problem);
            }

            if (reply == Reply.Response)
            {
                _wifi = home;
                _checkpoints.WriteWifi(home);
                lock (_buttonSync)
                {
                    _forceWps = false; // the home network is known now: JoinWifi must join it, not send the device back to WPS
                }

                LeaveGuestNetwork();
                _detail = "home network " + home.Ssid + " from the local gateway (guest Wi-Fi); left the guest network";
                return ProvisioningState.JoinWifi;
            }

            if (reply == Reply.Error)
            {
                string reason = _codec.ParseErrorReason(report);
                if (IsTerminalReason(reason))
                {
                    LeaveGuestNetwork();
                    return Fail(FailureReason.ActivationExpired, "the local gateway reports the activation as " + reason
                        + " for GET_WIFI_CREDENTIALS: add the device again in the controller");
                }

                return GuestWifiRetry("the local gateway answered error '" + reason + "' to GET_WIFI_CREDENTIALS");
            }

            string why = reply == Reply.Lost ? "the guest gateway connection was lost"
                : reply == Reply.Refused ? "the local gateway refused the subscription to the wifi topic (not added by its controller yet?)"
                : "no home Wi-Fi credentials from the local gateway within " + ProvisioningText.Seconds(_settings.TimeoutMs);
            return GuestWifiRetry(why);
        }

        // One guest-Wi-Fi attempt failed: back off, then WPS again (the user may still press the router's button), or the
        // guest network again on an image without WPS. Bounded by the Wi-Fi phase's attempts and the deadline.
        private ProvisioningState GuestWifiRetry(string why)
        {
            _ports.Mqtt.Close();
            LeaveGuestNetwork(); // the next attempt starts from no network: WPS, or a fresh guest join
            if (_wpsUnavailable)
            {
                _failurePattern = IndicatorPattern.WpsUnavailable;
                string detail = "this firmware image has no WPS and " + why
                    + "; add the device in the controller of a gateway with a guest network, or store Wi-Fi credentials (wifi.ckpt)";
                return Backoff(FailureReason.WpsFailed, detail) ? ProvisioningState.JoinGuestWifi : Failed();
            }

            return Backoff(FailureReason.WpsFailed, why + "; press the WPS button on the router") ? ProvisioningState.AwaitWps : Failed();
        }

        // Leaves the guest network if the device is on it: it is never left joined after its one use or a failure.
        private void LeaveGuestNetwork()
        {
            if (_onGuestNetwork)
            {
                _onGuestNetwork = false;
                _ports.Wifi.LeaveTemporaryNetwork();
            }
        }

        private ProvisioningState OnAwaitClock()
        {
            if (!WaitForWallClock())
            {
                string why = "the wall clock is not set (SNTP) after " + ProvisioningText.Seconds(_settings.TimeoutMs) + "; TLS needs it";
                return Backoff(FailureReason.ClockNotSet, why) ? ProvisioningState.AwaitClock : Failed();
            }

            if (_broker != null)
            {
                return ProvisioningState.ConnectBroker;
            }

            return _settings.LocalGateway ? ProvisioningState.ProbeLocalGateway : ProvisioningState.ConnectDiscovery;
        }

        // Polls IsWallClockValid in 100 ms slices for at most TimeoutMs; true once the clock is set.
        private bool WaitForWallClock()
        {
            long end = _clock.NowMs + _settings.TimeoutMs;
            while (!_clock.IsWallClockValid)
            {
                long remaining = end - _clock.NowMs;
                if (remaining <= 0)
                {
                    return false;
                }

                _clock.Sleep(remaining < ClockPollMs ? (int)remaining : ClockPollMs);
            }

            return true;
        }

        private static int[] ProbeOffsets(int budgetMs)
        {
            // One query per second within the budget, at most three (project profile §8; LocalGatewayProbe's rules).
            int count = (budgetMs + LocalGatewayProbe.MinimumQueryIntervalMs - 1) / LocalGatewayProbe.MinimumQueryIntervalMs;
            if (count > 3)
            {
                count = 3;
            }

            if (count < 1)
            {
                count = 1;
            }

            int[] offsets = new int[count];
            for (int i = 0; i < count; i++)
            {
                offsets[i] = i * LocalGatewayProbe.MinimumQueryIntervalMs;
            }

            return offsets;
        }

        private static BrokerData FromBrokerSettings(BrokerSettings settings)
        {
            BrokerData data = new BrokerData();
            data.Host = settings.BrokerHost;
            data.Port = settings.BrokerPort;
            data.CaCertificate = settings.RootCa;
            data.Login = settings.Username;
            data.Password = settings.Password;
            if (settings.Authentication == BrokerAuthentication.Certificate)
            {
                data.Certificate = settings.Cert;
                data.PrivateKey = settings.PrivateKey;
            }

            return data;
        }

        private static string YesNo(bool value)
        {
            return value ? "yes" : "no";
        }
    }
}
