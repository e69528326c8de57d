namespace Mqtt2Go.Mosquitto;

/// <summary>An application message received from the broker.</summary>
/// <param name="Topic">The topic name the message was published to.</param>
/// <param name="Payload">A copy of the payload bytes (owned by the receiver).</param>
/// <param name="Qos">The QoS the message was delivered with.</param>
/// <param name="Retain">True when the broker delivered a retained message.</param>
public sealed record MqttMessage(string Topic, byte[] Payload, int Qos, bool Retain);
