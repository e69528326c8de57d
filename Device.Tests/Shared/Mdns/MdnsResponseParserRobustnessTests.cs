#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using Mqtt2Go.Device.Core.Mdns;

namespace Mqtt2Go.Device.Tests.Mdns
{
    [TestClass]
    public class MdnsResponseParserRobustnessTests
    {
        [TestMethod]
        public void Parse_ZeroLengthOrNullOrOversizedLength_ReturnsFailure()
        {
            // Arrange
            MdnsResponseParser parser = new MdnsResponseParser();
            byte[] gateway = MdnsGoldenVectors.AvahiGatewayA;

            // Act + Assert
            AssertFailure(parser.Parse(new byte[0], 0));
            AssertFailure(parser.Parse(gateway, 0));
            AssertFailure(parser.Parse(gateway, -1));
            AssertFailure(parser.Parse(null, 12));
            AssertFailure(parser.Parse(gateway, gateway.Length + 1));
        }

        [TestMethod]
        public void Parse_EveryTruncationOfTheServiceResponse_ReturnsFailure()
        {
            // Arrange: cuts inside the header, every name, every fixed field and every RDATA.
            MdnsResponseParser parser = new MdnsResponseParser();
            byte[] datagram = MdnsGoldenVectors.ServicePtrSrvA;

            // Act + Assert
            for (int length = 0; length < datagram.Length; length++)
            {
                AssertFailure(parser.Parse(datagram, length));
            }

            Assert.IsTrue(parser.Parse(datagram, datagram.Length).Succeeded);
        }

        [TestMethod]
        public void Parse_EveryTruncationOfTheLegacyReply_ReturnsFailure()
        {
            // Arrange: covers a truncated question section.
            MdnsResponseParser parser = new MdnsResponseParser();
            byte[] datagram = MdnsGoldenVectors.LegacyUnicastReplyWithQuestion;

            // Act + Assert
            for (int length = 0; length < datagram.Length; length++)
            {
                AssertFailure(parser.Parse(datagram, length));
            }
        }

        [TestMethod]
        public void Parse_CompressedNamePointerToItself_ReturnsFailure()
        {
            // Arrange: NAME at 12 is a pointer to 12.
            byte[] name = new byte[] { 0xC0, 0x0C };
            byte[] datagram = MdnsGoldenVectors.ResponseWithOneAnswer(MdnsGoldenVectors.Join(name, MdnsGoldenVectors.ARecordTail));

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            AssertFailure(result);
        }

        [TestMethod]
        public void Parse_CompressedNamePointerLoop_ReturnsFailure()
        {
            // Arrange: "abc" then a pointer back to the start of the same name: abc.abc.abc... forever without the guard.
            byte[] name = new byte[] { 0x03, 0x61, 0x62, 0x63, 0xC0, 0x0C };
            byte[] datagram = MdnsGoldenVectors.ResponseWithOneAnswer(MdnsGoldenVectors.Join(name, MdnsGoldenVectors.ARecordTail));

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            AssertFailure(result);
        }

        [TestMethod]
        public void Parse_PointerLoopAcrossTwoNames_ReturnsFailure()
        {
            // Arrange: the owner name points forward into the PTR's RDATA, which points back to the owner: a two-pointer cycle.
            byte[] body = new byte[]
            {
                0x01, 0x61, 0xC0, 0x1A,       // offset 12: "a" + pointer to 26 (forward)
                0x00, 0x0C, 0x00, 0x01, 0x00, 0x00, 0x00, 0x78,
                0x00, 0x02,                   // RDLENGTH 2
                0xC0, 0x0C,                   // offset 26: pointer to 12
            };
            byte[] datagram = MdnsGoldenVectors.ResponseWithOneAnswer(body);

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            AssertFailure(result);
        }

        [TestMethod]
        public void Parse_PointerForwardOutOfRange_ReturnsFailure()
        {
            // Arrange: pointer to 0x3FFF, far past the end.
            byte[] name = new byte[] { 0xFF, 0xFF };
            byte[] datagram = MdnsGoldenVectors.ResponseWithOneAnswer(MdnsGoldenVectors.Join(name, MdnsGoldenVectors.ARecordTail));

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            AssertFailure(result);
        }

        [TestMethod]
        public void Parse_PointerForwardInsideTheDatagram_ReturnsFailure()
        {
            // Arrange: RFC 1035 §4.1.4 pointers refer to prior occurrences; this one points at a valid name after it.
            byte[] body = new byte[]
            {
                0xC0, 0x1C,                                     // offset 12: pointer to 28
                0x00, 0x01, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x04, 0x0A, 0x00, 0x00, 0x01,
                0x01, 0x61, 0x00,                               // offset 28: "a"
            };
            byte[] datagram = MdnsGoldenVectors.ResponseWithOneAnswer(body);

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(datagram, datagram.Length);

            // Assert
            AssertFailure(result);
        }

