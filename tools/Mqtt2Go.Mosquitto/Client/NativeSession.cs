using System.Runtime.InteropServices;
using Mqtt2Go.Mosquitto.Native;

namespace Mqtt2Go.Mosquitto.Client;

/// <summary>One libmosquitto handle from <c>mosquitto_new</c> to <c>mosquitto_destroy</c>: one connect attempt and the connection it makes.</summary>
/// <remarks>
/// Every native call on the handle happens on the <see cref="MosquittoLoop"/> thread, so libmosquitto runs unthreaded and
/// its callbacks fire only inside calls made by that thread. Results are registered under <see cref="_gate"/> because an
/// acknowledgement callback can fire inside <c>mosquitto_publish</c> before it returns the message id.
/// A fresh handle per connect attempt is the only way to abandon a stuck TLS handshake: libmosquitto has no call
/// that closes the socket while <c>want_connect</c> is set, but <c>mosquitto_destroy</c> does.
/// </remarks>
internal sealed unsafe class NativeSession
{
    private const int LogDebugLevel = 0x10; // MOSQ_LOG_DEBUG
    private const int ErrErrno = 14;        // MOSQ_ERR_ERRNO
    private const int ErrConnLost = 7;      // MOSQ_ERR_CONN_LOST
    private const int ErrTls = 8;           // MOSQ_ERR_TLS

    private readonly MosquittoClient _client;
    private readonly MosquittoLoop _loop;
    private readonly MqttClientOptions _options;
    private readonly object _gate = new();
    private readonly Dictionary<int, TaskCompletionSource<int>> _publishes = new();
    private readonly Dictionary<int, TaskCompletionSource<int[]>> _subscribes = new();
    private readonly Dictionary<int, TaskCompletionSource<bool>> _unsubscribes = new();
    private readonly Dictionary<int, int[]> _early = new();
    private readonly TaskCompletionSource<ConnectResult> _connect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GCHandle _self;
    private volatile SessionState _state = SessionState.Created;
    private string? _lastTlsError;
    private int _wakePipeFd = -1;
    private bool _destroyed;

    internal NativeSession(MosquittoClient client, MosquittoLoop loop, MqttClientOptions options)
    {
        _client = client;
        _loop = loop;
        _options = options;
    }

    internal IntPtr Handle { get; private set; }

    internal SessionState State => _state;

    internal Task<ConnectResult> ConnectTask => _connect.Task;

    /// <summary>Completes with the disconnect reason when a session that was connected is closed.</summary>
    internal Task<int> ClosedTask => _closed.Task;

    internal bool HasSocket => Handle != IntPtr.Zero && !_destroyed && NativeMethods.mosquitto_socket(Handle) >= 0;

    // ---- loop thread: life cycle -------------------------------------------------------------------------------

    /// <summary>Creates the handle, applies the options and starts the TCP connect and TLS handshake.</summary>
    internal void Start()
    {
        if (_state != SessionState.Created)
        {
            return; // cancelled or timed out before the loop got to it
        }

        _state = SessionState.Connecting;
        _self = GCHandle.Alloc(this);
        string? id = string.IsNullOrEmpty(_options.ClientId) ? null : _options.ClientId;
        Handle = NativeMethods.mosquitto_new(id, _options.CleanSession ? (byte)1 : (byte)0, GCHandle.ToIntPtr(_self));
        if (Handle == IntPtr.Zero)
        {
            FailConnect(-3, "mosquitto_new failed (invalid client id or clean session false without id)");
            return;
        }

        _loop.Register(this);
        NativeCallbacks.Install(Handle);
        int rc = Configure();
        if (rc != 0)
        {
            FailConnect(-rc, "configure: " + Libmosquitto.ErrorString(rc));
            return;
        }

        // Blocking TCP connect (loopback: immediate); the TLS handshake and CONNECT then continue in the poll loop.
        rc = NativeMethods.mosquitto_connect(Handle, _options.Host, _options.Port, _options.KeepAliveSeconds);
        int errno = Marshal.GetLastPInvokeError();
        if (rc != 0)
        {
            FailConnect(-rc, DescribeConnectCallFailure(rc, errno));
            return;
        }

        _wakePipeFd = WakePipe.Locate(Handle);
    }

