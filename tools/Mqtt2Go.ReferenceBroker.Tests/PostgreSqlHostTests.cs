using Mqtt2Go.ReferenceBroker.Hosting;
using Mqtt2Go.ReferenceBroker.Storage;
using Npgsql;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>Issue 12 item 3: the whole reference side on a PostgreSQL server of its own (<c>serve --database postgres</c>).</summary>
[TestClass]
public sealed class PostgreSqlHostTests
{
    [TestMethod]
    public Task OwnPostgreSql_OneActivation_IsStoredThereAndSurvivesARestart() => TestEnvironment.RunAsync(async env =>
    {
        Assert.AreEqual(DatabaseProvider.PostgreSql, env.Host.Database.Provider);
        var server = env.Host.Postgres;
        Assert.IsNotNull(server);
        Assert.IsTrue(server.Pid > 0);
        Assert.IsFalse(File.Exists(Path.Combine(env.Host.Options.WorkDir, "reference.db")), "no SQLite file");

        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-pg");
        var (added, topics) = await env.ProvisionAsync(controller, device, "gw1", "living");
        CollectionAssert.AreEqual(new[] { "home1/gw1/living/switch/dev-pg", "home1/gw1/living/switch" }, topics);
        Assert.AreEqual("home1/gw1/living/switch/dev-pg", added.DeviceTopic);

        // The rows are in PostgreSQL, read with the connection string the host wrote for the Identity tool.
        var connectionString = File.ReadAllText(env.Host.PostgresConnectionPath).Trim();
        async Task<long> CountAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        Assert.AreEqual(1L, await CountAsync("SELECT COUNT(*) FROM manufacturer_devices WHERE device_id = 'dev-pg'"));
        Assert.AreEqual(1L, await CountAsync("SELECT COUNT(*) FROM provisioning_devices WHERE device_id = 'dev-pg' AND device_topic IS NOT NULL"));

        // A restart stops the server by its PID and starts it again on the same data directory.
        var firstPid = server.Pid;
        await env.RestartHostAsync();
        Assert.IsNotNull(env.Host.Postgres);
        Assert.AreNotEqual(firstPid, env.Host.Postgres.Pid);
        Assert.IsFalse(File.Exists($"/proc/{firstPid}/cmdline") && File.ReadAllText($"/proc/{firstPid}/cmdline").Contains("postgres", StringComparison.Ordinal), "the first server is gone");
        Assert.IsTrue(await env.Host.Registry.ContainsAsync("dev-pg"), "registry kept across the restart");
    }, options => options.DatabaseConnectionString = ReferenceBrokerHost.OwnPostgreSql);
}
