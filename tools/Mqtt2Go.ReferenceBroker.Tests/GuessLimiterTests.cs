using Mqtt2Go.ReferenceBroker.Storage;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>Issue 10 item 6: the guess counters on a real SQLite file.</summary>
[TestClass]
public sealed class GuessLimiterTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), "m2g-guess-" + Guid.NewGuid().ToString("N")[..10], "reference.db");

    [TestMethod]
    public async Task ParallelGuesses_BeforeAnyResult_OnlyTheLimitIsAllowed()
    {
        var path = NewDatabasePath();
        try
        {
            var limiter = new GuessLimiter(ReferenceDatabase.ForSqliteFile(path), new FakeTimeProvider(), Window);
            GuessLimiter.Scope[] scopes = [new("home:a", 5), new("overall", 100)];
            var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => limiter.TryBeginAsync(scopes)));
            Assert.AreEqual(5, results.Count(r => r is null));
            Assert.IsTrue(results.Where(r => r is not null).All(r => r == "home:a"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, true);
        }
    }

    [TestMethod]
    public async Task Counters_SurviveARestart_AndExpireWithTheirWindow()
    {
        var path = NewDatabasePath();
        var time = new FakeTimeProvider();
        try
        {
            GuessLimiter.Scope[] scopes = [new("home:a", 3), new("overall", 100)];
            var first = new GuessLimiter(ReferenceDatabase.ForSqliteFile(path), time, Window);
            for (var i = 0; i < 3; i++)
            {
                Assert.IsNull(await first.TryBeginAsync(scopes));
            }

            // A new process on the same database file: still used up.
            var second = new GuessLimiter(ReferenceDatabase.ForSqliteFile(path), time, Window);
            Assert.AreEqual("home:a", await second.TryBeginAsync(scopes));
            time.Advance(Window);
            Assert.IsNull(await second.TryBeginAsync(scopes), "a new window");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, true);
        }
    }

    [TestMethod]
    public async Task OverallLimit_StopsManyRequesters_AndARefundGivesTheAttemptBack()
    {
        var path = NewDatabasePath();
        try
        {
            var limiter = new GuessLimiter(ReferenceDatabase.ForSqliteFile(path), new FakeTimeProvider(), Window);
            GuessLimiter.Scope Home(string id) => new("home:" + id, 5);
            var overall = new GuessLimiter.Scope("overall", 3);
            Assert.IsNull(await limiter.TryBeginAsync([Home("a"), overall]));
            Assert.IsNull(await limiter.TryBeginAsync([Home("b"), overall]));
            Assert.IsNull(await limiter.TryBeginAsync([Home("c"), overall]));
            Assert.AreEqual("overall", await limiter.TryBeginAsync([Home("d"), overall]), "a fourth requester hits the overall limit");

            // A right code is no guess: refunded in every scope, the next requester gets through, and the refused attempt
            // of d counted nowhere.
            await limiter.RefundAsync([Home("c"), overall]);
            Assert.IsNull(await limiter.TryBeginAsync([Home("d"), overall]));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, true);
        }
    }
}
