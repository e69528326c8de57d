using Mqtt2Go.ReferenceBroker.Storage;

namespace Mqtt2Go.ReferenceBroker.Tests.Storage;

/// <summary>
/// <see cref="ReferenceStoreTests"/> on a real PostgreSQL server this class starts (throw-away, loopback, free port,
/// temp directory) and stops by its PID; each test gets a database of its own. Without PostgreSQL installed every test
/// fails with "apt-get install postgresql" (scripts/ensure-deps.sh installs it), it is never skipped.
/// </summary>
[TestClass]
public sealed class PostgreSqlStoreTests : ReferenceStoreTests
{
    private static PostgresServer? _server;

    [ClassInitialize]
    public static async Task StartServer(TestContext context)
    {
        _ = context;
        _server = await PostgresServer.StartAsync(Path.Combine(Path.GetTempPath(), "m2g-pg-" + Guid.NewGuid().ToString("N")[..10]), durable: false, deleteOnStop: true);
    }

    [ClassCleanup]
    public static void StopServer()
    {
        _server?.Dispose();
        _server = null;
    }

    /// <inheritdoc />
    protected override async Task<Func<ReferenceDatabase>> NewDatabaseAsync()
    {
        var server = _server ?? throw new InvalidOperationException("the PostgreSQL server did not start (see the class initialisation error)");
        var connectionString = await server.CreateDatabaseAsync("t_" + Guid.NewGuid().ToString("N"));
        return () => ReferenceDatabase.ForPostgreSql(connectionString);
    }
}
