using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Configuration
{
    /// <summary>Loads and completely validates the device configuration from the store: every problem is listed as
    /// "file: key: what is wrong", and nothing is used unless there are none.</summary>
    /// <remarks>identity.json and the three DER files are required (the trust anchor only while "ca-authentication" is on);
    /// settings.json and broker.json are optional. Unknown keys in settings.json and broker.json are problems (typos would
    /// silently keep a default); identity.json may carry extra factory metadata.</remarks>
    public sealed class ConfigurationLoader
    {
        /// <summary>Default MQTT over TLS port.</summary>
        public const int DefaultPort = 8883;

        /// <summary>Default device type.</summary>
        public const string DefaultDeviceType = "switch";

        private const int MaxDerBytes = 4096;

        private static readonly string[] SettingsKeys =
        {
            "enabled", "provisioned", "ca-authentication", "timeout", "retry-interval", "retry-max-interval",
            "retry-max-attempts", "deadline", "mdns-budget", "local-gateway", "guest-wifi", "access-point", "access-point-window", "wps-timeout", "mqtt-version", "keep-alive",
            "status-interval"
        };

        private static readonly string[] BrokerKeys =
        {
            "broker-host", "broker-port", "client-id", "root-ca", "cert", "private_key", "username", "password",
            "mqtt-version", "authentication"
        };

        private readonly IJson _json;
        private readonly ICertificateInspector _inspector;

        /// <summary>Creates a loader over the platform's JSON parser and certificate inspector.</summary>
        public ConfigurationLoader(IJson json, ICertificateInspector inspector)
        {
            _json = json;
            _inspector = inspector;
        }

        /// <summary>Reads and validates every configuration file; never throws for bad content.</summary>
        public ConfigurationResult Load(IStore store)
        {
            ProblemList problems = new ProblemList();
            ProvisioningSettings settings = LoadSettings(store, problems);
            FactoryIdentity identity = LoadIdentity(store, settings, problems);
            BrokerSettings broker = LoadBroker(store, identity.DeviceId, settings, problems);

            DeviceConfiguration configuration = new DeviceConfiguration();
            configuration.Identity = identity;
            configuration.Settings = settings;
            configuration.Broker = broker;
            return new ConfigurationResult(configuration, problems.ToArray());
        }

        private ProvisioningSettings LoadSettings(IStore store, ProblemList problems)
        {
            ProvisioningSettings settings = new ProvisioningSettings();
            ConfigFile file = ConfigFile.Read(store, _json, StoreNames.SettingsJson, false, problems);
            if (file == null)
            {
                return settings;
            }

            file.RejectUnknownKeys(SettingsKeys);
            settings.Enabled = file.GetBool("enabled", settings.Enabled);
            settings.Provisioned = file.GetBool("provisioned", settings.Provisioned);
            settings.CaAuthentication = file.GetBool("ca-authentication", settings.CaAuthentication);
            settings.TimeoutMs = (int)file.GetNumber("timeout", settings.TimeoutMs / 1000, 1, 300, "seconds", "") * 1000;
            settings.RetryIntervalMs = (int)file.GetNumber("retry-interval", settings.RetryIntervalMs, 100, 60000, "milliseconds", "");
            settings.RetryMaxIntervalMs =
                (int)file.GetNumber("retry-max-interval", settings.RetryMaxIntervalMs, 100, 600000, "milliseconds", "");
            if (settings.RetryMaxIntervalMs < settings.RetryIntervalMs)
            {
                file.Problem("retry-max-interval", settings.RetryMaxIntervalMs + " milliseconds is below retry-interval ("
                    + settings.RetryIntervalMs + ")");
            }

            long attempts = file.GetNumber("retry-max-attempts", settings.RetryMaxAttempts, -1, 10000, "",
                " (-1 = forever)");
            if (attempts == 0)
            {
                file.Problem("retry-max-attempts", "0 is not allowed: use -1 (forever) or 1..10000");
            }

            settings.RetryMaxAttempts = (int)attempts;

            // Profile: the whole activation must end inside the Discovery server's 15-minute window.
            settings.OverallDeadlineMs = (int)file.GetNumber("deadline", settings.OverallDeadlineMs / 1000, 1, 899, "seconds",
                " (must stay below the 15-minute activation window)") * 1000;
            settings.MdnsBudgetMs = (int)file.GetNumber("mdns-budget", settings.MdnsBudgetMs, 500, 30000, "milliseconds", "");
            settings.LocalGateway = file.GetBool("local-gateway", settings.LocalGateway);
            settings.GuestWifi = file.GetBool("guest-wifi", settings.GuestWifi);
            settings.AccessPoint = file.GetBool("access-point", settings.AccessPoint);
            settings.AccessPointWindowMs =
                (int)file.GetNumber("access-point-window", settings.AccessPointWindowMs / 1000, 30, 600, "seconds", "") * 1000;
            settings.WpsTimeoutMs = (int)file.GetNumber("wps-timeout", settings.WpsTimeoutMs / 1000, 10, 300, "seconds", "") * 1000;
            settings.Protocol = file.GetProtocol("mqtt-version", settings.Protocol);
            settings.KeepAliveSeconds = (int)file.GetNumber("keep-alive", settings.KeepAliveSeconds, 10, 1200, "seconds", "");
            settings.StatusIntervalSeconds =
                (int)file.GetNumber("status-interval", settings.StatusIntervalSeconds, 10, 86400, "seconds", "");
            return settings;
        }

        private FactoryIdentity LoadIdentity(IStore store, ProvisioningSettings settings, ProblemList problems)
        {
            FactoryIdentity identity = new FactoryIdentity();
            identity.DeviceType = DefaultDeviceType;
            identity.DiscoveryPort = DefaultPort;

            ConfigFile file = ConfigFile.Read(store, _json, StoreNames.IdentityJson, true, problems);
            if (file != null)
            {
                identity.DeviceId = file.GetIdentifier("device_id", true, null);
                string code = file.GetString("activation_code", true, null);
                if (code != null)
                {
                    // The problem text never repeats the code: it is a credential.
                    string problem = ActivationCode.FindProblem(code);
                    if (problem != null)
                    {
                        file.Problem("activation_code", problem);
                    }

                    identity.ActivationCode = ActivationCode.Normalize(code);
                }

                identity.DeviceType = file.GetIdentifier("device_type", false, DefaultDeviceType);
                identity.DiscoveryHost = file.GetHost("discovery_host", true);
                identity.DiscoveryPort = (int)file.GetNumber("discovery_port", DefaultPort, 1, 65535, "", "");
            }

            CertificateInfo info;
            identity.TrustAnchor = ReadCertificate(store, StoreNames.TrustAnchor, settings.CaAuthentication, problems, out info);
            identity.FactoryCertificate = ReadCertificate(store, StoreNames.FactoryCertificate, true, problems, out info);
            if (info != null && identity.DeviceId != null)
            {
                // Profile, "Identifiers": the factory certificate's subject CN equals the device id.
                string commonName = info.SubjectCommonName;
                if (commonName != identity.DeviceId)
                {
                    problems.Add(StoreNames.FactoryCertificate, "subject CN", "'" + commonName
                        + "' does not match device_id '" + identity.DeviceId + "'");
                }
            }

            identity.FactoryKey = ReadBlob(store, StoreNames.FactoryKey, true, problems);
            string keyProblem = identity.FactoryKey == null ? null : PrivateKeyCheck.Problem(identity.FactoryKey, _inspector);
            if (keyProblem != null)
            {
                problems.Add(StoreNames.FactoryKey, "key", keyProblem);
                identity.FactoryKey = null;
            }

            return identity;
        }

        private BrokerSettings LoadBroker(IStore store, string deviceId, ProvisioningSettings settings, ProblemList problems)
        {
            ConfigFile file = ConfigFile.Read(store, _json, StoreNames.BrokerJson, false, problems);
            if (file == null)
            {
                return null;
            }

            file.RejectUnknownKeys(BrokerKeys);
            BrokerSettings broker = new BrokerSettings();
            broker.BrokerHost = file.GetHost("broker-host", true);
            broker.BrokerPort = (int)file.GetNumber("broker-port", DefaultPort, 1, 65535, "", "");
            broker.ClientId = file.GetIdentifier("client-id", false, deviceId);
            broker.Protocol = file.GetProtocol("mqtt-version", settings.Protocol);
            broker.Username = file.GetString("username", false, null);
            broker.Password = file.GetString("password", false, null);

            broker.RootCa = file.GetBase64("root-ca", Mqtt2GoCodec.MaxCertificateBase64Length);
            if (broker.RootCa != null && _inspector.Inspect(broker.RootCa) == null)
            {
                file.Problem("root-ca", "does not parse as an X.509 DER certificate");
            }

            bool hasCert = file.Has("cert");
            broker.Cert = file.GetBase64("cert", Mqtt2GoCodec.MaxCertificateBase64Length);
            if (broker.Cert != null && _inspector.Inspect(broker.Cert) == null)
            {
                file.Problem("cert", "does not parse as an X.509 DER certificate");
            }

            bool hasKey = file.Has("private_key");
            broker.PrivateKey = file.GetBase64("private_key", Mqtt2GoCodec.MaxCertificateBase64Length);
            string keyProblem = broker.PrivateKey == null ? null : PrivateKeyCheck.Problem(broker.PrivateKey, _inspector);
            if (keyProblem != null)
            {
                file.Problem("private_key", keyProblem);
            }

            broker.Authentication = ReadAuthentication(file, hasCert || hasKey, broker.Username != null);
            if (broker.Authentication == BrokerAuthentication.Certificate)
            {
                if (!hasCert)
                {
                    file.Problem("cert", "missing (required for certificate authentication)");
                }

                if (!hasKey)
                {
                    file.Problem("private_key", "missing (required for certificate authentication)");
                }
            }
            else
            {
                if (broker.Username == null || broker.Username.Length == 0)
                {
                    file.Problem("username", "missing (required for username-password authentication)");
                }

                if (!file.Has("password"))
                {
                    file.Problem("password", "missing (required for username-password authentication)");
                }
            }

            return broker;
        }

        private static BrokerAuthentication ReadAuthentication(ConfigFile file, bool hasCertificateMaterial, bool hasUsername)
        {
            string text = file.GetString("authentication", false, null);
            if (text == null)
            {
                return hasUsername && !hasCertificateMaterial
                    ? BrokerAuthentication.UsernamePassword
                    : BrokerAuthentication.Certificate;
            }

            if (text == "username-password")
            {
                return BrokerAuthentication.UsernamePassword;
            }

            if (text != "certificate")
            {
                file.Problem("authentication", "expected \"certificate\" or \"username-password\"");
            }

            return BrokerAuthentication.Certificate;
        }

        private byte[] ReadCertificate(IStore store, string name, bool required, ProblemList problems, out CertificateInfo info)
        {
            byte[] der = ReadBlob(store, name, required, problems);
            info = der == null ? null : _inspector.Inspect(der);
            if (der != null && info == null)
            {
                problems.Add(name, "certificate", "does not parse as an X.509 DER certificate");
                return null;
            }

            return der;
        }

        private static byte[] ReadBlob(IStore store, string name, bool required, ProblemList problems)
        {
            byte[] data = store.Read(name);
            if (data == null)
            {
                if (required)
                {
                    problems.Add(name, ConfigFile.FileKey, "missing");
                }

                return null;
            }

            if (data.Length == 0 || data.Length > MaxDerBytes)
            {
                problems.Add(name, ConfigFile.FileKey, "is " + data.Length + " bytes, expected 1 to " + MaxDerBytes);
                return null;
            }

            return data;
        }
    }
}
