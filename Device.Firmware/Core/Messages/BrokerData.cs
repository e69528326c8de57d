namespace Mqtt2Go.Device.Core.Messages
{
    /// <summary>What GET_BROKER_DATA (step 7) or GET_CREDENTIALS (local gateway) delivered; also the broker checkpoint.</summary>
    public sealed class BrokerData
    {
        /// <summary>Broker host name or IP literal (<c>broker_ip</c>).</summary>
        public string Host { get; set; }

        /// <summary>Broker TCP port 1..65535 (<c>broker_port</c>).</summary>
        public int Port { get; set; }

        /// <summary>The operational device certificate, DER (<c>device_certificate</c>).</summary>
        public byte[] Certificate { get; set; }

        /// <summary>The CA of the broker, DER (<c>ca_certificate</c>), or null to keep the trust anchor.</summary>
        public byte[] CaCertificate { get; set; }

        /// <summary>MQTT user name for the broker (<c>login</c>), or null.</summary>
        public string Login { get; set; }

        /// <summary>MQTT password for the broker (<c>password</c>), or null; never logged.</summary>
        public string Password { get; set; }

        /// <summary>A private key, PKCS#8 DER (<c>device_key</c>), or null to keep the factory key; never logged.</summary>
        public byte[] PrivateKey { get; set; }
    }
}
