#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Tests.Fixtures;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>Resuming from each checkpoint without a new activation; power loss; corrupt checkpoints; stale checkpoints.</summary>
    [TestClass]
    public class ResumeTests
    {
        /// <summary>Only Wi-Fi checkpointed: no WPS, the activation runs.</summary>
        [TestMethod]
        public void WifiCheckpointOnly_NoWps_ActivationRuns()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.SeedWifi();
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State);
            Assert.AreEqual(0, f.Wifi.WpsCount);
            Assert.AreEqual(1, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
        }

        /// <summary>Broker checkpointed: no GET_BROKER_DATA, no Discovery, one cloud handshake, topics asked.</summary>
        [TestMethod]
        public void BrokerCheckpoint_NoNewActivation()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.SeedWifi();
            f.SeedBroker();
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(0, f.Discovery.ConnectAttempts);
            Assert.AreEqual(0, f.Mdns.SentCount);
            Assert.AreEqual(1, f.Broker.TotalConnects);
            Assert.AreEqual(1, f.Broker.CountRequests(f.Cloud, "GET_DEVICE_TOPICS"));
        }

        /// <summary>Topics checkpointed too: no request at all, the topics are subscribed at once, will set.</summary>
        [TestMethod]
        public void TopicsCheckpoint_NoRequestsAtAll()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.SeedWifi();
            f.SeedBroker();
            f.SeedTopics();
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Broker.TotalConnects);
            Assert.AreEqual(0, f.Broker.CountRequests(f.Cloud, "GET_DEVICE_TOPICS"));
            Assert.AreEqual(2, f.Cloud.SubscribeCall(0).Length);
            Assert.AreEqual(ProvisioningFixture.DeviceTopic, f.Cloud.LastRequest.WillTopic);
            Assert.IsTrue(f.Log.Contains("checkpoints: wifi yes, broker yes, topics yes"));
        }

        /// <summary>A fixed broker from broker.json (Twilio key names): no activation, and its client id and MQTT version are used.</summary>
        [TestMethod]
        public void FixedBrokerFromBrokerJson_SkipsActivation_UsesItsClientIdAndVersion()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.SeedWifi();
            f.UseFixedBroker(ProvisioningFixture.CloudHost, "lamp-17", MqttProtocol.V311);

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(0, f.Discovery.ConnectAttempts);
            Assert.AreEqual("lamp-17", f.Cloud.LastRequest.ClientId);
            Assert.AreEqual(MqttProtocol.V311, f.Cloud.LastRequest.Protocol);
        }

        /// <summary>Power lost before the topics checkpoint was written: the restart resumes from the broker checkpoint.</summary>
        [TestMethod]
        public void PowerLossBeforeTopicsCheckpoint_ResumesFromBroker()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Store.FailWritesAfter = 2;
            Assert.AreEqual(ProvisioningState.Operational, f.Run().State);
            Assert.IsFalse(f.Store.Has(StoreNames.TopicsCheckpoint));
            f.Store.FailWritesAfter = -1;
            ProvisioningMachine restarted = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, restarted.State, f.Log.All());
            Assert.AreEqual(1, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
            Assert.AreEqual(2, f.Broker.CountRequests(f.Cloud, "GET_DEVICE_TOPICS"));
            Assert.IsTrue(f.Store.Has(StoreNames.TopicsCheckpoint));
        }

        /// <summary>A write silently lost (old content stays) makes the restart repeat that step, nothing worse.</summary>
        [TestMethod]
        public void LostBrokerWrite_RestartActivatesAgain()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Store.LoseWritesAfter = 1;
            Assert.AreEqual(ProvisioningState.Operational, f.Run().State);
            f.Store.LoseWritesAfter = -1;
            ProvisioningMachine restarted = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, restarted.State, f.Log.All());
            Assert.AreEqual(2, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
            Assert.AreEqual(1, f.Wifi.WpsCount);
        }

        /// <summary>A corrupt broker checkpoint is treated as absent with a warning, and the activation runs.</summary>
        [TestMethod]
        public void CorruptBrokerCheckpoint_TreatedAsAbsent()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.SeedWifi();
            f.SeedBroker();
            f.SeedTopics();
            f.Store.FlipByte(StoreNames.BrokerCheckpoint);
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
            Assert.IsTrue(f.Log.Contains("checkpoint: ignoring"));
            Assert.AreEqual(1, f.Broker.CountRequests(f.Cloud, "GET_DEVICE_TOPICS"));
        }

        /// <summary>An unreadable Wi-Fi checkpoint (adapter integrity check failed) means WPS again.</summary>
        [TestMethod]
        public void UnreadableWifiCheckpoint_UsesWps()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.SeedWifi();
            f.Store.MarkUnreadable(StoreNames.WifiCheckpoint);
            Assert.AreEqual(ProvisioningState.Operational, f.Run().State);
            Assert.AreEqual(1, f.Wifi.WpsCount);
        }

        /// <summary>A checkpointed broker that is down is retried forever (the device never gives up a working activation).</summary>
        [TestMethod]
        public void CheckpointedBrokerDown_RetriesWithoutGivingUp()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Settings.RetryMaxAttempts = 2;
            f.SeedWifi();
            f.SeedBroker();
            f.SeedTopics();
            f.Cloud.RefuseNext(MqttConnectStatus.NetworkError, 30);
            ProvisioningMachine machine = f.Machine();
            ProvisioningFixture.Settle(machine, 200);
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(31, f.Cloud.ConnectAttempts);
            Assert.AreEqual(0, f.Discovery.ConnectAttempts);
        }

        /// <summary>A checkpointed broker that keeps refusing the device triggers a fresh activation whose data replaces the checkpoint.</summary>
        [TestMethod]
        public void StaleBrokerCheckpoint_ReactivatesAndReplacesIt()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 3;
            f.SeedWifi();
            f.SeedBroker();
            f.SeedTopics();
            f.Cloud.RefuseNext(MqttConnectStatus.NotAuthorized, 3);
            ProvisioningMachine machine = f.Machine();
            ProvisioningFixture.Settle(machine, 200);
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
            Assert.AreEqual(1, f.Broker.CountRequests(f.Cloud, "GET_DEVICE_TOPICS"));
            Assert.IsTrue(f.Log.Contains("trying a new activation"));
        }

        /// <summary>When the fresh activation is impossible (already used), the device keeps its checkpointed broker instead of failing.</summary>
        [TestMethod]
        public void StaleBrokerCheckpoint_ReactivationImpossible_KeepsCheckpoint()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 3;
            f.SeedWifi();
            f.SeedBroker();
            f.SeedTopics();
            f.Cloud.RefuseNext(MqttConnectStatus.NotAuthorized, 3);
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.ErrorReply("mqtt_credentials", "already_used")));
            ProvisioningMachine machine = f.Machine();
            ProvisioningFixture.Settle(machine, 200);
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.IsTrue(f.Log.Contains("keeping the checkpointed broker"));
            Assert.IsTrue(f.Store.Has(StoreNames.BrokerCheckpoint));
            Assert.AreEqual(FailureReason.None, machine.Failure);
        }
    
        /// <summary>A checkpointed broker unreachable by network errors for longer than the bound (its server moved to new
        /// ports): the stale rule tries a fresh activation, whose broker data replaces the checkpoint.</summary>
        [TestMethod]
        public void CheckpointedBrokerUnreachableForLong_FallsBackToDiscovery()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 3;
            f.SeedWifi();
            BrokerData old = ProvisioningFixture.CloudBrokerData();
            old.Host = "old-cloud.example.com";
            f.Broker.AddHost(old.Host, 8883, TestCertificates.CaCertificate).RefuseNext(MqttConnectStatus.NetworkError, 100000);
            f.Checkpoints().WriteBroker(old);
            f.SeedTopics();
            ProvisioningMachine machine = f.Machine();
            ProvisioningFixture.Settle(machine, 400);
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
            Assert.AreEqual(ProvisioningFixture.CloudHost, f.Checkpoints().ReadBroker().Host);
            Assert.IsTrue(f.Log.Contains("unreachable"), f.Log.All());
        }

        /// <summary>Unreachable for a while but less than the bound: no Discovery attempt, back on the same broker.</summary>
        [TestMethod]
        public void CheckpointedBrokerUnreachableBriefly_NoDiscovery()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 3;
            f.SeedWifi();
            f.SeedBroker();
            f.SeedTopics();
            f.Cloud.RefuseNext(MqttConnectStatus.Timeout, 25);
            ProvisioningMachine machine = f.Machine();
            long start = f.Clock.NowMs;
            ProvisioningFixture.Settle(machine, 400);
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.IsTrue(f.Clock.NowMs - start > 5 * 60 * 1000, "offline for minutes");
            Assert.AreEqual(0, f.Discovery.ConnectAttempts);
        }

        /// <summary>Power cut in the middle of storing a re-activation: whatever was written, the new broker is never paired
        /// with the previous broker's topics (the device would subscribe to topics it no longer owns).</summary>
        [TestMethod]
        public void PowerCutWhileStoringReactivation_NeverPairsNewBrokerWithOldTopics()
        {
            for (int cut = 0; cut <= 2; cut++)
            {
                ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
                f.Settings.RetryMaxAttempts = 3;
                f.SeedWifi();
                BrokerData old = ProvisioningFixture.CloudBrokerData();
                old.Host = "old-cloud.example.com";
                f.Broker.AddHost(old.Host, 8883, TestCertificates.CaCertificate).RefuseNext(MqttConnectStatus.NotAuthorized, 100);
                f.Checkpoints().WriteBroker(old);
                f.SeedTopics();
                f.Store.PowerCutAfterOperations = f.Store.Operations + cut;
                ProvisioningFixture.Settle(f.Machine(), 200);

                f.Store.PowerCutAfterOperations = -1;
                BrokerData stored = f.Checkpoints().ReadBroker();
                string[] topics = f.Checkpoints().ReadTopics();
                bool newBroker = stored != null && stored.Host == ProvisioningFixture.CloudHost;
                Assert.IsFalse(newBroker && topics != null, "cut after " + cut.ToString() + " operations: new broker with old topics");
            }
        }

        /// <summary>A fixed broker from broker.json uses the topics checkpoint too: no GET_DEVICE_TOPICS, and the first session carries the will.</summary>
        [TestMethod]
        public void FixedBrokerWithTopicsCheckpoint_NoTopicsRequestAndWillOnFirstSession()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.SeedWifi();
            f.SeedTopics();
            f.UseFixedBroker(ProvisioningFixture.CloudHost, ProvisioningFixture.DeviceId, MqttProtocol.V5);

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(0, f.Broker.CountRequests(f.Cloud, "GET_DEVICE_TOPICS"));
            Assert.AreEqual(ProvisioningFixture.DeviceTopic, f.Cloud.LastRequest.WillTopic);
        }

        /// <summary>A checkpointed broker that rejects our certificate in the TLS handshake (revoked, CA rotated) counts as a
        /// refusal: after the attempts the device tries a fresh activation instead of retrying that broker forever.</summary>
        [TestMethod]
        public void CheckpointedBrokerRejectsOurCertificateInTls_TriggersReactivation()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 3;
            f.SeedWifi();
            f.SeedBroker();
            f.SeedTopics();
            f.Cloud.RefuseNext(MqttConnectStatus.TlsFailed, 3);

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
            Assert.IsTrue(f.Log.Contains("trying a new activation"));
        }

        /// <summary>A re-activation of a broker.json device connects to the delivered broker as the device id (profile:
        /// client id = device id on every broker), not with broker.json's client id.</summary>
        [TestMethod]
        public void FixedBrokerReactivated_UsesTheDeviceIdOnTheDeliveredBroker()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 3;
            f.SeedWifi();
            f.UseFixedBroker("fixed.example.com", "lamp-17", MqttProtocol.V311);
            f.Broker.AddHost("fixed.example.com", 8883, TestCertificates.CaCertificate).RefuseNext(MqttConnectStatus.NotAuthorized, 100);

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(ProvisioningFixture.DeviceId, f.Cloud.LastRequest.ClientId);
        }
}
}
