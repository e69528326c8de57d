using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.Mosquitto.DynSec;
using Mqtt2Go.ReferenceBroker.Mqtt;
using Mqtt2Go.ReferenceBroker.Discovery;
using Mqtt2Go.ReferenceBroker.Gateway;
using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Protocol;
using Mqtt2Go.ReferenceBroker.Storage;

namespace Mqtt2Go.ReferenceBroker.Cloud;

/// <summary>
/// The MQTT2GO logic next to the cloud broker (steps 1–2 and 8–12) or the local gateway (GET_CREDENTIALS branch):
/// activates devices for the controller, issues operational certificates for the factory public key, grants each
/// device exactly its own topics in dynsec, and negotiates the topic structure with the controller.
/// </summary>
public sealed class ProvisioningService : IAsyncDisposable
{
    private readonly ProvisioningMode _mode;
    private readonly ReferencePki _pki;
    private readonly ManufacturerRegistry _registry;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly ConcurrentDictionary<string, DeviceRecord> _devices = new();
    private readonly ConcurrentDictionary<string, string> _pendingByHash = new(); // gateway: code hash -> device id, credentials not yet handed
    private readonly ProvisioningRecordStore _records;
    private readonly SemaphoreSlim _dynsecGate = new(1, 1);
    private GuessLimiter? _guesses;
    private ServiceConnection? _connection;

    /// <summary>Creates the service (not yet connected).</summary>
    public ProvisioningService(ProvisioningMode mode, ReferencePki pki, ManufacturerRegistry registry, TimeProvider time, Action<string> log)
    {
        _mode = mode;
        _pki = pki;
        _registry = registry;
        _time = time;
        _log = log;
        _records = new ProvisioningRecordStore(registry.Database, mode == ProvisioningMode.Cloud ? "cloud" : "gateway");
    }

    /// <summary>The shared-subscription group of every cloud service instance (the cloud broker hands each message to one of them).</summary>
    public const string CloudShareGroup = "mqtt2go-cloud";

    /// <summary>The guess limits (<see cref="DiscoveryOptions.MaxWrongCodes"/> per home, <see cref="DiscoveryOptions.MaxWrongCodesOverall"/>, window).</summary>
    public DiscoveryOptions Limits { get; init; } = new();

    /// <summary>Registers activations at Discovery (cloud mode); null in gateway mode.</summary>
    public DiscoveryRestClient? Discovery { get; set; }

    /// <summary>Called with the device id when a known device first asks this broker for its topics (it has reached its broker).</summary>
    public Func<string, Task>? ReachedBroker { get; set; }

    /// <summary>Host name or IP literal devices use for this broker (sent as broker_ip).</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Port devices use for this broker (sent as broker_port).</summary>
    public int AdvertisedPort { get; set; }

    /// <summary>
    /// Gateway: the home network a device on the guest network gets with GET_WIFI_CREDENTIALS (null = not configured:
    /// the request is answered <c>not_configured</c>). Never logged.
    /// </summary>
    public HomeWifi? HomeWifi { get; init; }

    /// <summary>How long a gateway activation stays usable.</summary>
    public TimeSpan ActivationLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Messages dropped unparsed for their size (larger than <see cref="Envelope.MaxSize"/>).</summary>
    public int OversizeDropped => _connection?.OversizeDropped ?? 0;

    /// <summary>Number of times the MQTT connection was established (grows after broker restarts).</summary>
    public int ConnectCount => _connection?.ConnectCount ?? 0;

    /// <summary>Server-side latencies (ms, arrival to handled) since the last call (<see cref="ServiceConnection.TakeHandledLatencies"/>).</summary>
    public double[] TakeHandledLatencies() => _connection?.TakeHandledLatencies() ?? [];

