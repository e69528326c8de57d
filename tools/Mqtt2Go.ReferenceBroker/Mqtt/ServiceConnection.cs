using System.Threading.Channels;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.Mosquitto.DynSec;

namespace Mqtt2Go.ReferenceBroker.Mqtt;

/// <summary>
/// A service's MQTT connection to one broker: connects, subscribes, reconnects with backoff after a broker restart
/// (re-subscribing and renewing the dynsec admin), and hands messages to one handler in arrival order.
/// </summary>
public sealed class ServiceConnection : IAsyncDisposable
{
    private readonly MosquittoClient _client;
    private readonly string[] _subscriptions;
    private readonly Func<MqttMessage, Task> _handler;
    private readonly Action<string> _log;
    private readonly Channel<(MqttMessage Message, long Arrived)> _inbox = Channel.CreateUnbounded<(MqttMessage, long)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly System.Collections.Concurrent.ConcurrentQueue<double> _handled = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private Task? _pump;
    private Task _reconnect = Task.CompletedTask;
    private DynSecAdmin? _admin;
    private Mqtt2Go.Mosquitto.Grants.GrantsAdmin? _grants;
    private int _oversizeDropped;

    /// <summary>Creates the connection (not yet connected).</summary>
    public ServiceConnection(MosquittoLoop loop, MqttClientOptions options, string[] subscriptions, Func<MqttMessage, Task> handler, Action<string> log)
    {
        _client = new MosquittoClient(loop, options);
        _subscriptions = subscriptions;
        _handler = handler;
        _log = log;
        _client.MessageReceived += OnMessage;
        _client.Disconnected += OnDisconnected;
    }

    /// <summary>The dynsec administration over the current connection (renewed on every reconnect).</summary>
    public DynSecAdmin Admin => Volatile.Read(ref _admin) ?? throw new InvalidOperationException("not connected");

    /// <summary>The device grants (mqtt2go_grants plugin) over the current connection (renewed on every reconnect).</summary>
    public Mqtt2Go.Mosquitto.Grants.GrantsAdmin Grants => Volatile.Read(ref _grants) ?? throw new InvalidOperationException("not connected");

    /// <summary>
    /// The MQTT 5 shared-subscription group (<c>$share/&lt;group&gt;/&lt;filter&gt;</c>) of this service, or null for plain
    /// subscriptions. Every instance of a service subscribes in the same group, so the broker hands each message to one of
    /// them (no message handled twice); a message is handed only to connected instances.
    /// </summary>
    public string? ShareGroup { get; init; }

    /// <summary>Messages with a larger payload are dropped on arrival, before any parsing (default: <see cref="Protocol.Envelope.MaxSize"/>).</summary>
    public int MaxPayloadBytes { get; init; } = Protocol.Envelope.MaxSize;

    /// <summary>
    /// Takes the server-side latencies recorded since the last call, in ms: from a message's arrival at this connection
    /// to the end of its handler (queue wait included). The newest 100,000 are kept.
    /// </summary>
    public double[] TakeHandledLatencies()
    {
        var taken = new List<double>();
        while (_handled.TryDequeue(out var ms))
        {
            taken.Add(ms);
        }

        return taken.ToArray();
    }

    /// <summary>Number of messages dropped for their size.</summary>
    public int OversizeDropped => Volatile.Read(ref _oversizeDropped);

    /// <summary>Number of successful connects (1 after start, more after broker restarts).</summary>
    public int ConnectCount => _client.ConnectCount;

    /// <summary>True while connected.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects (retrying until <paramref name="cancellationToken"/> fires) and starts the message pump.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ConnectLoopAsync(cancellationToken).ConfigureAwait(false);
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Publishes at QoS 1 and returns the PUBACK reason (≥ 128 is a refusal).</summary>
    public Task<int> PublishAsync(string topic, byte[] payload, bool retain = false) => _client.PublishAsync(topic, payload, 1, retain);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _inbox.Writer.TryComplete();
        try
        {
            await _reconnect.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping while a reconnect was waiting: expected
        }

        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }

        _client.Disconnected -= OnDisconnected;
        await _client.DisconnectAsync().ConfigureAwait(false);
        _admin?.Dispose();
        _grants?.Dispose();
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task ConnectLoopAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await _client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            if (result.Success)
            {
                var filters = ShareGroup is null ? _subscriptions : _subscriptions.Select(s => "$share/" + ShareGroup + "/" + s).ToArray();
                var granted = await _client.SubscribeAsync(filters, 1).ConfigureAwait(false);
                if (granted.Any(g => g >= 0x80))
                {
                    throw new InvalidOperationException($"service {_client.ClientId}: subscription refused ({string.Join(",", granted)})");
                }

                var old = Interlocked.Exchange(ref _admin, new DynSecAdmin(_client));
                old?.Dispose();
                Interlocked.Exchange(ref _grants, new Mqtt2Go.Mosquitto.Grants.GrantsAdmin(_client))?.Dispose();
                _log($"service {_client.ClientId}: connected (connect #{_client.ConnectCount})");
                return;
            }

            _log($"service {_client.ClientId}: connect failed ({result.Code} {result.Reason}), retry in {delay.TotalMilliseconds:0} ms");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
        }
    }

    private void OnDisconnected(int reason)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _log($"service {_client.ClientId}: disconnected ({reason}), reconnecting");
        lock (_gate)
        {
            _reconnect = Task.Run(async () =>
            {
                try
                {
                    await ConnectLoopAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // shutting down
                }
                catch (Exception e) when (e is InvalidOperationException or MosquittoException)
                {
                    _log($"service {_client.ClientId}: reconnect gave up: {e.Message}");
                }
            });
        }
    }

    private void OnMessage(MqttMessage message)
    {
        // The dynsec responses are consumed by DynSecAdmin on the same client; everything else is ours.
        if (message.Topic.StartsWith('$'))
        {
            return;
        }

        if (message.Payload.Length > MaxPayloadBytes)
        {
            // Not queued, not parsed. The topic is not logged: an activation topic carries the activation code.
            Interlocked.Increment(ref _oversizeDropped);
            _log($"service {_client.ClientId}: dropped a {message.Payload.Length}-byte message (limit {MaxPayloadBytes})");
            return;
        }

        _inbox.Writer.TryWrite((message, System.Diagnostics.Stopwatch.GetTimestamp()));
    }

    private async Task PumpAsync()
    {
        await foreach (var (message, arrived) in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await _handler(message).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bad message or a failed dynsec call must never stop the service (style rule 12); the reason is logged.
                _log($"service {_client.ClientId}: handling {message.Topic} failed: {e.GetType().Name}: {e.Message}");
            }

            _handled.Enqueue(System.Diagnostics.Stopwatch.GetElapsedTime(arrived).TotalMilliseconds);
            while (_handled.Count > 100_000 && _handled.TryDequeue(out _))
            {
                // keep the newest
            }
        }
    }
}
