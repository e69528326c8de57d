using Mqtt2Go.ReferenceBroker.Discovery;

namespace Mqtt2Go.ReferenceBroker.Tests;

[TestClass]
public sealed class ActivationLockoutTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    [TestMethod]
    public void ParallelGuesses_BeforeAnyResult_OnlyTheLimitIsAllowed()
    {
        var lockout = new ActivationLockout(new FakeTimeProvider(), 5, Window);

        // Ten requests arrive before any has been verified: only five may go on to check their code.
        var allowed = Enumerable.Range(0, 10).Count(_ => lockout.TryBeginAttempt("dev-1"));

        Assert.AreEqual(5, allowed);
    }

    [TestMethod]
    public void FifthWrongCodeLateInTheWindow_LocksForTheFullDurationFromThatFailure()
    {
        var time = new FakeTimeProvider();
        var lockout = new ActivationLockout(time, 5, Window);
        for (var i = 0; i < 4; i++)
        {
            Assert.IsTrue(lockout.TryBeginAttempt("dev-1"));
            lockout.RecordFailure("dev-1");
        }

        time.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(59));
        Assert.IsTrue(lockout.TryBeginAttempt("dev-1"));
        lockout.RecordFailure("dev-1");

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.IsTrue(lockout.IsLocked("dev-1"), "locked 15 minutes from the fifth failure, not from the first");
        Assert.IsFalse(lockout.TryBeginAttempt("dev-1"));
        time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.IsFalse(lockout.IsLocked("dev-1"));
        Assert.IsTrue(lockout.TryBeginAttempt("dev-1"));
    }

    [TestMethod]
    public void CorrectCode_ClearsTheCount_AndOtherIdsAreIndependent()
    {
        var lockout = new ActivationLockout(new FakeTimeProvider(), 2, Window);
        Assert.IsTrue(lockout.TryBeginAttempt("dev-1"));
        lockout.RecordFailure("dev-1");
        Assert.IsTrue(lockout.TryBeginAttempt("dev-1"));
        lockout.Reset("dev-1");

        Assert.IsTrue(lockout.TryBeginAttempt("dev-1"));
        Assert.IsTrue(lockout.TryBeginAttempt("dev-2"));
        Assert.IsTrue(lockout.TryBeginAttempt("dev-2"));
        Assert.IsFalse(lockout.TryBeginAttempt("dev-2"));
    }
}
