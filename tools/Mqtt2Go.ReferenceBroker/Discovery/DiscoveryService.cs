using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.Mosquitto.DynSec;
using Mqtt2Go.ReferenceBroker.Mqtt;
using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Protocol;
using Mqtt2Go.ReferenceBroker.Storage;

namespace Mqtt2Go.ReferenceBroker.Discovery;

/// <summary>
/// The Discovery server's logic: registers pending devices (REST step 2) and grants their activation topic on the
/// Discovery broker, answers GET_BROKER_DATA once (steps 6–7), and expires entries after 15 minutes (step 7e).
/// </summary>
public sealed class DiscoveryService : IAsyncDisposable
{
    private readonly IDiscoveryStore _store;
    private readonly ManufacturerRegistry _registry;
    private readonly TimeProvider _time;
    private readonly DiscoveryOptions _options;
    private readonly Action<string> _log;
    private readonly GuessLimiter _guesses;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _dynsecGate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _pendingCodes = new(StringComparer.Ordinal);
    private ServiceConnection? _connection;
    private Task? _sweeper;

    /// <summary>Creates the service; call <see cref="StartAsync"/> to connect it to the Discovery broker.</summary>
    public DiscoveryService(IDiscoveryStore store, ManufacturerRegistry registry, TimeProvider time, DiscoveryOptions options, Action<string> log)
    {
        _store = store;
        _registry = registry;
        _time = time;
        _options = options;
        _log = log;
        _guesses = new GuessLimiter(registry.Database, time, options.LockoutDuration);
    }

    /// <summary>
    /// The shared-subscription group of every Discovery service instance: the Discovery broker hands each GET_BROKER_DATA
    /// to one of them (docs: tools/Mqtt2Go.ReferenceBroker/README.md "Several service instances").
    /// </summary>
    public const string ShareGroup = "mqtt2go-discovery";

    /// <summary>Number of times the MQTT connection was established (grows after broker restarts).</summary>
    public int ConnectCount => _connection?.ConnectCount ?? 0;

    /// <summary>Server-side latencies (ms, arrival to handled) since the last call (<see cref="ServiceConnection.TakeHandledLatencies"/>).</summary>
    public double[] TakeHandledLatencies() => _connection?.TakeHandledLatencies() ?? [];

    /// <summary>Connects the admin/service client to the Discovery broker, subscribes <c>+/activation</c> and starts the sweeper.</summary>
    public async Task StartAsync(MosquittoLoop loop, MqttClientOptions serviceOptions, CancellationToken cancellationToken = default)
    {
        _connection = new ServiceConnection(loop, serviceOptions, [Topics.AllActivations], HandleAsync, _log) { ShareGroup = ShareGroup };
        await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
        _sweeper = Task.Run(SweepLoopAsync);
    }

    /// <summary>Handles a validated <c>POST /activate_device</c> from an unnamed requester (tests, tools).</summary>
    public Task<RegistrationOutcome> RegisterAsync(ActivateDeviceRequest request, CancellationToken cancellationToken = default) =>
        RegisterAsync(request, "local", cancellationToken);