    private int Configure()
    {
        int rc = NativeMethods.mosquitto_int_option(Handle, NativeMethods.OptProtocolVersion, _options.ProtocolVersion);
        if (rc != 0) return rc;
        rc = NativeMethods.mosquitto_int_option(Handle, NativeMethods.OptTcpNoDelay, 1);
        if (rc != 0) return rc;
        if (_options.Username != null)
        {
            rc = NativeMethods.mosquitto_username_pw_set(Handle, _options.Username, _options.Password);
            if (rc != 0) return rc;
        }

        if (_options.WillTopic != null)
        {
            byte[] will = _options.WillPayload ?? [];
            fixed (byte* p = will)
            {
                rc = NativeMethods.mosquitto_will_set(Handle, _options.WillTopic, will.Length, p, _options.WillQos, _options.WillRetain ? (byte)1 : (byte)0);
            }

            if (rc != 0) return rc;
        }

        if (_options.CaFile != null)
        {
            // PEM only: mosquitto_tls_set hands the paths to OpenSSL's PEM loaders.
            rc = NativeMethods.mosquitto_tls_set(Handle, _options.CaFile, null, _options.CertFile, _options.KeyFile, IntPtr.Zero);
            if (rc != 0) return rc;
            // cert_reqs 1 = SSL_VERIFY_PEER; "tlsv1.2" is a minimum in libmosquitto 2.0 (TLS 1.3 still negotiated).
            rc = NativeMethods.mosquitto_tls_opts_set(Handle, 1, "tlsv1.2", null);
            if (rc != 0) return rc;
            rc = NativeMethods.mosquitto_tls_insecure_set(Handle, _options.TlsInsecure ? (byte)1 : (byte)0);
            if (rc != 0) return rc;
        }

        return 0;
    }

    /// <summary>Ends a connect attempt that has not got its CONNACK yet (failure, timeout or cancel).</summary>
    internal void FailConnect(int code, string reason)
    {
        if (_state is not (SessionState.Created or SessionState.Connecting))
        {
            return;
        }

        _state = SessionState.Closed;
        _connect.TrySetResult(new ConnectResult(false, code, reason));
        FailPending(new MosquittoException(code, "connect failed: " + reason));
        _loop.Post(Destroy);
    }

    /// <summary>Sends DISCONNECT when connected, or abandons a pending connect.</summary>
    internal void BeginDisconnect()
    {
        if (_state is SessionState.Created or SessionState.Connecting)
        {
            FailConnect(-ErrConnLost, "disconnect requested before CONNACK");
            _closed.TrySetResult(0);
            return;
        }

        if (_state != SessionState.Connected)
        {
            return;
        }

        _state = SessionState.Disconnecting;
        int rc = NativeMethods.mosquitto_disconnect(Handle);
        if (rc != 0)
        {
            Close(0); // socket already gone (MOSQ_ERR_NO_CONN): nothing to say goodbye to
        }
    }

    /// <summary>Closes the session without waiting for the broker (after a disconnect timeout or on dispose).</summary>
    internal void ForceClose(int reason)
    {
        if (_state is SessionState.Created or SessionState.Connecting)
        {
            FailConnect(-ErrConnLost, "closed before CONNACK");
        }
        else if (_state != SessionState.Closed)
        {
            Close(reason);
        }

        _closed.TrySetResult(reason);
    }

