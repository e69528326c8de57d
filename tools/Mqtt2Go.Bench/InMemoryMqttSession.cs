using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Bench;

/// <summary>An <see cref="IMqttSession"/> without a network: connects at once, counts and discards publishes, and can answer
/// a request or echo publishes on subscribed topics (as a broker does for MQTT subscriptions without No Local).</summary>
/// <remarks>Allocation-free on the publish path when <see cref="Echo"/> is off and no responder is set, so what the
/// allocation benchmark counts is the core's and the JSON adapter's.</remarks>
internal sealed class InMemoryMqttSession : IMqttSession
{
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);
    private IMqttListener? _listener;

    /// <summary>Deliver every publish on a subscribed topic back to the listener (the broker's echo of the device's own reports).</summary>
    public bool Echo { get; set; }

    /// <summary>Optional: given a published topic and payload, the payload to deliver back on that topic (null for none).</summary>
    public Func<string, byte[], byte[]?>? Responder { get; set; }

    /// <summary>PUBLISH packets accepted.</summary>
    public long Publishes { get; private set; }

    /// <summary>Payload bytes of those packets.</summary>
    public long PublishedBytes { get; private set; }

    /// <inheritdoc />
    public bool IsConnected { get; private set; }

    /// <inheritdoc />
    public void SetListener(IMqttListener listener) => _listener = listener;

    /// <inheritdoc />
    public MqttConnectResult Connect(MqttConnectRequest request)
    {
        _subscribed.Clear();
        IsConnected = true;
        return new MqttConnectResult(MqttConnectStatus.Success, 0, "connected (in memory)");
    }

    /// <inheritdoc />
    public bool Subscribe(string[] topics)
    {
        foreach (var topic in topics)
        {
            _subscribed.Add(topic);
        }

        return IsConnected;
    }

    /// <inheritdoc />
    public bool Publish(string topic, byte[] payload, bool retain)
    {
        if (!IsConnected)
        {
            return false;
        }

        Publishes++;
        PublishedBytes += payload.Length;
        if (Echo && _subscribed.Contains(topic))
        {
            _listener?.OnMessage(topic, payload);
        }

        var reply = Responder?.Invoke(topic, payload);
        if (reply is not null)
        {
            _listener?.OnMessage(topic, reply);
        }

        return true;
    }

    /// <summary>Delivers a message as if the broker had sent it.</summary>
    public void Deliver(string topic, byte[] payload) => _listener?.OnMessage(topic, payload);

    /// <inheritdoc />
    public void Close() => IsConnected = false;
}
