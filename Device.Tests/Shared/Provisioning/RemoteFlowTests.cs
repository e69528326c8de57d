#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Tests.Fixtures;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>The remote-broker flow (MQTT2GO steps 5-13) end to end on fakes.</summary>
    [TestClass]
    public class RemoteFlowTests
    {
        /// <summary>The happy path: two TLS handshakes, each request published once, no sleep at all, one log line per transition.</summary>
        [TestMethod]
        public void HappyPath_TwoHandshakes_EachRequestOnce_NoWaiting()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Wifi.WpsDurationMs = 0;
            long start = f.Timeline.NowMs;
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(2, f.Broker.TotalConnects);
            Assert.AreEqual(1, f.Discovery.Connects);
            Assert.AreEqual(1, f.Cloud.Connects);
            Assert.AreEqual(0, f.Broker.ConnectsWhileConnected);
            Assert.AreEqual(1, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
            Assert.AreEqual(1, f.Broker.CountRequests(f.Cloud, "GET_DEVICE_TOPICS"));
            Assert.AreEqual(0L, f.Timeline.NowMs - start);
            Assert.AreEqual(9, f.Transitions.Count);
            Assert.AreEqual(9, f.TransitionLines());
            Assert.IsTrue(f.Log.Contains("provisioning: ConnectDiscovery -> AwaitBrokerData (attempt 1, 0.0 s)"), f.Log.All());
        }

        /// <summary>The device subscribes to the request topic in the same flight as its request, before publishing.</summary>
        [TestMethod]
        public void HappyPath_SubscribesBeforePublishing_OnBothBrokers()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Run();
            Assert.AreEqual(ProvisioningFixture.Code + "/activation", f.Discovery.SubscribeCall(0)[0]);
            Assert.AreEqual(ProvisioningFixture.Code + "/activation", f.Discovery.Published(0).Topic);
            Assert.AreEqual(ProvisioningFixture.DeviceId + "/topics", f.Cloud.SubscribeCall(0)[0]);
            Assert.AreEqual(ProvisioningFixture.DeviceId + "/topics", f.Cloud.Published(0).Topic);
            Assert.IsTrue(Payloads.Text(f.Cloud.Published(0).Payload).IndexOf("\"device_type\":\"switch\"") >= 0);
        }

        /// <summary>Discovery is contacted with the factory certificate, user = device id, password = activation code, trust anchor.</summary>
        [TestMethod]
        public void HappyPath_UsesTheRightCredentialsOnEachBroker()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Run();
            MqttConnectRequest discovery = f.Discovery.LastRequest;
            Assert.AreEqual(ProvisioningFixture.DeviceId, discovery.ClientId);
            Assert.AreEqual(ProvisioningFixture.DeviceId, discovery.Username);
            Assert.AreEqual(ProvisioningFixture.Code, discovery.Password);
            CollectionAssert.AreEqual(TestCertificates.DeviceCertificate, discovery.ClientCertificate);
            Assert.IsNull(discovery.WillTopic);
            MqttConnectRequest cloud = f.Cloud.LastRequest;
            Assert.AreEqual(ProvisioningFixture.CloudPassword, cloud.Password);
            CollectionAssert.AreEqual(TestCertificates.ThrowAwayTestKeyPkcs8, cloud.ClientKey);
            CollectionAssert.AreEqual(TestCertificates.CaCertificate, cloud.CaCertificate);
            Assert.IsTrue(cloud.CleanSession);
        }

        /// <summary>After the run the three checkpoints exist and the device announced itself on its topic.</summary>
        [TestMethod]
        public void HappyPath_WritesCheckpoints_SubscribesTopics_PublishesOnline()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            ProvisioningMachine machine = f.Run();
            Assert.IsTrue(f.Store.Has(StoreNames.WifiCheckpoint));
            Assert.IsTrue(f.Store.Has(StoreNames.BrokerCheckpoint));
            Assert.IsTrue(f.Store.Has(StoreNames.TopicsCheckpoint));
            Assert.AreEqual(2, machine.Topics.Length);
            string[] subscribed = f.Cloud.SubscribeCall(1);
            Assert.AreEqual(ProvisioningFixture.DeviceTopic, subscribed[0]);
            Assert.AreEqual(ProvisioningFixture.GroupTopic, subscribed[1]);
            string online = Payloads.Text(f.Cloud.Published(1).Payload);
            Assert.AreEqual(ProvisioningFixture.DeviceTopic, f.Cloud.Published(1).Topic);
            Assert.IsTrue(online.IndexOf("\"availability\"") >= 0 && online.IndexOf("\"online\"") >= 0, online);
            Assert.AreEqual(Core.Ports.IndicatorPattern.Operational, f.Indicator.Pattern);
        }

        /// <summary>With the local-gateway probe on and no gateway, the remote flow starts after the first query's head start
        /// and does not wait for the probe's 3 s budget (FastFirstBootTests has the gateway cases).</summary>
        [TestMethod]
        public void NoLocalGateway_RemoteFlowStartsAfterTheHeadStart_NotTheBudget()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Wifi.WpsDurationMs = 0;
            long start = f.Timeline.NowMs;
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual((long)f.Settings.MdnsHeadStartMs, f.Timeline.NowMs - start);
            Assert.AreEqual(1, f.Mdns.SentCount);
            Assert.AreEqual(0, f.Gateway.ConnectAttempts);
            Assert.AreEqual(2, f.Broker.TotalConnects);
            Assert.IsTrue(f.Log.Contains("ProbeLocalGateway -> ConnectDiscovery"));
        }

        /// <summary>A reply that comes 2 s later is awaited, not re-requested.</summary>
        [TestMethod]
        public void SlowReply_IsAwaitedWithoutARepeatedRequest()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.BrokerDataReply().After(2000)));
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
        }

        /// <summary>A duplicate reply (QoS 1 redelivery) changes nothing: one broker checkpoint write, one cloud connect.</summary>
        [TestMethod]
        public void DuplicateReply_IsHarmless()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", new Fakes.FakeReply[] { f.BrokerDataReply(), f.BrokerDataReply() });
            f.Cloud.ClearReplies();
            f.Cloud.OnRequest("GET_DEVICE_TOPICS", new Fakes.FakeReply[] { f.TopicsReply(), f.TopicsReply().After(100) });
            ProvisioningMachine machine = f.Run();
            machine.RunOperational(f.Timeline.NowMs + 1000);
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Cloud.Connects);
            Assert.AreEqual(3, f.Store.Writes);
        }
    }
}