    /// <summary>Frees the native handle; never called from inside a libmosquitto callback.</summary>
    internal void Destroy()
    {
        if (_destroyed)
        {
            return;
        }

        _destroyed = true;
        if (_state != SessionState.Closed)
        {
            _state = SessionState.Closed;
            _connect.TrySetResult(new ConnectResult(false, -ErrConnLost, "closed"));
            _closed.TrySetResult(0);
        }

        FailPending(new ObjectDisposedException(nameof(MosquittoClient), "connection closed"));
        _loop.Unregister(this);
        if (Handle != IntPtr.Zero)
        {
            NativeMethods.mosquitto_destroy(Handle); // closes the socket and the wake socket pair
        }

        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    /// <summary>Handles a non-zero return of loop_read/loop_write/loop_misc that did not come with a callback.</summary>
    internal void AfterIo(int rc)
    {
        if (rc == 0 || _destroyed)
        {
            return;
        }

        if (_state == SessionState.Connecting)
        {
            // e.g. MOSQ_ERR_TLS from the handshake: libmosquitto closed the socket without a disconnect callback.
            FailConnect(-rc, DescribeFailure(rc));
        }
        else if (_state is SessionState.Connected or SessionState.Disconnecting && NativeMethods.mosquitto_socket(Handle) < 0)
        {
            Close(_state == SessionState.Disconnecting ? 0 : rc);
        }
    }

    /// <summary>Ends a connect attempt whose socket hung up during the handshake (SSL_ERROR_SYSCALL leaves libmosquitto spinning).</summary>
    internal void OnHangUpWhileConnecting()
    {
        if (_state == SessionState.Connecting)
        {
            FailConnect(-ErrConnLost, _lastTlsError != null ? DescribeFailure(ErrConnLost) : "connection closed by broker during connect");
        }
    }

    internal void DrainWakePipe() => WakePipe.Drain(_wakePipeFd);

    private void Close(int reason)
    {
        SessionState previous = _state;
        _state = SessionState.Closed;
        FailPending(new MosquittoException(reason, $"connection closed ({DescribeDisconnect(reason)})"));
        if (previous is SessionState.Connected or SessionState.Disconnecting)
        {
            _client.RaiseDisconnected(previous == SessionState.Disconnecting ? 0 : reason);
        }

        _closed.TrySetResult(reason);
        _loop.Post(Destroy);
    }

    private void FailPending(Exception error)
    {
        lock (_gate)
        {
            foreach (var t in _publishes.Values) t.TrySetException(error);
            foreach (var t in _subscribes.Values) t.TrySetException(error);
            foreach (var t in _unsubscribes.Values) t.TrySetException(error);
            _publishes.Clear();
            _subscribes.Clear();
            _unsubscribes.Clear();
            _early.Clear();
        }
    }

    // ---- loop thread: operations -------------------------------------------------------------------------------

    internal void Publish(string topic, byte[] payload, int qos, bool retain, TaskCompletionSource<int> tcs)
    {
        if (!RequireConnected(tcs))
        {
            return;
        }

        lock (_gate)
        {
            int rc;
            int mid;
            fixed (byte* p = payload)
            {
                // libmosquitto copies the payload, so pinning for the call is enough.
                rc = NativeMethods.mosquitto_publish(Handle, out mid, topic, payload.Length, p, qos, retain ? (byte)1 : (byte)0);
            }

            if (rc != 0)
            {
                tcs.TrySetException(new MosquittoException(rc, "publish failed: " + Libmosquitto.ErrorString(rc)));
            }
            else if (_early.Remove(mid, out int[]? early))
            {
                tcs.TrySetResult(early[0]); // QoS 0 written inside mosquitto_publish: on_publish came first
            }
            else
            {
                _publishes[mid] = tcs;
            }
        }
    }

    internal void Subscribe(string[] topics, int qos, TaskCompletionSource<int[]> tcs)
    {
        if (!RequireConnected(tcs))
        {
            return;
        }

        IntPtr[] strings = ToUtf8Array(topics);
        try
        {
            lock (_gate)
            {
                int rc;
                int mid;
                fixed (IntPtr* array = strings)
                {
                    rc = NativeMethods.mosquitto_subscribe_multiple(Handle, out mid, topics.Length, array, qos, 0, IntPtr.Zero);
                }

                if (rc != 0)
                {
                    tcs.TrySetException(new MosquittoException(rc, "subscribe failed: " + Libmosquitto.ErrorString(rc)));
                }
                else if (_early.Remove(mid, out int[]? early))
                {
                    tcs.TrySetResult(early);
                }
                else
                {
                    _subscribes[mid] = tcs;
                }
            }
        }
        finally
        {
            FreeUtf8Array(strings);
        }
    }

    internal void Unsubscribe(string[] topics, TaskCompletionSource<bool> tcs)
    {
        if (!RequireConnected(tcs))
        {
            return;
        }

        IntPtr[] strings = ToUtf8Array(topics);
        try
        {
            lock (_gate)
            {
                int rc;
                int mid;
                fixed (IntPtr* array = strings)
                {
                    rc = NativeMethods.mosquitto_unsubscribe_multiple(Handle, out mid, topics.Length, array, IntPtr.Zero);
                }

                if (rc != 0)
                {
                    tcs.TrySetException(new MosquittoException(rc, "unsubscribe failed: " + Libmosquitto.ErrorString(rc)));
                }
                else if (_early.Remove(mid, out _))
                {
                    tcs.TrySetResult(true);
                }
                else
                {
                    _unsubscribes[mid] = tcs;
                }
            }
        }
        finally
        {
            FreeUtf8Array(strings);
        }
    }

    private bool RequireConnected<T>(TaskCompletionSource<T> tcs)
    {
        if (_state == SessionState.Connected && !_destroyed)
        {
            return true;
        }

        tcs.TrySetException(new InvalidOperationException("MQTT client is not connected"));
        return false;
    }

    private static IntPtr[] ToUtf8Array(string[] topics)
    {
        IntPtr[] strings = new IntPtr[topics.Length];
        for (int i = 0; i < topics.Length; i++)
        {
            strings[i] = Marshal.StringToCoTaskMemUTF8(topics[i]);
        }

        return strings;
    }

    private static void FreeUtf8Array(IntPtr[] strings)
    {
        foreach (IntPtr s in strings)
        {
            Marshal.FreeCoTaskMem(s); // libmosquitto copied the topics into the packet
        }
    }

    // ---- callbacks (loop thread, inside libmosquitto) ----------------------------------------------------------

    internal void OnConnect(int reasonCode)
    {
        if (_state != SessionState.Connecting)
        {
            return;
        }

        if (reasonCode == 0)
        {
            _state = SessionState.Connected;
            _client.OnConnected();
            _connect.TrySetResult(new ConnectResult(true, 0, "connack 0 " + ConnackText(0)));
        }
        else
        {
            // CONNACK code (3.1.1) or reason code (5); libmosquitto then closes the socket and calls on_disconnect.
            FailConnect(reasonCode, $"connack {reasonCode} {ConnackText(reasonCode)}");
        }
    }

    internal void OnDisconnect(int rc)
    {
        if (_state is SessionState.Created or SessionState.Connecting)
        {
            FailConnect(rc == 0 ? -ErrConnLost : -rc, DescribeFailure(rc == 0 ? ErrConnLost : rc));
        }
        else if (_state is SessionState.Connected or SessionState.Disconnecting)
        {
            Close(_state == SessionState.Disconnecting ? 0 : rc);
        }
    }

    internal void OnPublish(int mid, int reasonCode) => CompleteOrPark(_publishes, mid, reasonCode, [reasonCode]);

    internal void OnSubscribe(int mid, int[] granted) => CompleteOrPark(_subscribes, mid, granted, granted);

    internal void OnUnsubscribe(int mid) => CompleteOrPark(_unsubscribes, mid, true, [0]);

    private void CompleteOrPark<T>(Dictionary<int, TaskCompletionSource<T>> pending, int mid, T result, int[] early)
    {
        lock (_gate)
        {
            if (pending.Remove(mid, out TaskCompletionSource<T>? tcs))
            {
                tcs.TrySetResult(result);
            }
            else
            {
                _early[mid] = early; // the call that produced this mid has not returned yet
            }
        }
    }

    internal void OnMessage(MosquittoMessageNative* message)
    {
        string topic = NativeMethods.StaticString(message->Topic);
        byte[] payload = new byte[Math.Max(0, message->PayloadLength)];
        if (payload.Length > 0)
        {
            Marshal.Copy(message->Payload, payload, 0, payload.Length);
        }

        _client.RaiseMessage(new MqttMessage(topic, payload, message->Qos, message->Retain != 0));
    }

    internal void OnLog(int level, string text)
    {
        if (text.StartsWith("OpenSSL Error", StringComparison.Ordinal))
        {
            _lastTlsError = text;
        }

        if (level == LogDebugLevel && !_options.LogDebug)
        {
            return;
        }

        _options.Log?.Invoke($"mosquitto[{_options.ClientId}]: {text}");
    }

    internal void ReportCallbackError(Exception ex) => _options.Log?.Invoke($"mosquitto[{_options.ClientId}]: callback error: {ex}");

    // ---- text ----------------------------------------------------------------------------------------------------

    private string ConnackText(int code) =>
        _options.ProtocolVersion == 5 ? Libmosquitto.ReasonString(code) : Libmosquitto.ConnackString(code);

    private string DescribeFailure(int rc)
    {
        if (_lastTlsError != null)
        {
            return "tls: " + ShortTlsError(_lastTlsError);
        }

        if (_options.CaFile != null && rc is ErrErrno or ErrTls && _state is SessionState.Created or SessionState.Connecting)
        {
            // EPROTO/TLS before CONNACK with no OpenSSL line: the broker refused the handshake (see DescribeConnectCallFailure).
            return "tls: handshake failed (" + Libmosquitto.ErrorString(rc) + "; the broker log has the cause)";
        }

        return Libmosquitto.ErrorString(rc);
    }

    /// <summary>Text for a failed <c>mosquitto_connect</c> call.</summary>
    /// <remarks>
    /// Measured: about one run in six, a broker that rejects the client certificate makes <c>mosquitto_connect</c>
    /// itself fail with MOSQ_ERR_ERRNO / EPROTO (libmosquitto sets EPROTO for every SSL error, lib/net_mosq.c
    /// net__handle_ssl) without an OpenSSL error line, so the alert text is lost; it is a TLS failure all the same.
    /// </remarks>
    private string DescribeConnectCallFailure(int rc, int errno)
    {
        const int eproto = 71;
        if (_lastTlsError != null || rc != ErrErrno)
        {
            return DescribeFailure(rc);
        }

        if (errno == eproto && _options.CaFile != null)
        {
            return DescribeFailure(rc);
        }

        return "tcp: " + Marshal.GetPInvokeErrorMessage(errno);
    }

    private string DescribeDisconnect(int reason) => reason switch
    {
        0 => "requested",
        _ when _lastTlsError != null => "tls: " + ShortTlsError(_lastTlsError),
        _ => $"{reason}: {Libmosquitto.ErrorString(reason)}",
    };

    /// <summary>"OpenSSL Error[0]: error:0A000418:SSL routines::tlsv1 alert unknown ca" becomes "unknown ca".</summary>
    internal static string ShortTlsError(string line)
    {
        int cut = line.LastIndexOf("::", StringComparison.Ordinal);
        string text = cut >= 0 ? line[(cut + 2)..] : line[(line.LastIndexOf(':') + 1)..];
        foreach (string prefix in new[] { "tlsv13 alert ", "tlsv1 alert ", "sslv3 alert " })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return text[prefix.Length..];
            }
        }

        return text.Trim();
    }
}