    /// <summary>Handles a validated <c>POST /activate_device</c>: guess limits, registry checks, store, dynsec access.</summary>
    /// <param name="request">The validated body.</param>
    /// <param name="requester">Who sent it (the REST client certificate's thumbprint): its guesses are counted, not the device's.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<RegistrationOutcome> RegisterAsync(ActivateDeviceRequest request, string requester, CancellationToken cancellationToken = default)
    {
        // Counted before the code is checked, so parallel guesses cannot all pass while the first are being verified;
        // per requester and overall, never per device id (that would let anyone lock a device out for its owner).
        GuessLimiter.Scope[] scopes =
        [
            new("discovery:client:" + requester, _options.MaxWrongCodesPerClient),
            new("discovery:overall", _options.MaxWrongCodesOverall),
        ];
        var exhausted = await _guesses.TryBeginAsync(scopes, cancellationToken).ConfigureAwait(false);
        if (exhausted is not null)
        {
            return new RegistrationOutcome(429, exhausted == scopes[0].Name ? "locked_out" : "too_many_attempts");
        }

        var factoryKey = await _registry.GetPublicKeyAsync(request.DeviceId, cancellationToken).ConfigureAwait(false);
        if (factoryKey is null)
        {
            return new RegistrationOutcome(404, "unknown_device");
        }

        if (await _registry.VerifyActivationCodeAsync(request.DeviceId, request.ActivationCode, cancellationToken).ConfigureAwait(false) == false)
        {
            _log($"discovery: wrong activation code for {request.DeviceId}");
            return new RegistrationOutcome(403, "wrong_activation_code");
        }

        await _guesses.RefundAsync(scopes, cancellationToken).ConfigureAwait(false);
        using (var certificate = X509CertificateLoader.LoadCertificate(request.DeviceCertificate))
        {
            // No device_key travels in this profile, so the certificate must be for the device's factory key.
            if (!certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(factoryKey))
            {
                return new RegistrationOutcome(400, "certificate_key_mismatch");
            }
        }

        var value = new JsonObject
        {
            ["broker_ip"] = request.BrokerHost,
            ["broker_port"] = request.BrokerPort,
            ["device_certificate"] = Convert.ToBase64String(request.DeviceCertificate),
        };
        if (request.CaCertificate is not null)
        {
            value["ca_certificate"] = Convert.ToBase64String(request.CaCertificate);
        }

        if (request.Login is not null)
        {
            value["login"] = request.Login;
        }

        if (request.Password is not null)
        {
            value["password"] = request.Password;
        }

        var now = _time.GetUtcNow();
        // The store keeps a hash of the code, never the code (issue 10 item 8); the code itself lives only in this process
        // (for the expiry report) and in the dynsec ACL of the activation topic while the entry is pending.
        var entry = new DiscoveryEntry(request.DeviceId, ActivationCodeHash.Of(request.ActivationCode), value.ToJsonString(), now, now + _options.EntryLifetime, null);
        if (await _store.TryAddAsync(entry, cancellationToken).ConfigureAwait(false) == AddEntryResult.DuplicatePending)
        {
            // The pending entry may be this very registration, made by an instance killed between storing it and granting
            // its activation topic: with the same code (verified above), grant it again (setGrants is idempotent), or the
            // device could not fetch its data until the entry expired. The answer stays 409; the cloud knows its own.
            var existing = await _store.FindByDeviceAsync(request.DeviceId, cancellationToken).ConfigureAwait(false);
            if (existing is { HandedOverAt: null } && existing.ActivationCode == entry.ActivationCode)
            {
                try
                {
                    await GrantActivationAsync(request.DeviceId, request.ActivationCode).ConfigureAwait(false);
                }
                catch (Exception e) when (e is DynSecException or TimeoutException or InvalidOperationException or ObjectDisposedException or MosquittoException)
                {
                    _log($"discovery: granting {request.DeviceId} again failed: {e.GetType().Name}");
                }
            }

            return new RegistrationOutcome(409, "already_pending");
        }

        _pendingCodes[request.DeviceId] = request.ActivationCode;
        try
        {
            await GrantActivationAsync(request.DeviceId, request.ActivationCode).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DynSecException or TimeoutException or InvalidOperationException or ObjectDisposedException or MosquittoException)
        {
            // Atomic registration: without the grant the entry would block a re-add (already_pending) for 15 minutes.
            await _store.RemoveAsync(request.DeviceId, CancellationToken.None).ConfigureAwait(false);
            _pendingCodes.TryRemove(request.DeviceId, out _);
            try
            {
                await RevokeAsync(request.DeviceId).ConfigureAwait(false); // a half-made grant (role without client); the re-add redoes it anyway
            }
            catch (Exception revoke) when (revoke is DynSecException or TimeoutException or InvalidOperationException or ObjectDisposedException or MosquittoException)
            {
                _log($"discovery: cleaning up {request.DeviceId} failed: {revoke.GetType().Name}");
            }

            _log($"discovery: granting {request.DeviceId} failed, registration rolled back: {e.GetType().Name}");
            return new RegistrationOutcome(503, "discovery_broker_unavailable");
        }

        _log($"discovery: {request.DeviceId} pending until {entry.ExpiresAt:O}");
        return new RegistrationOutcome(201, null, entry.ExpiresAt);
    }

