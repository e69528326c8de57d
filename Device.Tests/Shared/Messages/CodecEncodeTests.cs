using System.Collections;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Tests.Fixtures;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Mqtt2Go.Device.Tests.Messages
{
    /// <summary>Golden JSON for every encoder, compared as trees (docs/profile.md, "Envelope" and the flow table).</summary>
    [TestClass]
    public class CodecEncodeTests
    {
        [TestMethod]
        public void EncodeBrokerDataRequest_MatchesStep6Golden()
        {
            byte[] payload = Payloads.Codec().EncodeBrokerDataRequest(1700000000);

            JsonAssert.AreEqual(
                "{\"type\":\"command\",\"timestamp\":1700000000,\"command_type\":\"mqtt_credentials\",\"value\":\"GET_BROKER_DATA\"}",
                Payloads.Text(payload));
        }

        [TestMethod]
        public void EncodeCredentialsRequest_MatchesLocalGatewayGolden()
        {
            byte[] payload = Payloads.Codec().EncodeCredentialsRequest(1700000001);

            JsonAssert.AreEqual(
                "{\"type\":\"command\",\"timestamp\":1700000001,\"command_type\":\"mqtt_credentials\",\"value\":\"GET_CREDENTIALS\"}",
                Payloads.Text(payload));
        }

        [TestMethod]
        public void EncodeTopicsRequest_MatchesStep8Golden_WithDeviceTypeField()
        {
            byte[] payload = Payloads.Codec().EncodeTopicsRequest(1700000002, "switch");

            JsonAssert.AreEqual(
                "{\"type\":\"command\",\"timestamp\":1700000002,\"command_type\":\"topics\",\"value\":\"GET_DEVICE_TOPICS\","
                + "\"device_type\":\"switch\"}",
                Payloads.Text(payload));
        }

        [TestMethod]
        public void EncodeCommand_WritesAnObjectValue()
        {
            Hashtable value = new Hashtable();
            value.Add("activation_code", "04HMASW9NF6Y2");
            value.Add("device_id", "dev-0001");

            byte[] payload = Payloads.Codec().EncodeCommand("activate_device", value, 1700000003);

            JsonAssert.AreEqual(
                "{\"type\":\"command\",\"timestamp\":1700000003,\"command_type\":\"activate_device\","
                + "\"value\":{\"activation_code\":\"04HMASW9NF6Y2\",\"device_id\":\"dev-0001\"}}",
                Payloads.Text(payload));
        }

        [TestMethod]
        public void EncodeReport_MatchesSetResponseGolden()
        {
            byte[] payload = Payloads.Codec().EncodeReport("command_response", "set", "on", 1700000004);

            JsonAssert.AreEqual(
                "{\"type\":\"report\",\"timestamp\":1700000004,\"report_type\":\"command_response\",\"report_name\":\"set\","
                + "\"value\":\"on\"}",
                Payloads.Text(payload));
        }

        [TestMethod]
        public void EncodeReport_WithPriority_WritesPriorityLevel()
        {
            Hashtable value = new Hashtable();
            value.Add("state", "off");
            value.Add("uptime_s", 42L);

            byte[] payload = Payloads.Codec().EncodeReport("command_response", "query", value, 1700000005, 3);

            JsonAssert.AreEqual(
                "{\"type\":\"report\",\"timestamp\":1700000005,\"report_type\":\"command_response\",\"report_name\":\"query\","
                + "\"value\":{\"state\":\"off\",\"uptime_s\":42},\"priority_level\":3}",
                Payloads.Text(payload));
        }

        [TestMethod]
        public void EncodeReport_WithArrayAndNullValues_KeepsThem()
        {
            ArrayList value = new ArrayList();
            value.Add("a/b");
            value.Add(null);
            value.Add(true);
            value.Add(1.5);

            byte[] payload = Payloads.Codec().EncodeReport("status", "availability", value, 0);

            JsonAssert.AreEqual(
                "{\"type\":\"report\",\"timestamp\":0,\"report_type\":\"status\",\"report_name\":\"availability\","
                + "\"value\":[\"a/b\",null,true,1.5]}",
                Payloads.Text(payload));
        }

        [TestMethod]
        public void EncodeReport_EscapesQuotesAndBackslashes()
        {
            byte[] payload = Payloads.Codec().EncodeReport("error", "error", "bad \"x\" \\ y", 1);

            Mqtt2GoMessage decoded = Payloads.Codec().Decode(payload);

            Assert.AreEqual("bad \"x\" \\ y", (string)decoded.Value);
        }

        [TestMethod]
        public void Encoded_Payloads_DecodeBackToTheSameEnvelope()
        {
            Mqtt2GoCodec codec = Payloads.Codec();

            Mqtt2GoMessage message = codec.Decode(codec.EncodeTopicsRequest(1700000006, "switch"));

            Assert.AreEqual((int)MessageKind.Command, (int)message.Kind);
            Assert.IsTrue(message.IsCommand("topics"));
            Assert.AreEqual(1700000006L, message.Timestamp);
            Assert.AreEqual("GET_DEVICE_TOPICS", (string)message.Value);
            Assert.AreEqual("switch", (string)message.Fields["device_type"]);
        }

        [TestMethod]
        public void Encoded_Payloads_AreCompact()
        {
            string text = Payloads.Text(Payloads.Codec().EncodeBrokerDataRequest(1));

            Assert.AreEqual(-1, text.IndexOf('\n'));
            Assert.AreEqual(-1, text.IndexOf(": "));
        }
    }
}
