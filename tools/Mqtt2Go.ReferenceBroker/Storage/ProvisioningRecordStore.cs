using System.Data.Common;

namespace Mqtt2Go.ReferenceBroker.Storage;

/// <summary>
/// What the cloud and gateway services know of each device they activated (home, gateway, device type, name, topics),
/// in the reference database (table <c>provisioning_devices</c>), so a service killed between <c>activate_device</c> and
/// the topics report picks up where it stopped: the device's next <c>GET_DEVICE_TOPICS</c> is answered (or the controller
/// asked again for the name) instead of <c>unknown_device</c>. The activation code is never stored, only its hash while
/// a gateway still owes the device its credentials.
/// </summary>
public sealed class ProvisioningRecordStore
{
    private readonly ReferenceDatabase _database;
    private readonly string _service;

    /// <summary>Creates the store for one service (<c>cloud</c> or <c>gateway</c>; each has its own rows).</summary>
    public ProvisioningRecordStore(ReferenceDatabase database, string service)
    {
        _database = database;
        _service = service;
    }

    /// <summary>One device's row.</summary>
    /// <param name="DeviceId">The device id.</param>
    /// <param name="HomeId">The home whose controller activated it.</param>
    /// <param name="GatewayId">The gateway level of its topics.</param>
    /// <param name="PendingCodeHash"><see cref="Discovery.ActivationCodeHash"/> of the code while a gateway still owes the device its credentials (cloud: while the device has not yet asked this broker for its topics), else null.</param>
    /// <param name="ExpiresAt">When a gateway activation stops being usable.</param>
    /// <param name="DeviceType">The type the device gave with <c>GET_DEVICE_TOPICS</c>, or null before.</param>
    /// <param name="Name">The name the controller gave, or null before the rename.</param>
    /// <param name="Topics">Device topic and group topic after the rename, or null before.</param>
    public sealed record Row(string DeviceId, string HomeId, string GatewayId, string? PendingCodeHash, DateTimeOffset ExpiresAt, string? DeviceType, string? Name, string[]? Topics);

