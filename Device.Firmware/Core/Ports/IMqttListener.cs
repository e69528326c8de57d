namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>Receives what an MQTT session reports; called on the adapter's thread, so implementations only enqueue.</summary>
    public interface IMqttListener
    {
        /// <summary>A PUBLISH arrived.</summary>
        void OnMessage(string topic, byte[] payload);

        /// <summary>The broker refused a subscription (SUBACK return code 0x80 or an MQTT 5 reason of 0x80 and above).</summary>
        void OnSubscriptionRefused(string topic);

        /// <summary>The connection was lost or closed by the broker.</summary>
        void OnConnectionLost(string reason);
    }
}
