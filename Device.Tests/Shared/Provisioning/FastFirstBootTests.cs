#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Tests.Fakes;
using Mqtt2Go.Device.Tests.Mdns;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>First boot without waiting for the mDNS budget: the remote flow starts after the first query's head start
    /// while the probe keeps listening, and a gateway that answers before the broker data arrives still wins.</summary>
    [TestClass]
    public class FastFirstBootTests
    {
        private static ProvisioningFixture Fixture()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Wifi.WpsDurationMs = 0;
            return f;
        }

        /// <summary>Discovery answers only after 3 s (the controller is slow): the broker data is still pending when the
        /// gateway answers.</summary>
        private static void SlowDiscovery(ProvisioningFixture f)
        {
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.BrokerDataReply().After(3000)));
        }

        [TestMethod]
        public void NoGateway_OperationalAfterTheHeadStart_NotTheBudget()
        {
            ProvisioningFixture f = Fixture();
            long start = f.Timeline.NowMs;

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.IsTrue(f.Timeline.NowMs - start < 1000, "first boot took " + (f.Timeline.NowMs - start).ToString() + " ms");
            Assert.AreEqual(150, f.Settings.MdnsHeadStartMs);
            Assert.AreEqual(0, f.Gateway.ConnectAttempts);
            Assert.AreEqual(1, f.Discovery.Connects);
        }

        [TestMethod]
        public void GatewayAnswersAt0Ms_LocalBranch_DiscoveryNeverContacted()
        {
            ProvisioningFixture f = Fixture();
            f.Mdns.ReplyToQuery(0, 0, MdnsGoldenVectors.AvahiGatewayA);

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(0, f.Discovery.ConnectAttempts);
            Assert.AreEqual(1, f.Broker.CountRequests(f.Gateway, "GET_CREDENTIALS"));
            Assert.IsTrue(f.Log.Contains("ProbeLocalGateway -> ConnectLocalGateway"));
        }

        [TestMethod]
        public void GatewayAnswersAt1200Ms_BeforeTheBrokerData_LeavesDiscoveryForTheGateway()
        {
            ProvisioningFixture f = Fixture();
            SlowDiscovery(f);
            f.Mdns.ReplyToQuery(1, 200, MdnsGoldenVectors.AvahiGatewayA);
            long start = f.Timeline.NowMs;

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.IsTrue(f.Log.Contains("AwaitBrokerData -> ConnectLocalGateway"), f.Log.All());
            Assert.AreEqual(1, f.Discovery.Connects);
            Assert.AreEqual(1, f.Broker.CountRequests(f.Gateway, "GET_CREDENTIALS"));
            Assert.AreEqual(2, f.Mdns.SentCount);
            Assert.AreEqual(start + 1000, f.Mdns.SentAtMs(1));
            Assert.AreEqual(0, f.Broker.ConnectsWhileConnected, "two TLS sessions at once");
        }

        [TestMethod]
        public void GatewayAnswersAt2500Ms_BeforeTheBrokerData_LeavesDiscoveryForTheGateway()
        {
            ProvisioningFixture f = Fixture();
            SlowDiscovery(f);
            f.Mdns.ReplyToQuery(2, 500, MdnsGoldenVectors.AvahiGatewayA);

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.IsTrue(f.Log.Contains("AwaitBrokerData -> ConnectLocalGateway"), f.Log.All());
            Assert.AreEqual(3, f.Mdns.SentCount);
            Assert.AreEqual(1, f.Broker.CountRequests(f.Gateway, "GET_CREDENTIALS"));
        }

        [TestMethod]
        public void GatewayAnswersDuringADiscoveryBackoff_TakesTheGateway()
        {
            // The controller has not added the device yet: Discovery refuses the connection; during the backoff the
            // gateway answers the second query.
            ProvisioningFixture f = Fixture();
            f.Discovery.RefuseNext(MqttConnectStatus.NotAuthorized, 100);
            f.Mdns.ReplyToQuery(1, 200, MdnsGoldenVectors.AvahiGatewayA);

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.IsTrue(f.Log.Contains("ConnectDiscovery -> ConnectLocalGateway"), f.Log.All());
            Assert.AreEqual(1, f.Broker.CountRequests(f.Gateway, "GET_CREDENTIALS"));
        }

        /// <summary>A gateway answered during a Discovery backoff, then a factory reset came before the next step: the new run
        /// must not take the old run's gateway (it was forgotten with the activation; taking it crashed on a null gateway).</summary>
        [TestMethod]
        public void FactoryResetAfterAGatewayAnsweredDuringABackoff_TheNewRunUsesOnlyWhatItFinds()
        {
            ProvisioningFixture f = Fixture();
            f.Discovery.RefuseNext(MqttConnectStatus.NotAuthorized, 1);
            f.Mdns.ReplyToQuery(0, 300, MdnsGoldenVectors.AvahiGatewayA); // after the 150 ms head start, within the first backoff
            ProvisioningMachine machine = f.Machine();
            for (int i = 0; i < 50 && f.Discovery.ConnectAttempts == 0; i++)
            {
                machine.Step();
            }

            Assert.AreEqual(1, f.Discovery.ConnectAttempts, f.Log.All());
            Assert.AreEqual(ProvisioningState.ConnectDiscovery, machine.State, "the backoff heard the gateway: " + f.Log.All());

            machine.PressButton(true);
            ProvisioningFixture.Settle(machine, 200);

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(0, f.Gateway.ConnectAttempts, "the gateway heard before the reset was used");
            Assert.AreEqual(2, f.Discovery.ConnectAttempts);
        }

        [TestMethod]
        public void BrokerDataFirst_TheProbeStops_ALateGatewayIsIgnored()
        {
            ProvisioningFixture f = Fixture();
            f.Mdns.ReplyToQuery(1, 200, MdnsGoldenVectors.AvahiGatewayA);

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(0, f.Gateway.ConnectAttempts);
            Assert.AreEqual(1, f.Mdns.SentCount);
        }
    }
}
