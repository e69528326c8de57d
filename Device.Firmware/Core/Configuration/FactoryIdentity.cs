namespace Mqtt2Go.Device.Core.Configuration
{
    /// <summary>What the factory wrote into the device: identity.json plus the trust anchor, certificate and key.</summary>
    public sealed class FactoryIdentity
    {
        /// <summary>The device id, <c>[A-Za-z0-9_-]{1,64}</c>; equals the factory certificate's subject CN.</summary>
        public string DeviceId { get; set; }

        /// <summary>The canonical 13-character activation code (see <see cref="Configuration.ActivationCode"/>); a credential.</summary>
        public string ActivationCode { get; set; }

        /// <summary>The device type used in topics and GET_DEVICE_TOPICS (default "switch").</summary>
        public string DeviceType { get; set; }

        /// <summary>Host of the Discovery server's MQTT broker.</summary>
        public string DiscoveryHost { get; set; }

        /// <summary>Port of the Discovery server's MQTT broker (default 8883).</summary>
        public int DiscoveryPort { get; set; }

        /// <summary>The trust anchor, DER; null only when settings turn CA authentication off.</summary>
        public byte[] TrustAnchor { get; set; }

        /// <summary>The factory client certificate, DER.</summary>
        public byte[] FactoryCertificate { get; set; }

        /// <summary>The factory client private key, PKCS#8 DER; never logged.</summary>
        public byte[] FactoryKey { get; set; }
    }
}
