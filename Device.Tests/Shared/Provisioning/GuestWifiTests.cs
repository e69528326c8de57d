#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Tests.Fakes;
using Mqtt2Go.Device.Tests.Mdns;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>Issue 13, the MQTT2GO 1.1 guest-Wi-Fi variant: JoinGuestWifi and AwaitWifiCredentials with their failures.</summary>
    [TestClass]
    public class GuestWifiTests
    {
        private const string HomeSsid = "HomeNet 5G";
        private const string HomePassphrase = "home-passphrase-from-gateway";

        // A stock image (no WPS), no stored network, a gateway that answers mDNS on the guest network (query 0) and
        // GET_WIFI_CREDENTIALS; on the home network nobody answers mDNS, so the remote flow follows.
        private static ProvisioningFixture StockImageWithGuestNetwork()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Wifi.ScriptWps(WifiJoinStatus.WpsNotSupported, 10);
            f.Mdns.ReplyToQuery(0, 20, MdnsGoldenVectors.AvahiGatewayA);
            f.Gateway.OnRequest("GET_WIFI_CREDENTIALS", ProvisioningFixture.One(HomeWifiReply(f, HomeSsid, HomePassphrase)));
            return f;
        }

        private static FakeReply HomeWifiReply(ProvisioningFixture f, string ssid, string password)
        {
            Hashtable value = new Hashtable();
            value["ssid"] = ssid;
            value["password"] = password;
            return f.Report("command_response", "wifi_credentials", value);
        }

        [TestMethod]
        public void StockImageWithoutCredentials_GetsTheHomeNetworkFromTheGuestNetwork_ThenIsOperational()
        {
            ProvisioningFixture f = StockImageWithGuestNetwork();
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            WifiCredentials guest = (WifiCredentials)f.Wifi.Joined[0];
            Assert.AreEqual(ProvisioningMachine.GuestNetworkSsid, guest.Ssid);
            Assert.AreEqual(ProvisioningFixture.Code, guest.Passphrase, "the guest passphrase is the activation code");
            Assert.AreEqual(HomeSsid, f.Wifi.LastJoined.Ssid, "the home network is joined last");
            Assert.AreEqual(1, f.Wifi.TemporaryJoinCount, "the guest network is joined without being stored on the platform");
            Assert.AreEqual(1, f.Wifi.TemporaryNetworksLeft, "the guest network is left before the home network is joined");
            Assert.IsFalse(f.Wifi.OnTemporaryNetwork);
            Assert.AreEqual(HomePassphrase, f.Checkpoints().ReadWifi().Passphrase, "the home network is checkpointed");
            Assert.AreEqual(1, f.Broker.CountRequests(f.Gateway, "GET_WIFI_CREDENTIALS"));
            CollectionAssert.AreEqual(Fixtures.TestCertificates.DeviceCertificate, f.Gateway.LastRequest.ClientCertificate);
            Assert.AreEqual(1, f.CountTransitions(ProvisioningState.AwaitWps, ProvisioningState.JoinGuestWifi));
            Assert.AreEqual(1, f.CountTransitions(ProvisioningState.JoinGuestWifi, ProvisioningState.AwaitWifiCredentials));
            Assert.AreEqual(1, f.CountTransitions(ProvisioningState.AwaitWifiCredentials, ProvisioningState.JoinWifi));
            Assert.AreEqual(0, f.Log.CountContaining(HomePassphrase), "the home passphrase is in the log");
            Assert.AreEqual(0, f.Log.CountContaining(ProvisioningFixture.Code), "the activation code (guest passphrase) is in the log");
        }

        [TestMethod]
        public void RebootAfterTheGuestAnswer_JoinsTheStoredHomeNetwork_WithoutTheGuestNetwork()
        {
            ProvisioningFixture f = StockImageWithGuestNetwork();
            Assert.AreEqual(ProvisioningState.Operational, f.Run().State, f.Log.All());
            int joins = f.Wifi.JoinCount;
            f.Wifi.IsConnected = false;

            ProvisioningMachine again = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, again.State, f.Log.All());
            Assert.AreEqual(joins + 1, f.Wifi.JoinCount, "one join, with the stored home network");
            Assert.AreEqual(HomeSsid, f.Wifi.LastJoined.Ssid);
            Assert.AreEqual(1, f.Broker.CountRequests(f.Gateway, "GET_WIFI_CREDENTIALS"), "asked once in all");
        }

        [TestMethod]
        public void WpsTimesOut_TheGuestNetworkIsTriedBeforeWpsAgain()
        {
            ProvisioningFixture f = StockImageWithGuestNetwork();
            f.Wifi.ClearWpsScript();
            f.Wifi.ScriptWps(WifiJoinStatus.WpsTimeout, 1);
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Wifi.WpsCount, "one WPS window, then the guest network delivered");
            Assert.AreEqual(HomeSsid, f.Checkpoints().ReadWifi().Ssid);
        }

        [TestMethod]
        public void NoGuestNetworkAndWpsTimingOut_AlternatesThenFailsWpsFailed()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Settings.RetryMaxAttempts = 4;
            f.Wifi.ScriptWps(WifiJoinStatus.WpsTimeout, 20);
            f.Wifi.ScriptJoin(WifiJoinStatus.NetworkNotFound, 20);
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(FailureReason.WpsFailed, machine.Failure, f.Log.All());
            Assert.IsTrue(f.Wifi.WpsCount >= 2, "WPS again after the guest network: " + f.Wifi.WpsCount.ToString());
            Assert.IsTrue(f.Wifi.JoinCount >= 2, "guest network again after WPS: " + f.Wifi.JoinCount.ToString());
            Assert.IsNull(f.Checkpoints().ReadWifi());
        }

        [TestMethod]
        public void StockImageAndNoGuestNetwork_FailsWpsFailedWithTheWpsUnavailablePattern()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Settings.RetryMaxAttempts = 3;
            f.Wifi.ScriptWps(WifiJoinStatus.WpsNotSupported, 10);
            f.Wifi.ScriptJoin(WifiJoinStatus.NetworkNotFound, 10);
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(FailureReason.WpsFailed, machine.Failure, f.Log.All());
            Assert.AreEqual(IndicatorPattern.WpsUnavailable, f.Indicator.Pattern);
            Assert.IsTrue(machine.FailureDetail.IndexOf("guest network") >= 0, machine.FailureDetail);
            Assert.AreEqual(1, f.Wifi.WpsCount, "WPS is not asked again on an image without it");
        }

        [TestMethod]
        public void NoGatewayAnswersMdnsOnTheGuestNetwork_RetriedThenFails()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Settings.RetryMaxAttempts = 2;
            f.Wifi.ScriptWps(WifiJoinStatus.WpsNotSupported, 10);
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(FailureReason.WpsFailed, machine.Failure, f.Log.All());
            Assert.IsTrue(machine.FailureDetail.IndexOf("no local gateway answered on the guest network") >= 0, machine.FailureDetail);
            Assert.AreEqual(0, f.Gateway.ConnectAttempts);
            Assert.AreEqual(2, f.Wifi.TemporaryJoinCount, "two attempts");
            Assert.AreEqual(2, f.Wifi.TemporaryNetworksLeft, "every failed attempt leaves the guest network");
            Assert.IsFalse(f.Wifi.OnTemporaryNetwork, "the failed device stays on the guest network");
        }

        [TestMethod]
        public void TheGatewayRefusesTheFirstConnection_TheRetryGetsTheNetwork()
        {
            ProvisioningFixture f = StockImageWithGuestNetwork();
            f.Gateway.RefuseNext(MqttConnectStatus.NotAuthorized, 1);
            f.Mdns.ReplyToQuery(1, 20, MdnsGoldenVectors.AvahiGatewayA);
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.IsTrue(f.Log.Contains("refused the connection"), f.Log.All());
            Assert.AreEqual(2, f.Wifi.TemporaryJoinCount, "the guest network is joined again for the retry");
            Assert.AreEqual(1, f.Broker.CountRequests(f.Gateway, "GET_WIFI_CREDENTIALS"));
            Assert.AreEqual(HomeSsid, f.Checkpoints().ReadWifi().Ssid);
        }

        [TestMethod]
        public void TheGuestConnectionIsLostAfterTheRequest_TheRetryGetsTheNetwork()
        {
            ProvisioningFixture f = StockImageWithGuestNetwork();
            f.Gateway.DropOnPublish = 1;
            f.Mdns.ReplyToQuery(1, 20, MdnsGoldenVectors.AvahiGatewayA);
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.IsTrue(f.Log.Contains("the guest gateway connection was lost"), f.Log.All());
            Assert.AreEqual(2, f.Broker.CountRequests(f.Gateway, "GET_WIFI_CREDENTIALS"));
            Assert.AreEqual(HomeSsid, f.Checkpoints().ReadWifi().Ssid);
            Assert.IsFalse(f.Wifi.OnTemporaryNetwork);
        }

        [TestMethod]
        public void NoGuestNetworkBeforeTheDeadline_FailsDeadlineExceeded_OffTheGuestNetwork()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Settings.RetryMaxAttempts = -1; // unlimited: only the deadline ends it
            f.Settings.OverallDeadlineMs = 60000;
            f.Wifi.ScriptWps(WifiJoinStatus.WpsNotSupported, 100);
            long start = f.Timeline.NowMs;
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(FailureReason.DeadlineExceeded, machine.Failure, f.Log.All());
            Assert.IsTrue(f.Timeline.NowMs - start <= 60000 + f.Settings.TimeoutMs, "ran past the deadline: " + (f.Timeline.NowMs - start).ToString());
            Assert.IsTrue(f.Wifi.TemporaryJoinCount >= 2, "retried: " + f.Wifi.TemporaryJoinCount.ToString());
            Assert.IsFalse(f.Wifi.OnTemporaryNetwork);
            Assert.IsNull(f.Checkpoints().ReadWifi());
        }

        [TestMethod]
        public void NotAddedYet_TheSubscriptionIsRefusedFirst_TheRetryGetsTheNetwork()
        {
            ProvisioningFixture f = StockImageWithGuestNetwork();
            f.Gateway.DenySubscriptions = 1;
            f.Gateway.ReportDeniedSubscriptions = true;
            f.Mdns.ReplyToQuery(1, 20, MdnsGoldenVectors.AvahiGatewayA); // the second guest probe
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.IsTrue(f.Log.Contains("not added by its controller yet"), f.Log.All());
            Assert.AreEqual(HomeSsid, f.Checkpoints().ReadWifi().Ssid);
        }

        [TestMethod]
        public void AlreadyUsedOrExpired_IsTerminal_ActivationExpired_OffTheGuestNetwork()
        {
            string[] reasons = { "already_used", "expired" };
            for (int i = 0; i < reasons.Length; i++)
            {
                ProvisioningFixture f = StockImageWithGuestNetwork();
                f.Gateway.ClearReplies();
                f.Gateway.OnRequest("GET_WIFI_CREDENTIALS", ProvisioningFixture.One(f.ErrorReply("wifi_credentials", reasons[i])));
                ProvisioningMachine machine = f.Run();

                Assert.AreEqual(FailureReason.ActivationExpired, machine.Failure, reasons[i] + ": " + f.Log.All());
                Assert.IsTrue(machine.FailureDetail.IndexOf("add the device again") >= 0, machine.FailureDetail);
                Assert.IsTrue(machine.FailureDetail.IndexOf(reasons[i]) >= 0, machine.FailureDetail);
                Assert.AreEqual(1, f.Broker.CountRequests(f.Gateway, "GET_WIFI_CREDENTIALS"), reasons[i] + ": asked again");
                Assert.IsFalse(f.Wifi.OnTemporaryNetwork, reasons[i] + ": the failed device stays on the guest network");
            }
        }

        [TestMethod]
        public void CredentialsTheDeviceCannotUse_AreNotStored_AndTheRequestIsRetried()
        {
            string[] ssids = { "", "Bad\u0007Bell", "this SSID is thirty-two bytes!!!", "Fine" };
            string[] passwords = { "long-enough-pass", "long-enough-pass", "long-enough-pass", "short" };
            for (int i = 0; i < ssids.Length; i++)
            {
                ProvisioningFixture f = StockImageWithGuestNetwork();
                f.Settings.RetryMaxAttempts = 2;
                f.Gateway.ClearReplies();
                f.Gateway.OnRequest("GET_WIFI_CREDENTIALS", ProvisioningFixture.One(HomeWifiReply(f, ssids[i], passwords[i])));
                f.Mdns.ReplyToQuery(1, 20, MdnsGoldenVectors.AvahiGatewayA);
                ProvisioningMachine machine = f.Run();

                Assert.AreEqual(ProvisioningState.Failed, machine.State, "case " + i.ToString() + ": " + f.Log.All());
                Assert.IsNull(f.Checkpoints().ReadWifi(), "case " + i.ToString());
                Assert.AreEqual(0, f.Log.CountContaining(passwords[i]), "case " + i.ToString() + ": the passphrase is in the log");
                Assert.IsTrue(f.Broker.CountRequests(f.Gateway, "GET_WIFI_CREDENTIALS") >= 2, "case " + i.ToString() + ": retried");
            }
        }

        /// <summary>Issue 13 done-when: a wrong, oversize or replayed answer is refused with a logged reason and the device keeps
        /// waiting in the same request; the good answer that follows is taken (one request in all).</summary>
        [TestMethod]
        public void WrongOversizeOrReplayedAnswers_AreLoggedAndSkipped_TheGoodOneIsTaken()
        {
            ProvisioningFixture f = StockImageWithGuestNetwork();
            f.Gateway.ClearReplies();
            FakeReply wrong = HomeWifiReply(f, HomeSsid, "short");
            FakeReply oversize = ProvisioningFixture.Raw("{\"type\":\"report\",\"x\":\"" + new string('a', 9000) + "\"}").After(100);
            FakeReply replayed = ProvisioningFixture.Raw("{\"type\":\"report\",\"timestamp\":1700000000,\"report_type\":\"command_response\","
                + "\"report_name\":\"wifi_credentials\",\"value\":{\"ssid\":\"Old Net\",\"password\":\"an-old-passphrase\"}}").After(200);
            FakeReply good = HomeWifiReply(f, HomeSsid, HomePassphrase).After(300);
            f.Gateway.OnRequest("GET_WIFI_CREDENTIALS", new FakeReply[] { wrong, oversize, replayed, good });
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Broker.CountRequests(f.Gateway, "GET_WIFI_CREDENTIALS"), "the device asked again instead of waiting");
            Assert.AreEqual(HomePassphrase, f.Checkpoints().ReadWifi().Passphrase);
            Assert.IsTrue(f.Log.Contains("refused the home network from the gateway"), f.Log.All());
            Assert.IsTrue(f.Log.Contains("inbox: dropped 1 message(s) unread (over 8192 bytes"), f.Log.All());
            Assert.IsTrue(f.Log.Contains("(replayed); still waiting"), f.Log.All());
            Assert.AreEqual(0, f.Log.CountContaining("an-old-passphrase"));
            Assert.AreEqual(0, f.Log.CountContaining(HomePassphrase));
        }

        /// <summary>A factory reset or a short press asks for WPS; on a stock image the guest network must still end on the home network.</summary>
        [TestMethod]
        public void AfterAFactoryResetOrAShortPress_TheGuestPathStillJoinsTheHomeNetwork()
        {
            for (int i = 0; i < 2; i++)
            {
                ProvisioningFixture f = StockImageWithGuestNetwork();
                ProvisioningMachine machine = f.Machine();
                if (i == 0)
                {
                    machine.FactoryReset();
                }
                else
                {
                    machine.PressButton(false);
                }

                ProvisioningFixture.Settle(machine, 200);
                Assert.AreEqual(ProvisioningState.Operational, machine.State, "case " + i.ToString() + ": " + f.Log.All());
                Assert.AreEqual(HomeSsid, f.Wifi.LastJoined.Ssid, "case " + i.ToString());
            }
        }

        [TestMethod]
        public void GuestWifiOff_KeepsTheWpsOnlyBehaviour()
        {
            ProvisioningFixture f = StockImageWithGuestNetwork();
            f.Settings.GuestWifi = false;
            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(FailureReason.WpsFailed, machine.Failure);
            Assert.AreEqual(0, f.Wifi.JoinCount, "no guest join");
        }
    }
}