    /// <summary>Connects to the broker's admin listener, creates the controller accounts and subscribes the service topics.</summary>
    public async Task StartAsync(MosquittoLoop loop, MqttClientOptions serviceOptions, IEnumerable<string> controllerHomes, CancellationToken cancellationToken = default)
    {
        // What an earlier run of this service knew (it may have been killed mid-flow): devices keep their home, type and topics.
        var restored = 0;
        foreach (var row in await _records.LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            _devices[row.DeviceId] = new DeviceRecord(row.DeviceId, row.HomeId, row.GatewayId, null, row.ExpiresAt)
            {
                PendingCodeHash = row.PendingCodeHash,
                DeviceType = row.DeviceType,
                Name = row.Name,
                Topics = row.Topics,
            };
            if (row.PendingCodeHash is not null)
            {
                _pendingByHash[row.PendingCodeHash] = row.DeviceId;
            }

            restored++;
        }

        if (restored > 0)
        {
            _log($"{_mode}: {restored} device record(s) restored from the database");
        }

        string[] subscriptions = _mode == ProvisioningMode.Cloud
            ? [Topics.AllAddDevice, Topics.AllAddDeviceLeadingSlash, Topics.AllDeviceTopics]
            : [Topics.AllAddDevice, Topics.AllAddDeviceLeadingSlash, Topics.AllDeviceTopics, Topics.AllActivations, Topics.AllWifi];
        // Cloud instances share the work (MQTT 5 shared subscription); the gateway is one instance per home (it keeps the
        // pending credentials of its devices in memory).
        _connection = new ServiceConnection(loop, serviceOptions, subscriptions, HandleAsync, _log) { ShareGroup = _mode == ProvisioningMode.Cloud ? CloudShareGroup : null };
        await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var home in controllerHomes)
        {
            await EnsureControllerAsync(home).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the dynsec account of the controller of <paramref name="homeId"/> (CN <c>controller.&lt;home&gt;</c>, role <c>&lt;home&gt;/#</c>).</summary>
    public async Task EnsureControllerAsync(string homeId)
    {
        var user = ServiceIdentities.Controller(homeId);
        var admin = Connection.Admin;
        // The role of the controller account of earlier versions, "controller-<home>" (a name a device id can have). Only
        // the role goes: a device activated with that id has the client of that name, with the role device-<id>.
        await ManagedBroker.IgnoreMissingAsync(() => admin.DeleteRoleAsync(ServiceIdentities.LegacyController(homeId))).ConfigureAwait(false);
        // The home in both spellings: <home>/# and /<home>/# (the standard's step 1 writes /<home_id>/<gw_id>/add_device).
        DynSecAcl[] acls =
        [
            new DynSecAcl("publishClientSend", Topics.Home(homeId)),
            new DynSecAcl("publishClientReceive", Topics.Home(homeId)),
            new DynSecAcl("subscribePattern", Topics.Home(homeId)),
            new DynSecAcl("publishClientSend", Topics.HomeLeadingSlash(homeId)),
            new DynSecAcl("publishClientReceive", Topics.HomeLeadingSlash(homeId)),
            new DynSecAcl("subscribePattern", Topics.HomeLeadingSlash(homeId)),
        ];
        try
        {
            await admin.CreateRoleAsync(user, acls).ConfigureAwait(false);
        }
        catch (DynSecException e) when (e.Error.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            await admin.ModifyRoleAclsAsync(user, acls).ConfigureAwait(false); // a role of an earlier version: <home>/# only
        }

        await ManagedBroker.IgnoreMissingAsync(() => admin.CreateClientAsync(user, null, user)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        Discovery?.Dispose();
    }

    private ServiceConnection Connection => _connection ?? throw new InvalidOperationException("not started");

    private static string LegacyRoleName(string deviceId) => "device-" + deviceId;

    private async Task HandleAsync(MqttMessage message)
    {
        var levels = Topics.Levels(message.Topic);
        if (levels.Length == 3 && levels[2] == "add_device")
        {
            await HandleControllerAsync(levels[0], levels[1], message).ConfigureAwait(false);
        }
        else if (levels.Length == 4 && levels[0].Length == 0 && levels[3] == "add_device")
        {
            await HandleControllerAsync(levels[1], levels[2], message).ConfigureAwait(false); // the standard's /<home>/<gw>/add_device
        }
        else if (levels.Length == 2 && levels[1] == "topics")
        {
            await HandleTopicsAsync(levels[0], message).ConfigureAwait(false);
        }
        else if (levels.Length == 2 && levels[1] == "activation" && _mode == ProvisioningMode.LocalGateway)
        {
            await HandleCredentialsAsync(levels[0], message).ConfigureAwait(false);
        }
        else if (levels.Length == 2 && levels[1] == "wifi" && _mode == ProvisioningMode.LocalGateway)
        {
            await HandleWifiAsync(levels[0], message).ConfigureAwait(false);
        }
    }

    private async Task HandleControllerAsync(string homeId, string gatewayId, MqttMessage message)
    {
        if (!Envelope.TryParse(message.Payload, out var envelope, out var reason))
        {
            _log($"{_mode}: malformed message on {message.Topic}: {reason}");
            // report_name: the command it was meant to be when that much is readable, else the topic's add_device.
            var (kind, deviceId) = Envelope.Peek(message.Payload);
            await ReplyErrorAsync(message.Topic, kind ?? "add_device", reason, deviceId).ConfigureAwait(false);
            return;
        }

        if (!envelope!.IsCommand)
        {
            return; // our own rename_device / error reports
        }

        if (!Identifiers.IsValid(homeId) || !Identifiers.IsValid(gatewayId))
        {
            await ReplyErrorAsync(message.Topic, envelope.Kind, "invalid_topic", null).ConfigureAwait(false);
            return;
        }

        switch (envelope.Kind)
        {
            case "activate_device":
                await ActivateAsync(homeId, gatewayId, message.Topic, envelope.Value).ConfigureAwait(false);
                break;
            case "rename_device":
                await RenameAsync(homeId, gatewayId, message.Topic, envelope.Value).ConfigureAwait(false);
                break;
            default:
                await ReplyErrorAsync(message.Topic, envelope.Kind, "unsupported_command", null).ConfigureAwait(false);
                break;
        }
    }

    private async Task ActivateAsync(string homeId, string gatewayId, string replyTopic, JsonElement value)
    {
        var deviceId = Envelope.GetString(value, "device_id");
        if (!Identifiers.IsValid(deviceId))
        {
            await ReplyErrorAsync(replyTopic, "activate_device", "invalid_device_id", null).ConfigureAwait(false);
            return;
        }

        if (!ActivationCodes.TryNormalize(Envelope.GetString(value, "activation_code"), out var code))
        {
            await ReplyErrorAsync(replyTopic, "activate_device", "invalid_activation_code", deviceId).ConfigureAwait(false);
            return;
        }

        // Guesses are counted per requester (the home whose controller published this) and overall, before any check, and
        // never per device id: someone who knows a device id uses up their own budget and cannot lock the device out.
        var service = _mode == ProvisioningMode.Cloud ? "cloud" : "gateway";
        GuessLimiter.Scope[] scopes = [new(service + ":home:" + homeId, Limits.MaxWrongCodes), new(service + ":overall", Limits.MaxWrongCodesOverall)];
        _guesses ??= new GuessLimiter(_registry.Database, _time, Limits.LockoutDuration);
        var exhausted = await _guesses.TryBeginAsync(scopes).ConfigureAwait(false);
        if (exhausted is not null)
        {
            await ReplyErrorAsync(replyTopic, "activate_device", exhausted == scopes[0].Name ? "locked_out" : "too_many_attempts", deviceId).ConfigureAwait(false);
            return;
        }

        var publicKey = await _registry.GetPublicKeyAsync(deviceId!).ConfigureAwait(false);
        if (publicKey is null)
        {
            await ReplyErrorAsync(replyTopic, "activate_device", "unknown_device", deviceId).ConfigureAwait(false);
            return;
        }

        if (_mode == ProvisioningMode.LocalGateway)
        {
            // The gateway checks the code itself (the cloud leaves it to Discovery).
            if (await _registry.VerifyActivationCodeAsync(deviceId!, code).ConfigureAwait(false) == false)
            {
                await ReplyErrorAsync(replyTopic, "activate_device", "wrong_activation_code", deviceId).ConfigureAwait(false);
                return;
            }

            await _guesses.RefundAsync(scopes).ConfigureAwait(false);
        }

        var record = new DeviceRecord(deviceId!, homeId, gatewayId, code, _time.GetUtcNow() + ActivationLifetime) { ControllerTopic = replyTopic };
        if (_mode == ProvisioningMode.Cloud)
        {
            // Discovery checks the activation code: ask it first, and touch the device's broker access only once it has
            // accepted. A refused request (wrong code, already pending, rate limited) must change nothing, or anyone who
            // knows a device id could cut an operational device off by sending activate_device with a wrong code.
            using var certificate = _pki.IssueOperational(deviceId!, publicKey);
            var body = new JsonObject
            {
                ["device_id"] = deviceId,
                ["activation_code"] = code,
                ["broker_host"] = AdvertisedHost,
                ["broker_port"] = AdvertisedPort,
                ["device_certificate"] = Convert.ToBase64String(certificate.RawData),
                ["ca_certificate"] = Convert.ToBase64String(_pki.Service.Certificate.RawData),
            };
            // Noted before Discovery hears of it, for the instance that gets the controller's repeated activate_device if
            // this one dies after Discovery accepted: that instance then finds Discovery's entry pending (409) and this
            // note of the same home, gateway and code, and completes the grant instead of refusing the device.
            var codeHash = ActivationCodeHash.Of(code);
            var requestId = Guid.NewGuid().ToString("N");
            await _records.NoteAttemptAsync(deviceId!, homeId, gatewayId, codeHash, requestId, _time.GetUtcNow()).ConfigureAwait(false);
            var (status, error) = Discovery is null ? (503, "no_discovery") : await Discovery.ActivateAsync(body).ConfigureAwait(false);
            if (error is not ("wrong_activation_code" or "unknown_device"))
            {
                // Accepted, or refused for a reason that says nothing about the code (already pending, Discovery down, …).
                await _guesses.RefundAsync(scopes).ConfigureAwait(false);
            }

            if (status == 409 && error == "already_pending"
                && await _records.HasOtherAttemptAsync(deviceId!, homeId, gatewayId, codeHash, requestId, _time.GetUtcNow() - ActivationLifetime).ConfigureAwait(false))
            {
                // Discovery verified the code before it answered 409, and this service noted another attempt of this home
                // with this code: the pending entry is this service's own (another copy of this request, maybe handled by
                // an instance that was killed before it granted or answered). Complete it; Discovery keeps the first data.
                _log($"cloud: {deviceId} already pending for {homeId}/{gatewayId} (another copy of this request): completing it");
                status = 201;
            }

            if (status != 201)
            {
                _log($"cloud: discovery refused {deviceId}: {status} {error}");
                await ReplyErrorAsync(replyTopic, "activate_device", error ?? "discovery_failed", deviceId).ConfigureAwait(false);
                return;
            }
        }

        // Accepted (cloud: by Discovery; gateway: the code was verified above): (re)grant the device's access. A device
        // that reaches this broker a moment before the grant is refused its subscription and retries.
        await GrantInitialAsync(record).ConfigureAwait(false);
        // A stale retained topics report from an earlier provisioning must not reach the re-activated device.
        await Connection.PublishAsync(Topics.DeviceTopics(deviceId!), [], retain: true).ConfigureAwait(false);
        if (_mode == ProvisioningMode.LocalGateway)
        {
            // A new add: the device may ask GET_WIFI_CREDENTIALS once more (it was reset, or moved to a new home network).
            await _records.ClearWifiHandedAsync(deviceId!).ConfigureAwait(false);
            record.PendingCodeHash = ActivationCodeHash.Of(code);
            _pendingByHash[record.PendingCodeHash] = deviceId!;
        }

        _devices[deviceId!] = record;
        await SaveAsync(record).ConfigureAwait(false);
        _log($"{_mode}: {deviceId} activated for {homeId}/{gatewayId}");
        await Connection.PublishAsync(replyTopic, Messages.Report(_time, Messages.ReportTypes.CommandResponse, "activate_device",
            new JsonObject { ["device_id"] = deviceId, ["status"] = "pending" })).ConfigureAwait(false);
    }

    private async Task HandleTopicsAsync(string deviceId, MqttMessage message)
    {
        if (!Envelope.TryParse(message.Payload, out var envelope, out var reason))
        {
            if (message.Payload.Length > 0)
            {
                _log($"{_mode}: malformed message on {message.Topic}: {reason}");
                await ReplyErrorAsync(message.Topic, "topics", reason, null).ConfigureAwait(false);
            }

            return;
        }

        if (!envelope!.IsCommand)
        {
            return;
        }

        if (envelope.Kind != "topics" || Envelope.StringOf(envelope.Value) != "GET_DEVICE_TOPICS")
        {
            await ReplyErrorAsync(message.Topic, "topics", "unsupported_command", null).ConfigureAwait(false);
            return;
        }

        var record = await FindRecordAsync(deviceId).ConfigureAwait(false);
        if (record is null)
        {
            await ReplyErrorAsync(message.Topic, "topics", "unknown_device", null).ConfigureAwait(false);
            return;
        }

        if (_mode == ProvisioningMode.Cloud)
        {
            // On its broker: a repeated activate_device is a new add from now on, not the completion of this one.
            await _records.ClearAttemptsAsync(deviceId).ConfigureAwait(false);
        }

        if (ReachedBroker is not null)
        {
            // The device is on this broker with its operational certificate: Discovery may close its entry (no more re-hand-over).
            try
            {
                await ReachedBroker(deviceId).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DynSecException or TimeoutException or InvalidOperationException or ObjectDisposedException or System.Data.Common.DbException)
            {
                _log($"{_mode}: closing the Discovery entry of {deviceId} failed: {e.Message}");
            }
        }

        // Profile decision 7: the device type rides in an extra top-level field; "switch" when absent.
        var deviceType = Envelope.GetString(envelope.Root, "device_type") ?? "switch";
        if (!Identifiers.IsValid(deviceType))
        {
            await ReplyErrorAsync(message.Topic, "topics", "invalid_device_type", null).ConfigureAwait(false);
            return;
        }

        if (record.Topics is not null)
        {
            // Already renamed (e.g. the device was kicked by the ACL change and asks again): answer directly.
            await PublishTopicsAsync(record, retain: false).ConfigureAwait(false);
            return;
        }

        record.DeviceType = deviceType;
        await SaveAsync(record).ConfigureAwait(false);
        var rename = Messages.Report(_time, Messages.ReportTypes.CommandResponse, "rename_device",
            new JsonObject { ["device_type"] = deviceType, ["device_id"] = deviceId });
        foreach (var topic in ControllerTopics(record))
        {
            await Connection.PublishAsync(topic, rename).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Where the controller hears about <paramref name="record"/>: the add_device topic in the spelling its
    /// activate_device came on. A record restored from the database does not know it: then both spellings.
    /// </summary>
    private static string[] ControllerTopics(DeviceRecord record) => record.ControllerTopic is { } topic
        ? [topic]
        : [Topics.AddDevice(record.HomeId, record.GatewayId), Topics.AddDeviceLeadingSlash(record.HomeId, record.GatewayId)];

    private async Task RenameAsync(string homeId, string gatewayId, string replyTopic, JsonElement value)
    {
        var deviceId = Envelope.GetString(value, "device_id");
        var groupId = Envelope.GetString(value, "group_id");
        var name = Envelope.GetString(value, "device_name");
        if (!Identifiers.IsValid(deviceId) || !Identifiers.IsValid(groupId) || string.IsNullOrWhiteSpace(name) || name.Length > 128)
        {
            await ReplyErrorAsync(replyTopic, "rename_device", "invalid_value", Identifiers.IsValid(deviceId) ? deviceId : null).ConfigureAwait(false);
            return;
        }

        var record = await FindRecordAsync(deviceId!).ConfigureAwait(false);
        if (record is null || record.HomeId != homeId || record.GatewayId != gatewayId)
        {
            await ReplyErrorAsync(replyTopic, "rename_device", "unknown_device", deviceId).ConfigureAwait(false);
            return;
        }

        if (record.DeviceType is null)
        {
            await ReplyErrorAsync(replyTopic, "rename_device", "device_not_ready", deviceId).ConfigureAwait(false);
            return;
        }

        var deviceTopic = Topics.Device(homeId, gatewayId, groupId!, record.DeviceType, deviceId!);
        var groupTopic = Topics.Group(homeId, gatewayId, groupId!, record.DeviceType);
        record.Name = name;
        if (record.Topics is null || record.Topics[0] != deviceTopic)
        {
            // The grant change applies live (the device stays connected); the topics report below is retained anyway:
            // a rebooted device gets it again when it re-subscribes <device_id>/topics.
            // One setGrants (one journal line in the mqtt2go_grants plugin, whatever the number of devices): the
            // activation grants plus the device topic (subscribe + publish) and the group topic (subscribe only).
            var acls = InitialAcls(record);
            acls.Add(new DynSecAcl("subscribeLiteral", deviceTopic));
            acls.Add(new DynSecAcl("publishClientSend", deviceTopic));
            acls.Add(new DynSecAcl("subscribeLiteral", groupTopic));
            await Connection.Grants.SetAsync(deviceId!, acls.ToArray()).ConfigureAwait(false);

            record.Topics = [deviceTopic, groupTopic];
        }

        await SaveAsync(record).ConfigureAwait(false);

        _log($"{_mode}: {deviceId} renamed, topics {deviceTopic} + {groupTopic}");
        await PublishTopicsAsync(record, retain: true).ConfigureAwait(false);
    }

    private async Task HandleCredentialsAsync(string code, MqttMessage message)
    {
        if (!Envelope.TryParse(message.Payload, out var envelope, out var reason))
        {
            _log($"gateway: malformed message on activation topic: {reason}");
            await Connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, "mqtt_credentials", "malformed")).ConfigureAwait(false);
            return;
        }

        if (!envelope!.IsCommand)
        {
            return;
        }

        if (envelope.Kind != "mqtt_credentials" || Envelope.StringOf(envelope.Value) != "GET_CREDENTIALS")
        {
            await Connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, "mqtt_credentials", "unsupported")).ConfigureAwait(false);
            return;
        }

        var hash = ActivationCodeHash.Of(code);
        if (!_pendingByHash.TryRemove(hash, out var deviceId) || !_devices.TryGetValue(deviceId, out var record) || record.PendingCodeHash != hash)
        {
            await Connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, "mqtt_credentials", "already_used")).ConfigureAwait(false);
            return;
        }