    /// <summary>Runs one expiry sweep now (the background sweeper calls this every <see cref="DiscoveryOptions.SweepInterval"/>).</summary>
    public async Task SweepAsync()
    {
        var expired = await _store.RemoveExpiredAsync().ConfigureAwait(false);
        foreach (var entry in expired)
        {
            _log($"discovery: {entry.DeviceId} expired");
            if (_connection is not null)
            {
                if (entry.HandedOverAt is null)
                {
                    // Published whether or not the device is connected: without a subscriber the broker drops it (step 7e).
                    var code = await FindPendingCodeAsync(entry).ConfigureAwait(false);
                    if (code is not null)
                    {
                        await _connection.PublishAsync(Topics.Activation(code), Messages.ErrorReport(_time, "mqtt_credentials", "expired")).ConfigureAwait(false);
                    }
                }
                else
                {
                    _pendingCodes.TryRemove(entry.DeviceId, out _);
                }

                await RevokeAsync(entry.DeviceId).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The device reached its broker with the handed-over data (the cloud service saw its GET_DEVICE_TOPICS): its entry is
    /// deleted and its Discovery access revoked, so the broker data is never handed out again.
    /// </summary>
    public async Task CompleteAsync(string deviceId)
    {
        var entry = await _store.RemoveAsync(deviceId).ConfigureAwait(false);
        if (entry is null)
        {
            return;
        }

        _pendingCodes.TryRemove(deviceId, out _);
        await RevokeAsync(deviceId).ConfigureAwait(false);
        _log($"discovery: {deviceId} reached its broker, entry closed");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_sweeper is not null)
        {
            await _sweeper.ConfigureAwait(false);
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private static string LegacyRoleName(string deviceId) => "activation-" + deviceId;

    // The code of a pending entry: remembered at registration, or (after a restart) read back from the topic of the
    // device's activation role on the Discovery broker; null when neither has it.
    private async Task<string?> FindPendingCodeAsync(DiscoveryEntry entry)
    {
        if (_pendingCodes.TryRemove(entry.DeviceId, out var code) && ActivationCodeHash.Of(code) == entry.ActivationCode)
        {
            return code;
        }

        try
        {
            // The grants plugin first; a device granted by a version before it has the topic in its dynsec role.
            var grants = await _connection!.Grants.GetAsync(entry.DeviceId).ConfigureAwait(false);
            var topics = grants?.Select(g => g.Topic).ToList() ?? [];
            if (grants is null)
            {
                var response = await _connection.Admin.ExecuteAsync(new JsonObject { ["command"] = "getRole", ["rolename"] = LegacyRoleName(entry.DeviceId) }).ConfigureAwait(false);
                topics.AddRange((response["data"]?["role"]?["acls"]?.AsArray() ?? []).Select(acl => acl?["topic"]?.GetValue<string>() ?? ""));
            }

            foreach (var topic in topics)
            {
                var levels = Topics.Levels(topic);
                if (levels.Length == 2 && levels[1] == "activation" && ActivationCodeHash.Of(levels[0]) == entry.ActivationCode)
                {
                    return levels[0];
                }
            }
        }
        catch (Exception e) when (e is DynSecException or TimeoutException or InvalidOperationException or FormatException)
        {
            _log($"discovery: activation topic of {entry.DeviceId} not found: {e.Message}");
        }

        return null;
    }

    private async Task GrantActivationAsync(string deviceId, string code)
    {
        if (_connection is null)
        {
            return;
        }

        var topic = Topics.Activation(code);
        // One setGrants in the mqtt2go_grants plugin (one journal line, whatever the number of devices).
        await _connection.Grants.SetAsync(
            deviceId,
            new DynSecAcl("subscribeLiteral", topic),
            new DynSecAcl("publishClientSend", topic),
            new DynSecAcl("publishClientReceive", topic)).ConfigureAwait(false);
        await DeleteLegacyAccountAsync(deviceId).ConfigureAwait(false);
    }

    private async Task RevokeAsync(string deviceId)
    {
        if (_connection is null)
        {
            return;
        }

        await _connection.Grants.DeleteAsync(deviceId).ConfigureAwait(false);
        await DeleteLegacyAccountAsync(deviceId).ConfigureAwait(false);
    }

    // The dynsec client and role that versions before the grants plugin made for a device (dormant while the plugin holds
    // grants for it, in force again once those are deleted). Deleting what does not exist writes nothing.
    private async Task DeleteLegacyAccountAsync(string deviceId)
    {
        await _dynsecGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var admin = _connection!.Admin;
            await ManagedBroker.IgnoreMissingAsync(() => admin.DeleteClientAsync(deviceId)).ConfigureAwait(false);
            await ManagedBroker.IgnoreMissingAsync(() => admin.DeleteRoleAsync(LegacyRoleName(deviceId))).ConfigureAwait(false);
        }
        finally
        {
            _dynsecGate.Release();
        }
    }

    private async Task HandleAsync(MqttMessage message)
    {
        var levels = Topics.Levels(message.Topic);
        if (levels.Length != 2 || levels[1] != "activation" || _connection is null)
        {
            return;
        }

        if (!Envelope.TryParse(message.Payload, out var envelope, out var reason))
        {
            _log($"discovery: malformed message on {Redact(levels[0])}/activation: {reason}");
            await _connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, "mqtt_credentials", "malformed")).ConfigureAwait(false);
            return;
        }

        if (!envelope!.IsCommand)
        {
            return; // our own reports (MQTT2GO profile: the same topic carries both directions)
        }

        if (envelope.Kind != "mqtt_credentials" || Envelope.StringOf(envelope.Value) != "GET_BROKER_DATA")
        {
            _log($"discovery: unsupported command {envelope.Kind} on {Redact(levels[0])}/activation");
            await _connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, "mqtt_credentials", "unsupported")).ConfigureAwait(false);
            return;
        }

