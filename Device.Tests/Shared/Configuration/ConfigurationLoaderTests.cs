using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Tests.Fixtures;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Mqtt2Go.Device.Tests.Configuration
{
    /// <summary>ConfigurationLoader: a complete valid configuration, defaults, and one broken thing at a time.</summary>
    [TestClass]
    public class ConfigurationLoaderTests
    {
        private const string Identity = "{\"device_id\":\"dev-0001\",\"activation_code\":\"04HMASW9NF6Y2\","
            + "\"discovery_host\":\"discovery.example.com\"";

        [TestMethod]
        public void Load_FactoryFilesOnly_IsValidWithDefaults()
        {
            FixtureStore store = new FixtureStore();

            ConfigurationResult result = Load(store);

            Assert.IsTrue(result.IsValid);
            Assert.AreEqual(0, result.Problems.Length);
            FactoryIdentity identity = result.Configuration.Identity;
            Assert.AreEqual("dev-0001", identity.DeviceId);
            Assert.AreEqual("04HMASW9NF6Y2", identity.ActivationCode);
            Assert.AreEqual("switch", identity.DeviceType);
            Assert.AreEqual("discovery.example.com", identity.DiscoveryHost);
            Assert.AreEqual(8883, identity.DiscoveryPort);
            CollectionAssert.AreEqual(TestCertificates.CaCertificate, identity.TrustAnchor);
            CollectionAssert.AreEqual(TestCertificates.DeviceCertificate, identity.FactoryCertificate);
            CollectionAssert.AreEqual(TestCertificates.ThrowAwayTestKeyPkcs8, identity.FactoryKey);
            Assert.IsNull(result.Configuration.Broker);

            ProvisioningSettings settings = result.Configuration.Settings;
            Assert.IsTrue(settings.Enabled);
            Assert.IsFalse(settings.Provisioned);
            Assert.IsTrue(settings.CaAuthentication);
            Assert.AreEqual(10000, settings.TimeoutMs);
            Assert.AreEqual(500, settings.RetryIntervalMs);
            Assert.AreEqual(30000, settings.RetryMaxIntervalMs);
            Assert.AreEqual(8, settings.RetryMaxAttempts);
            Assert.AreEqual(600000, settings.OverallDeadlineMs);
            Assert.AreEqual(3000, settings.MdnsBudgetMs);
            Assert.IsTrue(settings.LocalGateway);
            Assert.AreEqual(120000, settings.WpsTimeoutMs);
            Assert.AreEqual((int)MqttProtocol.V5, (int)settings.Protocol);
            Assert.AreEqual(60, settings.KeepAliveSeconds);
            Assert.AreEqual(300, settings.StatusIntervalSeconds);
        }

        [TestMethod]
        public void Load_DisplayFormActivationCode_IsNormalised()
        {
            FixtureStore store = new FixtureStore();
            store.SetText(StoreNames.IdentityJson, "{\"device_id\":\"dev-0001\",\"activation_code\":\"o4hm-asw9-nf6y-2\","
                + "\"discovery_host\":\"10.0.0.5\",\"discovery_port\":\"18883\",\"device_type\":\"dimmer\",\"label\":\"x\"}");

            ConfigurationResult result = Load(store);

            Assert.IsTrue(result.IsValid);
            Assert.AreEqual("04HMASW9NF6Y2", result.Configuration.Identity.ActivationCode);
            Assert.AreEqual(18883, result.Configuration.Identity.DiscoveryPort);
            Assert.AreEqual("dimmer", result.Configuration.Identity.DeviceType);
        }

        [TestMethod]
        public void Load_EverySetting_IsApplied()
        {
            FixtureStore store = new FixtureStore();
            store.SetText(StoreNames.SettingsJson, "{\"enabled\":false,\"provisioned\":true,\"ca-authentication\":true,"
                + "\"timeout\":20,\"retry-interval\":250,\"retry-max-interval\":60000,\"retry-max-attempts\":-1,"
                + "\"deadline\":899,\"mdns-budget\":1500,\"local-gateway\":false,\"guest-wifi\":false,\"wps-timeout\":60,\"mqtt-version\":\"3.1.1\","
                + "\"keep-alive\":30,\"status-interval\":600}");

            ConfigurationResult result = Load(store);
            ProvisioningSettings settings = result.Configuration.Settings;

            Assert.IsTrue(result.IsValid);
            Assert.IsFalse(settings.Enabled);
            Assert.IsTrue(settings.Provisioned);
            Assert.AreEqual(20000, settings.TimeoutMs);
            Assert.AreEqual(250, settings.RetryIntervalMs);
            Assert.AreEqual(60000, settings.RetryMaxIntervalMs);
            Assert.AreEqual(-1, settings.RetryMaxAttempts);
            Assert.AreEqual(899000, settings.OverallDeadlineMs);
            Assert.AreEqual(1500, settings.MdnsBudgetMs);
            Assert.IsFalse(settings.LocalGateway);
            Assert.IsFalse(settings.GuestWifi);
            Assert.IsTrue(new ProvisioningSettings().GuestWifi, "guest-wifi defaults to true");
            Assert.AreEqual(60000, settings.WpsTimeoutMs);
            Assert.AreEqual((int)MqttProtocol.V311, (int)settings.Protocol);
            Assert.AreEqual(30, settings.KeepAliveSeconds);
            Assert.AreEqual(600, settings.StatusIntervalSeconds);
        }

        [TestMethod]
        public void Load_EmptyStore_ListsEveryMissingFactoryFile()
        {
            FixtureStore store = new FixtureStore();
            store.Delete(StoreNames.IdentityJson);
            store.Delete(StoreNames.TrustAnchor);
            store.Delete(StoreNames.FactoryCertificate);
            store.Delete(StoreNames.FactoryKey);

            ConfigurationResult result = Load(store);

            Assert.IsFalse(result.IsValid);
            Assert.IsNull(result.Configuration);
            CollectionAssert.AreEqual(new string[]
            {
                "identity.json: file: missing",
                "trust-anchor.der: file: missing",
                "factory-cert.der: file: missing",
                "factory-key.der: file: missing"
            }, result.Problems);
        }

        [TestMethod]
        public void Load_IdentityFileProblems_AreNamed()
        {
            AssertSingleProblem(StoreNames.IdentityJson, "not json", "identity.json: file: not valid JSON");
            AssertSingleProblem(StoreNames.IdentityJson, "[1]", "identity.json: file: is an array, expected a JSON object");
            AssertSingleProblem(StoreNames.IdentityJson, Identity + ",\"device_id\":5}", "identity.json: file: not valid JSON");
        }

        [TestMethod]
        public void Load_NonUtf8AndHugeFiles_AreNamed()
        {
            FixtureStore store = new FixtureStore();
            store.Write(StoreNames.SettingsJson, new byte[] { 0x7B, 0xFF, 0x7D });
            store.Write(StoreNames.BrokerJson, new byte[16385]);

            CollectionAssert.AreEqual(new string[]
            {
                "settings.json: file: not valid UTF-8",
                "broker.json: file: is 16385 bytes, more than 16384"
            }, Load(store).Problems);
        }

        [TestMethod]
        public void Load_IdentityKeyProblems_AreAllListed()
        {
            FixtureStore store = new FixtureStore();
            store.SetText(StoreNames.IdentityJson, "{\"device_id\":\"dev 0001\",\"activation_code\":\"04HMASW9NF6Y3\","
                + "\"device_type\":7,\"discovery_host\":\"bad host\",\"discovery_port\":70000}");

            ConfigurationResult result = Load(store);

            CollectionAssert.AreEqual(new string[]
            {
                "identity.json: device_id: not 1 to 64 letters, digits, '_' or '-'",
                "identity.json: activation_code: check character does not match (mistyped code?)",
                "identity.json: device_type: expected a string, found a number",
                "identity.json: discovery_host: not a host name or IP address",
                "identity.json: discovery_port: 70000 is out of range 1..65535"
            }, result.Problems);
        }

        [TestMethod]
        public void Load_MissingIdentityKeys_AreListed()
        {
            AssertSingleProblemCount(StoreNames.IdentityJson, "{}", new string[]
            {
                "identity.json: device_id: missing",
                "identity.json: activation_code: missing",
                "identity.json: discovery_host: missing"
            });
        }

        [TestMethod]
        public void Load_Problems_NeverContainTheActivationCode()
        {
            FixtureStore store = new FixtureStore();
            store.SetText(StoreNames.IdentityJson, "{\"device_id\":\"dev-0001\",\"activation_code\":\"SECRETCODE99Z\","
                + "\"discovery_host\":\"h\"}");

            ConfigurationResult result = Load(store);

            Assert.AreEqual(1, result.Problems.Length);
            Assert.AreEqual(-1, result.Problems[0].IndexOf("SECRETCODE"));
        }

        [TestMethod]
        public void Load_CertificateProblems_AreNamed()
        {
            FixtureStore store = new FixtureStore();
            store.Write(StoreNames.TrustAnchor, new byte[] { 0x30, 0x01, 0x00 });
            store.Write(StoreNames.FactoryCertificate, TestCertificates.ServerCertificate);
            store.Write(StoreNames.FactoryKey, TestCertificates.DeviceCertificate);

            CollectionAssert.AreEqual(new string[]
            {
                "trust-anchor.der: certificate: does not parse as an X.509 DER certificate",
                "factory-cert.der: subject CN: 'localhost' does not match device_id 'dev-0001'",
                "factory-key.der: key: does not parse as a PKCS#8 DER private key"
            }, Load(store).Problems);
        }

        [TestMethod]
        public void Load_GarbageFactoryCertificateAndEmptyKey_AreNamed()
        {
            FixtureStore store = new FixtureStore();
            store.Write(StoreNames.FactoryCertificate, new byte[] { 1, 2, 3 });
            store.Write(StoreNames.FactoryKey, new byte[0]);

            CollectionAssert.AreEqual(new string[]
            {
                "factory-cert.der: certificate: does not parse as an X.509 DER certificate",
                "factory-key.der: file: is 0 bytes, expected 1 to 4096"
            }, Load(store).Problems);
        }

        [TestMethod]
        public void Load_WithoutCaAuthentication_TheTrustAnchorIsOptional()
        {
            FixtureStore store = new FixtureStore();
            store.Delete(StoreNames.TrustAnchor);
            store.SetText(StoreNames.SettingsJson, "{\"ca-authentication\":false}");

            ConfigurationResult result = Load(store);

            Assert.IsTrue(result.IsValid);
            Assert.IsNull(result.Configuration.Identity.TrustAnchor);
        }

        [TestMethod]
        public void Load_SettingsProblems_AreAllListed()
        {
            FixtureStore store = new FixtureStore();
            store.SetText(StoreNames.SettingsJson, "{\"enabled\":\"yes\",\"timeout\":\"abc\",\"retry-interval\":5000,"
                + "\"retry-max-interval\":1000,\"retry-max-attempts\":-2,\"deadline\":900,\"mdns-budget\":1.5,"
                + "\"mqtt-version\":\"4\",\"keep-alive\":0,\"retry-intervall\":1}");

            CollectionAssert.AreEqual(new string[]
            {
                "settings.json: retry-intervall: unknown key",
                "settings.json: enabled: expected true or false, found a string",
                "settings.json: timeout: expected a whole number of seconds, found a string",
                "settings.json: retry-max-interval: 1000 milliseconds is below retry-interval (5000)",
                "settings.json: retry-max-attempts: -2 is out of range -1..10000 (-1 = forever)",
                "settings.json: deadline: 900 is out of range 1..899 seconds (must stay below the 15-minute activation window)",
                "settings.json: mdns-budget: expected a whole number of milliseconds, found a number",
                "settings.json: mqtt-version: expected \"5\" or \"3.1.1\"",
                "settings.json: keep-alive: 0 is out of range 10..1200 seconds"
            }, Load(store).Problems);
        }

        [TestMethod]
        public void Load_ZeroRetryAttempts_IsAProblem()
        {
            AssertSingleProblem(StoreNames.SettingsJson, "{\"retry-max-attempts\":0}",
                "settings.json: retry-max-attempts: 0 is not allowed: use -1 (forever) or 1..10000");
        }

        [TestMethod]
        public void Load_BrokerWithCertificates_IsValid()
        {
            FixtureStore store = new FixtureStore();
            store.SetText(StoreNames.BrokerJson, "{\"broker-host\":\"mqtt.example.com\",\"broker-port\":8884,"
                + "\"root-ca\":\"" + TestCertificates.CaCertificateBase64 + "\",\"cert\":\"" + TestCertificates.DeviceCertificateBase64
                + "\",\"private_key\":\"" + TestCertificates.ThrowAwayTestKeyBase64Text + "\",\"mqtt-version\":\"3.1.1\"}");

            ConfigurationResult result = Load(store);
            BrokerSettings broker = result.Configuration.Broker;

            Assert.IsTrue(result.IsValid);
            Assert.AreEqual("mqtt.example.com", broker.BrokerHost);
            Assert.AreEqual(8884, broker.BrokerPort);
            Assert.AreEqual("dev-0001", broker.ClientId);
            Assert.AreEqual((int)BrokerAuthentication.Certificate, (int)broker.Authentication);
            Assert.AreEqual((int)MqttProtocol.V311, (int)broker.Protocol);
            CollectionAssert.AreEqual(TestCertificates.CaCertificate, broker.RootCa);
            CollectionAssert.AreEqual(TestCertificates.DeviceCertificate, broker.Cert);
            CollectionAssert.AreEqual(TestCertificates.ThrowAwayTestKeyPkcs8, broker.PrivateKey);
        }

        [TestMethod]
        public void Load_BrokerWithUsernameOnly_UsesUsernamePassword()
        {
            FixtureStore store = new FixtureStore();
            store.SetText(StoreNames.BrokerJson, "{\"broker-host\":\"10.1.2.3\",\"client-id\":\"plug_7\",\"username\":\"u\",\"password\":\"\"}");

            ConfigurationResult result = Load(store);

            Assert.IsTrue(result.IsValid);
            Assert.AreEqual((int)BrokerAuthentication.UsernamePassword, (int)result.Configuration.Broker.Authentication);
            Assert.AreEqual(8883, result.Configuration.Broker.BrokerPort);
            Assert.AreEqual("plug_7", result.Configuration.Broker.ClientId);
        }

        [TestMethod]
        public void Load_BrokerCertificateAuthWithoutCertOrKey_IsAProblem()
        {
            AssertSingleProblemCount(StoreNames.BrokerJson, "{\"broker-host\":\"h.example\",\"authentication\":\"certificate\"}",
                new string[]
                {
                    "broker.json: cert: missing (required for certificate authentication)",
                    "broker.json: private_key: missing (required for certificate authentication)"
                });
        }

        [TestMethod]
        public void Load_BrokerProblems_AreAllListed()
        {
            AssertSingleProblemCount(StoreNames.BrokerJson, "{\"broker-port\":0,\"client-id\":\"a/b\",\"root-ca\":\"!!\","
                + "\"cert\":\"AAAA\",\"private_key\":\"" + TestCertificates.CaCertificateBase64 + "\",\"authentication\":\"psk\","
                + "\"host\":\"x\"}",
                new string[]
                {
                    "broker.json: host: unknown key",
                    "broker.json: broker-host: missing",
                    "broker.json: broker-port: 0 is out of range 1..65535",
                    "broker.json: client-id: not 1 to 64 letters, digits, '_' or '-'",
                    "broker.json: root-ca: not valid base64",
                    "broker.json: cert: does not parse as an X.509 DER certificate",
                    "broker.json: private_key: does not parse as a PKCS#8 DER private key",
                    "broker.json: authentication: expected \"certificate\" or \"username-password\""
                });
        }

        [TestMethod]
        public void Load_BrokerUsernamePasswordWithoutPassword_IsAProblem()
        {
            AssertSingleProblemCount(StoreNames.BrokerJson,
                "{\"broker-host\":\"h.example\",\"authentication\":\"username-password\"}",
                new string[]
                {
                    "broker.json: username: missing (required for username-password authentication)",
                    "broker.json: password: missing (required for username-password authentication)"
                });
        }

        [TestMethod]
        public void ConfigurationResult_WithProblems_DropsTheConfiguration()
        {
            ConfigurationResult result = new ConfigurationResult(new DeviceConfiguration(), new string[] { "x: y: z" });

            Assert.IsFalse(result.IsValid);
            Assert.IsNull(result.Configuration);
            Assert.AreEqual(1, result.Problems.Length);
        }

        private static ConfigurationResult Load(FixtureStore store)
        {
            return new ConfigurationLoader(TestPlatform.CreateJson(), TestCertificates.CreateInspector()).Load(store);
        }

        private static void AssertSingleProblem(string file, string text, string problem)
        {
            AssertSingleProblemCount(file, text, new string[] { problem });
        }

        private static void AssertSingleProblemCount(string file, string text, string[] problems)
        {
            FixtureStore store = new FixtureStore();
            store.SetText(file, text);

            ConfigurationResult result = Load(store);

            Assert.IsFalse(result.IsValid);
            Assert.IsNull(result.Configuration);
            CollectionAssert.AreEqual(problems, result.Problems);
        }
    }
}
