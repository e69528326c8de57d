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
    private readonly ActivationLockout _lockout;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _dynsecGate = new(1, 1);
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
        _lockout = new ActivationLockout(time, options.MaxWrongCodes, options.LockoutDuration);
    }

    /// <summary>Number of times the MQTT connection was established (grows after broker restarts).</summary>
    public int ConnectCount => _connection?.ConnectCount ?? 0;

    /// <summary>Connects the admin/service client to the Discovery broker, subscribes <c>+/activation</c> and starts the sweeper.</summary>
    public async Task StartAsync(MosquittoLoop loop, MqttClientOptions serviceOptions, CancellationToken cancellationToken = default)
    {
        _connection = new ServiceConnection(loop, serviceOptions, [Topics.AllActivations], HandleAsync, _log);
        await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
        _sweeper = Task.Run(SweepLoopAsync);
    }

    /// <summary>Handles a validated <c>POST /activate_device</c>: registry checks, lockout, store, dynsec access.</summary>
    public async Task<RegistrationOutcome> RegisterAsync(ActivateDeviceRequest request, CancellationToken cancellationToken = default)
    {
        // Counted before the code is checked, so parallel guesses cannot all pass while the first are being verified.
        if (!_lockout.TryBeginAttempt(request.DeviceId))
        {
            return new RegistrationOutcome(429, "locked_out");
        }

        var factoryKey = await _registry.GetPublicKeyAsync(request.DeviceId, cancellationToken).ConfigureAwait(false);
        if (factoryKey is null)
        {
            return new RegistrationOutcome(404, "unknown_device");
        }

        if (await _registry.VerifyActivationCodeAsync(request.DeviceId, request.ActivationCode, cancellationToken).ConfigureAwait(false) == false)
        {
            _lockout.RecordFailure(request.DeviceId);
            _log($"discovery: wrong activation code for {request.DeviceId}");
            return new RegistrationOutcome(403, "wrong_activation_code");
        }

        _lockout.Reset(request.DeviceId);
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
        var entry = new DiscoveryEntry(request.DeviceId, request.ActivationCode, value.ToJsonString(), now, now + _options.EntryLifetime, null);
        if (await _store.TryAddAsync(entry, cancellationToken).ConfigureAwait(false) == AddEntryResult.DuplicatePending)
        {
            return new RegistrationOutcome(409, "already_pending");
        }

        try
        {
            await GrantActivationAsync(request.DeviceId, request.ActivationCode).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DynSecException or TimeoutException or InvalidOperationException or ObjectDisposedException or MosquittoException)
        {
            // Atomic registration: without the grant the entry would block a re-add (already_pending) for 15 minutes.
            await _store.RemoveAsync(request.DeviceId, CancellationToken.None).ConfigureAwait(false);
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
                    await _connection.PublishAsync(Topics.Activation(entry.ActivationCode), Messages.ErrorReport(_time, "mqtt_credentials", "expired")).ConfigureAwait(false);
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

    private static string RoleName(string deviceId) => "activation-" + deviceId;

    private async Task GrantActivationAsync(string deviceId, string code)
    {
        if (_connection is null)
        {
            return;
        }

        var topic = Topics.Activation(code);
        await _dynsecGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var admin = _connection.Admin;
            await ManagedBroker.IgnoreMissingAsync(() => admin.DeleteClientAsync(deviceId)).ConfigureAwait(false);
            await ManagedBroker.IgnoreMissingAsync(() => admin.DeleteRoleAsync(RoleName(deviceId))).ConfigureAwait(false);
            await admin.CreateRoleAsync(
                RoleName(deviceId),
                new DynSecAcl("subscribeLiteral", topic),
                new DynSecAcl("publishClientSend", topic),
                new DynSecAcl("publishClientReceive", topic)).ConfigureAwait(false);
            // No password: with use_identity_as_username mosquitto never checks one (see README).
            await admin.CreateClientAsync(deviceId, null, RoleName(deviceId)).ConfigureAwait(false);
        }
        finally
        {
            _dynsecGate.Release();
        }
    }

    private async Task RevokeAsync(string deviceId)
    {
        if (_connection is null)
        {
            return;
        }

        await _dynsecGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var admin = _connection.Admin;
            await ManagedBroker.IgnoreMissingAsync(() => admin.DeleteClientAsync(deviceId)).ConfigureAwait(false);
            await ManagedBroker.IgnoreMissingAsync(() => admin.DeleteRoleAsync(RoleName(deviceId))).ConfigureAwait(false);
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

        if (envelope.Kind != "mqtt_credentials" || envelope.Value.ValueKind != JsonValueKind.String || envelope.Value.GetString() != "GET_BROKER_DATA")
        {
            _log($"discovery: unsupported command {envelope.Kind} on {Redact(levels[0])}/activation");
            await _connection.PublishAsync(message.Topic, Messages.ErrorReport(_time, "mqtt_credentials", "unsupported")).ConfigureAwait(false);
            return;
        }

        var result = await _store.TryHandOverAsync(levels[0]).ConfigureAwait(false);
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
