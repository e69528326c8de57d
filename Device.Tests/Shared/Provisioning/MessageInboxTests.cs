#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Tests.Fakes;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>The inbox between the MQTT adapter's thread and the machine.</summary>
    [TestClass]
    public class MessageInboxTests
    {
        /// <summary>A queued message is returned without any sleep.</summary>
        [TestMethod]
        public void Take_QueuedMessage_ReturnsWithoutSleeping()
        {
            FakeClock clock = new FakeClock();
            MessageInbox inbox = new MessageInbox(clock, 4, 100);
            inbox.OnMessage("a/b", new byte[] { 1 });
            InboxMessage message = inbox.Take(10000);
            Assert.IsNotNull(message);
            Assert.AreEqual("a/b", message.Topic);
            Assert.AreEqual(0, clock.SleepCount);
        }

        /// <summary>An empty inbox waits the whole timeout in slices of at most 50 ms, on the clock.</summary>
        [TestMethod]
        public void Take_Empty_WaitsTheTimeoutOnTheClock()
        {
            FakeClock clock = new FakeClock();
            MessageInbox inbox = new MessageInbox(clock, 4, 100);
            Assert.IsNull(inbox.Take(1000));
            Assert.AreEqual(1000, clock.TotalSleptMs);
            Assert.AreEqual(20, clock.SleepCount);
        }

        /// <summary>A connection loss ends the wait at once; queued messages are still delivered first.</summary>
        [TestMethod]
        public void Take_ConnectionLost_ReturnsQueuedThenNullAtOnce()
        {
            FakeClock clock = new FakeClock();
            MessageInbox inbox = new MessageInbox(clock, 4, 100);
            inbox.OnMessage("t", new byte[] { 1 });
            inbox.OnConnectionLost("reset by peer");
            Assert.IsNotNull(inbox.Take(1000));
            Assert.IsNull(inbox.Take(1000));
            Assert.AreEqual(0, clock.TotalSleptMs);
            Assert.AreEqual("reset by peer", inbox.LostReason);
            inbox.Reset();
            Assert.IsFalse(inbox.ConnectionLost);
        }

        /// <summary>Oversized payloads and messages beyond the capacity are dropped and counted.</summary>
        [TestMethod]
        public void OnMessage_OversizedOrFull_IsDropped()
        {
            FakeClock clock = new FakeClock();
            MessageInbox inbox = new MessageInbox(clock, 2, 10);
            inbox.OnMessage("t", new byte[11]);
            inbox.OnMessage("t", null);
            inbox.OnMessage("t", new byte[1]);
            inbox.OnMessage("t", new byte[1]);
            inbox.OnMessage("t", new byte[1]);
            Assert.AreEqual(2, inbox.Count);
            Assert.AreEqual(3, inbox.Dropped);
        }
    }
}
