#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Tests.Mdns;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>The MQTT2GO 1.1 local-gateway branch and its fallback to Discovery.</summary>
    [TestClass]
    public class LocalGatewayFlowTests
    {
        private static ProvisioningFixture WithGateway()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            f.Mdns.ReplyToQuery(0, 20, MdnsGoldenVectors.AvahiGatewayA);
            return f;
        }

        /// <summary>A gateway that answers mDNS gives the credentials; Discovery is never contacted; two handshakes in all.</summary>
        [TestMethod]
        public void GatewayFound_CredentialsFromGateway_NoDiscovery()
        {
            ProvisioningFixture f = WithGateway();
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(0, f.Discovery.ConnectAttempts);
            Assert.AreEqual(2, f.Gateway.Connects);
            Assert.AreEqual(2, f.Broker.TotalConnects);
            Assert.AreEqual(1, f.Broker.CountRequests(f.Gateway, "GET_CREDENTIALS"));
            Assert.AreEqual(1, f.Broker.CountRequests(f.Gateway, "GET_DEVICE_TOPICS"));
            Assert.IsNull(f.Gateway.LastRequest.Password);
            CollectionAssert.AreEqual(Fixtures.TestCertificates.DeviceCertificate, f.Gateway.LastRequest.ClientCertificate);
            Assert.IsTrue(f.Log.Contains("ProbeLocalGateway -> ConnectLocalGateway"));
            Assert.IsTrue(f.Log.Contains("AwaitCredentials -> ConnectBroker"));
        }

        /// <summary>The gateway's ACL denies the first SUBSCRIBE (the local controller has not added the device yet) and nobody
        /// answers; the retry subscribes again and hears the credentials.</summary>
        [TestMethod]
        public void GatewaySubscriptionDeniedAtFirst_RetrySubscribesAgain_Succeeds()
        {
            ProvisioningFixture f = WithGateway();
            f.Gateway.DenySubscriptions = 1;
            f.Gateway.ClearReplies();
            f.Gateway.OnRequest("GET_CREDENTIALS", new Fakes.FakeReply[0]);
            f.Gateway.OnRequest("GET_CREDENTIALS", new Fakes.FakeReply[] { f.Report("command_response", "mqtt_credentials", Fixtures.TestCertificates.DeviceCertificateBase64) });
            f.Gateway.OnRequest("GET_DEVICE_TOPICS", new Fakes.FakeReply[] { f.TopicsReply() });

            ProvisioningMachine machine = f.Run();

            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(0, f.Discovery.ConnectAttempts);
            Assert.AreEqual(2, f.Broker.CountRequests(f.Gateway, "GET_CREDENTIALS"));
        }

        /// <summary>The gateway connection uses the factory credentials (user = device id, password = activation code).</summary>
        [TestMethod]
        public void GatewayFound_FirstConnectUsesFactoryCredentials()
        {
            ProvisioningFixture f = WithGateway();
            f.Gateway.ClearReplies();
            f.Gateway.OnRequest("GET_CREDENTIALS", ProvisioningFixture.None());
            f.Settings.RetryMaxAttempts = 1;
            ProvisioningMachine machine = f.Machine();
            ProvisioningFixture.Settle(machine, 8);
            Assert.AreEqual(1, f.Gateway.Connects, f.Log.All());
            Assert.AreEqual(ProvisioningFixture.DeviceId, f.Gateway.LastRequest.Username);
            Assert.AreEqual(ProvisioningFixture.Code, f.Gateway.LastRequest.Password);
        }

        /// <summary>A gateway whose certificate does not chain to the trust anchor is skipped at once for Discovery.</summary>
        [TestMethod]
        public void GatewayUntrusted_FallsBackToDiscoveryAtOnce()
        {
            ProvisioningFixture f = WithGateway();
            f.Gateway.RefuseNext(MqttConnectStatus.ServerNotTrusted, 1);
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Gateway.ConnectAttempts);
            Assert.AreEqual(1, f.Discovery.Connects);
            Assert.AreEqual(1, f.Cloud.Connects);
            Assert.IsTrue(f.Log.Contains("falling back to Discovery"));
        }

        /// <summary>A silent gateway gets two attempts, then the remote flow takes over.</summary>
        [TestMethod]
        public void GatewaySilent_TwoAttempts_ThenDiscovery()
        {
            ProvisioningFixture f = WithGateway();
            f.Gateway.ClearReplies();
            f.Gateway.OnRequest("GET_CREDENTIALS", ProvisioningFixture.None());
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(2, f.Broker.CountRequests(f.Gateway, "GET_CREDENTIALS"));
            Assert.AreEqual(1, f.Gateway.Connects);
            Assert.AreEqual(1, f.Discovery.Connects);
        }

        /// <summary>The gateway reporting the activation as expired is terminal.</summary>
        [TestMethod]
        public void GatewayReportsExpired_IsTerminal()
        {
            ProvisioningFixture f = WithGateway();
            f.Gateway.ClearReplies();
            f.Gateway.OnRequest("GET_CREDENTIALS", ProvisioningFixture.One(f.ErrorReply("mqtt_credentials", "expired")));
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Failed, machine.State);
            Assert.AreEqual(FailureReason.ActivationExpired, machine.Failure);
        }

        /// <summary>Invalid credentials from the gateway (a certificate for another device) end in the remote flow.</summary>
        [TestMethod]
        public void GatewayInvalidCredentials_FallsBackToDiscovery()
        {
            ProvisioningFixture f = WithGateway();
            f.Gateway.ClearReplies();
            f.Gateway.OnRequest("GET_CREDENTIALS", ProvisioningFixture.One(f.Report("command_response", "mqtt_credentials",
                Fixtures.TestCertificates.CaCertificateBase64)));
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Discovery.Connects);
            Assert.IsTrue(f.Log.Contains("invalid credentials from the local gateway"));
        }
    }
}
