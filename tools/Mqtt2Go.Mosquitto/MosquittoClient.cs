using Mqtt2Go.Mosquitto.Client;

namespace Mqtt2Go.Mosquitto;

/// <summary>An MQTT 5 / 3.1.1 client over libmosquitto, driven by a shared <see cref="MosquittoLoop"/>.</summary>
/// <remarks>
/// All members are thread safe. Tasks complete on the thread pool, never on the loop thread; events are raised on the
/// thread pool one at a time in arrival order, and an exception thrown by a handler is logged, never propagated.
/// Each <see cref="ConnectAsync"/> uses a fresh libmosquitto handle; there is no automatic reconnect.
/// </remarks>
public sealed class MosquittoClient : IDisposable
{
    private readonly MosquittoLoop _loop;
    private readonly MqttClientOptions _options;
    private readonly SerialDispatcher _events;
    private readonly object _gate = new();
    private NativeSession? _session;
    private int _connectCount;
    private int _disposed;

    /// <summary>Creates a disconnected client on <paramref name="loop"/>; the options are copied.</summary>
    public MosquittoClient(MosquittoLoop loop, MqttClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is <= 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "Port must be 1..65535");
        }

        if (options.ProtocolVersion is not (4 or 5))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ProtocolVersion, "ProtocolVersion must be 4 (3.1.1) or 5");
        }

        Libmosquitto.EnsureInitialized();
        _loop = loop;
        _options = options.Clone();
        _events = new SerialDispatcher(ex => _options.Log?.Invoke($"mqtt[{_options.ClientId}]: event handler threw: {ex}"));
        loop.AddClient();
    }

    /// <summary>Raised for every application message received (thread pool, in order).</summary>
    public event Action<MqttMessage>? MessageReceived;

    /// <summary>Raised once when an established connection ends: 0 when requested, else the libmosquitto error or MQTT 5 reason.</summary>
    public event Action<int>? Disconnected;

    /// <summary>True between a successful CONNACK and the end of that connection.</summary>
    public bool IsConnected => Volatile.Read(ref _session)?.State == SessionState.Connected;

    /// <summary>Number of successful connects (CONNACK 0) so far, for benchmarks.</summary>
    public int ConnectCount => Volatile.Read(ref _connectCount);

    /// <summary>The client identifier from the options.</summary>
    public string ClientId => _options.ClientId;

    /// <summary>Connects; completes on CONNACK, on a transport or TLS failure, or after <see cref="MqttClientOptions.ConnectTimeout"/>.</summary>
    /// <remarks>Expected failures are returned as a <see cref="ConnectResult"/>; cancelling <paramref name="ct"/> throws.</remarks>
    public async Task<ConnectResult> ConnectAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ct.ThrowIfCancellationRequested();
        NativeSession session;
        lock (_gate)
        {
            if (_session is { State: SessionState.Created or SessionState.Connecting or SessionState.Connected or SessionState.Disconnecting })
            {
                throw new InvalidOperationException("MQTT client is already connecting or connected");
            }

            session = new NativeSession(this, _loop, _options);
            _session = session;
        }

        if (!_loop.Post(session.Start))
        {
            throw new ObjectDisposedException(nameof(MosquittoLoop));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.ConnectTimeout);
        using CancellationTokenRegistration registration = timeout.Token.Register(() =>
        {
            bool cancelled = ct.IsCancellationRequested;
            _loop.Post(() => session.FailConnect(
                cancelled ? -27 : ConnectResult.TimeoutCode,
                cancelled ? "cancelled" : "timeout"));
        });

        ConnectResult result = await session.ConnectTask.ConfigureAwait(false);
        if (!result.Success && ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }

        return result;
    }

    /// <summary>Subscribes to all <paramref name="topics"/> in one SUBSCRIBE; returns the granted QoS or reason code per topic.</summary>
    /// <remarks>MQTT 5 failures are reason codes (0x87 = 135 not authorized); MQTT 3.1.1 uses 0x80 for any failure.</remarks>
    public Task<int[]> SubscribeAsync(string[] topics, int qos = 1, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Length == 0)
        {
            throw new ArgumentException("at least one topic", nameof(topics));
        }

        var tcs = new TaskCompletionSource<int[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        return Submit(tcs, s => s.Subscribe(topics, qos, tcs), ct);
    }

    /// <summary>Publishes; QoS 1/2 complete with the PUBACK reason (0, or 16 "no matching subscribers", are success), QoS 0 when written.</summary>
    /// <remarks>MQTT 3.1.1 has no PUBACK reason: denied messages are dropped by the broker and this still returns 0.</remarks>
    public Task<int> PublishAsync(string topic, byte[] payload, int qos = 1, bool retain = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(payload);
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        return Submit(tcs, s => s.Publish(topic, payload, qos, retain, tcs), ct);
    }

    /// <summary>Unsubscribes from all <paramref name="topics"/> in one UNSUBSCRIBE and waits for UNSUBACK.</summary>
    public Task UnsubscribeAsync(string[] topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var tcs = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        return Submit(tcs, s => s.Unsubscribe(topics, tcs), CancellationToken.None);
    }

    /// <summary>Sends DISCONNECT and waits (bounded by <see cref="MqttClientOptions.DisconnectTimeout"/>) for the connection to close.</summary>
    public async Task DisconnectAsync()
    {
        NativeSession? session = Volatile.Read(ref _session);
        if (session == null || session.State == SessionState.Closed)
        {
            return;
        }

        if (_loop.IsLoopThread)
        {
            session.BeginDisconnect();
            return;
        }

        if (!_loop.Post(session.BeginDisconnect))
        {
            return; // the loop is stopping and disconnects everything itself
        }

        Task finished = await Task.WhenAny(session.ClosedTask, Task.Delay(_options.DisconnectTimeout)).ConfigureAwait(false);
        if (finished != session.ClosedTask)
        {
            _options.Log?.Invoke($"mqtt[{_options.ClientId}]: no disconnect callback within {_options.DisconnectTimeout.TotalSeconds:0.#} s, closing");
            _loop.Post(() => session.ForceClose(0));
            await Task.WhenAny(session.ClosedTask, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        }
    }

    /// <summary>Disconnects cleanly (bounded), frees the native handle and detaches from the loop.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        NativeSession? session = Volatile.Read(ref _session);
        try
        {
            if (session != null && session.State != SessionState.Closed && !_loop.IsLoopThread)
            {
                // Waits on the loop's own completion, not on an async chain: Dispose from many pool threads at
                // once must not depend on free pool threads (that starved 500 parallel disposes for ~25 s).
                if (session.State == SessionState.Connected && _loop.Post(session.BeginDisconnect))
                {
                    session.ClosedTask.Wait(_options.DisconnectTimeout);
                }

                using var done = new ManualResetEventSlim();
                if (_loop.Post(() =>
                    {
                        session.ForceClose(0);
                        session.Destroy();
                        done.Set();
                    }))
                {
                    done.Wait(TimeSpan.FromSeconds(5));
                }
            }
            else if (session != null && _loop.IsLoopThread)
            {
                session.ForceClose(0);
                session.Destroy();
            }
        }
        catch (AggregateException ex)
        {
            _options.Log?.Invoke($"mqtt[{_options.ClientId}]: dispose: {ex.InnerException?.Message ?? ex.Message}");
        }
        finally
        {
            _loop.RemoveClient();
        }
    }

    internal void OnConnected() => Interlocked.Increment(ref _connectCount);

    internal void RaiseDisconnected(int reason)
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            _events.Post(() => Disconnected?.Invoke(reason));
        }
    }

    internal void RaiseMessage(MqttMessage message)
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            _events.Post(() => MessageReceived?.Invoke(message));
        }
    }

    private Task<T> Submit<T>(TaskCompletionSource<T> tcs, Action<NativeSession> operation, CancellationToken ct)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return Task.FromException<T>(new ObjectDisposedException(nameof(MosquittoClient)));
        }

        NativeSession? session = Volatile.Read(ref _session);
        if (session == null || session.State != SessionState.Connected)
        {
            return Task.FromException<T>(new InvalidOperationException("MQTT client is not connected"));
        }

        if (!_loop.Post(() => operation(session)))
        {
            return Task.FromException<T>(new ObjectDisposedException(nameof(MosquittoLoop)));
        }

        if (ct.CanBeCanceled)
        {
            // The acknowledgement may still arrive; it then finds the task already cancelled.
            CancellationTokenRegistration registration = ct.Register(() => tcs.TrySetCanceled(ct));
            tcs.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }

        return tcs.Task;
    }
}
