namespace Mqtt2Go.Device.Core.Configuration
{
    /// <summary>Everything the device was configured with, after complete validation.</summary>
    public sealed class DeviceConfiguration
    {
        /// <summary>The factory identity.</summary>
        public FactoryIdentity Identity { get; set; }

        /// <summary>The provisioning settings (defaults when settings.json is absent).</summary>
        public ProvisioningSettings Settings { get; set; }

        /// <summary>The fixed broker, or null unless broker.json exists.</summary>
        public BrokerSettings Broker { get; set; }
    }
}
