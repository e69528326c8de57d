using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Mosquitto;

namespace Mqtt2Go.DeviceHost.Adapters;

/// <summary>The core's MQTT session port on libmosquitto: the desktop counterpart of the ESP32's M2Mqtt adapter.</summary>
/// <remarks>libmosquitto reads TLS material only from PEM files, so the DER certificate and PKCS#8 DER key the core
/// holds are written to a private temporary folder (mode 0700/0600) for the duration of one connect and deleted as soon
/// as it has completed.
/// Many sessions share one <see cref="MosquittoLoop"/> so that thousands of simulated devices fit in one process.</remarks>
public sealed class MosquittoSession : IMqttSession, IDisposable
{
    private readonly MosquittoLoop _loop;
    private readonly ILog _log;
    private readonly object _gate = new();
    private IMqttListener _listener;
    private MosquittoClient _client;
    private string _tlsDirectory;
    private bool _closing;

    /// <summary>Creates a session that will run on the given loop and log what it drops to <paramref name="log"/>.</summary>
    public MosquittoSession(MosquittoLoop loop, ILog log = null)
    {
        _loop = loop;
        _log = log;
    }

    /// <summary>Connect attempts made (each is one TCP + TLS handshake), for benchmarks and tests.</summary>
    public int ConnectAttempts { get; private set; }

    /// <summary>PUBLISH packets queued, for benchmarks.</summary>
    public int Publishes { get; private set; }

    /// <summary>SUBSCRIBE packets queued, for benchmarks.</summary>
    public int Subscribes { get; private set; }

    /// <summary>MQTT protocol level of the last connect attempt (4 = 3.1.1, 5 = 5.0), for tests.</summary>
    public int LastProtocolLevel { get; private set; }

    /// <summary>Messages received, for benchmarks.</summary>
    public int MessagesReceived { get; private set; }

    /// <summary>Optional sink for libmosquitto's own log lines.</summary>
    public Action<string> TransportLog { get; set; }

    /// <inheritdoc />
    public bool IsConnected
    {
        get
        {
            lock (_gate) return _client != null && _client.IsConnected;
        }
    }

    /// <inheritdoc />
    public void SetListener(IMqttListener listener) => _listener = listener;

    /// <inheritdoc />
    public MqttConnectResult Connect(MqttConnectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Close();
        ConnectAttempts++;
        MosquittoClient client;
        try
        {
            var options = BuildOptions(request);
            client = new MosquittoClient(_loop, options);
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException)
        {
            CleanTlsDirectory();
            return new MqttConnectResult(MqttConnectStatus.TlsFailed, -1, "cannot use the TLS material: " + e.Message);
        }

        client.MessageReceived += OnMessage;
        client.Disconnected += OnDisconnected;
        lock (_gate)
        {
            _client = client;
            _closing = false;
        }

        ConnectResult result;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(Math.Max(1, request.TimeoutMs) + 1000));
            result = client.ConnectAsync(timeout.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            result = new ConnectResult(false, ConnectResult.TimeoutCode, "timeout");
        }
        catch (MosquittoException e)
        {
            result = new ConnectResult(false, -1, e.Message);
        }
        finally
        {
            // libmosquitto reads the PEM files while it builds the TLS context during this connect (a fresh handle per
            // connect), so the private key need not stay on disk for the life of the connection.
            CleanTlsDirectory();
        }

