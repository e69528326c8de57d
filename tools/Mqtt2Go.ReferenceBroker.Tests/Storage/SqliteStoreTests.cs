using Mqtt2Go.ReferenceBroker.Storage;

namespace Mqtt2Go.ReferenceBroker.Tests.Storage;

/// <summary><see cref="ReferenceStoreTests"/> on a SQLite file per test.</summary>
[TestClass]
public sealed class SqliteStoreTests : ReferenceStoreTests
{
    private readonly List<string> _directories = [];

    [TestCleanup]
    public void RemoveFiles()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var directory in _directories)
        {
            Directory.Delete(directory, true);
        }
    }

    /// <inheritdoc />
    protected override Task<Func<ReferenceDatabase>> NewDatabaseAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "m2g-store-" + Guid.NewGuid().ToString("N")[..10]);
        _directories.Add(directory);
        var path = Path.Combine(directory, "reference.db");
        return Task.FromResult<Func<ReferenceDatabase>>(() => ReferenceDatabase.ForSqliteFile(path));
    }
}