    /// <summary>Stores (or replaces) a device's row.</summary>
    public async Task SaveAsync(Row row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var upsert = ReferenceDatabase.Command(connection,
            """
            INSERT INTO provisioning_devices (service, device_id, home_id, gateway_id, pending_code_hash, expires_at, device_type, device_name, device_topic, group_topic)
            VALUES (@service, @device, @home, @gateway, @hash, @expires, @type, @name, @topic, @group)
            ON CONFLICT (service, device_id) DO UPDATE SET home_id = excluded.home_id, gateway_id = excluded.gateway_id,
                pending_code_hash = excluded.pending_code_hash, expires_at = excluded.expires_at, device_type = excluded.device_type,
                device_name = excluded.device_name, device_topic = excluded.device_topic, group_topic = excluded.group_topic
            """,
            ("@service", _service), ("@device", row.DeviceId), ("@home", row.HomeId), ("@gateway", row.GatewayId),
            ("@hash", row.PendingCodeHash), ("@expires", row.ExpiresAt.ToUnixTimeMilliseconds()), ("@type", row.DeviceType),
            ("@name", row.Name), ("@topic", row.Topics?[0]), ("@group", row.Topics?[1]));
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every row of this service.</summary>
    public Task<IReadOnlyList<Row>> LoadAsync(CancellationToken cancellationToken = default) => SelectAsync(null, cancellationToken);

    /// <summary>
    /// The row of <paramref name="deviceId"/>, or null. Several instances of a service share the database, so each
    /// message is decided on what the database holds now, not on what this instance saw.
    /// </summary>
    public async Task<Row?> GetAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        var rows = await SelectAsync(deviceId, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<IReadOnlyList<Row>> SelectAsync(string? deviceId, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = deviceId is null
            ? ReferenceDatabase.Command(connection, SelectColumns + " WHERE service = @service", ("@service", _service))
            : ReferenceDatabase.Command(connection, SelectColumns + " WHERE service = @service AND device_id = @device", ("@service", _service), ("@device", deviceId));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var topic = Text(7);
            var group = Text(8);
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), Text(5), Text(6),
                topic is not null && group is not null ? [topic, group] : null));
        }

        return rows;
    }

    private const string SelectColumns =
        "SELECT device_id, home_id, gateway_id, pending_code_hash, expires_at, device_type, device_name, device_topic, group_topic FROM provisioning_devices";

    /// <summary>
    /// Gateway, guest-Wi-Fi variant: records that the device of the current activation got the home network. True the
    /// first time after <see cref="ClearWifiHandedAsync"/> (the add), false ever after, across restarts and across service
    /// instances on one database (one atomic insert decides).
    /// </summary>
    public async Task<bool> TryMarkWifiHandedAsync(string deviceId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = ReferenceDatabase.Command(connection,
            "INSERT INTO wifi_handovers (service, device_id, handed_at) VALUES (@service, @device, @at) ON CONFLICT (service, device_id) DO NOTHING",
            ("@service", _service), ("@device", deviceId), ("@at", at.ToUnixTimeMilliseconds()));
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Forgets that a device got the home network: its controller added it again, so the new activation may ask once.</summary>
    public async Task ClearWifiHandedAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = ReferenceDatabase.Command(connection,
            "DELETE FROM wifi_handovers WHERE service = @service AND device_id = @device", ("@service", _service), ("@device", deviceId));
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Notes that this service, handling request <paramref name="requestId"/> (one handling of one activate_device copy),
    /// is asking Discovery to register <paramref name="deviceId"/> for a home and gateway with the code whose hash is
    /// <paramref name="codeHash"/> (table <c>activation_attempts</c>; the code itself is never stored). Notes older than
    /// a day go at the same time.
    /// </summary>
    public async Task NoteAttemptAsync(string deviceId, string homeId, string gatewayId, string codeHash, string requestId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = ReferenceDatabase.Command(connection,
            "INSERT INTO activation_attempts (service, device_id, home_id, gateway_id, code_hash, request_id, noted_at) VALUES (@service, @device, @home, @gateway, @hash, @request, @at)",
            ("@service", _service), ("@device", deviceId), ("@home", homeId), ("@gateway", gatewayId), ("@hash", codeHash), ("@request", requestId), ("@at", at.ToUnixTimeMilliseconds()));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using var prune = ReferenceDatabase.Command(connection, "DELETE FROM activation_attempts WHERE noted_at < @old",
            ("@old", (at - TimeSpan.FromDays(1)).ToUnixTimeMilliseconds()));
        await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// True when <see cref="NoteAttemptAsync"/> noted this device, home, gateway and code hash for a request other than
    /// <paramref name="requestId"/>, at or after <paramref name="since"/>: another copy of the same activate_device.
    /// </summary>
    public async Task<bool> HasOtherAttemptAsync(string deviceId, string homeId, string gatewayId, string codeHash, string requestId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = ReferenceDatabase.Command(connection,
            """
            SELECT COUNT(*) FROM activation_attempts WHERE service = @service AND device_id = @device AND home_id = @home
                AND gateway_id = @gateway AND code_hash = @hash AND request_id <> @request AND noted_at >= @since
            """,
            ("@service", _service), ("@device", deviceId), ("@home", homeId), ("@gateway", gatewayId), ("@hash", codeHash), ("@request", requestId), ("@since", since.ToUnixTimeMilliseconds()));
        return Convert.ToInt64(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Forgets every noted attempt for <paramref name="deviceId"/> (it has reached its broker).</summary>
    public async Task ClearAttemptsAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = ReferenceDatabase.Command(connection,
            "DELETE FROM activation_attempts WHERE service = @service AND device_id = @device", ("@service", _service), ("@device", deviceId));
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => _database.OpenAsync(cancellationToken);
}
