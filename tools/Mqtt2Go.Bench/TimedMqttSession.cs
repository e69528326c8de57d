using System.Diagnostics;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Bench;

/// <summary>A pass-through <see cref="IMqttSession"/> that timestamps what the state machine cannot see: when each message
/// reached the adapter, and how long each close took.</summary>
/// <remarks>Message timestamps are taken on the adapter's (libmosquitto loop) thread before the message is handed to the
/// machine's inbox, so "arrival to next transition" is the inbox pickup delay plus the handling.</remarks>
internal sealed class TimedMqttSession : IMqttSession, IMqttListener
{
    private readonly IMqttSession _inner;
    private readonly object _gate = new();
    private readonly List<long> _arrivals = new();
    private readonly List<(long Start, long End)> _closes = new();
    private IMqttListener? _listener;

    /// <summary>Wraps the session.</summary>
    public TimedMqttSession(IMqttSession inner)
    {
        _inner = inner;
    }

    /// <inheritdoc />
    public bool IsConnected => _inner.IsConnected;

    /// <inheritdoc />
    public void SetListener(IMqttListener listener)
    {
        _listener = listener;
        _inner.SetListener(this);
    }

    /// <inheritdoc />
    public MqttConnectResult Connect(MqttConnectRequest request) => _inner.Connect(request);

    /// <inheritdoc />
    public bool Subscribe(string[] topics) => _inner.Subscribe(topics);

    /// <inheritdoc />
    public bool Publish(string topic, byte[] payload, bool retain) => _inner.Publish(topic, payload, retain);

    /// <inheritdoc />
    public void Close()
    {
        var start = Stopwatch.GetTimestamp();
        _inner.Close();
        var end = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _closes.Add((start, end));
        }
    }

    /// <inheritdoc />
    public void OnMessage(string topic, byte[] payload)
    {
        lock (_gate)
        {
            _arrivals.Add(Stopwatch.GetTimestamp());
        }

        _listener?.OnMessage(topic, payload);
    }

    /// <summary>Forwards the broker's refusal of a subscription.</summary>
    public void OnSubscriptionRefused(string topic) => _listener?.OnSubscriptionRefused(topic);

    /// <inheritdoc />
    public void OnConnectionLost(string reason) => _listener?.OnConnectionLost(reason);

    /// <summary>The last message arrival in [from, to), or null.</summary>
    public long? LastArrival(long from, long to)
    {
        lock (_gate)
        {
            long? last = null;
            foreach (var t in _arrivals)
            {
                if (t >= from && t < to)
                {
                    last = t;
                }
            }

            return last;
        }
    }

    /// <summary>Time spent in Close calls that started in [from, to), in milliseconds.</summary>
    public double CloseMs(long from, long to)
    {
        lock (_gate)
        {
            return _closes.Where(c => c.Start >= from && c.Start < to).Sum(c => Stopwatch.GetElapsedTime(c.Start, c.End).TotalMilliseconds);
        }
    }
}