        if (_time.GetUtcNow() > record.ExpiresAt)
        {
            await Connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, "mqtt_credentials", "expired")).ConfigureAwait(false);
            return;
        }

        var publicKey = await _registry.GetPublicKeyAsync(deviceId).ConfigureAwait(false);
        if (publicKey is null)
        {
            await Connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, "mqtt_credentials", "unknown")).ConfigureAwait(false);
            return;
        }

        record.PendingCodeHash = null;
        await SaveAsync(record).ConfigureAwait(false);
        using var certificate = _pki.IssueOperational(deviceId, publicKey);
        // 1.1 local branch: the value is the base64 DER certificate string; this broker's address is implied.
        await Connection.PublishAsync(message.Topic, Messages.Report(_time, Messages.ReportTypes.CommandResponse, "mqtt_credentials",
            JsonValue.Create(Convert.ToBase64String(certificate.RawData)))).ConfigureAwait(false);
        _log($"gateway: credentials handed to {deviceId}");
    }

    // MQTT2GO 1.1 guest-Wi-Fi variant: a device the controller added joins the gateway's guest network (passphrase = its
    // activation code), connects here with its factory certificate and asks GET_WIFI_CREDENTIALS on <code>/wifi. Only that
    // device reaches the topic (dynsec grants it to the client named by its certificate CN), only while its activation is
    // pending, and it is answered once.
    private async Task HandleWifiAsync(string code, MqttMessage message)
    {
        if (!Envelope.TryParse(message.Payload, out var envelope, out var reason))
        {
            _log($"gateway: malformed message on a wifi topic: {reason}");
            await Connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, "wifi_credentials", "malformed")).ConfigureAwait(false);
            return;
        }

        if (!envelope!.IsCommand)
        {
            return; // our own reports
        }

        if (envelope.Kind is not ("wifi_credentials" or "mqtt_credentials") || Envelope.StringOf(envelope.Value) != "GET_WIFI_CREDENTIALS")
        {
            await Connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, "wifi_credentials", "unsupported")).ConfigureAwait(false);
            return;
        }

        var hash = ActivationCodeHash.Of(code);
        if (!_pendingByHash.TryGetValue(hash, out var deviceId) || !_devices.TryGetValue(deviceId, out var record) || record.PendingCodeHash != hash)
        {
            await Connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, envelope.Kind, "unknown")).ConfigureAwait(false);
            return;
        }

        if (_time.GetUtcNow() > record.ExpiresAt)
        {
            await Connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, envelope.Kind, "expired")).ConfigureAwait(false);
            return;
        }

        if (HomeWifi is null)
        {
            await Connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, envelope.Kind, "not_configured")).ConfigureAwait(false);
            return;
        }

        // Once per add, in the database: a restart (or a second instance) does not answer again; a re-add does.
        if (!await _records.TryMarkWifiHandedAsync(deviceId, _time.GetUtcNow()).ConfigureAwait(false))
        {
            await Connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, envelope.Kind, "already_used")).ConfigureAwait(false);
            return;
        }

        await Connection.PublishAsync(message.Topic, Messages.Report(_time, Messages.ReportTypes.CommandResponse, envelope.Kind,
            new JsonObject { ["ssid"] = HomeWifi.Ssid, ["password"] = HomeWifi.Passphrase })).ConfigureAwait(false);
        _log($"gateway: home Wi-Fi credentials handed to {deviceId}"); // never the passphrase
    }

    private async Task PublishTopicsAsync(DeviceRecord record, bool retain)
    {
        var array = new JsonArray(record.Topics!.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        await Connection.PublishAsync(Topics.DeviceTopics(record.DeviceId), Messages.Report(_time, Messages.ReportTypes.CommandResponse, "topics", array), retain).ConfigureAwait(false);
    }

    // setGrants replaces whatever the device held (a re-add starts from its activation grants again).
    private async Task GrantInitialAsync(DeviceRecord record)
    {
        await Connection.Grants.SetAsync(record.DeviceId, InitialAcls(record).ToArray()).ConfigureAwait(false);
        await DeleteLegacyAccountAsync(record.DeviceId).ConfigureAwait(false);
    }

    // What a device may do before it has topics: <device_id>/topics both ways (and, on a gateway, its activation topic).
    private List<DynSecAcl> InitialAcls(DeviceRecord record)
    {
        var topicsTopic = Topics.DeviceTopics(record.DeviceId);
        var acls = new List<DynSecAcl>
        {
            new("subscribeLiteral", topicsTopic),
            new("publishClientSend", topicsTopic),
            new("publishClientReceive", topicsTopic),
        };
        if (_mode == ProvisioningMode.LocalGateway && record.ActivationCode is not null)
        {
            // (A record restored after a restart has no code: its activation ACLs stay as dynsec holds them until the rename.)
            var activation = Topics.Activation(record.ActivationCode);
            acls.Add(new DynSecAcl("subscribeLiteral", activation));
            acls.Add(new DynSecAcl("publishClientSend", activation));
            acls.Add(new DynSecAcl("publishClientReceive", activation));
            var wifi = Topics.Wifi(record.ActivationCode);
            acls.Add(new DynSecAcl("subscribeLiteral", wifi));
            acls.Add(new DynSecAcl("publishClientSend", wifi));
            acls.Add(new DynSecAcl("publishClientReceive", wifi));
        }

        return acls;
    }

    // The dynsec client and role that versions before the grants plugin made for a device (dormant while the plugin holds
    // grants for it, in force again if those were deleted). Deleting what does not exist writes nothing.
    private async Task DeleteLegacyAccountAsync(string deviceId)
    {
        await _dynsecGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var admin = Connection.Admin;
            await ManagedBroker.IgnoreMissingAsync(() => admin.DeleteClientAsync(deviceId)).ConfigureAwait(false);
            await ManagedBroker.IgnoreMissingAsync(() => admin.DeleteRoleAsync(LegacyRoleName(deviceId))).ConfigureAwait(false);
        }
        finally
        {
            _dynsecGate.Release();
        }
    }

    // The device's record as the database holds it now (another instance may have activated or renamed the device since
    // this one last saw it), with what only memory holds (the code, the controller's topic spelling) when this instance
    // made the same activation; null when the database knows no such device.
    private async Task<DeviceRecord?> FindRecordAsync(string deviceId)
    {
        var row = await _records.GetAsync(deviceId).ConfigureAwait(false);
        if (row is null)
        {
            _devices.TryRemove(deviceId, out _);
            return null;
        }

        _devices.TryGetValue(deviceId, out var known);
        var same = known is not null && known.HomeId == row.HomeId && known.GatewayId == row.GatewayId
            && known.ExpiresAt.ToUnixTimeMilliseconds() == row.ExpiresAt.ToUnixTimeMilliseconds(); // stored in ms
        var record = new DeviceRecord(row.DeviceId, row.HomeId, row.GatewayId, same ? known!.ActivationCode : null, row.ExpiresAt)
        {
            ControllerTopic = same ? known!.ControllerTopic : null,
            PendingCodeHash = row.PendingCodeHash,
            DeviceType = row.DeviceType,
            Name = row.Name,
            Topics = row.Topics,
        };
        _devices[deviceId] = record;
        return record;
    }

    private Task SaveAsync(DeviceRecord record) => _records.SaveAsync(new ProvisioningRecordStore.Row(
        record.DeviceId, record.HomeId, record.GatewayId, record.PendingCodeHash, record.ExpiresAt, record.DeviceType, record.Name, record.Topics));

    private Task<int> ReplyErrorAsync(string topic, string reportName, string reason, string? deviceId)
    {
        var value = new JsonObject { ["reason"] = reason };
        if (deviceId is not null)
        {
            value["device_id"] = deviceId;
        }

        return Connection.PublishAsync(topic, Messages.Report(_time, Messages.ReportTypes.Error, reportName, value));
    }

    private sealed class DeviceRecord(string deviceId, string homeId, string gatewayId, string? activationCode, DateTimeOffset expiresAt)
    {
        public string DeviceId { get; } = deviceId;

        public string HomeId { get; } = homeId;

        public string GatewayId { get; } = gatewayId;

        /// <summary>The code, in memory only; null for a record restored from the database.</summary>
        public string? ActivationCode { get; } = activationCode;

        /// <summary>Gateway: hash of the code while the credentials are not yet handed over.</summary>
        public string? PendingCodeHash { get; set; }

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public string? DeviceType { get; set; }

        /// <summary>The add_device topic (either spelling) of the activate_device; in memory only, null when restored.</summary>
        public string? ControllerTopic { get; init; }

        public string? Name { get; set; }

        public string[]? Topics { get; set; }
    }
}
