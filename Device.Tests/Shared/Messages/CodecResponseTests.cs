using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Tests.Fixtures;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Mqtt2Go.Device.Tests.Messages
{
    /// <summary>ParseBrokerData, ParseGatewayCredentials and ParseErrorReason with golden and hostile inputs.</summary>
    [TestClass]
    public class CodecResponseTests
    {
        private static readonly string Cert = TestCertificates.DeviceCertificateBase64;

        [TestMethod]
        public void ParseBrokerData_Step7Golden_ReadsEveryField()
        {
            Mqtt2GoMessage report = Payloads.Response("mqtt_credentials",
                "{\"broker_ip\":\"cloud.example.com\",\"broker_port\":8884,\"device_certificate\":\"" + Cert + "\","
                + "\"ca_certificate\":\"" + TestCertificates.CaCertificateBase64 + "\",\"login\":\"dev-0001\","
                + "\"password\":\"s3cret\",\"device_key\":\"" + TestCertificates.ThrowAwayTestKeyBase64Text + "\"}");
            string error;

            BrokerData data = Payloads.Codec().ParseBrokerData(report, out error);

            Assert.IsNull(error);
            Assert.AreEqual("cloud.example.com", data.Host);
            Assert.AreEqual(8884, data.Port);
            CollectionAssert.AreEqual(TestCertificates.DeviceCertificate, data.Certificate);
            CollectionAssert.AreEqual(TestCertificates.CaCertificate, data.CaCertificate);
            CollectionAssert.AreEqual(TestCertificates.ThrowAwayTestKeyPkcs8, data.PrivateKey);
            Assert.AreEqual("dev-0001", data.Login);
            Assert.AreEqual("s3cret", data.Password);
        }

        [TestMethod]
        public void ParseBrokerData_MinimalObject_LeavesOptionalFieldsNull()
        {
            Mqtt2GoMessage report = Payloads.Response("mqtt_credentials",
                "{\"broker_ip\":\"192.168.1.20\",\"broker_port\":\"8883\",\"device_certificate\":\"" + Cert + "\","
                + "\"ca_certificate\":null,\"unknown\":1}");
            string error;

            BrokerData data = Payloads.Codec().ParseBrokerData(report, out error);

            Assert.IsNull(error);
            Assert.AreEqual("192.168.1.20", data.Host);
            Assert.AreEqual(8883, data.Port);
            Assert.IsNull(data.CaCertificate);
            Assert.IsNull(data.Login);
            Assert.IsNull(data.Password);
            Assert.IsNull(data.PrivateKey);
        }

        [TestMethod]
        public void ParseBrokerData_WithoutPort_UsesTheMqttOverTlsPort()
        {
            Mqtt2GoMessage report = Payloads.Response("mqtt_credentials",
                "{\"broker_ip\":\"cloud.example.com\",\"device_certificate\":\"" + Cert + "\"}");
            string error;

            BrokerData data = Payloads.Codec().ParseBrokerData(report, out error);

            Assert.IsNull(error);
            Assert.AreEqual(8883, data.Port);
            Assert.AreEqual("cloud.example.com", data.Host);
        }

        [TestMethod]
        public void ParseBrokerData_HostileValues_AreRejectedWithTheFieldNamed()
        {
            string port = "\"broker_port\":8883";
            string cert = "\"device_certificate\":\"" + Cert + "\"";
            string ip = "\"broker_ip\":\"h.example\"";
            string[] values =
            {
                "\"" + Cert + "\"",
                "[1]",
                "null",
                "{" + port + "," + cert + "}",
                "{\"broker_ip\":5," + port + "," + cert + "}",
                "{\"broker_ip\":\"\"," + port + "," + cert + "}",
                "{\"broker_ip\":\"host with spaces\"," + port + "," + cert + "}",
                "{\"broker_ip\":\"bad..name\"," + port + "," + cert + "}",
                "{\"broker_ip\":\"-bad.example\"," + port + "," + cert + "}",
                "{\"broker_ip\":\"300.1.1.1\"," + port + "," + cert + "}",
                "{\"broker_ip\":\"" + Payloads.Repeat('a', 254) + "\"," + port + "," + cert + "}",
                "{" + ip + ",\"broker_port\":0," + cert + "}",
                "{" + ip + ",\"broker_port\":65536," + cert + "}",
                "{" + ip + ",\"broker_port\":\"abc\"," + cert + "}",
                "{" + ip + ",\"broker_port\":-1," + cert + "}",
                "{" + ip + ",\"broker_port\":8883.5," + cert + "}",
                "{" + ip + ",\"broker_port\":true," + cert + "}",
                "{" + ip + "," + port + "}",
                "{" + ip + "," + port + ",\"device_certificate\":7}",
                "{" + ip + "," + port + ",\"device_certificate\":\"!!!!\"}",
                "{" + ip + "," + port + ",\"device_certificate\":\"abc\"}",
                "{" + ip + "," + port + ",\"device_certificate\":\"\"}",
                "{" + ip + "," + port + ",\"device_certificate\":\"" + Payloads.Repeat('A', 4100) + "\"}",
                "{" + ip + "," + port + "," + cert + ",\"ca_certificate\":\"AB=C\"}",
                "{" + ip + "," + port + "," + cert + ",\"ca_certificate\":{}}",
                "{" + ip + "," + port + "," + cert + ",\"login\":12}",
                "{" + ip + "," + port + "," + cert + ",\"password\":\"" + Payloads.Repeat('p', 257) + "\"}",
                "{" + ip + "," + port + "," + cert + ",\"device_key\":\"AAAA AAA=\"}"
            };
            string[] errors =
            {
                "value is a string, expected an object",
                "value is an array, expected an object",
                "value is null, expected an object",
                "value.broker_ip is missing",
                "value.broker_ip is a number, expected a host name or IP address",
                "value.broker_ip is not a host name or IP address",
                "value.broker_ip is not a host name or IP address",
                "value.broker_ip is not a host name or IP address",
                "value.broker_ip is not a host name or IP address",
                "value.broker_ip is not a host name or IP address",
                "value.broker_ip is not a host name or IP address",
                "value.broker_port is not a port number from 1 to 65535",
                "value.broker_port is not a port number from 1 to 65535",
                "value.broker_port is not a port number from 1 to 65535",
                "value.broker_port is not a port number from 1 to 65535",
                "value.broker_port is not a port number from 1 to 65535",
                "value.broker_port is not a port number from 1 to 65535",
                "value.device_certificate is missing",
                "value.device_certificate is a number, expected a base64 string",
                "value.device_certificate is not valid base64",
                "value.device_certificate is not valid base64",
                "value.device_certificate is not valid base64",
                "value.device_certificate is 4100 characters long, more than 4096",
                "value.ca_certificate is not valid base64",
                "value.ca_certificate is an object, expected a base64 string",
                "value.login is a number, expected a string",
                "value.password is longer than 256 characters",
                "value.device_key is not valid base64"
            };

            for (int i = 0; i < values.Length; i++)
            {
                string error;
                BrokerData data = Payloads.Codec().ParseBrokerData(Payloads.Response("mqtt_credentials", values[i]), out error);
                Assert.IsNull(data, "case " + i);
                Assert.AreEqual(errors[i], error, "case " + i);
            }
        }

        [TestMethod]
        public void ParseBrokerData_WrongMessage_IsRejected()
        {
            Mqtt2GoCodec codec = Payloads.Codec();
            string value = "{\"broker_ip\":\"h\",\"broker_port\":1,\"device_certificate\":\"" + Cert + "\"}";
            string error;

            Assert.IsNull(codec.ParseBrokerData(null, out error));
            Assert.AreEqual("message is not a report", error);
            Assert.IsNull(codec.ParseBrokerData(Payloads.Decode("{\"type\":\"command\",\"timestamp\":1,\"command_type\":"
                + "\"mqtt_credentials\",\"value\":" + value + "}"), out error));
            Assert.AreEqual("message is not a report", error);
            Assert.IsNull(codec.ParseBrokerData(Payloads.Response("topics", value), out error));
            Assert.AreEqual("report_name is not 'mqtt_credentials'", error);
            Assert.IsNull(codec.ParseBrokerData(Payloads.Decode("{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"error\","
                + "\"report_name\":\"mqtt_credentials\",\"value\":" + value + "}"), out error));
            Assert.AreEqual("report_type is not 'command_response'", error);
        }

        [TestMethod]
        public void ParseGatewayCredentials_StringForm_UsesTheGatewayAddress()
        {
            Mqtt2GoMessage report = Payloads.Response("mqtt_credentials", "\"" + Cert + "\"");
            string error;

            BrokerData data = Payloads.Codec().ParseGatewayCredentials(report, "192.168.1.2", 8883, out error);

            Assert.IsNull(error);
            Assert.AreEqual("192.168.1.2", data.Host);
            Assert.AreEqual(8883, data.Port);
            CollectionAssert.AreEqual(TestCertificates.DeviceCertificate, data.Certificate);
        }

        [TestMethod]
        public void ParseGatewayCredentials_ObjectForm_UsesTheObjectAddress()
        {
            Mqtt2GoMessage report = Payloads.Response("mqtt_credentials",
                "{\"broker_ip\":\"gw.local\",\"broker_port\":1883,\"device_certificate\":\"" + Cert + "\"}");
            string error;

            BrokerData data = Payloads.Codec().ParseGatewayCredentials(report, "192.168.1.2", 8883, out error);

            Assert.IsNull(error);
            Assert.AreEqual("gw.local", data.Host);
            Assert.AreEqual(1883, data.Port);
        }

        /// <summary>Issue 11 item 8: the public firmware's GET_CREDENTIALS answer {user, password, cert}; cert as base64 DER or PEM.</summary>
        [TestMethod]
        public void ParseGatewayCredentials_PublicFirmwareForm_UserPasswordCert_IsAccepted()
        {
            string pem = "-----BEGIN CERTIFICATE-----\\n" + Cert.Substring(0, 64) + "\\n" + Cert.Substring(64) + "\\n-----END CERTIFICATE-----\\n";
            string[] certs = { Cert, pem };
            for (int i = 0; i < certs.Length; i++)
            {
                Mqtt2GoMessage report = Payloads.Response("mqtt_credentials",
                    "{\"user\":\"dev-0001\",\"password\":\"pw\",\"cert\":\"" + certs[i] + "\"}");
                string error;

                BrokerData data = Payloads.Codec().ParseGatewayCredentials(report, "192.168.1.2", 8883, out error);

                Assert.IsNull(error, "case " + i);
                Assert.AreEqual("192.168.1.2", data.Host);
                Assert.AreEqual(8883, data.Port);
                Assert.AreEqual("dev-0001", data.Login);
                Assert.AreEqual("pw", data.Password);
                CollectionAssert.AreEqual(TestCertificates.DeviceCertificate, data.Certificate);
            }

            string bad;
            Assert.IsNull(Payloads.Codec().ParseGatewayCredentials(Payloads.Response("mqtt_credentials", "{\"cert\":7}"), "h", 1, out bad));
            Assert.AreEqual("value.cert is a number, expected a base64 or PEM string", bad);
        }

        [TestMethod]
        public void ParseGatewayCredentials_BadValues_AreRejected()
        {
            Mqtt2GoCodec codec = Payloads.Codec();
            string error;

            Assert.IsNull(codec.ParseGatewayCredentials(Payloads.Response("mqtt_credentials", "\"not base64!\""), "h", 1, out error));
            Assert.AreEqual("value is not valid base64", error);
            Assert.IsNull(codec.ParseGatewayCredentials(Payloads.Response("mqtt_credentials", "42"), "h", 1, out error));
            Assert.AreEqual("value is a number, expected a string or an object", error);
            Assert.IsNull(codec.ParseGatewayCredentials(Payloads.Response("mqtt_credentials", "{}"), "h", 1, out error));
            Assert.AreEqual("value.broker_ip is missing", error);
        }

        [TestMethod]
        public void ParseErrorReason_ReadsObjectOrStringAndNeverReturnsNull()
        {
            Mqtt2GoCodec codec = Payloads.Codec();
            string head = "{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"error\",\"report_name\":\"mqtt_credentials\"";

            Assert.AreEqual("expired", codec.ParseErrorReason(Payloads.Decode(head + ",\"value\":{\"reason\":\"expired\"}}")));
            Assert.AreEqual("already_used", codec.ParseErrorReason(Payloads.Decode(head + ",\"value\":\"already_used\"}")));
            Assert.AreEqual("unspecified", codec.ParseErrorReason(Payloads.Decode(head + ",\"value\":{}}")));
            Assert.AreEqual("unspecified", codec.ParseErrorReason(Payloads.Decode(head + ",\"value\":{\"reason\":5}}")));
            Assert.AreEqual("unspecified", codec.ParseErrorReason(Payloads.Decode(head + ",\"value\":{\"reason\":\"\"}}")));
            Assert.AreEqual("unspecified", codec.ParseErrorReason(Payloads.Decode(head + "}")));
            Assert.AreEqual("unspecified", codec.ParseErrorReason(codec.Decode(null)));
            Assert.AreEqual("unspecified", codec.ParseErrorReason(null));
        }

        [TestMethod]
        public void ParseErrorReason_CutsLongReasonsAndMasksControlCharacters()
        {
            Mqtt2GoCodec codec = Payloads.Codec();
            string head = "{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"error\",\"report_name\":\"error\",\"value\":";

            string cut = codec.ParseErrorReason(Payloads.Decode(head + "\"" + Payloads.Repeat('r', 500) + "\"}"));
            string masked = codec.ParseErrorReason(Payloads.Decode(head + "\"a\\nb\\tc\"}"));

            Assert.AreEqual(Mqtt2GoCodec.MaxReasonLength, cut.Length);
            Assert.AreEqual("a?b?c", masked);
        }
    }
}
