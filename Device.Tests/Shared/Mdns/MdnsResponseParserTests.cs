#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Mdns;

namespace Mqtt2Go.Device.Tests.Mdns
{
    [TestClass]
    public class MdnsResponseParserTests
    {
        [TestMethod]
        public void Parse_AvahiGatewayAnswer_ReturnsARecordWithCacheFlushAndSkipsAaaa()
        {
            // Arrange
            byte[] datagram = MdnsGoldenVectors.AvahiGatewayA;

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            Assert.IsTrue(result.Succeeded);
            Assert.AreEqual(string.Empty, result.Error);
            Assert.IsTrue(result.Response.IsResponse);
            Assert.IsFalse(result.Response.IsTruncated);
            Assert.AreEqual(1, result.Response.AnswerCount);
            Assert.AreEqual(1, result.Response.AdditionalCount);
            Assert.AreEqual(1, result.Response.Records.Count);
            MdnsRecord record = result.Response.Records[0];
            Assert.AreEqual("mqtt2go.local", record.Name);
            Assert.AreEqual(MdnsRecordType.A, record.Type);
            Assert.IsTrue(record.CacheFlush);
            Assert.AreEqual(120L, record.TtlSeconds);
            Assert.AreEqual("192.168.1.50", record.Address);
        }

        [TestMethod]
        public void Parse_ServiceResponseWithCompression_ReturnsPtrSrvAndA()
        {
            // Arrange
            byte[] datagram = MdnsGoldenVectors.ServicePtrSrvA;

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            Assert.IsTrue(result.Succeeded);
            MdnsRecordList records = result.Response.Records;
            Assert.AreEqual(3, records.Count); // TXT skipped

            Assert.AreEqual(MdnsRecordType.Ptr, records[0].Type);
            Assert.AreEqual("_mqtt._tcp.local", records[0].Name);
            Assert.AreEqual("MQTT2GO Gateway._mqtt._tcp.local", records[0].Target);
            Assert.IsFalse(records[0].CacheFlush);
            Assert.AreEqual(4500L, records[0].TtlSeconds);

            Assert.AreEqual(MdnsRecordType.Srv, records[1].Type);
            Assert.AreEqual("MQTT2GO Gateway._mqtt._tcp.local", records[1].Name);
            Assert.AreEqual(0, records[1].Priority);
            Assert.AreEqual(0, records[1].Weight);
            Assert.AreEqual(8883, records[1].Port);
            Assert.AreEqual("gw.local", records[1].Target);
            Assert.IsTrue(records[1].CacheFlush);

            Assert.AreEqual(MdnsRecordType.A, records[2].Type);
            Assert.AreEqual("gw.local", records[2].Name);
            Assert.AreEqual("192.168.1.10", records[2].Address);
        }

        [TestMethod]
        public void Parse_SrvPriorityWeightAndPort_AreReadBigEndian()
        {
            // Arrange
            byte[] datagram = MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.ServicePtrSrvA, 70, 0x0102);
            datagram = MdnsGoldenVectors.WithUInt16(datagram, 72, 0xFFFE);
            datagram = MdnsGoldenVectors.WithUInt16(datagram, MdnsGoldenVectors.ServiceSrvPortOffset, 0xC350);

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            Assert.IsTrue(result.Succeeded);
            Assert.AreEqual(258, result.Response.Records[1].Priority);
            Assert.AreEqual(65534, result.Response.Records[1].Weight);
            Assert.AreEqual(50000, result.Response.Records[1].Port);
        }

        [TestMethod]
        public void Parse_SeveralAnswersUnrelatedFirst_ReturnsBothARecordsInWireOrder()
        {
            // Arrange
            byte[] datagram = MdnsGoldenVectors.SeveralAnswersUnrelatedFirst;

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            Assert.IsTrue(result.Succeeded);
            Assert.AreEqual(2, result.Response.Records.Count);
            Assert.AreEqual("printer.local", result.Response.Records[0].Name);
            Assert.AreEqual("192.168.1.20", result.Response.Records[0].Address);
            Assert.AreEqual("MQTT2GO.local", result.Response.Records[1].Name);
            Assert.AreEqual("192.168.1.50", result.Response.Records[1].Address);
            Assert.IsTrue(MdnsNames.AreEqual(MdnsNames.GatewayHost, result.Response.Records[1].Name));
        }

