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

    [TestMethod]
    public void ForSqliteFile_ManyOpenersOfAMissingFileAtOnce_AllSucceedAndTheFileIsOwnerOnly()
    {
        // Instances starting together all see the file missing; only one creates it, none may fail.
        for (var round = 0; round < 300; round++)
        {
            var directory = Path.Combine(Path.GetTempPath(), "m2g-store-" + Guid.NewGuid().ToString("N")[..10]);
            _directories.Add(directory);
            var path = Path.Combine(directory, "reference.db");
            using var start = new Barrier(8);
            var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
            var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    ReferenceDatabase.ForSqliteFile(path);
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.IsEmpty(failures, string.Join("; ", failures.Select(f => f.Message)));
            if (!OperatingSystem.IsWindows())
            {
                Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
    }
}