        [TestMethod]
        public void Parse_PointerIntoTheHeader_ReturnsFailure()
        {
            byte[] name = new byte[] { 0xC0, 0x02 };
            byte[] datagram = MdnsGoldenVectors.ResponseWithOneAnswer(MdnsGoldenVectors.Join(name, MdnsGoldenVectors.ARecordTail));

            AssertFailure(new MdnsResponseParser().Parse(datagram, datagram.Length));
        }

        [TestMethod]
        public void Parse_LabelLongerThan63_ReturnsFailure()
        {
            // Arrange: length octets 0x40 (64) and 0x80 are the reserved label types, with enough bytes after them.
            MdnsResponseParser parser = new MdnsResponseParser();
            byte[] padding = new byte[130];
            for (int i = 0; i < padding.Length; i++)
            {
                padding[i] = 0x61;
            }

            byte[] label64 = MdnsGoldenVectors.Join(new byte[] { 0x40 }, padding);
            byte[] label128 = MdnsGoldenVectors.Join(new byte[] { 0x80 }, padding);

            // Act + Assert
            AssertFailure(parser.Parse(MdnsGoldenVectors.ResponseWithOneAnswer(label64), 12 + label64.Length));
            AssertFailure(parser.Parse(MdnsGoldenVectors.ResponseWithOneAnswer(label128), 12 + label128.Length));
        }

        [TestMethod]
        public void Parse_NameOf255Octets_IsAcceptedAnd256_IsRejected()
        {
            // Arrange: 3 x 63-octet labels + one 61-octet label + root = 255 octets; one more octet makes 256.
            MdnsResponseParser parser = new MdnsResponseParser();
            byte[] longest = MdnsGoldenVectors.ResponseWithOneAnswer(MdnsGoldenVectors.Join(NameOfLabels(63, 63, 63, 61), MdnsGoldenVectors.ARecordTail));
            byte[] tooLong = MdnsGoldenVectors.ResponseWithOneAnswer(MdnsGoldenVectors.Join(NameOfLabels(63, 63, 63, 62), MdnsGoldenVectors.ARecordTail));

            // Act
            MdnsParseResult accepted = parser.Parse(longest, longest.Length);
            MdnsParseResult rejected = parser.Parse(tooLong, tooLong.Length);

            // Assert
            Assert.IsTrue(accepted.Succeeded);
            Assert.AreEqual(63 + 1 + 63 + 1 + 63 + 1 + 61, accepted.Response.Records[0].Name.Length);
            AssertFailure(rejected);
        }

        [TestMethod]
        public void Parse_RdLengthOverrun_ReturnsFailure()
        {
            // Arrange: the A record's RDLENGTH (offset 35) claims 256 bytes; the datagram has 69.
            byte[] datagram = MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.AvahiGatewayA, 35, 0x0100);

            // Act + Assert
            AssertFailure(new MdnsResponseParser().Parse(datagram, datagram.Length));
        }

        [TestMethod]
        public void Parse_ARecordWithRdLengthOtherThan4_ReturnsFailure()
        {
            // Arrange: RDLENGTH 2 turns the address bytes into a shifted, malformed stream.
            byte[] datagram = MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.AvahiGatewayA, 35, 0x0002);

