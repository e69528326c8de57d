#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>JoinWifi and AwaitWps: WPS retries, stored credentials, a firmware without WPS.</summary>
    [TestClass]
    public class WifiPhaseTests
    {
        /// <summary>WPS times out once (the user was late), the second press works; the credentials are checkpointed.</summary>
        [TestMethod]
        public void WpsTimeoutThenSuccess_StoresWpsCredentials()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.GuestWifi = false; // WPS alone: the guest-Wi-Fi variant has its own tests (GuestWifiTests)
            f.Wifi.ScriptWps(WifiJoinStatus.WpsTimeout, 1);
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(2, f.Wifi.WpsCount);
            Assert.AreEqual("HomeNet", f.Checkpoints().ReadWifi().Ssid);
            Assert.IsTrue(f.Indicator.WasShown(IndicatorPattern.AwaitingWps));
            Assert.IsTrue(f.Log.Contains("AwaitWps -> AwaitWps (attempt 2"));
        }

        /// <summary>An activated device whose router refused the stored passphrase once (a router rebooting looks the same):
        /// after one WPS window with no press it tries the stored network again instead of waiting for WPS forever.</summary>
        [TestMethod]
        public void ActivatedDevice_PassphraseRefusedOnceAndNoWpsPress_RetriesStoredNetwork()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.SeedWifi();
            f.SeedBroker();
            f.SeedTopics();
            f.Wifi.ScriptJoin(WifiJoinStatus.WrongPassphrase, 1);
            f.Wifi.ScriptWps(WifiJoinStatus.WpsTimeout, 100);

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Wifi.WpsCount);
            Assert.AreEqual(2, f.Wifi.JoinCount);
        }

        /// <summary>A short press while the stored network keeps failing (a new router) starts WPS at the next join, and the
        /// new network's credentials replace the stored ones; the activation is kept.</summary>
        [TestMethod]
        public void ShortPressWhileStoredNetworkFails_StartsWpsAndKeepsTheActivation()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.SeedWifi();
            f.SeedBroker();
            f.SeedTopics();
            f.Wifi.ScriptJoin(WifiJoinStatus.NetworkNotFound, 1000);
            f.Wifi.WpsCredentials = new WifiCredentials("NewRouter", "new-router-passphrase");
            ProvisioningMachine machine = f.Machine();
            for (int i = 0; i < 6; i++)
            {
                machine.Step();
            }

            Assert.AreEqual(ProvisioningState.JoinWifi, machine.State, f.Log.All());
            machine.PressButton(false);

            Assert.AreEqual(ProvisioningState.Operational, ProvisioningFixture.Settle(machine, 50), f.Log.All());
            Assert.AreEqual(1, f.Wifi.WpsCount);
            Assert.AreEqual("NewRouter", f.Checkpoints().ReadWifi().Ssid);
            Assert.AreEqual(0, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
        }

        /// <summary>WPS overlap every time ends in WpsFailed after the attempts, with advice in the detail.</summary>
        [TestMethod]
        public void WpsOverlapEveryTime_WpsFailedAfterAttempts()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.GuestWifi = false; // WPS alone: the guest-Wi-Fi variant has its own tests (GuestWifiTests)
            f.Settings.RetryMaxAttempts = 3;
            f.Wifi.ScriptWps(WifiJoinStatus.WpsOverlap, 10);
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.WpsFailed, machine.Failure);
            Assert.AreEqual(3, f.Wifi.WpsCount);
            Assert.IsTrue(machine.FailureDetail.IndexOf("overlap") >= 0);
        }

        /// <summary>No WPS in the image and no stored credentials: WpsFailed with a clear detail and the WpsUnavailable pattern.</summary>
        [TestMethod]
        public void WpsUnsupportedWithoutCredentials_WpsFailedWithWpsUnavailablePattern()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Settings.GuestWifi = false; // WPS alone: the guest-Wi-Fi variant has its own tests (GuestWifiTests)
            f.Wifi.ScriptWps(WifiJoinStatus.WpsNotSupported, 1);
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.WpsFailed, machine.Failure);
            Assert.AreEqual(IndicatorPattern.WpsUnavailable, f.Indicator.Pattern);
            Assert.IsTrue(machine.FailureDetail.IndexOf("no WPS support") >= 0, machine.FailureDetail);
        }

        /// <summary>No WPS in the image but stored credentials: they are used and WPS is never tried.</summary>
        [TestMethod]
        public void WpsUnsupportedWithStoredCredentials_JoinsWithThem()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.SeedWifi();
            f.Wifi.ScriptWps(WifiJoinStatus.WpsNotSupported, 10);
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(0, f.Wifi.WpsCount);
            Assert.AreEqual("stored-passphrase-99", f.Wifi.LastJoined.Passphrase);
        }

        /// <summary>Stored credentials refused (passphrase changed) lead to WPS, whose credentials replace them.</summary>
        [TestMethod]
        public void StoredPassphraseRefused_FallsBackToWps()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.SeedWifi();
            f.Wifi.ScriptJoin(WifiJoinStatus.WrongPassphrase, 1);
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Wifi.WpsCount);
            Assert.AreEqual("wps-delivered-passphrase-42", f.Checkpoints().ReadWifi().Passphrase);
        }

        /// <summary>Stored credentials refused and no WPS: the stored ones are retried, then NoNetwork.</summary>
        [TestMethod]
        public void StoredPassphraseRefusedAndNoWps_NoNetwork()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 3;
            f.SeedWifi();
            f.Wifi.ScriptJoin(WifiJoinStatus.WrongPassphrase, 10);
            f.Wifi.ScriptWps(WifiJoinStatus.WpsNotSupported, 10);
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.NoNetwork, machine.Failure);
        }

        /// <summary>An access point that is not found is retried with backoff, then NoNetwork.</summary>
        [TestMethod]
        public void NetworkNotFound_RetriedThenNoNetwork()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 4;
            f.SeedWifi();
            f.Wifi.ScriptJoin(WifiJoinStatus.NetworkNotFound, 10);
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.NoNetwork, machine.Failure);
            Assert.AreEqual(4, f.Wifi.JoinCount);
        }

        /// <summary>An already connected link (e.g. the adapter rejoined from its own storage) skips the Wi-Fi phase.</summary>
        [TestMethod]
        public void AlreadyConnected_SkipsWifi()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Wifi.IsConnected = true;
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State);
            Assert.AreEqual(0, f.Wifi.WpsCount + f.Wifi.JoinCount);
            Assert.IsFalse(f.Store.Has(StoreNames.WifiCheckpoint));
        }
    }
}
