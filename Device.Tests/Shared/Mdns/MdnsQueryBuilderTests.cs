#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Mdns;

namespace Mqtt2Go.Device.Tests.Mdns
{
    [TestClass]
    public class MdnsQueryBuilderTests
    {
        [TestMethod]
        public void Build_WithUnicastBit_MatchesGoldenQueryByteForByte()
        {
            // Arrange
            byte[] buffer = new byte[64];
            byte[] expected = MdnsGoldenVectors.QueryWithUnicastBit;

            // Act
            int length = MdnsQueryBuilder.Build(buffer, true);

            // Assert
            Assert.AreEqual(expected.Length, length);
            Assert.AreEqual(MdnsQueryBuilder.QueryLength, length);
            byte[] written = new byte[length];
            for (int i = 0; i < length; i++)
            {
                written[i] = buffer[i];
            }

            CollectionAssert.AreEqual(expected, written);
        }

        [TestMethod]
        public void Build_WithoutUnicastBit_ClearsOnlyTheTopBitOfBothQuestionClasses()
        {
            // Arrange
            byte[] buffer = new byte[MdnsQueryBuilder.QueryLength];
            byte[] expected = MdnsGoldenVectors.QueryWithUnicastBit;
            expected[29] = 0x00; // first QCLASS high byte (RFC 6762 §5.4: QM)
            expected[51] = 0x00; // second QCLASS high byte

            // Act
            int length = MdnsQueryBuilder.Build(buffer, false);

            // Assert
            Assert.AreEqual(MdnsQueryBuilder.QueryLength, length);
            CollectionAssert.AreEqual(expected, buffer);
        }

        [TestMethod]
        public void Build_OverwritesStaleBytesOfAReusedBuffer()
        {
            // Arrange
            byte[] buffer = new byte[MdnsQueryBuilder.QueryLength];
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = 0xEE;
            }

            // Act
            MdnsQueryBuilder.Build(buffer, true);

            // Assert
            CollectionAssert.AreEqual(MdnsGoldenVectors.QueryWithUnicastBit, buffer);
        }

        [TestMethod]
        public void Build_BufferTooSmall_ReturnsZeroAndWritesNothing()
        {
            // Arrange
            byte[] buffer = new byte[MdnsQueryBuilder.QueryLength - 1];

            // Act
            int length = MdnsQueryBuilder.Build(buffer, true);

            // Assert
            Assert.AreEqual(0, length);
            Assert.AreEqual((byte)0, buffer[5]);
        }

        [TestMethod]
        public void Build_NullBuffer_ReturnsZero()
        {
            Assert.AreEqual(0, MdnsQueryBuilder.Build(null, true));
        }

        [TestMethod]
        public void Build_OutputParsesAsAQueryWithTwoQuestionsAndNoRecords()
        {
            // Arrange
            byte[] buffer = new byte[MdnsQueryBuilder.QueryLength];
            int length = MdnsQueryBuilder.Build(buffer, true);

            // Act
            MdnsParseResult result = new MdnsResponseParser().Parse(buffer, length);

            // Assert
            Assert.IsTrue(result.Succeeded);
            Assert.IsFalse(result.Response.IsResponse);
            Assert.AreEqual(2, result.Response.QuestionCount);
            Assert.AreEqual(0, result.Response.Records.Count);
        }
    }
}