        [TestMethod]
        public void Parse_ResponseWithTcBit_StillReturnsTheRecordsPresent()
        {
            // Arrange: RFC 6762 §18.5, TC has no defined meaning in multicast responses.
            byte[] datagram = MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.AvahiGatewayA, 2, 0x8600);

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            Assert.IsTrue(result.Succeeded);
            Assert.IsTrue(result.Response.IsTruncated);
            Assert.AreEqual("192.168.1.50", result.Response.Records[0].Address);
        }

        [TestMethod]
        public void Parse_LegacyUnicastReplyWithIdAndQuestion_SkipsQuestionAndReadsAnswer()
        {
            // Arrange
            byte[] datagram = MdnsGoldenVectors.LegacyUnicastReplyWithQuestion;

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            Assert.IsTrue(result.Succeeded);
            Assert.AreEqual(0x1234, result.Response.Id);
            Assert.AreEqual(1, result.Response.QuestionCount);
            Assert.AreEqual(1, result.Response.Records.Count);
            Assert.AreEqual("mqtt2go.local", result.Response.Records[0].Name);
            Assert.IsFalse(result.Response.Records[0].CacheFlush);
            Assert.AreEqual("192.168.1.51", result.Response.Records[0].Address);
        }

        [TestMethod]
        public void Parse_OwnQuery_ReturnsAQueryWithoutRecords()
        {
            // Arrange
            byte[] datagram = MdnsGoldenVectors.QueryWithUnicastBit;

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            Assert.IsTrue(result.Succeeded);
            Assert.IsFalse(result.Response.IsResponse);
            Assert.AreEqual(0, result.Response.Records.Count);
        }

        [TestMethod]
        public void Parse_RecordOfAnotherClass_IsSkipped()
        {
            // Arrange: class 3 (CHAOS) instead of IN, cache-flush kept.
            byte[] datagram = MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.AvahiGatewayA, 29, 0x8003);

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            Assert.IsTrue(result.Succeeded);
            Assert.AreEqual(0, result.Response.Records.Count);
        }

        [TestMethod]
        public void Parse_UnknownRecordType_IsSkippedByRdLength()
        {
            // Arrange: TYPE 0xFF00 (unassigned) where the A record was; the AAAA after it must still parse.
            byte[] datagram = MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.AvahiGatewayA, 27, 0xFF00);

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            Assert.IsTrue(result.Succeeded);
            Assert.AreEqual(0, result.Response.Records.Count);
        }

        [TestMethod]
        public void Parse_Utf8AndEscapedDotInInstanceLabel_DecodesAndEscapes()
        {
            // Arrange: PTR _mqtt._tcp.local -> "K\u00FCche.GW" (UTF-8 C3 BC, a literal dot inside the label) + pointer to 12.
            byte[] body = new byte[]
            {
                0x05, 0x5F, 0x6D, 0x71, 0x74, 0x74, 0x04, 0x5F, 0x74, 0x63, 0x70, 0x05, 0x6C, 0x6F, 0x63, 0x61, 0x6C, 0x00,
                0x00, 0x0C, 0x00, 0x01, 0x00, 0x00, 0x11, 0x94,
                0x00, 0x0C, // RDLENGTH 12
                0x09, 0x4B, 0xC3, 0xBC, 0x63, 0x68, 0x65, 0x2E, 0x47, 0x57, // 9 "Küche.GW"
                0xC0, 0x0C,
            };
            byte[] datagram = MdnsGoldenVectors.ResponseWithOneAnswer(body);

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            Assert.IsTrue(result.Succeeded);
            Assert.AreEqual("K\u00FCche\\.GW._mqtt._tcp.local", result.Response.Records[0].Target);
        }

        [TestMethod]
        public void Parse_InvalidUtf8InLabel_UsesReplacementCharacter()
        {
            // Arrange: A record named <FF>"a".local
            byte[] name = new byte[] { 0x02, 0xFF, 0x61, 0x05, 0x6C, 0x6F, 0x63, 0x61, 0x6C, 0x00 };
            byte[] datagram = MdnsGoldenVectors.ResponseWithOneAnswer(MdnsGoldenVectors.Join(name, MdnsGoldenVectors.ARecordTail));

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            Assert.IsTrue(result.Succeeded);
            Assert.AreEqual("\uFFFDa.local", result.Response.Records[0].Name);
            Assert.AreEqual("10.0.0.1", result.Response.Records[0].Address);
        }

        [TestMethod]
        public void Parse_ParserReusedAcrossDatagrams_DoesNotLeakNamesBetweenThem()
        {
            // Arrange
            MdnsResponseParser parser = new MdnsResponseParser();
            byte[] service = MdnsGoldenVectors.ServicePtrSrvA;
            byte[] gateway = MdnsGoldenVectors.AvahiGatewayA;

            // Act
            parser.Parse(service, service.Length);
            MdnsParseResult result = parser.Parse(gateway, gateway.Length);

            // Assert
            Assert.AreEqual("mqtt2go.local", result.Response.Records[0].Name);
        }
    }
}
