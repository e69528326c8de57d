namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>One MQTT connection at a time (an ESP32 without PSRAM has room for one TLS session).</summary>
    public interface IMqttSession
    {
        /// <summary>Sets who receives messages and connection loss; set once before the first connect.</summary>
        void SetListener(IMqttListener listener);

        /// <summary>Closes any previous connection, then connects (TCP, TLS, CONNECT, waits for CONNACK within request.TimeoutMs).</summary>
        MqttConnectResult Connect(MqttConnectRequest request);

        /// <summary>Queues a SUBSCRIBE at QoS 1 without waiting for SUBACK; returns false when not connected.</summary>
        bool Subscribe(string[] topics);

        /// <summary>Queues a PUBLISH at QoS 1 (MQTT orders it after an earlier SUBSCRIBE); returns false when not connected.</summary>
        bool Publish(string topic, byte[] payload, bool retain);

        /// <summary>Sends DISCONNECT if connected and releases the connection; safe to call twice.</summary>
        void Close();

        /// <summary>True while connected.</summary>
        bool IsConnected { get; }
    }
}