            // Act + Assert
            AssertFailure(new MdnsResponseParser().Parse(datagram, datagram.Length));
        }

        [TestMethod]
        public void Parse_AnswerCountLargerThanPresent_ReturnsFailure()
        {
            // Arrange: ANCOUNT 2 + ARCOUNT 1 promise three records; two are present.
            byte[] datagram = MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.AvahiGatewayA, 6, 2);

            // Act + Assert
            AssertFailure(new MdnsResponseParser().Parse(datagram, datagram.Length));
        }

        [TestMethod]
        public void Parse_MaximumCountsInAShortDatagram_ReturnsFailure()
        {
            byte[] datagram = new byte[] { 0x00, 0x00, 0x84, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00 };

            AssertFailure(new MdnsResponseParser().Parse(datagram, datagram.Length));
        }

        [TestMethod]
        public void Parse_NonZeroOpcodeOrRcode_ReturnsFailure()
        {
            // RFC 6762 §18.3 and §18.11: such messages are silently ignored.
            MdnsResponseParser parser = new MdnsResponseParser();
            byte[] withOpcode = MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.AvahiGatewayA, 2, 0x8400 | (2 << 11));
            byte[] withRcode = MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.AvahiGatewayA, 2, 0x8403);

            AssertFailure(parser.Parse(withOpcode, withOpcode.Length));
            AssertFailure(parser.Parse(withRcode, withRcode.Length));
        }

        [TestMethod]
        public void Parse_SrvOrPtrNameNotFillingRdata_ReturnsFailure()
        {
            MdnsResponseParser parser = new MdnsResponseParser();

            // SRV RDLENGTH 12 instead of 11: one stray byte after the target name (the TXT owner's first byte).
            byte[] srv = MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.ServicePtrSrvA, 68, 12);
            // PTR RDLENGTH 19 instead of 18.
            byte[] ptr = MdnsGoldenVectors.WithUInt16(MdnsGoldenVectors.ServicePtrSrvA, 38, 19);

            AssertFailure(parser.Parse(srv, srv.Length));
            AssertFailure(parser.Parse(ptr, ptr.Length));
        }

        [TestMethod]
        public void Parse_TwoHundredRandomBuffers_NeverThrowAndAlwaysExplainFailures()
        {
            // Arrange
            MdnsResponseParser parser = new MdnsResponseParser();
            Random random = new Random(6762);
            int failures = 0;

            for (int i = 0; i < 200; i++)
            {
                byte[] buffer = new byte[random.Next(300)];
                random.NextBytes(buffer);
                if (i % 2 == 0 && buffer.Length >= 12)
                {
                    // Half of them get a plausible response header with small counts, so the parser goes past the header.
                    buffer[2] = 0x84;
                    buffer[3] = 0x00;
                    buffer[4] = 0x00;
                    buffer[5] = (byte)random.Next(3);
                    buffer[6] = 0x00;
                    buffer[7] = (byte)random.Next(4);
                    buffer[8] = 0x00;
                    buffer[9] = 0x00;
                    buffer[10] = 0x00;
                    buffer[11] = (byte)random.Next(3);
                }

                // Act
                MdnsParseResult result = parser.Parse(buffer, buffer.Length);

                // Assert
                AssertConsistent(result);
                if (!result.Succeeded)
                {
                    failures++;
                }
            }

            Assert.IsTrue(failures > 0);
        }

        [TestMethod]
        public void Parse_EverySingleByteMutationOfGoldenResponses_NeverThrows()
        {
            // Arrange
            MdnsResponseParser parser = new MdnsResponseParser();
            byte[][] vectors = new byte[][]
            {
                MdnsGoldenVectors.AvahiGatewayA,
                MdnsGoldenVectors.ServicePtrSrvA,
                MdnsGoldenVectors.SeveralAnswersUnrelatedFirst,
                MdnsGoldenVectors.LegacyUnicastReplyWithQuestion,
            };
            byte[] replacements = new byte[] { 0x00, 0x01, 0x3F, 0x40, 0x7F, 0x80, 0xC0, 0xFF };
            int parsed = 0;

            for (int v = 0; v < vectors.Length; v++)
            {
                byte[] vector = vectors[v];
                for (int position = 0; position < vector.Length; position++)
                {
                    byte original = vector[position];
                    for (int r = 0; r < replacements.Length; r++)
                    {
                        // Act
                        vector[position] = replacements[r];
                        MdnsParseResult result = parser.Parse(vector, vector.Length);

                        // Assert
                        AssertConsistent(result);
                        parsed++;
                    }

                    vector[position] = original;
                }
            }

            Assert.AreEqual((69 + 119 + 93 + 47) * 8, parsed);
        }

        private static byte[] NameOfLabels(int first, int second, int third, int fourth)
        {
            int[] lengths = new int[] { first, second, third, fourth };
            int total = 1;
            for (int i = 0; i < lengths.Length; i++)
            {
                total += 1 + lengths[i];
            }

            byte[] name = new byte[total];
            int position = 0;
            for (int i = 0; i < lengths.Length; i++)
            {
                name[position++] = (byte)lengths[i];
                for (int j = 0; j < lengths[i]; j++)
                {
                    name[position++] = 0x78; // 'x'
                }
            }

            name[position] = 0x00;
            return name;
        }

        private static void AssertFailure(MdnsParseResult result)
        {
            Assert.IsNotNull(result);
            Assert.IsFalse(result.Succeeded);
            Assert.IsNull(result.Response);
            Assert.IsTrue(result.Error.Length > 0);
        }

        private static void AssertConsistent(MdnsParseResult result)
        {
            Assert.IsNotNull(result);
            if (result.Succeeded)
            {
                Assert.IsNotNull(result.Response);
                Assert.AreEqual(0, result.Error.Length);
            }
            else
            {
                Assert.IsTrue(result.Error.Length > 0);
            }
        }
    }
}
