using System.Data.Common;

namespace Mqtt2Go.ReferenceBroker.Storage;

/// <summary><see cref="IDiscoveryStore"/> on SQLite or PostgreSQL (portable SQL, times as Unix milliseconds).</summary>
public sealed class SqlDiscoveryStore : IDiscoveryStore
{
    private readonly ReferenceDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the store on <paramref name="database"/>; <paramref name="time"/> decides what "now" is.</summary>
    public SqlDiscoveryStore(ReferenceDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <inheritdoc />
    public async Task<AddEntryResult> TryAddAsync(DiscoveryEntry entry, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ReferenceDatabase.LockAsync(connection, transaction, ReferenceDatabase.DiscoveryLockKey, cancellationToken).ConfigureAwait(false);
        await using (var pending = Command(connection, transaction,
            "SELECT COUNT(*) FROM discovery_entries WHERE (device_id = @id OR activation_code = @code) AND handed_over_at IS NULL AND expires_at > @now",
            ("@id", entry.DeviceId), ("@code", entry.ActivationCode), ("@now", now)))
        {
            if (Convert.ToInt64(await pending.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return AddEntryResult.DuplicatePending;
            }
        }

        await using (var delete = Command(connection, transaction,
            "DELETE FROM discovery_entries WHERE device_id = @id OR activation_code = @code", ("@id", entry.DeviceId), ("@code", entry.ActivationCode)))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = Command(connection, transaction,
            "INSERT INTO discovery_entries (device_id, activation_code, broker_data, created_at, expires_at, handed_over_at) VALUES (@id, @code, @data, @created, @expires, NULL)",
            ("@id", entry.DeviceId), ("@code", entry.ActivationCode), ("@data", entry.BrokerData),
            ("@created", entry.CreatedAt.ToUnixTimeMilliseconds()), ("@expires", entry.ExpiresAt.ToUnixTimeMilliseconds())))
        {
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e) when (IsUniqueViolation(e))
            {
                // A concurrent registration won the race (PostgreSQL read committed); same answer as the pre-check.
                return AddEntryResult.DuplicatePending;
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return AddEntryResult.Added;
    }

    /// <inheritdoc />
    public async Task<HandOverResult> TryHandOverAsync(string activationCode, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        int changed;
        await using (var update = Command(connection, null,
            "UPDATE discovery_entries SET handed_over_at = @now WHERE activation_code = @code AND handed_over_at IS NULL AND expires_at > @now",
            ("@now", now), ("@code", activationCode)))
        {
            changed = await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var entry = await FindAsync(connection, "activation_code", activationCode, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return new HandOverResult(HandOverStatus.Unknown, null);
        }

        // Handed over before and not expired: the same data again (the device lost power before its broker checkpoint).
        // The entry is removed once the device reaches its broker (RemoveAsync), so this lasts only until then.
        if (changed == 1)
        {
            return new HandOverResult(HandOverStatus.HandedOver, entry);
        }

        return new HandOverResult(entry.ExpiresAt.ToUnixTimeMilliseconds() > now ? HandOverStatus.HandedOverAgain : HandOverStatus.Expired, entry);
    }

    /// <inheritdoc />
    public async Task<DiscoveryEntry?> RemoveAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var entry = await FindAsync(connection, "device_id", deviceId, cancellationToken).ConfigureAwait(false);
        await using (var delete = Command(connection, null, "DELETE FROM discovery_entries WHERE device_id = @id", ("@id", deviceId)))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return entry;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DiscoveryEntry>> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = new List<DiscoveryEntry>();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Several Discovery instances sweep the same table: the lock makes one of them report (and revoke) each entry.
        await ReferenceDatabase.LockAsync(connection, transaction, ReferenceDatabase.DiscoveryLockKey, cancellationToken).ConfigureAwait(false);
        await using (var select = Command(connection, transaction, SelectColumns + " WHERE expires_at <= @now", ("@now", now)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(Read(reader));
            }
        }

        await using (var delete = Command(connection, transaction, "DELETE FROM discovery_entries WHERE expires_at <= @now", ("@now", now)))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public async Task<DiscoveryEntry?> FindByDeviceAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, "device_id", deviceId, cancellationToken).ConfigureAwait(false);
    }

    private const string SelectColumns = "SELECT device_id, activation_code, broker_data, created_at, expires_at, handed_over_at FROM discovery_entries";

    private static async Task<DiscoveryEntry?> FindAsync(DbConnection connection, string column, string value, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, null, SelectColumns + $" WHERE {column} = @v", ("@v", value));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static DiscoveryEntry Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
        reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = ReferenceDatabase.Command(connection, sql, parameters);
        command.Transaction = transaction;
        return command;
    }

    private static bool IsUniqueViolation(DbException e) =>
        e is Npgsql.PostgresException { SqlState: "23505" } || e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };
}
