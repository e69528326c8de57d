#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Text;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Tests.Fakes;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>Issue 13 item 2: the device's own access point for homes without a gateway (OpenAccessPoint,
    /// AwaitAccessPointCredentials) and the one-request exchange with the phone.</summary>
    [TestClass]
    public class AccessPointTests
    {
        private const string HomeSsid = "Home Net";
        private const string HomePassphrase = "typed-on-the-phone-42";

        // A stock image (no WPS), no stored network, no guest network in range, an access point with no phone yet.
        private static ProvisioningFixture StockImageWithoutGateway()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Wifi.ScriptWps(WifiJoinStatus.WpsNotSupported, 10);
            f.Wifi.ScriptJoin(WifiJoinStatus.NetworkNotFound, 1); // the guest network
            f.AccessPoint = new FakeAccessPoint(f.Timeline);
            return f;
        }

        private static FakePhone ValidPhone(ProvisioningFixture f, long afterMs)
        {
            FakePhone phone = f.AccessPoint.AddPhone(afterMs);
            phone.Request = FakePhone.ValidRequest(HomeSsid, HomePassphrase);
            return phone;
        }

        [TestMethod]
        public void NoWpsNoGateway_APhoneSendsTheHomeNetwork_ThenIsOperational()
        {
            ProvisioningFixture f = StockImageWithoutGateway();
            FakePhone phone = ValidPhone(f, 20000);
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual("mqtt2go-" + ProvisioningFixture.DeviceId, f.AccessPoint.Ssid);
            Assert.AreEqual(ProvisioningFixture.Code, f.AccessPoint.Passphrase, "the access point's passphrase is the activation code");
            Assert.AreEqual(1, f.AccessPoint.OpenCount);
            Assert.AreEqual(1, f.AccessPoint.CloseCount, "closed after the home network came");
            Assert.IsFalse(f.AccessPoint.IsOpen);
            Assert.AreEqual(HomeSsid, f.Wifi.LastJoined.Ssid);
            Assert.AreEqual(HomePassphrase, f.Checkpoints().ReadWifi().Passphrase, "checkpointed");
            Assert.AreEqual(2, phone.Lines.Count, "challenge and answer");
            Assert.IsTrue(((string)phone.Lines[0]).IndexOf(ProvisioningFixture.DeviceId) >= 0, (string)phone.Lines[0]);
            Assert.AreEqual(16, phone.Nonce.Length);
            Assert.IsTrue(phone.LastLine.IndexOf("\"accepted\"") >= 0, phone.LastLine);
            Assert.IsTrue(phone.LastLine.EndsWith("\n"), "answers are lines");
            Assert.IsTrue(phone.Closed);
            Assert.AreEqual(1, f.CountTransitions(ProvisioningState.JoinGuestWifi, ProvisioningState.OpenAccessPoint));
            Assert.AreEqual(1, f.CountTransitions(ProvisioningState.AwaitAccessPointCredentials, ProvisioningState.JoinWifi));
            Assert.AreEqual(0, f.Log.CountContaining(HomePassphrase), "the home passphrase is in the log");
            Assert.AreEqual(0, f.Log.CountContaining(ProvisioningFixture.Code), "the activation code is in the log");
        }

        [TestMethod]
        public void WrongOversizeOrReplayedRequests_AreRefusedWithAReason_AndTheDeviceKeepsWaiting()
        {
            ProvisioningFixture f = StockImageWithoutGateway();
            string[] requests =
            {
                "{\"type\":\"command\",\"timestamp\":1800000000,\"command_type\":\"wifi_credentials\",\"value\":{\"ssid\":\"x\",\"password\":\"long-enough\",\"nonce\":\"0123456789abcdef\"}}\n",
                "{not json}\n",
                "{\"type\":\"command\",\"timestamp\":1800000000,\"command_type\":\"switch\",\"value\":{\"ssid\":\"x\",\"password\":\"long-enough\",\"nonce\":\"{nonce}\"}}\n",
                "{\"type\":\"command\",\"timestamp\":1800000000,\"command_type\":\"wifi_credentials\",\"value\":\"GET\"}\n",
                FakePhone.ValidRequest(HomeSsid, "short"),
                FakePhone.ValidRequest("this SSID is thirty-two bytes!!!", HomePassphrase),
                FakePhone.ValidRequest("Bell\\u0007", HomePassphrase),
                "\n",
            };
            string[] reasons = { "replayed", "malformed", "unsupported", "malformed", "invalid", "unsupported_network", "invalid", "malformed" };
            FakePhone[] phones = new FakePhone[requests.Length + 1];
            for (int i = 0; i < requests.Length; i++)
            {
                phones[i] = f.AccessPoint.AddPhone(1000);
                phones[i].Request = requests[i];
            }

            phones[requests.Length] = f.AccessPoint.AddPhone(1000);
            phones[requests.Length].RawRequest = Encoding.UTF8.GetBytes(new string('x', 600));
            FakePhone good = ValidPhone(f, 1000);
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            for (int i = 0; i < requests.Length; i++)
            {
                string answer = phones[i].LastLine;
                Assert.IsTrue(answer.IndexOf("\"error\"") >= 0, "case " + i.ToString() + ": " + answer);
                Assert.IsTrue(answer.IndexOf("\"reason\":\"" + reasons[i] + "\"") >= 0, "case " + i.ToString() + ": " + answer);
                Assert.IsTrue(phones[i].Closed, "case " + i.ToString());
            }

            Assert.IsTrue(phones[requests.Length].LastLine.IndexOf("\"oversize\"") >= 0, phones[requests.Length].LastLine);
            Assert.AreEqual(requests.Length + 1, f.Log.CountContaining("access point: request refused ("));
            Assert.IsTrue(good.LastLine.IndexOf("\"accepted\"") >= 0, good.LastLine);
            Assert.AreEqual(1, f.AccessPoint.OpenCount, "one window served every phone");
            Assert.AreEqual(HomeSsid, f.Checkpoints().ReadWifi().Ssid);
            Assert.AreEqual(0, f.Log.CountContaining(HomePassphrase));
        }

        [TestMethod]
        public void APhoneThatSendsNothing_TimesOut_ThenTheNextPhoneIsServed()
        {
            ProvisioningFixture f = StockImageWithoutGateway();
            FakePhone silent = f.AccessPoint.AddPhone(1000);
            FakePhone good = ValidPhone(f, 1000);
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, silent.Lines.Count, "only the challenge: nothing to answer");
            Assert.IsTrue(silent.Closed);
            Assert.IsTrue(f.Log.Contains("request refused (timeout)"), f.Log.All());
            Assert.IsTrue(good.LastLine.IndexOf("\"accepted\"") >= 0);
        }

        [TestMethod]
        public void ARequestInOneByteChunks_EndedByClosingTheStream_IsAccepted()
        {
            ProvisioningFixture f = StockImageWithoutGateway();
            FakePhone phone = ValidPhone(f, 1000);
            string line = FakePhone.ValidRequest(HomeSsid, HomePassphrase);
            phone.Request = line.Substring(0, line.Length - 1); // no line end
            phone.ChunkBytes = 1;
            phone.CloseAfterRequest = true;
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(HomeSsid, f.Checkpoints().ReadWifi().Ssid);
        }

        [TestMethod]
        public void NoPhoneWithinTheWindow_ClosesRetriesThenFailsWithTheAccessPointsName()
        {
            ProvisioningFixture f = StockImageWithoutGateway();
            f.Settings.RetryMaxAttempts = 2;
            f.Settings.AccessPointWindowMs = 30000;
            f.Wifi.ScriptJoin(WifiJoinStatus.NetworkNotFound, 10); // no guest network either time
            long start = f.Timeline.NowMs;
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(FailureReason.WpsFailed, machine.Failure, f.Log.All());
            Assert.IsTrue(machine.FailureDetail.IndexOf("mqtt2go-" + ProvisioningFixture.DeviceId) >= 0, machine.FailureDetail);
            Assert.AreEqual(IndicatorPattern.WpsUnavailable, f.Indicator.Pattern);
            Assert.AreEqual(2, f.AccessPoint.OpenCount);
            Assert.AreEqual(2, f.AccessPoint.CloseCount);
            Assert.IsFalse(f.AccessPoint.IsOpen, "left open after the failure");
            Assert.IsTrue(f.Timeline.NowMs - start >= 60000, "both windows were waited");
            Assert.IsNull(f.Checkpoints().ReadWifi());
        }

        [TestMethod]
        public void TheWindowIsBoundedByTheDeadline()
        {
            ProvisioningFixture f = StockImageWithoutGateway();
            f.Settings.OverallDeadlineMs = 60000;
            f.Settings.AccessPointWindowMs = 600000;
            f.Settings.RetryMaxAttempts = -1;
            long start = f.Timeline.NowMs;
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(FailureReason.DeadlineExceeded, machine.Failure, f.Log.All());
            Assert.IsTrue(f.Timeline.NowMs - start <= 60000 + f.Settings.TimeoutMs, "waited past the deadline: " + (f.Timeline.NowMs - start).ToString());
            Assert.IsFalse(f.AccessPoint.IsOpen);
        }

        [TestMethod]
        public void TheHomeNetworkRefusesThePhonesPassphrase_TheAccessPointOpensAgain()
        {
            ProvisioningFixture f = StockImageWithoutGateway();
            f.Wifi.ScriptJoin(WifiJoinStatus.WrongPassphrase, 1); // the home join with the mistyped passphrase
            ValidPhone(f, 1000);
            FakePhone second = ValidPhone(f, 1000);
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(2, f.AccessPoint.OpenCount);
            Assert.AreEqual(1, f.CountTransitions(ProvisioningState.JoinWifi, ProvisioningState.OpenAccessPoint));
            Assert.IsTrue(second.LastLine.IndexOf("\"accepted\"") >= 0);
        }

        [TestMethod]
        public void GuestWifiOff_AnImageWithoutWps_GoesStraightToTheAccessPoint()
        {
            ProvisioningFixture f = StockImageWithoutGateway();
            f.Settings.GuestWifi = false;
            f.Wifi.ClearJoinScript();
            ValidPhone(f, 1000);
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(0, f.Wifi.TemporaryJoinCount, "no guest network was tried");
            Assert.AreEqual(1, f.CountTransitions(ProvisioningState.AwaitWps, ProvisioningState.OpenAccessPoint));
        }

        [TestMethod]
        public void AccessPointOff_OrNoAccessPointOnThePlatform_KeepsTheEarlierBehaviour()
        {
            for (int i = 0; i < 2; i++)
            {
                ProvisioningFixture f = StockImageWithoutGateway();
                f.Settings.RetryMaxAttempts = 2;
                f.Wifi.ScriptJoin(WifiJoinStatus.NetworkNotFound, 10);
                FakeAccessPoint accessPoint = f.AccessPoint;
                if (i == 0)
                {
                    f.Settings.AccessPoint = false;
                }
                else
                {
                    f.AccessPoint = null;
                }

                ProvisioningMachine machine = f.Run();
                Assert.AreEqual(FailureReason.WpsFailed, machine.Failure, "case " + i.ToString() + ": " + f.Log.All());
                Assert.AreEqual(0, accessPoint.OpenCount, "case " + i.ToString());
            }
        }

        [TestMethod]
        public void AnAccessPointThatCannotOpen_IsRetriedWithTheReason()
        {
            ProvisioningFixture f = StockImageWithoutGateway();
            f.Settings.RetryMaxAttempts = 2;
            f.Wifi.ScriptJoin(WifiJoinStatus.NetworkNotFound, 10);
            f.AccessPoint.RefuseOpen = "no soft AP in this image";
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(FailureReason.WpsFailed, machine.Failure, f.Log.All());
            Assert.IsTrue(machine.FailureDetail.IndexOf("no soft AP in this image") >= 0, machine.FailureDetail);
        }

        [TestMethod]
        public void AFactoryResetWhileTheAccessPointIsOpen_ClosesIt()
        {
            ProvisioningFixture f = StockImageWithoutGateway();
            ProvisioningMachine machine = f.Machine();
            for (int i = 0; i < 20 && machine.State != ProvisioningState.AwaitAccessPointCredentials; i++)
            {
                machine.Step();
            }

            Assert.AreEqual(ProvisioningState.AwaitAccessPointCredentials, machine.State, f.Log.All());
            Assert.IsTrue(f.AccessPoint.IsOpen);
            machine.FactoryReset();
            machine.Step();

            Assert.IsFalse(f.AccessPoint.IsOpen, "a reset left the access point open");
        }

        [TestMethod]
        public void TheSsid_IsThePrefixAndTheDeviceId_CutFromTheFrontTo31Bytes()
        {
            Assert.AreEqual("mqtt2go-m2g-abcd1234", ProvisioningMachine.AccessPointSsid("m2g-abcd1234"));
            string longId = "device-with-a-very-long-identifier-0123456789";
            string ssid = ProvisioningMachine.AccessPointSsid(longId);
            Assert.AreEqual(31, ssid.Length);
            Assert.IsTrue(ssid.StartsWith("mqtt2go-"), ssid);
            Assert.IsTrue(longId.EndsWith(ssid.Substring(8)), ssid);
        }
    }
}
