#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Tests.Fixtures;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>No secret ever reaches the log: activation code (beyond its redacted prefix), passphrases, passwords, keys.</summary>
    [TestClass]
    public class SecretsTests
    {
        private static void AssertNoSecrets(ProvisioningFixture f, ProvisioningMachine machine)
        {
            string log = f.Log.All() + (machine.FailureDetail == null ? string.Empty : machine.FailureDetail);
            Assert.IsTrue(log.IndexOf(ProvisioningFixture.Code) < 0, "activation code logged");
            Assert.IsTrue(log.IndexOf(ProvisioningFixture.Code.Substring(0, 6)) < 0, "more than the redacted prefix logged");
            Assert.IsTrue(log.IndexOf(ProvisioningFixture.CloudPassword) < 0, "cloud password logged");
            Assert.IsTrue(log.IndexOf("wps-delivered-passphrase-42") < 0, "WPS passphrase logged");
            Assert.IsTrue(log.IndexOf("stored-passphrase-99") < 0, "stored passphrase logged");
            Assert.IsTrue(log.IndexOf(TestCertificates.ThrowAwayTestKeyBase64Text.Substring(40, 24)) < 0, "key logged");
        }

        /// <summary>A full run with WPS, broker data with a password, topics and commands logs no secret.</summary>
        [TestMethod]
        public void FullRun_LogsNoSecret()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            ProvisioningMachine machine = f.Run();
            f.Broker.DropConnection("drop");
            machine.RunOperational(f.Timeline.NowMs + 10000);
            Assert.AreEqual(ProvisioningState.Operational, machine.State);
            Assert.IsTrue(f.Log.Contains("code 04HM"), f.Log.All());
            AssertNoSecrets(f, machine);
        }

        /// <summary>Failure paths (refusals, bad credentials, wrong passphrase) log no secret either.</summary>
        [TestMethod]
        public void FailurePaths_LogNoSecret()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Settings.RetryMaxAttempts = 2;
            f.SeedWifi();
            f.Wifi.ScriptJoin(WifiJoinStatus.WrongPassphrase, 1);
            f.Discovery.RefuseNext(MqttConnectStatus.BadCredentials, 1);
            f.Cloud.ExpectedPassword = "something-else";
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Failed, machine.State);
            AssertNoSecrets(f, machine);
        }
    }
}
