#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>A Wi-Fi network nanoCLR cannot store (SSID of 32 bytes, 64-hex-digit PSK) stops with a reason the user can act
    /// on, instead of failing the same way on every retry.</summary>
    [TestClass]
    public class UnsupportedNetworkTests
    {
        private const string FullLengthSsid = "ThisSsidIsExactly32BytesLong-abc";

        /// <summary>Stored credentials with a 32-byte SSID: no join attempt, Failed UnsupportedNetwork with the reason.</summary>
        [TestMethod]
        public void StoredSsidOf32Bytes_FailsAtOnceWithTheReason()
        {
            Assert.AreEqual(32, FullLengthSsid.Length);
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Checkpoints().WriteWifi(new WifiCredentials(FullLengthSsid, "stored-passphrase-99"));

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Failed, machine.State, f.Log.All());
            Assert.AreEqual(FailureReason.UnsupportedNetwork, machine.Failure);
            Assert.AreEqual(0, f.Wifi.JoinCount);
            Assert.IsTrue(machine.FailureDetail.IndexOf("32 bytes") >= 0, machine.FailureDetail);
        }

        /// <summary>WPS delivers a 64-hex-digit PSK: Failed UnsupportedNetwork, nothing checkpointed, the key not logged.</summary>
        [TestMethod]
        public void WpsDeliversA64HexDigitPsk_FailsWithoutStoringIt()
        {
            string psk = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Wifi.WpsCredentials = new WifiCredentials("HomeNet", psk);

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Failed, machine.State, f.Log.All());
            Assert.AreEqual(FailureReason.UnsupportedNetwork, machine.Failure);
            Assert.AreEqual(1, f.Wifi.WpsCount);
            Assert.IsNull(f.Checkpoints().ReadWifi());
            Assert.IsFalse(f.Log.Contains(psk));
        }

        /// <summary>The adapter reports credentials the platform refused: one attempt, then Failed UnsupportedNetwork.</summary>
        [TestMethod]
        public void AdapterReportsUnsupportedCredentials_NoRetry()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.SeedWifi();
            f.Wifi.ScriptJoin(WifiJoinStatus.UnsupportedCredentials, 100);

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Failed, machine.State, f.Log.All());
            Assert.AreEqual(FailureReason.UnsupportedNetwork, machine.Failure);
            Assert.AreEqual(1, f.Wifi.JoinCount);
        }

        /// <summary>Credentials at the limits (31-byte SSID, 63-character passphrase) join normally.</summary>
        [TestMethod]
        public void CredentialsAtTheLimits_Join()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Checkpoints().WriteWifi(new WifiCredentials(FullLengthSsid.Substring(0, 31), new string('p', 63)));

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Wifi.JoinCount);
        }
    }
}
