using System;
using System.Collections;
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Tests.Fakes;
using Mqtt2Go.Device.Tests.Fixtures;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>One device with fakes for every port, a Discovery broker, a cloud broker and a local gateway that answer
    /// correctly by default; each test changes what it needs, then creates the machine.</summary>
    public sealed class ProvisioningFixture
    {
        /// <summary>The device id (the golden device certificate's CN).</summary>
        public const string DeviceId = TestCertificates.DeviceId;

        /// <summary>The activation code (a credential: must never appear in the log).</summary>
        public const string Code = FixtureStore.ActivationCodeText;

        /// <summary>Discovery host.</summary>
        public const string DiscoveryHost = "discovery.example.com";

        /// <summary>Cloud broker host.</summary>
        public const string CloudHost = "cloud.example.com";

        /// <summary>Local gateway address (from the golden mDNS answer).</summary>
        public const string GatewayAddress = "192.168.1.50";

        /// <summary>The cloud password delivered with the broker data (must never appear in the log).</summary>
        public const string CloudPassword = "cloud-secret-pw-7731";

        /// <summary>The device topic delivered by the cloud.</summary>
        public const string DeviceTopic = "home1/gw1/group1/switch/dev-0001";

        /// <summary>The group topic delivered by the cloud.</summary>
        public const string GroupTopic = "home1/gw1/group1/switch";

        /// <summary>Creates the fixture with Random seed 1.</summary>
        public ProvisioningFixture()
            : this(1)
        {
        }

        /// <summary>Creates the fixture with a given Random seed.</summary>
        public ProvisioningFixture(int seed)
        {
            Seed = seed;
            Clock = new FakeClock(5000);
            Timeline = new FakeTimeline(Clock);
            Json = TestPlatform.CreateJson();
            Codec = new Mqtt2GoCodec(Json);
            Broker = new FakeMqttBroker(Timeline, Codec);
            Discovery = Broker.AddHost(DiscoveryHost, 8883, TestCertificates.CaCertificate);
            Cloud = Broker.AddHost(CloudHost, 8883, TestCertificates.CaCertificate);
            Gateway = Broker.AddHost(GatewayAddress, 8883, TestCertificates.CaCertificate);
            Discovery.ExpectedPassword = Code;
            Discovery.ExpectedClientCertificate = TestCertificates.DeviceCertificate;
            Cloud.ExpectedPassword = CloudPassword;
            Discovery.OnRequest("GET_BROKER_DATA", One(BrokerDataReply()));
            Gateway.OnRequest("GET_CREDENTIALS", One(Report("command_response", "mqtt_credentials", TestCertificates.DeviceCertificateBase64)));
            Cloud.OnRequest("GET_DEVICE_TOPICS", One(TopicsReply()));
            Gateway.OnRequest("GET_DEVICE_TOPICS", One(TopicsReply()));
            Certificates = TestCertificates.CreateInspector();
            Store = new FakeStore();
            Wifi = new FakeWifi(Timeline);
            Indicator = new FakeIndicator();
            Log = new FakeLog();
            Mdns = new FakeMdnsTransport(Clock);
            Settings = new ProvisioningSettings();
            Identity = new FactoryIdentity();
            Identity.DeviceId = DeviceId;
            Identity.ActivationCode = Code;
            Identity.DeviceType = "switch";
            Identity.DiscoveryHost = DiscoveryHost;
            Identity.DiscoveryPort = 8883;
            Identity.TrustAnchor = TestCertificates.CaCertificate;
            Identity.FactoryCertificate = TestCertificates.DeviceCertificate;
            Identity.FactoryKey = TestCertificates.ThrowAwayTestKeyPkcs8;
            Configuration = new DeviceConfiguration();
            Configuration.Identity = Identity;
            Configuration.Settings = Settings;
        }

        /// <summary>The Random seed of this device.</summary>
        public int Seed { get; private set; }

        /// <summary>The underlying fake clock.</summary>
        public FakeClock Clock { get; private set; }

        /// <summary>The clock port the machine uses.</summary>
        public FakeTimeline Timeline { get; private set; }

        /// <summary>The platform JSON adapter.</summary>
        public IJson Json { get; private set; }

        /// <summary>A codec for building and reading payloads.</summary>
        public Mqtt2GoCodec Codec { get; private set; }

        /// <summary>The fake MQTT session.</summary>
        public FakeMqttBroker Broker { get; private set; }

        /// <summary>The Discovery broker.</summary>
        public FakeBrokerHost Discovery { get; private set; }

        /// <summary>The cloud broker.</summary>
        public FakeBrokerHost Cloud { get; private set; }

        /// <summary>The local gateway's broker.</summary>
        public FakeBrokerHost Gateway { get; private set; }

        /// <summary>The certificate inspector: knows the fixture's certificate and key blobs; tests may add more.</summary>
        public FakeCertificateInspector Certificates { get; private set; }

        /// <summary>The store.</summary>
        public FakeStore Store { get; private set; }

        /// <summary>The Wi-Fi link.</summary>
        public FakeWifi Wifi { get; private set; }

        /// <summary>The LED and output.</summary>
        public FakeIndicator Indicator { get; private set; }

        /// <summary>The log.</summary>
        public FakeLog Log { get; private set; }

        /// <summary>The mDNS transport (silent unless a test scripts an answer).</summary>
        public FakeMdnsTransport Mdns { get; private set; }

        /// <summary>The device's access point; null (the default) leaves the path out, as on a platform without one.</summary>
        public FakeAccessPoint AccessPoint { get; set; }

        /// <summary>The settings (defaults).</summary>
        public ProvisioningSettings Settings { get; private set; }

        /// <summary>The factory identity.</summary>
        public FactoryIdentity Identity { get; private set; }

        /// <summary>The configuration passed to the machine.</summary>
        public DeviceConfiguration Configuration { get; set; }

        /// <summary>Every transition seen, as "From->To".</summary>
        public ArrayList Transitions { get; private set; }

        /// <summary>Builds the ports.</summary>
        public DevicePorts Ports()
        {
            DevicePorts ports = new DevicePorts();
            ports.Wifi = Wifi;
            ports.Mdns = Mdns;
            ports.AccessPoint = AccessPoint;
            ports.Mqtt = Broker;
            ports.Json = Json;
            ports.Store = Store;
            ports.Clock = Timeline;
            ports.Log = Log;
            ports.Indicator = Indicator;
            ports.Certificates = Certificates;
            ports.Random = new Random(Seed);
            return ports;
        }

        /// <summary>Creates the machine and records its transitions.</summary>
        public ProvisioningMachine Machine()
        {
            ProvisioningMachine machine = new ProvisioningMachine(Configuration, Ports());
            Transitions = new ArrayList();
            machine.StateChanged += OnStateChanged;
            return machine;
        }

        /// <summary>Number of recorded transitions from one state to another.</summary>
        public int CountTransitions(ProvisioningState from, ProvisioningState to)
        {
            string key = ProvisioningText.StateName(from) + "->" + ProvisioningText.StateName(to);
            int count = 0;
            for (int i = 0; i < Transitions.Count; i++)
            {
                if ((string)Transitions[i] == key)
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>A checkpoint store over the fixture's store.</summary>
        public CheckpointStore Checkpoints()
        {
            return new CheckpointStore(Store, Json, Codec, Log);
        }

        /// <summary>Stores Wi-Fi credentials as a checkpoint.</summary>
        public void SeedWifi()
        {
            Checkpoints().WriteWifi(new WifiCredentials("HomeNet", "stored-passphrase-99"));
        }

        /// <summary>Stores the cloud broker as a checkpoint.</summary>
        public void SeedBroker()
        {
            Checkpoints().WriteBroker(CloudBrokerData());
        }

        /// <summary>Stores the delivered topics as a checkpoint.</summary>
        public void SeedTopics()
        {
            Checkpoints().WriteTopics(new string[] { DeviceTopic, GroupTopic });
        }

        /// <summary>Configures a fixed broker as broker.json would (Twilio key names): certificate authentication with the
        /// device certificate and key, the test CA, and the cloud login.</summary>
        public BrokerSettings UseFixedBroker(string host, string clientId, MqttProtocol protocol)
        {
            BrokerSettings broker = new BrokerSettings();
            broker.BrokerHost = host;
            broker.BrokerPort = 8883;
            broker.ClientId = clientId;
            broker.Protocol = protocol;
            broker.Authentication = BrokerAuthentication.Certificate;
            broker.Cert = TestCertificates.DeviceCertificate;
            broker.PrivateKey = TestCertificates.ThrowAwayTestKeyPkcs8;
            broker.RootCa = TestCertificates.CaCertificate;
            broker.Username = DeviceId;
            broker.Password = CloudPassword;
            Configuration.Broker = broker;
            return broker;
        }

        /// <summary>The broker data the default Discovery delivers.</summary>
        public static BrokerData CloudBrokerData()
        {
            BrokerData data = new BrokerData();
            data.Host = CloudHost;
            data.Port = 8883;
            data.Certificate = TestCertificates.DeviceCertificate;
            data.Login = DeviceId;
            data.Password = CloudPassword;
            return data;
        }

        /// <summary>The default broker-data report (step 7).</summary>
        public FakeReply BrokerDataReply()
        {
            return BrokerDataReply(CloudHost, TestCertificates.DeviceCertificateBase64);
        }

        /// <summary>A broker-data report with a given host and certificate.</summary>
        public FakeReply BrokerDataReply(string host, string certificateBase64)
        {
            Hashtable value = new Hashtable();
            value["broker_ip"] = host;
            value["broker_port"] = 8883;
            value["device_certificate"] = certificateBase64;
            value["login"] = DeviceId;
            value["password"] = CloudPassword;
            return Report("command_response", "mqtt_credentials", value);
        }

        /// <summary>The default topics report (step 12).</summary>
        public FakeReply TopicsReply()
        {
            ArrayList topics = new ArrayList();
            topics.Add(DeviceTopic);
            topics.Add(GroupTopic);
            return Report("command_response", "topics", topics);
        }

        /// <summary>An error report with a reason.</summary>
        public FakeReply ErrorReply(string reportName, string reason)
        {
            Hashtable value = new Hashtable();
            value["reason"] = reason;
            return Report("error", reportName, value);
        }

        /// <summary>A report delivered at once.</summary>
        public FakeReply Report(string reportType, string reportName, object value)
        {
            return new FakeReply(Codec.EncodeReport(reportType, reportName, value, Timeline.UnixSeconds), 0);
        }

        /// <summary>Raw text delivered at once.</summary>
        public static FakeReply Raw(string text)
        {
            return new FakeReply(Payloads.Bytes(text), 0);
        }

        /// <summary>A single-element reply set.</summary>
        public static FakeReply[] One(FakeReply reply)
        {
            return new FakeReply[] { reply };
        }

        /// <summary>An empty reply set (the broker stays silent).</summary>
        public static FakeReply[] None()
        {
            return new FakeReply[0];
        }

        /// <summary>Turns off the local-gateway probe (most tests exercise the remote flow without the 3 s mDNS wait).</summary>
        public ProvisioningFixture WithoutLocalGateway()
        {
            Settings.LocalGateway = false;
            return this;
        }

        /// <summary>Steps until Operational or Failed, at most maxSteps times (tests never hang on a machine that retries forever).</summary>
        public static ProvisioningState Settle(ProvisioningMachine machine, int maxSteps)
        {
            for (int i = 0; i < maxSteps; i++)
            {
                if (machine.State == ProvisioningState.Operational || machine.State == ProvisioningState.Failed)
                {
                    break;
                }

                machine.Step();
            }

            return machine.State;
        }

        /// <summary>Creates the machine and settles it within 200 steps.</summary>
        public ProvisioningMachine Run()
        {
            ProvisioningMachine machine = Machine();
            Settle(machine, 200);
            return machine;
        }

        /// <summary>Number of log lines that are transitions.</summary>
        public int TransitionLines()
        {
            return Log.CountContaining("provisioning: ");
        }

        private void OnStateChanged(object sender, StateChangedEventArgs e)
        {
            Transitions.Add(ProvisioningText.StateName(e.From) + "->" + ProvisioningText.StateName(e.To));
        }
    }
}
