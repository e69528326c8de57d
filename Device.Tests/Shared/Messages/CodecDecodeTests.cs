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
    /// <summary>Decode with the golden inputs of docs/profile.md.</summary>
    [TestClass]
    public class CodecDecodeTests
    {
        [TestMethod]
        public void Decode_Step1ActivateDevice_IsACommandWithObjectValue()
        {
            Mqtt2GoMessage message = Payloads.Decode(
                "{\"type\":\"command\",\"timestamp\":1700000000,\"command_type\":\"activate_device\","
                + "\"value\":{\"activation_code\":\"04HMASW9NF6Y2\",\"device_id\":\"dev-0001\"}}");

            Assert.AreEqual((int)MessageKind.Command, (int)message.Kind);
            Assert.IsNull(message.Error);
            Assert.IsTrue(message.IsCommand("activate_device"));
            Assert.IsFalse(message.IsReport("activate_device"));
            Assert.AreEqual(1700000000L, message.Timestamp);
            Assert.AreEqual("dev-0001", (string)((Hashtable)message.Value)["device_id"]);
        }

        [TestMethod]
        public void Decode_Step7BrokerData_IsACommandResponseReport()
        {
            Mqtt2GoMessage message = Payloads.Decode(
                "{\"type\":\"report\",\"timestamp\":1700000000,\"report_type\":\"command_response\","
                + "\"report_name\":\"mqtt_credentials\",\"value\":{\"broker_ip\":\"cloud.example.com\",\"broker_port\":8883,"
                + "\"device_certificate\":\"" + TestCertificates.DeviceCertificateBase64 + "\"}}");

            Assert.AreEqual((int)MessageKind.Report, (int)message.Kind);
            Assert.AreEqual("command_response", message.ReportType);
            Assert.IsTrue(message.IsReport("mqtt_credentials"));
            Assert.IsNull(message.CommandType);
            Assert.AreEqual(0, message.PriorityLevel);
            Assert.IsTrue(message.Value is Hashtable);
        }

        [TestMethod]
        public void Decode_TimestampAsNumericString_IsAccepted()
        {
            Mqtt2GoMessage message = Payloads.Decode(
                "{\"type\":\"command\",\"timestamp\":\"1700000123\",\"command_type\":\"set\",\"value\":\"on\"}");

            Assert.AreEqual((int)MessageKind.Command, (int)message.Kind);
            Assert.AreEqual(1700000123L, message.Timestamp);
        }

        /// <summary>Issue 11 item 4: a millisecond timestamp (what tv-dashboard sends) is read as seconds; a missing one is 0.</summary>
        [TestMethod]
        public void Decode_MillisecondOrMissingTimestamp_IsAccepted()
        {
            Mqtt2GoMessage millis = Payloads.Decode(
                "{\"type\":\"command\",\"timestamp\":1700000000123,\"command_type\":\"set\",\"value\":\"on\"}");
            Mqtt2GoMessage missing = Payloads.Decode("{\"type\":\"command\",\"command_type\":\"set\",\"value\":\"on\"}");

            Assert.AreEqual((int)MessageKind.Command, (int)millis.Kind);
            Assert.AreEqual(1700000000L, millis.Timestamp);
            Assert.AreEqual((int)MessageKind.Command, (int)missing.Kind);
            Assert.AreEqual(0L, missing.Timestamp);
        }

        /// <summary>Issue 11 item 9: the objects page writes a report's value as "report"; both names are read, "value" first.</summary>
        [TestMethod]
        public void Decode_ReportField_IsReadAsTheValue()
        {
            Mqtt2GoMessage report = Payloads.Decode(
                "{\"type\":\"report\",\"priority_level\":1,\"report_type\":\"command_response\",\"timestamp\":1567677946,\"report_name\":\"OnReport\",\"report\":\"on\"}");
            Mqtt2GoMessage both = Payloads.Decode(
                "{\"type\":\"report\",\"report_type\":\"status\",\"timestamp\":1,\"report_name\":\"state\",\"value\":\"On\",\"report\":\"x\"}");

            Assert.AreEqual((int)MessageKind.Report, (int)report.Kind);
            Assert.AreEqual("on", (string)report.Value);
            Assert.AreEqual("On", (string)both.Value);
        }

        [TestMethod]
        public void Decode_FractionalTimestamp_IsCutToSeconds()
        {
            Mqtt2GoMessage number = Payloads.Decode(
                "{\"type\":\"command\",\"timestamp\":1700000000.75,\"command_type\":\"set\",\"value\":\"on\"}");
            Mqtt2GoMessage text = Payloads.Decode(
                "{\"type\":\"command\",\"timestamp\":\"1700000000.75\",\"command_type\":\"set\",\"value\":\"on\"}");

            Assert.AreEqual(1700000000L, number.Timestamp);
            Assert.AreEqual(1700000000L, text.Timestamp);
        }

        [TestMethod]
        public void Decode_PriorityLevelAndExtraFields_AreKept()
        {
            Mqtt2GoMessage message = Payloads.Decode(
                "{\"type\":\"report\",\"timestamp\":5,\"report_type\":\"status\",\"report_name\":\"rename_device\","
                + "\"value\":{\"device_type\":\"switch\",\"device_id\":\"dev-0001\"},\"priority_level\":5,\"extra\":[1,2]}");

            Assert.AreEqual(5, message.PriorityLevel);
            Assert.IsTrue(message.Fields["extra"] is ArrayList);
        }

        [TestMethod]
        public void Decode_MissingValue_IsNull()
        {
            Mqtt2GoMessage message = Payloads.Decode("{\"type\":\"command\",\"timestamp\":1,\"command_type\":\"remove_device\"}");

            Assert.IsTrue(message.IsCommand("remove_device"));
            Assert.IsNull(message.Value);
        }

        [TestMethod]
        public void Decode_NumbersInValue_AreNormalisedToLongAndDouble()
        {
            Mqtt2GoMessage message = Payloads.Response("query", "{\"uptime_s\":42,\"big\":5000000000,\"ratio\":0.5}");
            Hashtable value = (Hashtable)message.Value;

            Assert.AreEqual(42L, (long)value["uptime_s"]);
            Assert.AreEqual(5000000000L, (long)value["big"]);
            Assert.AreEqual(0.5, (double)value["ratio"]);
        }

        [TestMethod]
        public void Decode_PayloadOfExactly8192Bytes_IsRead()
        {
            string head = "{\"type\":\"command\",\"timestamp\":1,\"command_type\":\"set\",\"value\":\"";
            string text = head + Payloads.Repeat('a', Mqtt2GoCodec.MaxPayloadBytes - head.Length - 2) + "\"}";

            Mqtt2GoMessage message = Payloads.Decode(text);

            Assert.AreEqual(Mqtt2GoCodec.MaxPayloadBytes, Payloads.Bytes(text).Length);
            Assert.AreEqual((int)MessageKind.Command, (int)message.Kind);
        }

        [TestMethod]
        public void Decode_NonAsciiText_IsDecodedAsUtf8()
        {
            Mqtt2GoMessage message = Payloads.Decode("{\"type\":\"command\",\"timestamp\":1,\"command_type\":\"set\",\"value\":\"K\u00fcche \u20ac\"}");

            Assert.AreEqual("K\u00fcche \u20ac", (string)message.Value);
        }

        [TestMethod]
        public void IsCommandAndIsReport_AreFalseForInvalidMessages()
        {
            Mqtt2GoMessage message = Payloads.Codec().Decode(null);

            Assert.IsFalse(message.IsValid);
            Assert.IsFalse(message.IsCommand(null));
            Assert.IsFalse(message.IsReport(null));
            Assert.IsNotNull(message.Fields);
        }
    }
}
