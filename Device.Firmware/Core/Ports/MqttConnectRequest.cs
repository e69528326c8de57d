namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>Everything an MQTT session needs to connect; certificates and keys are DER / PKCS#8 DER.</summary>
    public sealed class MqttConnectRequest
    {
        /// <summary>Broker host name or IP literal.</summary>
        public string Host { get; set; }

        /// <summary>Broker TCP port (8883 for MQTT over TLS).</summary>
        public int Port { get; set; }

        /// <summary>MQTT client identifier.</summary>
        public string ClientId { get; set; }

        /// <summary>User name, or null.</summary>
        public string Username { get; set; }

        /// <summary>Password, or null. Never logged.</summary>
        public string Password { get; set; }

        /// <summary>Trust anchor the server certificate must chain to (DER).</summary>
        public byte[] CaCertificate { get; set; }

        /// <summary>Client certificate (DER), or null for username/password only.</summary>
        public byte[] ClientCertificate { get; set; }

        /// <summary>Client private key (PKCS#8 DER), or null. Never logged.</summary>
        public byte[] ClientKey { get; set; }

        /// <summary>Protocol version.</summary>
        public MqttProtocol Protocol { get; set; }

        /// <summary>Keep-alive in seconds.</summary>
        public int KeepAliveSeconds { get; set; }

        /// <summary>Clean session / clean start flag.</summary>
        public bool CleanSession { get; set; }

        /// <summary>Last-will topic, or null for no will.</summary>
        public string WillTopic { get; set; }

        /// <summary>Last-will payload.</summary>
        public byte[] WillPayload { get; set; }

        /// <summary>Whether the will is retained.</summary>
        public bool WillRetain { get; set; }

        /// <summary>Upper bound for TCP + TLS + CONNACK, in milliseconds.</summary>
        public int TimeoutMs { get; set; }
    }
}
