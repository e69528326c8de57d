using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Configuration
{
    /// <summary>A fixed broker from broker.json that skips discovery; key names follow Twilio Microvisor's MQTT
    /// configuration ("broker-host", "broker-port", "client-id", "root-ca", "cert", "private_key", "username", "password").</summary>
    /// <remarks>Certificates and keys are base64 DER / PKCS#8 DER strings in the file. "authentication" ("certificate" or
    /// "username-password") is optional: without it, a file with a username and no cert/key means username-password.</remarks>
    public sealed class BrokerSettings
    {
        /// <summary>"broker-host": host name or IP literal (required).</summary>
        public string BrokerHost { get; set; }

        /// <summary>"broker-port": 1..65535 (default 8883).</summary>
        public int BrokerPort { get; set; }

        /// <summary>"client-id": MQTT client id (default the device id).</summary>
        public string ClientId { get; set; }

        /// <summary>"root-ca": the broker's CA, DER; null to use the trust anchor.</summary>
        public byte[] RootCa { get; set; }

        /// <summary>"cert": client certificate, DER; required for certificate authentication.</summary>
        public byte[] Cert { get; set; }

        /// <summary>"private_key": client key, PKCS#8 DER; required for certificate authentication; never logged.</summary>
        public byte[] PrivateKey { get; set; }

        /// <summary>"username", or null.</summary>
        public string Username { get; set; }

        /// <summary>"password", or null; never logged.</summary>
        public string Password { get; set; }

        /// <summary>How the device authenticates.</summary>
        public BrokerAuthentication Authentication { get; set; }

        /// <summary>"mqtt-version" of this broker (default the settings' protocol).</summary>
        public MqttProtocol Protocol { get; set; }
    }
}
