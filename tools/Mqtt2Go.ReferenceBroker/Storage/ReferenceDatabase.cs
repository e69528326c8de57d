using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mqtt2Go.ReferenceBroker.Storage;

/// <summary>Opens connections to the reference database and creates its schema; the SQL is common to SQLite and PostgreSQL.</summary>
public sealed class ReferenceDatabase
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private bool _schemaReady;

    /// <summary>Creates the database accessor for <paramref name="provider"/> and <paramref name="connectionString"/>.</summary>
    public ReferenceDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        _connectionString = connectionString;
    }

    /// <summary>The engine in use.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>A SQLite database in <paramref name="path"/>, owner read/write only (it holds activation-code hashes and entries).</summary>
    public static ReferenceDatabase ForSqliteFile(string path)
    {
        MakePrivate(path);
        return new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString());
    }

    // Creates the file 0600 before SQLite opens it; SQLite gives its -wal and -shm files the database file's mode, and
    // files an earlier version left 0644 are narrowed.
    private static void MakePrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(path))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            try
            {
                using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = ownerOnly });
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance opening the same fresh database created it between the check and here; its mode is
                // narrowed below like any existing file's.
            }
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file))
            {
                File.SetUnixFileMode(file, ownerOnly);
            }
        }
    }

    /// <summary>A PostgreSQL database reached by an Npgsql connection string.</summary>
    public static ReferenceDatabase ForPostgreSql(string connectionString) => new(DatabaseProvider.PostgreSql, connectionString);

    /// <summary>Picks the provider from a connection string: <c>Host=</c>/<c>Server=</c> or a <c>postgres</c> URI means PostgreSQL, anything else SQLite.</summary>
    public static ReferenceDatabase FromConnectionString(string connectionString)
    {
        var lower = connectionString.TrimStart().ToLowerInvariant();
        var postgres = lower.StartsWith("host=", StringComparison.Ordinal) || lower.StartsWith("server=", StringComparison.Ordinal) || lower.StartsWith("postgres", StringComparison.Ordinal);
        return new ReferenceDatabase(postgres ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite, connectionString);
    }

    /// <summary>Opens a connection, creating the schema on first use.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!_schemaReady)
        {
            await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_schemaReady)
                {
                    await CreateSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
                    _schemaReady = true;
                }
            }
            finally
            {
                _schemaLock.Release();
            }
        }

        return connection;
    }

    /// <summary>Creates a command with named parameters (<c>@name</c> works in both engines).</summary>
    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }

    private DbConnection CreateConnection() => Provider == DatabaseProvider.PostgreSql
        ? new NpgsqlConnection(_connectionString)
        : new SqliteConnection(_connectionString);

    // Every table of the reference database in one place. On PostgreSQL, CREATE TABLE IF NOT EXISTS run by two
    // processes at once can still fail (unique violation in pg_type), so the schema is created under a transaction-scoped
    // advisory lock; several service instances on one server then start in any order.
    private async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the REST server, the MQTT services and the sweeper read while one writes.
            await using var wal = Command(connection, "PRAGMA journal_mode=WAL;");
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        const string schema = """
            CREATE TABLE IF NOT EXISTS manufacturer_devices (
                device_id TEXT PRIMARY KEY,
                factory_certificate TEXT NOT NULL,
                public_key TEXT NOT NULL,
                activation_code_hash TEXT NULL,
                registered_at BIGINT NOT NULL);
            CREATE TABLE IF NOT EXISTS discovery_entries (
                device_id TEXT PRIMARY KEY,
                activation_code TEXT NOT NULL UNIQUE,
                broker_data TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                handed_over_at BIGINT NULL);
            CREATE TABLE IF NOT EXISTS provisioning_devices (
                service TEXT NOT NULL,
                device_id TEXT NOT NULL,
                home_id TEXT NOT NULL,
                gateway_id TEXT NOT NULL,
                pending_code_hash TEXT NULL,
                expires_at BIGINT NOT NULL,
                device_type TEXT NULL,
                device_name TEXT NULL,
                device_topic TEXT NULL,
                group_topic TEXT NULL,
                PRIMARY KEY (service, device_id));
            CREATE TABLE IF NOT EXISTS wifi_handovers (
                service TEXT NOT NULL,
                device_id TEXT NOT NULL,
                handed_at BIGINT NOT NULL,
                PRIMARY KEY (service, device_id));
            CREATE TABLE IF NOT EXISTS activation_attempts (
                service TEXT NOT NULL,
                device_id TEXT NOT NULL,
                home_id TEXT NOT NULL,
                gateway_id TEXT NOT NULL,
                code_hash TEXT NOT NULL,
                request_id TEXT NOT NULL,
                noted_at BIGINT NOT NULL,
                PRIMARY KEY (service, device_id, home_id, gateway_id, code_hash, request_id));
            CREATE TABLE IF NOT EXISTS activation_guesses (
                scope TEXT PRIMARY KEY,
                window_start BIGINT NOT NULL,
                attempts BIGINT NOT NULL);
            """;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            await LockAsync(connection, transaction, SchemaLockKey, cancellationToken).ConfigureAwait(false);
        }

        await using (var command = Command(connection, schema))
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Advisory lock key of the schema creation (PostgreSQL).</summary>
    internal const long SchemaLockKey = 0x4D32_4701;

    /// <summary>Advisory lock key of the guess counters (PostgreSQL): read-count-write is one critical section across processes.</summary>
    internal const long GuessLockKey = 0x4D32_4702;

    /// <summary>Advisory lock key of a Discovery registration (PostgreSQL): check-delete-insert is one critical section, or
    /// under read committed a second registration deletes the first one's committed row and both are "added".</summary>
    internal const long DiscoveryLockKey = 0x4D32_4703;

    /// <summary>On PostgreSQL, takes advisory lock <paramref name="key"/> until <paramref name="transaction"/> ends; on SQLite nothing (a write transaction there is exclusive already).</summary>
    internal static async Task LockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken cancellationToken)
    {
        if (connection is not NpgsqlConnection)
        {
            return;
        }

        await using var command = Command(connection, "SELECT pg_advisory_xact_lock(@key)", ("@key", key));
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
