namespace Mqtt2Go.Device.Core.Configuration
{
    /// <summary>How the device authenticates to a fixed broker from broker.json.</summary>
    public enum BrokerAuthentication
    {
        /// <summary>Mutual TLS with "cert" and "private_key".</summary>
        Certificate = 0,
        /// <summary>MQTT "username" and "password" over server-authenticated TLS.</summary>
        UsernamePassword = 1
    }
}
