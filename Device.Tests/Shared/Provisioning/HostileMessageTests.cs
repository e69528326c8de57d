#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Tests.Fakes;
using Mqtt2Go.Device.Tests.Fixtures;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>Malformed and hostile messages at every await step are ignored or rejected, never fatal and never trusted.</summary>
    [TestClass]
    public class HostileMessageTests
    {
        // The hostile message arrives first, the valid answer right after it: the device must skip the former, take the latter.
        private static void BrokerDataSurvives(string hostileJson, int expectedRequests)
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", new FakeReply[] { ProvisioningFixture.Raw(hostileJson), f.BrokerDataReply().After(10) });
            f.Discovery.OnRequest("GET_BROKER_DATA", ProvisioningFixture.One(f.BrokerDataReply()));
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(expectedRequests, f.Broker.CountRequests(f.Discovery, "GET_BROKER_DATA"), f.Log.All());
        }

        private static void TopicsSurvive(FakeReply hostile, int expectedRequests)
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Cloud.ClearReplies();
            f.Cloud.OnRequest("GET_DEVICE_TOPICS", new FakeReply[] { hostile, f.TopicsReply().After(10) });
            f.Cloud.OnRequest("GET_DEVICE_TOPICS", ProvisioningFixture.One(f.TopicsReply()));
            ProvisioningMachine machine = f.Run();
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(expectedRequests, f.Broker.CountRequests(f.Cloud, "GET_DEVICE_TOPICS"), f.Log.All());
            Assert.AreEqual(ProvisioningFixture.DeviceTopic, machine.Topics[0]);
        }

        /// <summary>Garbage bytes are skipped.</summary>
        [TestMethod]
        public void AwaitBrokerData_Garbage_IsSkipped()
        {
            BrokerDataSurvives("{not json at all", 1);
        }

        /// <summary>Invalid UTF-8 is skipped.</summary>
        [TestMethod]
        public void AwaitBrokerData_InvalidUtf8_IsSkipped()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", new FakeReply[] { new FakeReply(new byte[] { 0xC0, 0xAF, 0xFF }, 0), f.BrokerDataReply() });
            Assert.AreEqual(ProvisioningState.Operational, f.Run().State, f.Log.All());
        }

        /// <summary>An envelope with wrong field types is skipped.</summary>
        [TestMethod]
        public void AwaitBrokerData_WrongTypes_AreSkipped()
        {
            BrokerDataSurvives("{\"type\":\"report\",\"timestamp\":true,\"report_type\":7,\"report_name\":[\"mqtt_credentials\"],\"value\":{}}", 1);
        }

        /// <summary>An oversized message is dropped unread.</summary>
        [TestMethod]
        public void AwaitBrokerData_Oversized_IsDropped()
        {
            BrokerDataSurvives("{\"type\":\"report\",\"value\":\"" + new string('a', 9000) + "\"}", 1);
        }

        /// <summary>A command on the request topic (anybody's echo) is skipped.</summary>
        [TestMethod]
        public void AwaitBrokerData_ForeignCommand_IsSkipped()
        {
            BrokerDataSurvives("{\"type\":\"command\",\"timestamp\":1,\"command_type\":\"mqtt_credentials\",\"value\":\"GET_BROKER_DATA\"}", 1);
        }

        /// <summary>A report with another report_name is skipped, even if its value looks like broker data.</summary>
        [TestMethod]
        public void AwaitBrokerData_WrongReportName_IsSkipped()
        {
            BrokerDataSurvives("{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"command_response\",\"report_name\":\"topics\","
                + "\"value\":{\"broker_ip\":\"evil.example.com\",\"broker_port\":8883,\"device_certificate\":\""
                + TestCertificates.DeviceCertificateBase64 + "\"}}", 1);
        }

        /// <summary>A status report with the right name is not an answer and is skipped.</summary>
        [TestMethod]
        public void AwaitBrokerData_StatusReport_IsSkipped()
        {
            BrokerDataSurvives("{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"status\",\"report_name\":\"mqtt_credentials\",\"value\":\"busy\"}", 1);
        }

        /// <summary>An answer with a hostile port is rejected and the request repeated.</summary>
        [TestMethod]
        public void AwaitBrokerData_HostilePort_IsRejectedAndRequestRepeated()
        {
            BrokerDataSurvives("{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"command_response\",\"report_name\":\"mqtt_credentials\","
                + "\"value\":{\"broker_ip\":\"cloud.example.com\",\"broker_port\":99999999,\"device_certificate\":\""
                + TestCertificates.DeviceCertificateBase64 + "\"}}", 2);
        }

        /// <summary>An answer whose certificate is not base64 is rejected and the request repeated.</summary>
        [TestMethod]
        public void AwaitBrokerData_CertificateNotBase64_IsRejected()
        {
            BrokerDataSurvives("{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"command_response\",\"report_name\":\"mqtt_credentials\","
                + "\"value\":{\"broker_ip\":\"cloud.example.com\",\"broker_port\":8883,\"device_certificate\":\"%%%not base64%%%\"}}", 2);
        }

        /// <summary>An answer whose certificate is base64 of garbage (does not parse) is rejected.</summary>
        [TestMethod]
        public void AwaitBrokerData_CertificateGarbage_IsRejected()
        {
            BrokerDataSurvives("{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"command_response\",\"report_name\":\"mqtt_credentials\","
                + "\"value\":{\"broker_ip\":\"cloud.example.com\",\"broker_port\":8883,\"device_certificate\":\"AAECAwQFBgc=\"}}", 2);
        }

        /// <summary>A message on a topic the device did not ask about is skipped.</summary>
        [TestMethod]
        public void AwaitBrokerData_OtherTopic_IsSkipped()
        {
            ProvisioningFixture f = new ProvisioningFixture().WithoutLocalGateway();
            f.Discovery.ClearReplies();
            f.Discovery.OnRequest("GET_BROKER_DATA", new FakeReply[] { f.BrokerDataReply("evil.example.com", TestCertificates.DeviceCertificateBase64).On("other/activation"), f.BrokerDataReply().After(5) });
            ProvisioningMachine machine = f.Machine();
            ProvisioningFixture.Settle(machine, 5);
            f.Broker.DeliverUnsolicited("other/activation", f.BrokerDataReply("evil.example.com", TestCertificates.DeviceCertificateBase64).Payload);
            ProvisioningFixture.Settle(machine, 100);
            Assert.AreEqual(ProvisioningState.Operational, machine.State, f.Log.All());
            Assert.AreEqual(1, f.Cloud.Connects);
            Assert.IsTrue(f.Log.Contains("ignored a message on another topic"), f.Log.All());
        }

        /// <summary>Garbage while waiting for topics is skipped.</summary>
        [TestMethod]
        public void AwaitTopics_Garbage_IsSkipped()
        {
            TopicsSurvive(ProvisioningFixture.Raw("]]]"), 1);
        }

        /// <summary>A wildcard as the device topic is rejected and the request repeated.</summary>
        [TestMethod]
        public void AwaitTopics_WildcardDeviceTopic_IsRejected()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            ArrayList topics = new ArrayList();
            topics.Add("home1/#");
            TopicsSurvive(f.Report("command_response", "topics", topics), 2);
        }

        /// <summary>Seventeen topics (over the limit) are rejected.</summary>
        [TestMethod]
        public void AwaitTopics_TooManyTopics_AreRejected()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            ArrayList topics = new ArrayList();
            for (int i = 0; i < 17; i++)
            {
                topics.Add("home1/gw1/g" + i.ToString() + "/switch/dev-0001");
            }

            TopicsSurvive(f.Report("command_response", "topics", topics), 2);
        }

        /// <summary>A topic list with a non-string entry is rejected.</summary>
        [TestMethod]
        public void AwaitTopics_NonStringEntry_IsRejected()
        {
            TopicsSurvive(ProvisioningFixture.Raw("{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"command_response\",\"report_name\":\"topics\",\"value\":[42]}"), 2);
        }

        /// <summary>A report named mqtt_credentials on the topics topic is skipped.</summary>
        [TestMethod]
        public void AwaitTopics_WrongReportName_IsSkipped()
        {
            ProvisioningFixture f = new ProvisioningFixture();
            TopicsSurvive(f.BrokerDataReply(), 1);
        }
    }
}
