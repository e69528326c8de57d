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
    /// <param name="PendingCodeHash"><see cref="Discovery.ActivationCodeHash"/> of the code while a gateway still owes the device its credentials, else null.</param>
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
    public async Task<IReadOnlyList<Row>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var rows = new List<Row>();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = ReferenceDatabase.Command(connection,
            "SELECT device_id, home_id, gateway_id, pending_code_hash, expires_at, device_type, device_name, device_topic, group_topic FROM provisioning_devices WHERE service = @service",
            ("@service", _service));
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

    private Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => _database.OpenAsync(cancellationToken);
}
