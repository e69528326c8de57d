using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>A test-side MQTT2GO device built on MosquittoClient (not the firmware): one connection at a time.</summary>
public sealed class FakeDevice : IAsyncDisposable
{
    private readonly MosquittoLoop _loop;
    private readonly string _dir;
    private readonly string _trustAnchor;
    private readonly BlockingCollection<MqttMessage> _inbox = new();
    private MosquittoClient? _client;

    public FakeDevice(MosquittoLoop loop, FactoryIdentity identity, string directory, string trustAnchorPem)
    {
        _loop = loop;
        Identity = identity;
        _dir = directory;
        _trustAnchor = trustAnchorPem;
        (FactoryCertPath, KeyPath) = identity.WriteTo(directory);
    }

    public FactoryIdentity Identity { get; }

    public string FactoryCertPath { get; }

    public string KeyPath { get; }

    public string? OperationalCertPath { get; private set; }

    public MosquittoClient Client => _client ?? throw new InvalidOperationException("not connected");

    public int Disconnects;

    /// <summary>True while a connection is up.</summary>
    public bool IsConnected => _client is { IsConnected: true };

    /// <summary>Connects to a broker with the given certificate (factory by default); returns the result.</summary>
    public async Task<ConnectResult> ConnectAsync(int port, string? certPath = null, string? password = null, string? keyPath = null)
    {
        await DisconnectAsync();
        _client = new MosquittoClient(_loop, new MqttClientOptions
        {
            Host = "127.0.0.1",
            Port = port,
            ClientId = Identity.DeviceId,
            Username = Identity.DeviceId,
            Password = password,
            CaFile = _trustAnchor,
            CertFile = certPath ?? FactoryCertPath,
            KeyFile = keyPath ?? KeyPath,
            ProtocolVersion = 5,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
        _client.MessageReceived += m => _inbox.Add(m);
        _client.Disconnected += reason => { if (reason != 0) { Interlocked.Increment(ref Disconnects); } };
        return await _client.ConnectAsync();
    }

    public async Task DisconnectAsync()
    {
        if (_client is not null)
        {
            await _client.DisconnectAsync();
            _client.Dispose();
            _client = null;
        }
    }

    public Task<int[]> SubscribeAsync(params string[] topics) => Client.SubscribeAsync(topics, 1);

    public Task<int> PublishAsync(string topic, byte[] payload) => Client.PublishAsync(topic, payload, 1);

    public Task<int> CommandAsync(string topic, string kind, string value, params (string, JsonNode?)[] extra) =>
        PublishAsync(topic, Messages.Command(TimeProvider.System, kind, JsonValue.Create(value), extra));

    /// <summary>Waits for a report with the given name on <paramref name="topic"/> (ignores commands = own echo); null on timeout.</summary>
    public Envelope? WaitForReport(string topic, string reportName, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_inbox.TryTake(out var m, TimeSpan.FromMilliseconds(50)) && m.Topic == topic && Envelope.TryParse(m.Payload, out var e, out _) && !e!.IsCommand && e.Kind == reportName)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary><see cref="WaitForReport"/> without blocking a thread (for many devices at once in one test process).</summary>
    public async Task<Envelope?> WaitForReportAsync(string topic, string reportName, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!_inbox.TryTake(out var m))
            {
                await Task.Delay(20);
                continue;
            }

            if (m.Topic == topic && Envelope.TryParse(m.Payload, out var e, out _) && !e!.IsCommand && e.Kind == reportName)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>Waits for any message on <paramref name="topic"/>; null on timeout.</summary>
    public MqttMessage? WaitForMessage(string topic, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_inbox.TryTake(out var m, TimeSpan.FromMilliseconds(50)) && m.Topic == topic)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>Steps 5–7 on the Discovery broker; returns the report value (or throws with the reason).</summary>
    public async Task<JsonElement> GetBrokerDataAsync(int discoveryPort)
    {
        var connect = await ConnectAsync(discoveryPort, password: Identity.ActivationCode);
        if (!connect.Success)
        {
            throw new InvalidOperationException($"discovery connect failed: {connect.Code} {connect.Reason}");
        }

        var topic = Topics.Activation(Identity.ActivationCode);
        var granted = await SubscribeAsync(topic);
        if (granted[0] >= 0x80)
        {
            throw new InvalidOperationException($"subscribe {topic} refused: {granted[0]}");
        }

        await CommandAsync(topic, "mqtt_credentials", "GET_BROKER_DATA");
        var report = WaitForReport(topic, "mqtt_credentials", TimeSpan.FromSeconds(5)) ?? throw new TimeoutException("no mqtt_credentials report");
        await DisconnectAsync();
        if (report.ReportType != "command_response")
        {
            throw new InvalidOperationException("error report: " + report.Value.GetRawText());
        }

        return report.Value;
    }

    /// <summary>Stores an operational certificate (base64 DER) as PEM for libmosquitto.</summary>
    public X509Certificate2 StoreOperationalCertificate(string base64Der)
    {
        var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64Der));
        OperationalCertPath = Path.Combine(_dir, Identity.DeviceId + ".operational.pem");
        File.WriteAllText(OperationalCertPath, certificate.ExportCertificatePem());
        return certificate;
    }

    /// <summary>Steps 8–12 on the cloud/gateway broker: asks for topics and returns them, reconnecting if the ACL change kicks it.</summary>
    public async Task<string[]> GetTopicsAsync(int port, Func<Task>? whileWaiting, TimeSpan timeout)
    {
        var topicsTopic = Topics.DeviceTopics(Identity.DeviceId);
        await ConnectOperationalAsync(port);
        Assert.IsTrue((await SubscribeAsync(topicsTopic))[0] < 0x80, "subscribe own topics topic");
        await CommandAsync(topicsTopic, "topics", "GET_DEVICE_TOPICS", ("device_type", JsonValue.Create("switch")));
        var pending = whileWaiting?.Invoke() ?? Task.CompletedTask;
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var report = WaitForReport(topicsTopic, "topics", TimeSpan.FromMilliseconds(300));
            if (report is not null)
            {
                await pending;
                return report.Value.EnumerateArray().Select(e => e.GetString()!).ToArray();
            }

            if (_client is not null && !_client.IsConnected)
            {
                // dynsec kicks the device when its role changes (addRoleACL); a real device reconnects the same way.
                await ConnectOperationalAsync(port);
                await SubscribeAsync(topicsTopic);
            }
        }

        throw new TimeoutException("no topics report");
    }

    public async Task ConnectOperationalAsync(int port)
    {
        var result = await ConnectAsync(port, OperationalCertPath);
        if (!result.Success)
        {
            throw new InvalidOperationException($"operational connect failed: {result.Code} {result.Reason}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        _inbox.Dispose();
    }
}
