#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Tests.Fakes;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>Connection loss is handled once per connection, however often the MQTT client reports it
    /// (nanoFramework.M2Mqtt raises ConnectionClosed twice for one MQTT 5 server DISCONNECT).</summary>
    [TestClass]
    public class ConnectionLossTests
    {
        /// <summary>The first loss of the current connection is reported, its repeats are not.</summary>
        [TestMethod]
        public void Filter_RepeatedLossOfOneConnection_ReportedOnce()
        {
            ConnectionLossFilter filter = new ConnectionLossFilter();
            object connection = new object();
            filter.Opened(connection);
            Assert.IsTrue(filter.ShouldReport(connection));
            Assert.IsFalse(filter.ShouldReport(connection));
            Assert.IsFalse(filter.ShouldReport(connection));
        }

        /// <summary>A loss raised by a connection the device closed itself, or by a replaced one, is not reported.</summary>
        [TestMethod]
        public void Filter_LossOfClosedOrReplacedConnection_NotReported()
        {
            ConnectionLossFilter filter = new ConnectionLossFilter();
            object first = new object();
            filter.Opened(first);
            filter.Closed();
            Assert.IsFalse(filter.ShouldReport(first));

            object second = new object();
            filter.Opened(second);
            Assert.IsFalse(filter.ShouldReport(first));
            Assert.IsTrue(filter.ShouldReport(second));
            Assert.IsFalse(filter.ShouldReport(null));
        }

        /// <summary>A new connection's loss is reported again after an earlier connection's loss was.</summary>
        [TestMethod]
        public void Filter_EachNewConnection_ReportsItsOwnLoss()
        {
            ConnectionLossFilter filter = new ConnectionLossFilter();
            object first = new object();
            filter.Opened(first);
            Assert.IsTrue(filter.ShouldReport(first));
            object second = new object();
            filter.Opened(second);
            Assert.IsTrue(filter.ShouldReport(second));
        }

        /// <summary>A repeated loss report keeps the first, more precise reason until the inbox is reset.</summary>
        [TestMethod]
        public void Inbox_RepeatedLoss_KeepsTheFirstReason()
        {
            MessageInbox inbox = new MessageInbox(new FakeClock(), 4, 100);
            inbox.OnConnectionLost("server DISCONNECT 0x8B shutting down");
            inbox.OnConnectionLost("connection closed");
            Assert.IsTrue(inbox.ConnectionLost);
            Assert.AreEqual("server DISCONNECT 0x8B shutting down", inbox.LostReason);
            inbox.Reset();
            inbox.OnConnectionLost("later");
            Assert.AreEqual("later", inbox.LostReason);
        }

        /// <summary>An operational device whose broker sends DISCONNECT (reported twice at once and once more late, after the
        /// device is back on its next connection) reconnects exactly once and stays operational.</summary>
        [TestMethod]
        public void Operational_ServerDisconnectReportedThreeTimes_ReconnectsOnce()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.SeedWifi();
            f.SeedBroker();
            f.SeedTopics();
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());

            f.Broker.DisconnectFromServer("server shutting down", 3000);
            machine.RunOperational(f.Timeline.NowMs + 60000);

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(2, f.Cloud.Connects);
            Assert.AreEqual(1, f.CountTransitions(ProvisioningState.Operational, ProvisioningState.Reconnecting));
            Assert.AreEqual(1, f.Broker.LossesReported);
        }
    }
}
