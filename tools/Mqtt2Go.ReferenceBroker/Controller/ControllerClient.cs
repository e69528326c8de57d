using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Hosting;
using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Controller;

/// <summary>
/// The MQTT2GO controller (the user's app) against the cloud broker or the local gateway: adds a device (steps 1, 10–11),
/// switches and queries it; connects with its own certificate (CN <c>controller-&lt;home&gt;</c>) and sees <c>&lt;home&gt;/#</c>.
/// </summary>
public sealed class ControllerClient : IAsyncDisposable
{
    private readonly MosquittoClient _client;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<(Func<ControllerReport, bool> Match, TaskCompletionSource<ControllerReport> Done)> _waiters = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string GatewayId, string Name, string GroupId)> _named = new();
    private Task _reconnect = Task.CompletedTask;

    private ControllerClient(MosquittoClient client, string homeId, TimeProvider time)
    {
        _client = client;
        HomeId = homeId;
        _time = time;
        _client.MessageReceived += OnMessage;
        _client.Disconnected += OnDisconnected;
    }

    /// <summary>Raised for every report received under the home (thread pool, in order).</summary>
    public event Action<ControllerReport>? ReportReceived;

    /// <summary>The home this controller manages.</summary>
    public string HomeId { get; }

    /// <summary>Connects with explicit settings and subscribes <c>&lt;home&gt;/#</c>.</summary>
    public static async Task<ControllerClient> ConnectAsync(MosquittoLoop loop, string host, int port, string caFile, ClientCredentialPaths credential, string homeId, TimeProvider? time = null)
    {
        var client = new MosquittoClient(loop, new MqttClientOptions
        {
            Host = host,
            Port = port,
            ClientId = credential.CommonName,
            CaFile = caFile,
            CertFile = credential.Certificate,
            KeyFile = credential.Key,
            ProtocolVersion = 5,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        });
        var result = await client.ConnectAsync().ConfigureAwait(false);
        if (!result.Success)
        {
            client.Dispose();
            throw new InvalidOperationException($"controller: connect to {host}:{port} failed: {result.Code} {result.Reason}");
        }

        var granted = await client.SubscribeAsync([Topics.Home(homeId)], 1).ConfigureAwait(false);
        if (granted[0] >= 0x80)
        {
            client.Dispose();
            throw new InvalidOperationException($"controller: subscribe {Topics.Home(homeId)} refused ({granted[0]})");
        }

        return new ControllerClient(client, homeId, time ?? TimeProvider.System);
    }

    /// <summary>Connects to the cloud broker (or the local gateway) described by reference-broker.json.</summary>
    public static Task<ControllerClient> ConnectAsync(MosquittoLoop loop, ReferenceBrokerEndpoints endpoints, bool localGateway = false)
    {
        if (localGateway)
        {
            var gateway = endpoints.GatewayBroker ?? throw new InvalidOperationException("the reference broker runs without --local-gateway");
            return ConnectAsync(loop, gateway.Host, gateway.Port, endpoints.ServiceCa, endpoints.GatewayController!, endpoints.HomeId);
        }

        return ConnectAsync(loop, endpoints.CloudBroker.Host, endpoints.CloudBroker.Port, endpoints.ServiceCa, endpoints.Controller, endpoints.HomeId);
    }

    /// <summary>
    /// Adds a device: publishes activate_device, waits for the cloud's rename_device report (the device has asked for its
    /// topics), answers rename_device with name and group, and returns the resulting topics. For as long as this client
    /// runs it answers a repeated rename_device request for the device again, with the same name and group.
    /// </summary>
    /// <exception cref="InvalidOperationException">The service answered with an error report.</exception>
    /// <exception cref="TimeoutException">No rename_device within <paramref name="timeout"/>.</exception>
    public async Task<AddDeviceResult> AddDeviceAsync(string gatewayId, string deviceId, string activationCode, string name, string groupId, TimeSpan timeout, Action<string>? progress = null)
    {
        if (!ActivationCodes.TryNormalize(activationCode, out var code))
        {
            throw new ArgumentException("activation code is not valid (check character)", nameof(activationCode));
        }

        var addTopic = Topics.AddDevice(HomeId, gatewayId);
        _named.TryRemove(deviceId, out _); // a re-add names the device anew: no answer with the old name meanwhile
        var wait = WaitForReportAsync(
            r => r.Topic == addTopic && DeviceOf(r) == deviceId && (r.Envelope.Kind == "rename_device" || r.Envelope.ReportType == Messages.ReportTypes.Error),
            timeout);
        var answered = WaitForReportAsync(r => r.Topic == addTopic && DeviceOf(r) == deviceId, timeout);
        _ = answered.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted); // a timeout here is reported by `wait`
        var command = Messages.Command(_time, "activate_device", new JsonObject { ["activation_code"] = code, ["device_id"] = deviceId });
        await PublishAsync(addTopic, command).ConfigureAwait(false);
        progress?.Invoke($"activate_device published on {addTopic}; waiting for the device to ask for its topics");
        // Sent again (the same message) while no answer at all came: the service instance that got it may have been killed
        // before it answered. A copy that finds the first one's activation pending completes it (the service's 409 path).
        while (!answered.IsCompleted && !wait.IsCompleted)
        {
            var first = await Task.WhenAny(answered, wait, Task.Delay(ActivateRepeatInterval)).ConfigureAwait(false);
            if (first != answered && first != wait)
            {
                await PublishAsync(addTopic, command).ConfigureAwait(false);
                progress?.Invoke($"no answer to activate_device within {ActivateRepeatInterval.TotalSeconds:0.#} s: sent again");
            }
        }

        var report = await wait.ConfigureAwait(false);
        if (report.Envelope.ReportType == Messages.ReportTypes.Error)
        {
            throw new InvalidOperationException("activation refused: " + Envelope.GetString(report.Envelope.Value, "reason"));
        }

        var deviceType = Envelope.GetString(report.Envelope.Value, "device_type") ?? "switch";
        _named[deviceId] = (gatewayId, name, groupId);
        await PublishRenameAsync(addTopic, deviceId, name, groupId).ConfigureAwait(false);
        progress?.Invoke($"rename_device sent: {name} in group {groupId}");
        return new AddDeviceResult(deviceId, deviceType, name, Topics.Device(HomeId, gatewayId, groupId, deviceType, deviceId), Topics.Group(HomeId, gatewayId, groupId, deviceType));
    }

    /// <summary>How long <see cref="AddDeviceAsync"/> waits for any answer to activate_device before it sends it again.</summary>
    public TimeSpan ActivateRepeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sends <c>set</c> with "on", "off" or "toggle" to a device or group topic; returns the PUBACK reason.</summary>
    public Task<int> SetAsync(string topic, string state, bool retain = false) =>
        _client.PublishAsync(topic, Messages.Command(_time, "set", JsonValue.Create(state)), 1, retain);

    /// <summary>Sends <c>query</c> (QueryState) to a device topic and waits for the device's state answer (see <see cref="IsStateAnswer"/>).</summary>
    public async Task<ControllerReport> QueryAsync(string deviceTopic, TimeSpan timeout)
    {
        var wait = WaitForReportAsync(r => r.Topic == deviceTopic && IsStateAnswer(r), timeout);
        await PublishAsync(deviceTopic, Messages.Command(_time, "query", JsonValue.Create("QueryState"))).ConfigureAwait(false);
        return await wait.ConfigureAwait(false);
    }

    /// <summary>True for a device's answer to set or query: a command_response named <c>state</c> (the standard's switch
    /// report), or the <c>query</c> / <c>set</c> command_response of firmware before issue 11. Status and periodic state
    /// reports are not answers (a device sends one on connect, which a waiting controller must not take for the answer).</summary>
    public static bool IsStateAnswer(ControllerReport report) =>
        report.Envelope.ReportType == Messages.ReportTypes.CommandResponse && report.Envelope.Kind is "state" or "query" or "set";

    /// <summary>The switch state of a state answer in the standard's spelling (<c>On</c> / <c>Off</c>, any input case), the
    /// text as sent for another value, or null when the report carries no state.</summary>
    public static string? StateOf(ControllerReport report)
    {
        var value = report.Envelope.Value;
        var text = Envelope.StringOf(value) ?? Envelope.GetString(value, "state");
        return text?.ToLowerInvariant() switch
        {
            "on" => "On",
            "off" => "Off",
            _ => text,
        };
    }

    /// <summary>Publishes raw bytes (tests use it for malformed messages); returns the PUBACK reason.</summary>
    public Task<int> PublishAsync(string topic, byte[] payload, bool retain = false) => _client.PublishAsync(topic, payload, 1, retain);

    /// <summary>Waits for the first report matching <paramref name="match"/> that arrives from now on.</summary>
    public async Task<ControllerReport> WaitForReportAsync(Func<ControllerReport, bool> match, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<ControllerReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (match, done);
        lock (_gate)
        {
            _waiters.Add(waiter);
        }

        try
        {
            var finished = await Task.WhenAny(done.Task, Task.Delay(timeout)).ConfigureAwait(false);
            if (finished != done.Task)
            {
                throw new TimeoutException($"controller: no matching report within {timeout.TotalSeconds:0.#} s");
            }

            return await done.Task.ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _client.Disconnected -= OnDisconnected;
        try
        {
            await _reconnect.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping while a reconnect waited: expected
        }

        _client.MessageReceived -= OnMessage;
        try
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }
        finally
        {
            _client.Dispose();
            _stop.Dispose();
        }
    }

    // The broker went away (crash, restart): reconnect with backoff and subscribe <home>/# again, as the user's app would.
    private void OnDisconnected(int reason)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        lock (_gate)
        {
            if (_reconnect.IsCompleted)
            {
                _reconnect = Task.Run(() => ReconnectAsync(_stop.Token));
            }
        }
    }

    private async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await _client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                if (result.Success && (await _client.SubscribeAsync([Topics.Home(HomeId)], 1).ConfigureAwait(false))[0] < 0x80)
                {
                    return;
                }
            }
            catch (Exception e) when (e is MosquittoException or TimeoutException or InvalidOperationException)
            {
                // broker still down: try again
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
        }
    }

    private Task<int> PublishRenameAsync(string addTopic, string deviceId, string name, string groupId) =>
        PublishAsync(addTopic, Messages.Command(_time, "rename_device", new JsonObject { ["device_id"] = deviceId, ["device_name"] = name, ["group_id"] = groupId }));

    // A rename_device request for a device this controller has already named is answered again with the same name and
    // group, as the user's app would: a cloud service that was killed before the answer reached it asks again when the
    // device repeats GET_DEVICE_TOPICS (the answer is idempotent on the service's side).
    private void AnswerRepeatedRename(ControllerReport report)
    {
        if (report.Envelope.Kind != "rename_device" || report.Envelope.ReportType == Messages.ReportTypes.Error
            || DeviceOf(report) is not { } deviceId || !_named.TryGetValue(deviceId, out var named)
            || report.Topic != Topics.AddDevice(HomeId, named.GatewayId))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await PublishRenameAsync(report.Topic, deviceId, named.Name, named.GroupId).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MosquittoException or InvalidOperationException or ObjectDisposedException)
            {
                // disconnected or stopping: the service asks again when the device does
            }
        });
    }

    private static string? DeviceOf(ControllerReport report) => Envelope.GetString(report.Envelope.Value, "device_id");

    private void OnMessage(MqttMessage message)
    {
        if (!Envelope.TryParse(message.Payload, out var envelope, out _) || envelope!.IsCommand)
        {
            return; // our own commands echo back on <home>/#
        }

        var report = new ControllerReport(message.Topic, envelope, Encoding.UTF8.GetString(message.Payload));
        AnswerRepeatedRename(report);
        ReportReceived?.Invoke(report);
        lock (_gate)
        {
            foreach (var (match, done) in _waiters)
            {
                if (match(report))
                {
                    done.TrySetResult(report);
                }
            }
        }
    }
}
