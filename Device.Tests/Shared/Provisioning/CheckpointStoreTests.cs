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
    /// <summary>The three checkpoints: round trip, integrity, deletion.</summary>
    [TestClass]
    public class CheckpointStoreTests
    {
        /// <summary>Wi-Fi credentials come back as written.</summary>
        [TestMethod]
        public void Wifi_RoundTrips()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Checkpoints().WriteWifi(new WifiCredentials("Net", "pass phrase \"quoted\""));
            WifiCredentials read = f.Checkpoints().ReadWifi();
            Assert.AreEqual("Net", read.Ssid);
            Assert.AreEqual("pass phrase \"quoted\"", read.Passphrase);
        }

        /// <summary>Broker data, including the optional CA, login, password and key, comes back as written.</summary>
        [TestMethod]
        public void Broker_RoundTripsEveryField()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            BrokerData data = ProvisioningFixture.CloudBrokerData();
            data.CaCertificate = TestCertificates.CaCertificate;
            data.PrivateKey = TestCertificates.ThrowAwayTestKeyPkcs8;
            Assert.IsTrue(f.Checkpoints().WriteBroker(data));
            BrokerData read = f.Checkpoints().ReadBroker();
            Assert.AreEqual(ProvisioningFixture.CloudHost, read.Host);
            Assert.AreEqual(8883, read.Port);
            CollectionAssert.AreEqual(TestCertificates.DeviceCertificate, read.Certificate);
            CollectionAssert.AreEqual(TestCertificates.CaCertificate, read.CaCertificate);
            CollectionAssert.AreEqual(TestCertificates.ThrowAwayTestKeyPkcs8, read.PrivateKey);
            Assert.AreEqual(ProvisioningFixture.CloudPassword, read.Password);
            Assert.AreEqual(ProvisioningFixture.DeviceId, read.Login);
        }

        /// <summary>Topics come back in order.</summary>
        [TestMethod]
        public void Topics_RoundTripInOrder()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.SeedTopics();
            string[] topics = f.Checkpoints().ReadTopics();
            Assert.AreEqual(2, topics.Length);
            Assert.AreEqual(ProvisioningFixture.DeviceTopic, topics[0]);
            Assert.AreEqual(ProvisioningFixture.GroupTopic, topics[1]);
        }

        /// <summary>A checkpoint the adapter could not verify (Read returns null) is absent.</summary>
        [TestMethod]
        public void Read_UnreadableBlob_IsAbsent()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.SeedBroker();
            f.Store.MarkUnreadable(StoreNames.BrokerCheckpoint);
            Assert.IsNull(f.Checkpoints().ReadBroker());
        }

        /// <summary>A flipped byte fails the JSON parse or the CRC, and is reported as a warning.</summary>
        [TestMethod]
        public void Read_FlippedByte_IsAbsentWithAWarning()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.SeedBroker();
            f.Store.FlipByte(StoreNames.BrokerCheckpoint);
            Assert.IsNull(f.Checkpoints().ReadBroker());
            Assert.IsTrue(f.Log.Contains("checkpoint: ignoring " + StoreNames.BrokerCheckpoint));
        }

        /// <summary>A value changed by hand with a stale check value is rejected.</summary>
        [TestMethod]
        public void Read_EditedValue_FailsTheCheck()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.SeedTopics();
            string original = f.Store.Text(StoreNames.TopicsCheckpoint);
            int at = original.IndexOf("group1");
            string text = original.Substring(0, at) + "group2" + original.Substring(at + 6);
            f.Store.Put(StoreNames.TopicsCheckpoint, Payloads.Bytes(text));
            Assert.IsNull(f.Checkpoints().ReadTopics());
            Assert.IsTrue(f.Log.Contains("check value does not match"));
        }

        /// <summary>A Wi-Fi checkpoint stored under the broker name is rejected by its kind.</summary>
        [TestMethod]
        public void Read_WrongKind_IsAbsent()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.SeedWifi();
            f.Store.Put(StoreNames.BrokerCheckpoint, f.Store.Read(StoreNames.WifiCheckpoint));
            Assert.IsNull(f.Checkpoints().ReadBroker());
        }

        /// <summary>ClearAll deletes the three checkpoints and nothing else.</summary>
        [TestMethod]
        public void ClearAll_DeletesOnlyTheCheckpoints()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Store.Put(StoreNames.IdentityJson, Payloads.Bytes("{}"));
            f.Store.Put(StoreNames.FactoryKey, new byte[] { 1 });
            f.SeedWifi();
            f.SeedBroker();
            f.SeedTopics();
            f.Checkpoints().ClearAll();
            Assert.IsFalse(f.Store.Has(StoreNames.WifiCheckpoint));
            Assert.IsFalse(f.Store.Has(StoreNames.BrokerCheckpoint));
            Assert.IsFalse(f.Store.Has(StoreNames.TopicsCheckpoint));
            Assert.IsTrue(f.Store.Has(StoreNames.IdentityJson));
            Assert.IsTrue(f.Store.Has(StoreNames.FactoryKey));
        }

        /// <summary>A refused write is reported as false and leaves the old checkpoint.</summary>
        [TestMethod]
        public void Write_Refused_KeepsTheOldContent()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.SeedWifi();
            f.Store.FailWritesAfter = f.Store.Writes;
            Assert.IsFalse(f.Checkpoints().WriteWifi(new WifiCredentials("Other", "other-passphrase")));
            Assert.AreEqual("HomeNet", f.Checkpoints().ReadWifi().Ssid);
        }
    }
}
