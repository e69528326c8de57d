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
using Mqtt2Go.Device.Tests.Provisioning;

namespace Mqtt2Go.Device.Tests.Operation
{
    /// <summary>The provisioned device: commands through the machine, periodic status, reconnects, remove_device, factory reset.</summary>
    [TestClass]
    public class OperationalRunTests
    {
        private static ProvisioningMachine Operational(ProvisioningFixture f)
        {
            f.SeedWifi();
            f.SeedBroker();
            f.SeedTopics();
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            return machine;
        }

        /// <summary>A set delivered by the broker switches the output and is answered.</summary>
        [TestMethod]
        public void SetCommand_IsServed()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            ProvisioningMachine machine = Operational(f);
            int before = f.Cloud.PublishCount;
            f.Broker.Deliver(ProvisioningFixture.DeviceTopic, f.Codec.EncodeCommand("set", "on", 1));
            machine.RunOperational(f.Timeline.NowMs + 100);
            Assert.IsTrue(f.Indicator.Output);
            Assert.IsTrue(f.Cloud.PublishCount >= before + 2);
            Assert.AreEqual(1, machine.Device.CommandsHandled);
        }

        /// <summary>Garbage and unknown commands through the machine are answered with errors; the device stays operational.</summary>
        [TestMethod]
        public void GarbageAndUnknownCommands_DeviceStaysOperational()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            ProvisioningMachine machine = Operational(f);
            f.Broker.Deliver(ProvisioningFixture.DeviceTopic, new byte[] { 0x00, 0x01, (byte)'g', (byte)'a', (byte)'r', (byte)'b', (byte)'a', (byte)'g', (byte)'e' });
            f.Broker.Deliver(ProvisioningFixture.DeviceTopic, f.Codec.EncodeCommand("explode", "now", 1));
            machine.RunOperational(f.Timeline.NowMs + 100);
            Assert.AreEqual(ProvisioningState.Operational, machine.State);
            Assert.IsFalse(f.Indicator.Output);
        }

        /// <summary>A periodic_report is published every status interval.</summary>
        [TestMethod]
        public void PeriodicReport_EveryStatusInterval()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Settings.StatusIntervalSeconds = 60;
            ProvisioningMachine machine = Operational(f);
            machine.RunOperational(f.Timeline.NowMs + 185000);
            int periodic = 0;
            for (int i = 0; i < f.Cloud.PublishCount; i++)
            {
                if (f.Codec.Decode(f.Cloud.Published(i).Payload).ReportType == "periodic_report")
                {
                    periodic++;
                }
            }

            Assert.AreEqual(3, periodic);
        }

        /// <summary>The broker drops the connection: the device backs off, reconnects, re-subscribes ALL topics and is online again.</summary>
        [TestMethod]
        public void BrokerDrops_DeviceReconnectsAndResubscribesAllTopics()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            ProvisioningMachine machine = Operational(f);
            f.Broker.DropConnection("keep-alive timeout");
            machine.RunOperational(f.Timeline.NowMs + 60000);
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(2, f.Cloud.Connects);
            string[] resubscribed = f.Cloud.SubscribeCall(1);
            Assert.AreEqual(2, resubscribed.Length);
            Assert.AreEqual(ProvisioningFixture.DeviceTopic, resubscribed[0]);
            Assert.AreEqual(ProvisioningFixture.GroupTopic, resubscribed[1]);
            Assert.AreEqual(1, f.CountTransitions(ProvisioningState.Operational, ProvisioningState.Reconnecting));
            Assert.IsTrue(f.Indicator.WasShown(IndicatorPattern.Reconnecting));
            Assert.AreEqual(ProvisioningFixture.DeviceTopic, f.Cloud.LastRequest.WillTopic);
            Assert.IsTrue(Payloads.Text(f.Cloud.LastRequest.WillPayload).IndexOf("offline") >= 0);
        }

        /// <summary>While the broker stays down the device keeps retrying with capped backoff, and returns when it is back.</summary>
        [TestMethod]
        public void BrokerDownForAWhile_DeviceKeepsRetryingThenReturns()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Settings.RetryMaxAttempts = 2;
            ProvisioningMachine machine = Operational(f);
            f.Cloud.RefuseNext(MqttConnectStatus.ServerUnavailable, 10);
            f.Broker.DropConnection("broker restart");
            machine.RunOperational(f.Timeline.NowMs + 600000);
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(12, f.Cloud.ConnectAttempts);
        }

        /// <summary>Ten devices that lose the broker together reconnect at different times (no synchronised burst).</summary>
        [TestMethod]
        public void TenDevicesDropTogether_ReconnectAtDifferentTimes()
        {
            long[] reconnectAt = new long[10];
            for (int i = 0; i < 10; i++)
            {
                ProvisioningFixture f = new ProvisioningFixture(1000 + i);
                ProvisioningMachine machine = Operational(f);
                long droppedAt = f.Timeline.NowMs;
                f.Broker.DropConnection("broker restart");
                machine.RunOperational(droppedAt + 5000);
                Assert.AreEqual(2, f.Cloud.Connects);
                reconnectAt[i] = f.Cloud.Published(f.Cloud.PublishCount - 2).AtMs - droppedAt;
            }

            int distinct = 0;
            for (int i = 0; i < reconnectAt.Length; i++)
            {
                bool seen = false;
                for (int j = 0; j < i; j++)
                {
                    seen = seen || reconnectAt[j] == reconnectAt[i];
                }

                Assert.IsTrue(reconnectAt[i] >= 500 && reconnectAt[i] <= 1500, reconnectAt[i].ToString());
                distinct += seen ? 0 : 1;
            }

            Assert.IsTrue(distinct >= 8, "lockstep: only " + distinct.ToString() + " distinct reconnect times");
        }

        /// <summary>remove_device: answered, broker and topics checkpoints wiped (Wi-Fi kept), provisioning restarts.</summary>
        [TestMethod]
        public void RemoveDevice_WipesActivationAndRestarts()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            ProvisioningMachine machine = Operational(f);
            f.Broker.Deliver(ProvisioningFixture.DeviceTopic, f.Codec.EncodeCommand("remove_device", "", 1));
            for (int i = 0; i < 10 && machine.State == ProvisioningState.Operational; i++)
            {
                machine.Step();
            }

            Assert.AreEqual(ProvisioningState.Boot, machine.State);
            Mqtt2GoMessage answer = f.Codec.Decode(f.Cloud.Published(f.Cloud.PublishCount - 1).Payload);
            Assert.AreEqual("remove_device", answer.ReportName);
            Assert.IsFalse(f.Store.Has(StoreNames.BrokerCheckpoint));
            Assert.IsFalse(f.Store.Has(StoreNames.TopicsCheckpoint));
            Assert.IsTrue(f.Store.Has(StoreNames.WifiCheckpoint));
            Assert.IsFalse(f.Broker.IsConnected);
            Assert.AreEqual(ProvisioningState.Operational, ProvisioningFixture.Settle(machine, 100), f.Log.All());
            Assert.AreEqual(1, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
        }

        /// <summary>After a reconnect the broker refuses the device topic (its topics were revoked while it was away): the
        /// device does not stay Operational and deaf, it forgets its topics and asks GET_DEVICE_TOPICS again.</summary>
        [TestMethod]
        public void DeviceTopicRefusedAfterReconnect_AsksForTopicsAgain()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            ProvisioningMachine machine = Operational(f);
            f.Cloud.DenySubscriptions = 1;
            f.Broker.DropConnection("broker restarted");

            machine.RunOperational(f.Timeline.NowMs + 60000);

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Broker.CountRequests(f.Cloud, "GET_DEVICE_TOPICS"));
            Assert.IsTrue(f.Log.Contains("refused the subscription to " + ProvisioningFixture.DeviceTopic), f.Log.All());
            Assert.IsNotNull(f.Checkpoints().ReadTopics());
        }

        /// <summary>A long press is a factory reset: the three checkpoints go, the factory identity stays, provisioning restarts with WPS.</summary>
        [TestMethod]
        public void LongPress_FactoryResetKeepsIdentity()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Store.Put(StoreNames.IdentityJson, Payloads.Bytes("{\"device_id\":\"dev-0001\"}"));
            f.Store.Put(StoreNames.FactoryCertificate, TestCertificates.DeviceCertificate);
            f.Store.Put(StoreNames.FactoryKey, TestCertificates.ThrowAwayTestKeyPkcs8);
            f.Store.Put(StoreNames.TrustAnchor, TestCertificates.CaCertificate);
            ProvisioningMachine machine = Operational(f);
            machine.PressButton(true);
            machine.Step();
            Assert.AreEqual(ProvisioningState.Boot, machine.State);
            Assert.IsFalse(f.Store.Has(StoreNames.WifiCheckpoint));
            Assert.IsFalse(f.Store.Has(StoreNames.BrokerCheckpoint));
            Assert.IsFalse(f.Store.Has(StoreNames.TopicsCheckpoint));
            Assert.IsTrue(f.Store.Has(StoreNames.IdentityJson));
            Assert.IsTrue(f.Store.Has(StoreNames.FactoryCertificate));
            Assert.IsTrue(f.Store.Has(StoreNames.FactoryKey));
            Assert.IsTrue(f.Store.Has(StoreNames.TrustAnchor));
            Assert.AreEqual(4, f.Store.Count);
            Assert.AreEqual(1, f.Wifi.ForgetCount);
            Assert.IsTrue(f.Log.Contains("Operational -> Boot"));
            Assert.AreEqual(ProvisioningState.Operational, ProvisioningFixture.Settle(machine, 100), f.Log.All());
            Assert.AreEqual(1, f.Wifi.WpsCount);
        }
    }
}
