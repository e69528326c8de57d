using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Mqtt2Go.Mosquitto;

namespace Mqtt2Go.DeviceHost.Tests.Conformance;

/// <summary>A message a third party received, read with System.Text.Json only (none of the project's codecs).</summary>
public sealed record StandardMessage(string Topic, string Text, JsonElement Root)
{
    /// <summary>The envelope's <c>type</c>.</summary>
    public string? Type => Field("type");

    /// <summary><c>command_type</c> of a command, <c>report_name</c> of a report.</summary>
    public string? Name => Field(Type == "command" ? "command_type" : "report_name");

    /// <summary><c>report_type</c> of a report.</summary>
    public string? ReportType => Field("report_type");

    /// <summary>The value: <c>value</c>, or <c>report</c> (the standard's objects page spells it so).</summary>
    public JsonElement Value => Root.ValueKind != JsonValueKind.Object ? default
        : Root.TryGetProperty("value", out var v) ? v : Root.TryGetProperty("report", out var r) ? r : default;

    /// <summary>A string member of <see cref="Value"/> (null when absent).</summary>
    public string? ValueField(string name) =>
        Value.ValueKind == JsonValueKind.Object && Value.TryGetProperty(name, out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;

    private string? Field(string name) =>
        Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty(name, out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
}

/// <summary>An MQTT client of a party written only from the standard: publishes JSON text, waits for JSON it can read.</summary>
public abstract class StandardParty : IAsyncDisposable
{
    private readonly BlockingCollection<StandardMessage> _inbox = new();
    private readonly ConcurrentQueue<StandardMessage> _seen = new();
    private MosquittoClient? _client;

    /// <summary>Every message received so far (also the ones a wait consumed), for assertions and failure output.</summary>
    public IReadOnlyCollection<StandardMessage> Seen => _seen;

    /// <summary>The connection (throws before <see cref="ConnectAsync"/>).</summary>
    protected MosquittoClient Client => _client ?? throw new InvalidOperationException("not connected");

    /// <summary>Connects (replacing an earlier connection); throws with the CONNACK code when refused.</summary>
    protected async Task ConnectAsync(MosquittoLoop loop, MqttClientOptions options)
    {
        await DisconnectAsync();
        var client = new MosquittoClient(loop, options);
        client.MessageReceived += OnMessage;
        var result = await client.ConnectAsync();
        if (!result.Success)
        {
            client.Dispose();
            throw new InvalidOperationException($"{GetType().Name}: connect to {options.Host}:{options.Port} refused: {result.Code} {result.Reason}");
        }

        _client = client;
    }

    /// <summary>Subscribes at QoS 1 and fails when the broker refuses a filter.</summary>
    protected async Task SubscribeAsync(params string[] filters)
    {
        int[] granted = await Client.SubscribeAsync(filters, 1);
        for (int i = 0; i < filters.Length; i++)
        {
            Assert.IsTrue(granted[i] < 0x80, $"{GetType().Name}: SUBSCRIBE {filters[i]} refused ({granted[i]})");
        }
    }

    /// <summary>Publishes JSON text at QoS 1.</summary>
    public async Task PublishAsync(string topic, string json, bool retain = false)
    {
        int rc = await Client.PublishAsync(topic, Encoding.UTF8.GetBytes(json), 1, retain);
        Assert.AreEqual(0, rc, $"{GetType().Name}: PUBLISH {topic} failed ({rc})");
    }

    /// <summary>Waits for the first message on <paramref name="topic"/> that <paramref name="match"/> accepts; messages it skips are dropped.</summary>
    public StandardMessage WaitFor(string topic, Func<StandardMessage, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_inbox.TryTake(out var m, TimeSpan.FromMilliseconds(50)) && m.Topic == topic && match(m))
            {
                return m;
            }
        }

        throw new TimeoutException($"{GetType().Name}: no {what} on {topic} within {timeout.TotalSeconds:0} s; seen: "
            + string.Join(" | ", _seen.Select(s => s.Topic + " " + s.Text)));
    }

    /// <summary>Disconnects cleanly.</summary>
    protected async Task DisconnectAsync()
    {
        var client = _client;
        _client = null;
        if (client is not null)
        {
            await client.DisconnectAsync();
            client.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        _inbox.Dispose();
        GC.SuppressFinalize(this);
    }

    private void OnMessage(MqttMessage message)
    {
        if (message.Payload.Length == 0)
        {
            return; // a cleared retained message
        }

        string text = Encoding.UTF8.GetString(message.Payload);
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            root = default;
        }

        var m = new StandardMessage(message.Topic, text, root);
        _seen.Enqueue(m);
        if (!_inbox.IsAddingCompleted)
        {
            try
            {
                _inbox.Add(m);
            }
            catch (ObjectDisposedException)
            {
                // disposed while a message was in flight
            }
        }
    }
}
