using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Mdns;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>States Boot, LoadConfiguration, JoinWifi, AwaitWps and AwaitClock.</summary>
    public sealed partial class ProvisioningMachine
    {
        private const int ClockPollMs = 100;

        private ProvisioningState OnBoot()
        {
            _runStartMs = _clock.NowMs;
            Failure = FailureReason.None;
            FailureDetail = null;
            _failurePattern = IndicatorPattern.Failed;
            _everOperational = false;
            _wifi = null;
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

            return Backoff(FailureReason.WpsFailed, reason) ? ProvisioningState.AwaitWps : Failed();
        }

        private ProvisioningState OnAwaitClock()
        {
            long end = _clock.NowMs + _settings.TimeoutMs;
            while (!_clock.IsWallClockValid)
            {
                long remaining = end - _clock.NowMs;
                if (remaining <= 0)
                {
                    string why = "the wall clock is not set (SNTP) after " + ProvisioningText.Seconds(_settings.TimeoutMs) + "; TLS needs it";
                    return Backoff(FailureReason.ClockNotSet, why) ? ProvisioningState.AwaitClock : Failed();
                }

                _clock.Sleep(remaining < ClockPollMs ? (int)remaining : ClockPollMs);
            }

            if (_broker != null)
            {
                return ProvisioningState.ConnectBroker;
            }

            return _settings.LocalGateway ? ProvisioningState.ProbeLocalGateway : ProvisioningState.ConnectDiscovery;
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
