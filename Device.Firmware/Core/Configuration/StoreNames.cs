namespace Mqtt2Go.Device.Core.Configuration
{
    /// <summary>Names of the blobs in the device's store (files on LittleFS drive I: on the ESP32).</summary>
    public static class StoreNames
    {
        /// <summary>Factory identity: device_id, activation_code, device_type, discovery_host, discovery_port.</summary>
        public const string IdentityJson = "identity.json";

        /// <summary>The CA certificate (DER) every server certificate must chain to.</summary>
        public const string TrustAnchor = "trust-anchor.der";

        /// <summary>The factory client certificate (DER), subject CN = device id.</summary>
        public const string FactoryCertificate = "factory-cert.der";

        /// <summary>The factory client private key (PKCS#8 DER).</summary>
        public const string FactoryKey = "factory-key.der";

        /// <summary>Optional provisioning settings (timeouts, retries, protocol).</summary>
        public const string SettingsJson = "settings.json";

        /// <summary>Optional fixed broker that skips discovery.</summary>
        public const string BrokerJson = "broker.json";

        /// <summary>Checkpoint: the Wi-Fi credentials WPS delivered.</summary>
        public const string WifiCheckpoint = "wifi.ckpt";

        /// <summary>Checkpoint: the broker data of step 7.</summary>
        public const string BrokerCheckpoint = "broker.ckpt";

        /// <summary>Checkpoint: the topics of step 12.</summary>
        public const string TopicsCheckpoint = "topics.ckpt";
    }
}
