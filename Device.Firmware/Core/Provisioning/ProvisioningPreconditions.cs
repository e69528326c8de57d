using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Operation;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>The invariants the machine relies on, checked again in LoadConfiguration (the configuration may not come from
    /// <see cref="ConfigurationLoader"/>, e.g. in tests or a host that builds it in code).</summary>
    public static class ProvisioningPreconditions
    {
        /// <summary>Longest allowed overall deadline: below the Discovery server's 15-minute activation window.</summary>
        public const int MaxDeadlineMs = 899000;

        /// <summary>Returns null when the machine can run with this configuration, else the first problem found.</summary>
        public static string Problem(DeviceConfiguration configuration, DevicePorts ports)
        {
            if (configuration == null || configuration.Identity == null || configuration.Settings == null)
            {
                return "no configuration (identity.json and settings) was passed in";
            }

            FactoryIdentity identity = configuration.Identity;
            ProvisioningSettings settings = configuration.Settings;
            if (!Topics.IsValidIdentifier(identity.DeviceId))
            {
                return "identity.json: device_id is missing or not [A-Za-z0-9_-]{1,64}";
            }

            if (!ActivationCode.IsValid(identity.ActivationCode))
            {
                return "identity.json: activation_code is missing or invalid";
            }

            if (identity.DeviceType != SwitchDevice.TypeName)
            {
                return "identity.json: device_type must be \"" + SwitchDevice.TypeName + "\" (the only behaviour in this firmware)";
            }

            if (!HostNames.IsValid(identity.DiscoveryHost) || identity.DiscoveryPort < 1 || identity.DiscoveryPort > 65535)
            {
                return "identity.json: discovery_host or discovery_port is invalid";
            }

            if (identity.FactoryCertificate == null || identity.FactoryKey == null)
            {
                return "factory certificate or key is missing";
            }

            if (identity.TrustAnchor == null && settings.CaAuthentication)
            {
                return "trust anchor is missing";
            }

            if (settings.TimeoutMs < 1 || settings.RetryIntervalMs < 1 || settings.RetryMaxIntervalMs < settings.RetryIntervalMs
                || settings.WpsTimeoutMs < 1 || settings.StatusIntervalSeconds < 1 || settings.KeepAliveSeconds < 0)
            {
                return "settings.json: a timeout or interval is out of range";
            }

            if (settings.RetryMaxAttempts == 0 || settings.RetryMaxAttempts < -1)
            {
                return "settings.json: retry-max-attempts must be -1 or at least 1";
            }

            if (settings.OverallDeadlineMs < 1 || settings.OverallDeadlineMs > MaxDeadlineMs)
            {
                return "settings.json: deadline must be 1..899 s (below the 15-minute activation window)";
            }

            if (settings.LocalGateway && settings.MdnsBudgetMs < 1)
            {
                return "settings.json: mdns-budget must be positive";
            }

            return null;
        }
    }
}