        if (result.Success)
        {
            return new MqttConnectResult(MqttConnectStatus.Success, 0, "connected");
        }
        Close();
        return new MqttConnectResult(Classify(result), result.Code, result.Reason);
    }

    /// <inheritdoc />
    public bool Subscribe(string[] topics)
    {
        var client = Current();
        if (client == null) return false;
        Subscribes++;
        // Pipelined: MQTT processes packets of one connection in order, so a PUBLISH queued after this SUBSCRIBE
        // is handled after it; the SUBACK is not awaited (no extra round trip), but a refusal in it (0x80 in 3.1.1,
        // reason >= 0x80 in 5, e.g. 0x87 from mosquitto's ACL) is reported to the core as soon as it arrives.
        var listener = _listener;
        client.SubscribeAsync(topics, 1).ContinueWith(t =>
        {
            if (t.IsFaulted)
            {
                TransportLog?.Invoke("subscribe failed: " + t.Exception?.GetBaseException().Message);
                return;
            }
            if (t.IsCanceled) return;
            var granted = t.Result;
            for (int i = 0; i < topics.Length && i < granted.Length; i++)
            {
                if (granted[i] >= 0x80) listener?.OnSubscriptionRefused(topics[i]);
            }
        }, System.Threading.Tasks.TaskScheduler.Default);
        return true;
    }

    /// <inheritdoc />
    public bool Publish(string topic, byte[] payload, bool retain)
    {
        var client = Current();
        if (client == null) return false;
        Publishes++;
        Observe(client.PublishAsync(topic, payload, 1, retain));
        return true;
    }

    /// <inheritdoc />
    public void Close()
    {
        MosquittoClient client;
        lock (_gate)
        {
            client = _client;
            _client = null;
            _closing = true;
        }
        if (client != null)
        {
            client.MessageReceived -= OnMessage;
            client.Disconnected -= OnDisconnected;
            try
            {
                if (client.IsConnected) client.DisconnectAsync().Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException e)
            {
                TransportLog?.Invoke("disconnect: " + e.InnerException?.Message);
            }
            client.Dispose();
        }
        CleanTlsDirectory();
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => Close();

    private MosquittoClient Current()
    {
        lock (_gate) return _client != null && _client.IsConnected ? _client : null;
    }

    private void OnMessage(MqttMessage message)
    {
        MessagesReceived++;

        // As on the device (Esp32/M2MqttSession): a payload with a NUL byte is dropped before it can become a string,
        // because nanoFramework would cut it short there (Core/Messages/NulBytes.cs). libmosquitto hands the topic over as
        // a C string, and brokers refuse a topic with U+0000 (MQTT 3.1.1 §1.5.3, MQTT 5 §1.5.4).
        int nul = NulBytes.IndexOf(message.Payload);
        if (nul >= 0)
        {
            _log?.Write(LogLevel.Warning, "mqtt: message on " + Topics.ForLog(message.Topic) + " dropped: payload has a NUL byte at offset " + nul);
            return;
        }

        _listener?.OnMessage(message.Topic, message.Payload);
    }

    private void OnDisconnected(int reason)
    {
        bool closing;
        lock (_gate) closing = _closing;
        if (!closing) _listener?.OnConnectionLost("disconnected, reason " + reason);
    }

    private void Observe(System.Threading.Tasks.Task task)
    {
        task.ContinueWith(
            t => TransportLog?.Invoke("mqtt request failed: " + t.Exception?.GetBaseException().Message),
            System.Threading.Tasks.TaskContinuationOptions.OnlyOnFaulted);
    }

    private MqttClientOptions BuildOptions(MqttConnectRequest request)
    {
        CleanTlsDirectory();
        _tlsDirectory = Directory.CreateTempSubdirectory("m2g-tls-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_tlsDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var options = new MqttClientOptions
        {
            Host = request.Host,
            Port = request.Port,
            ClientId = request.ClientId,
            Username = request.Username,
            Password = request.Password,
            ProtocolVersion = LastProtocolLevel = request.Protocol == MqttProtocol.V311 ? 4 : 5,
            KeepAliveSeconds = request.KeepAliveSeconds > 0 ? request.KeepAliveSeconds : 60,
            CleanSession = request.CleanSession,
            ConnectTimeout = TimeSpan.FromMilliseconds(request.TimeoutMs > 0 ? request.TimeoutMs : 10000),
            Log = TransportLog,
        };
        if (request.WillTopic != null)
        {
            options.WillTopic = request.WillTopic;
            options.WillPayload = request.WillPayload;
            options.WillQos = 1;
            options.WillRetain = request.WillRetain;
        }
        if (request.CaCertificate != null)
        {
            options.CaFile = WritePem("ca.pem", "CERTIFICATE", request.CaCertificate);
        }
        if (request.ClientCertificate != null && request.ClientKey != null)
        {
            options.CertFile = WritePem("cert.pem", "CERTIFICATE", request.ClientCertificate);
            options.KeyFile = WritePem("key.pem", "PRIVATE KEY", request.ClientKey);
        }
        return options;
    }

    private string WritePem(string name, string label, byte[] der)
    {
        var path = Path.Combine(_tlsDirectory, name);
        File.WriteAllText(path, new string(PemEncoding.Write(label, der)) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return path;
    }

    private void CleanTlsDirectory()
    {
        var directory = _tlsDirectory;
        _tlsDirectory = null;
        if (directory == null) return;
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException e)
        {
            TransportLog?.Invoke("could not delete TLS folder: " + e.Message);
        }
    }

    /// <summary>Buckets libmosquitto's three code sets into the core's statuses (see docs/desktop-host.md).</summary>
    internal static MqttConnectStatus Classify(ConnectResult result)
    {
        var reason = (result.Reason ?? string.Empty).ToLowerInvariant();
        if (result.Code == ConnectResult.TimeoutCode || reason.Contains("timeout") || reason.Contains("timed out"))
        {
            return reason.Contains("verify") ? MqttConnectStatus.ServerNotTrusted : MqttConnectStatus.Timeout;
        }
        if (reason.Contains("certificate verify failed") || reason.Contains("verify failed") || reason.Contains("hostname"))
        {
            return MqttConnectStatus.ServerNotTrusted;
        }
        if (result.Code > 0)
        {
            return result.Code switch
            {
                4 or 0x86 => MqttConnectStatus.BadCredentials,
                5 or 0x87 => MqttConnectStatus.NotAuthorized,
                3 or 0x88 or 0x89 or 0x9F => MqttConnectStatus.ServerUnavailable,
                _ => MqttConnectStatus.Refused,
            };
        }
        if (reason.Contains("tls") || reason.Contains("ssl") || reason.Contains("certificate") || reason.Contains("unknown ca"))
        {
            return MqttConnectStatus.TlsFailed;
        }
        if (reason.Contains("lookup") || reason.Contains("resolve") || reason.Contains("name or service"))
        {
            return MqttConnectStatus.HostNotFound;
        }
        return MqttConnectStatus.NetworkError;
    }
}