        var result = await _store.TryHandOverAsync(ActivationCodeHash.Of(levels[0])).ConfigureAwait(false);
        if (result.Status is not (HandOverStatus.HandedOver or HandOverStatus.HandedOverAgain))
        {
            var text = result.Status switch { HandOverStatus.AlreadyUsed => "already_used", HandOverStatus.Expired => "expired", _ => "unknown" };
            _log($"discovery: GET_BROKER_DATA for {Redact(levels[0])}: {text}");
            await _connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, "mqtt_credentials", text)).ConfigureAwait(false);
            return;
        }

        // The access stays until the device reaches its broker (CompleteAsync) or the entry expires (SweepAsync): a device
        // that loses power before its broker checkpoint asks again and gets the same data, no new activation needed.
        var value = JsonNode.Parse(result.Entry!.BrokerData);
        await _connection.PublishAsync(message.Topic, Messages.Report(_time, Messages.ReportTypes.CommandResponse, "mqtt_credentials", value)).ConfigureAwait(false);
        _pendingCodes.TryRemove(result.Entry.DeviceId, out _);
        _log(result.Status == HandOverStatus.HandedOver
            ? $"discovery: broker data handed to {result.Entry.DeviceId}"
            : $"discovery: broker data handed again to {result.Entry.DeviceId} (not on its broker yet)");
    }

    private async Task SweepLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.SweepInterval, _stop.Token).ConfigureAwait(false);
                await SweepAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is DynSecException or TimeoutException or InvalidOperationException or System.Data.Common.DbException)
            {
                _log($"discovery: sweep failed: {e.Message}");
            }
        }
    }

    // Activation codes are secrets: logs show a short prefix only (style rule 13).
    private static string Redact(string code) => code.Length > 4 ? code[..4] + "…" : code;
}
