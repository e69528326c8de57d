namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>MQTT protocol version of a session.</summary>
    public enum MqttProtocol
    {
        /// <summary>MQTT 3.1.1 (protocol level 4).</summary>
        V311 = 4,
        /// <summary>MQTT 5.0 (protocol level 5).</summary>
        V5 = 5
    }
}
