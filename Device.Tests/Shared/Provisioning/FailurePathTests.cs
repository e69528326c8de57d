#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Tests.Fakes;
using Mqtt2Go.Device.Tests.Fixtures;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>Every terminal and transient failure of the activation, and what the machine does about it.</summary>
    [TestClass]
    public class FailurePathTests
    {
        /// <summary>Discovery reporting "expired" is terminal at once: one request, ActivationExpired, Failed LED.</summary>
        [TestMethod]
        public void DiscoveryReportsExpired_FailsAtOnce()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.ErrorReply("mqtt_credentials", "expired")));
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Failed, machine.State);
            Assert.AreEqual(FailureReason.ActivationExpired, machine.Failure);
            Assert.AreEqual(1, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
            Assert.AreEqual(IndicatorPattern.Failed, f.Indicator.Pattern);
            Assert.IsTrue(machine.FailureDetail.IndexOf("expired") >= 0);
            Assert.IsFalse(f.Broker.IsConnected);
            Assert.IsFalse(machine.Step());
        }

        /// <summary>Discovery reporting "already_used" is terminal at once.</summary>
        [TestMethod]
        public void DiscoveryReportsAlreadyUsed_FailsAtOnce()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.ErrorReply("mqtt_credentials", "already_used")));
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.ActivationExpired, machine.Failure);
        }

        /// <summary>Another error reason ("unknown": the controller has not added the device yet) is retried on the same connection.</summary>
        [TestMethod]
        public void DiscoveryReportsUnknown_RetriesThenSucceeds()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.ErrorReply("mqtt_credentials", "unknown")));
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.BrokerDataReply()));
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(2, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
            Assert.AreEqual(1, f.Discovery.Connects);
        }

        /// <summary>A Discovery server with the wrong CA is terminal at the first attempt.</summary>
        [TestMethod]
        public void DiscoveryWrongCa_FailsAtOnceWithUntrustedServer()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.ServerCa = TestCertificates.ServerCertificate;
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.UntrustedServer, machine.Failure);
            Assert.AreEqual(1, f.Discovery.ConnectAttempts);
        }

        /// <summary>The device reaches Discovery before the controller added it: the broker accepts the certificate but its
        /// ACL denies the first SUBSCRIBE and nobody answers; once added, the retry must subscribe again to hear the answer.</summary>
        [TestMethod]
        public void DiscoverySubscriptionDeniedUntilControllerAdds_RetrySubscribesAgain_Succeeds()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.DenySubscriptions = 1;
            f.Discovery.ReportDeniedSubscriptions = false;
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", new FakeReply[0]);
            f.Discovery.OnRequest("GET_BROKER_DATA", new FakeReply[] { f.BrokerDataReply() });

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(2, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
            Assert.AreEqual(2, f.Discovery.SubscribeCount);
        }

        /// <summary>The broker keeps refusing the activation topic (expired or used, the entry is gone): each refusal ends the wait
        /// at once, the retries are bounded, and the device fails with ActivationRefused and a reason the user can act on.</summary>
        [TestMethod]
        public void DiscoveryRefusesTheActivationTopic_EveryAttempt_FailsActivationRefusedWithinTheRetryBudget()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 3;
            f.Discovery.DenySubscriptions = 1000;
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", new FakeReply[0]);

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Failed, machine.State, f.Log.All());
            Assert.AreEqual(FailureReason.ActivationRefused, machine.Failure);
            Assert.IsTrue(machine.FailureDetail.IndexOf("not pending") >= 0, machine.FailureDetail);
            Assert.AreEqual(1, f.Discovery.ConnectAttempts);
            Assert.IsTrue(f.Timeline.NowMs - 5000 < f.Settings.TimeoutMs, "no reply timeout was waited out: " + f.Timeline.NowMs.ToString());
        }

        /// <summary>The controller adds the device late: NotAuthorized three times, then the activation goes through.</summary>
        [TestMethod]
        public void DiscoveryNotAuthorizedThenAuthorized_ControllerLate_Succeeds()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.RefuseNext(MqttConnectStatus.NotAuthorized, 2);
            f.Discovery.RefuseNext(MqttConnectStatus.BadCredentials, 1);
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(4, f.Discovery.ConnectAttempts);
            Assert.IsTrue(f.Log.Contains("provisioning: ConnectDiscovery -> ConnectDiscovery (attempt 2,"), f.Log.All());
            Assert.IsTrue(f.Log.Contains("ConnectDiscovery -> AwaitBrokerData (attempt 4,"), f.Log.All());
        }

        /// <summary>Discovery refusing every attempt ends in ActivationRefused after exactly RetryMaxAttempts attempts.</summary>
        [TestMethod]
        public void DiscoveryNotAuthorizedForever_ActivationRefused()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 5;
            f.Discovery.RefuseNext(MqttConnectStatus.NotAuthorized, 100);
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.ActivationRefused, machine.Failure);
            Assert.AreEqual(5, f.Discovery.ConnectAttempts);
        }

        /// <summary>A silent Discovery with bounded attempts: the request is repeated on the same connection, then RetriesExhausted.</summary>
        [TestMethod]
        public void DiscoverySilent_RetriesOnSameConnection_ThenRetriesExhausted()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 3;
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.None());
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.RetriesExhausted, machine.Failure);
            Assert.AreEqual(3, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
            Assert.AreEqual(1, f.Discovery.Connects);
        }

        /// <summary>Backoff between attempts is bounded (base..cap) and the total time stays within the attempts' budget.</summary>
        [TestMethod]
        public void DiscoveryUnreachable_BackoffIsBoundedAndGrows()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 6;
            f.Settings.RetryMaxIntervalMs = 4000;
            f.Discovery.RefuseNext(MqttConnectStatus.NetworkError, 100);
            long start = f.Timeline.NowMs;
            ProvisioningMachine machine = f.Run();
            long elapsed = f.Timeline.NowMs - start;
            Assert.AreEqual(FailureReason.RetriesExhausted, machine.Failure);
            Assert.AreEqual(6, f.Discovery.ConnectAttempts);
            // 5 waits of 500..4000 ms plus the 5 s WPS.
            Assert.IsTrue(elapsed >= 5000 + (5 * 500) && elapsed <= 5000 + (5 * 4000), "elapsed " + elapsed.ToString());
        }

        /// <summary>With unlimited attempts the overall deadline ends a silent activation with DeadlineExceeded, before 15 min.</summary>
        [TestMethod]
        public void DiscoverySilentForever_DeadlineExceeded()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = -1;
            f.Settings.OverallDeadlineMs = 120000;
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.None());
            long start = f.Timeline.NowMs;
            ProvisioningMachine machine = f.Run();
            long elapsed = f.Timeline.NowMs - start;
            Assert.AreEqual(FailureReason.DeadlineExceeded, machine.Failure, f.Log.All());
            Assert.IsTrue(elapsed >= 120000 && elapsed <= 121000, "elapsed " + elapsed.ToString());
        }

        /// <summary>Broker data that never validates ends in InvalidResponse.</summary>
        [TestMethod]
        public void InvalidBrokerDataEveryTime_InvalidResponse()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 3;
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.BrokerDataReply("bad host!", TestCertificates.DeviceCertificateBase64)));
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.InvalidResponse, machine.Failure);
            Assert.AreEqual(3, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"));
        }

        /// <summary>A certificate issued to another device (CN mismatch) is rejected and the request repeated.</summary>
        [TestMethod]
        public void CertificateForAnotherDevice_IsRejectedThenGoodOneAccepted()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.BrokerDataReply(ProvisioningFixture.CloudHost,
                System.Convert.ToBase64String(TestCertificates.ServerCertificate))));
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.BrokerDataReply()));
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.IsTrue(f.Log.Contains("is not the device id"));
        }

        /// <summary>An expired certificate is rejected while the clock is valid.</summary>
        [TestMethod]
        public void ExpiredCertificate_IsRejected()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 1;
            f.Timeline.StartUnixSeconds = TestCertificates.DeviceNotAfterUnix + 10;
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.InvalidResponse, machine.Failure);
            Assert.IsTrue(machine.FailureDetail.IndexOf("expired") >= 0, machine.FailureDetail);
        }

        /// <summary>The Discovery connection dropping after the request is recovered by reconnecting.</summary>
        [TestMethod]
        public void DiscoveryDropsAfterRequest_ReconnectsAndSucceeds()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.DropOnPublish = 1;
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(2, f.Discovery.Connects);
            Assert.IsTrue(f.Log.Contains("Discovery connection lost"));
        }

        /// <summary>A cloud broker with a wrong CA for freshly delivered data is terminal.</summary>
        [TestMethod]
        public void CloudWrongCa_FreshData_UntrustedServer()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Cloud.ServerCa = TestCertificates.ServerCertificate;
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.UntrustedServer, machine.Failure);
            Assert.AreEqual(1, f.Cloud.ConnectAttempts);
        }

        /// <summary>A delivered ca_certificate replaces the trust anchor for the cloud connection.</summary>
        [TestMethod]
        public void DeliveredCaCertificate_IsUsedForTheCloud()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Cloud.ServerCa = TestCertificates.ServerCertificate;
            System.Collections.Hashtable value = new System.Collections.Hashtable();
            value["broker_ip"] = ProvisioningFixture.CloudHost;
            value["broker_port"] = 8883;
            value["device_certificate"] = TestCertificates.DeviceCertificateBase64;
            value["ca_certificate"] = System.Convert.ToBase64String(TestCertificates.ServerCertificate);
            value["password"] = ProvisioningFixture.CloudPassword;
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.Report("command_response", "mqtt_credentials", value)));
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
        }

        /// <summary>A silent cloud (no topics: the controller never names the device) is retried, then RetriesExhausted.</summary>
        [TestMethod]
        public void TopicsNeverDelivered_RetriesExhausted()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 3;
            f.Cloud.ClearReplies();
            f.Cloud.OnRequest("GET_DEVICE_TOPICS", ProvisioningFixture.None());
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.RetriesExhausted, machine.Failure);
            Assert.AreEqual(3, f.Broker.CountRequests(f.Cloud, "GET_DEVICE_TOPICS"));
        }

        /// <summary>The wall clock never set: ClockNotSet after the attempts, nothing contacted.</summary>
        [TestMethod]
        public void ClockNeverValid_ClockNotSet()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 2;
            f.Clock.IsWallClockValid = false;
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.ClockNotSet, machine.Failure);
            Assert.AreEqual(0, f.Discovery.ConnectAttempts);
        }

        /// <summary>The wall clock set by SNTP after 3 s: the machine waits for it and continues.</summary>
        [TestMethod]
        public void ClockValidLater_Continues()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Clock.IsWallClockValid = false;
            f.Timeline.At(f.Clock.NowMs + 8000, delegate { f.Clock.IsWallClockValid = true; });
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(0, f.CountTransitions(ProvisioningState.AwaitClock, ProvisioningState.AwaitClock));
        }

        /// <summary>"enabled": false stops at once with Disabled.</summary>
        [TestMethod]
        public void Disabled_FailsWithDisabled()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Settings.Enabled = false;
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.Disabled, machine.Failure);
            Assert.IsTrue(machine.FailureDetail.IndexOf("enabled") >= 0);
            Assert.AreEqual(0, f.Wifi.WpsCount);
        }

        /// <summary>No configuration at all is InvalidConfiguration.</summary>
        [TestMethod]
        public void NullConfiguration_InvalidConfiguration()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Configuration = null;
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.InvalidConfiguration, machine.Failure);
        }

        /// <summary>A bad device id is InvalidConfiguration.</summary>
        [TestMethod]
        public void BadDeviceId_InvalidConfiguration()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Identity.DeviceId = "dev/0001";
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.InvalidConfiguration, machine.Failure);
            Assert.IsTrue(machine.FailureDetail.IndexOf("device_id") >= 0);
        }

        /// <summary>A deadline at or beyond the 15-minute activation window is InvalidConfiguration.</summary>
        [TestMethod]
        public void DeadlineBeyondActivationWindow_InvalidConfiguration()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Settings.OverallDeadlineMs = 900000;
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(FailureReason.InvalidConfiguration, machine.Failure);
        }

        /// <summary>An invalid activation code and an unsupported device type are InvalidConfiguration.</summary>
        [TestMethod]
        public void BadCodeOrDeviceType_InvalidConfiguration()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Identity.ActivationCode = "NOT-A-CODE";
            Assert.AreEqual(FailureReason.InvalidConfiguration, f.Run().Failure);
            ProvisioningFixture g = new ProvisioningFixture();
            g.Identity.DeviceType = "light";
            Assert.AreEqual(FailureReason.InvalidConfiguration, g.Run().Failure);
        }

        /// <summary>A short button press after a failure restarts provisioning with WPS.</summary>
        [TestMethod]
        public void ShortPressAfterFailure_RestartsWithWps()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.ErrorReply("mqtt_credentials", "expired")));
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.BrokerDataReply()));
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Failed, machine.State);
            machine.PressButton(false);
            Assert.IsTrue(machine.Step());
            Assert.AreEqual(ProvisioningState.Boot, machine.State);
            Assert.AreEqual(ProvisioningState.Operational, ProvisioningFixture.Settle(machine, 100), f.Log.All());
            Assert.AreEqual(2, f.Wifi.WpsCount);
            Assert.AreEqual(FailureReason.None, machine.Failure);
        }

        /// <summary>The configuration from the real loader (fixture files) provisions like the one built in code.</summary>
        [TestMethod]
        public void ConfigurationFromLoader_Provisions()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            ConfigurationResult loaded = new ConfigurationLoader(f.Json, f.Certificates).Load(new FixtureStore());
            Assert.IsTrue(loaded.IsValid);
            loaded.Configuration.Settings.LocalGateway = false;
            f.Configuration = loaded.Configuration;
            Assert.AreEqual(ProvisioningState.Operational, f.Run().State, f.Log.All());
        }
    }
}
