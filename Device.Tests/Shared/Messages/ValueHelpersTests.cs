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
    /// <summary>JsonValues, HostNames and the codec's base64 helpers.</summary>
    [TestClass]
    public class ValueHelpersTests
    {
        [TestMethod]
        public void TryGetLong_NormalisesIntLongIntegralDoubleAndNumericStrings()
        {
            object[] inputs = { 5, 6L, 7.0, "8", "-9", "000123", 9007199254740993L };
            long[] expected = { 5, 6, 7, 8, -9, 123, 9007199254740993L };
            for (int i = 0; i < inputs.Length; i++)
            {
                long value;
                Assert.IsTrue(JsonValues.TryGetLong(inputs[i], out value), "case " + i);
                Assert.AreEqual(expected[i], value, "case " + i);
            }
        }

        [TestMethod]
        public void TryGetLong_RejectsFractionsTextsAndOtherTypes()
        {
            object[] inputs = { 7.5, "8.0", "", "-", "12a", " 1", "1234567890123456789", true, null, new Hashtable(), 1e300, double.NaN };
            for (int i = 0; i < inputs.Length; i++)
            {
                long value;
                Assert.IsFalse(JsonValues.TryGetLong(inputs[i], out value), "case " + i);
            }

            Assert.AreEqual(-1L, JsonValues.ToLong("x", -1));
        }

        [TestMethod]
        public void TryGetUnixSeconds_AcceptsNumbersAndNumericStringsInRange()
        {
            long seconds;
            Assert.IsTrue(JsonValues.TryGetUnixSeconds(0L, out seconds));
            Assert.IsTrue(JsonValues.TryGetUnixSeconds(JsonValues.MaxUnixSeconds, out seconds));
            Assert.IsTrue(JsonValues.TryGetUnixSeconds("1700000000.9", out seconds));
            Assert.AreEqual(1700000000L, seconds);
            Assert.IsTrue(JsonValues.TryGetUnixSeconds(JsonValues.MaxUnixSeconds + 1, out seconds)); // milliseconds (1978)
            Assert.AreEqual((JsonValues.MaxUnixSeconds + 1) / 1000, seconds);
            Assert.IsFalse(JsonValues.TryGetUnixSeconds(-1L, out seconds));
            Assert.IsFalse(JsonValues.TryGetUnixSeconds(-0.5, out seconds));
            Assert.IsFalse(JsonValues.TryGetUnixSeconds("1.", out seconds));
            Assert.IsFalse(JsonValues.TryGetUnixSeconds(".5", out seconds));
            Assert.IsFalse(JsonValues.TryGetUnixSeconds(false, out seconds));
        }

        /// <summary>A numeric string is digits only on both sides (the reference broker refuses "-0" and "+5" too).</summary>
        [TestMethod]
        public void TryGetUnixSeconds_RefusesSignedOrSpacedNumericStrings()
        {
            long seconds;
            string[] refused = { "-0", "+5", "-1700000000", " 1700000000", "1700000000 ", "", "1234567890123456789" };
            for (int i = 0; i < refused.Length; i++)
            {
                Assert.IsFalse(JsonValues.TryGetUnixSeconds(refused[i], out seconds), "case " + i);
            }

            Assert.IsTrue(JsonValues.TryGetUnixSeconds("0", out seconds));
            Assert.AreEqual(0L, seconds);
        }

        /// <summary>Issue 11 item 4: milliseconds (tv-dashboard) are recognised by magnitude, as on the reference broker.</summary>
        [TestMethod]
        public void TryGetUnixSeconds_RecognisesMillisecondsByMagnitude()
        {
            long seconds;
            Assert.IsTrue(JsonValues.TryGetUnixSeconds(1700000000123L, out seconds));
            Assert.AreEqual(1700000000L, seconds);
            Assert.IsTrue(JsonValues.TryGetUnixSeconds("1700000000999", out seconds));
            Assert.AreEqual(1700000000L, seconds);
            Assert.IsTrue(JsonValues.TryGetUnixSeconds(1700000000123.0, out seconds));
            Assert.AreEqual(1700000000L, seconds);
            Assert.IsTrue(JsonValues.TryGetUnixSeconds(JsonValues.MillisecondsFrom - 1, out seconds));
            Assert.AreEqual(JsonValues.MillisecondsFrom - 1, seconds);
            Assert.IsTrue(JsonValues.TryGetUnixSeconds(JsonValues.MillisecondsFrom, out seconds));
            Assert.AreEqual(JsonValues.MillisecondsFrom / 1000, seconds);
            Assert.IsTrue(JsonValues.TryGetUnixSeconds((JsonValues.MaxUnixSeconds * 1000) + 999, out seconds));
            Assert.AreEqual(JsonValues.MaxUnixSeconds, seconds);
            Assert.IsFalse(JsonValues.TryGetUnixSeconds((JsonValues.MaxUnixSeconds + 1) * 1000, out seconds));
        }

        [TestMethod]
        public void Describe_NamesEveryJsonType()
        {
            Assert.AreEqual("null", JsonValues.Describe(null));
            Assert.AreEqual("string", JsonValues.Describe("s"));
            Assert.AreEqual("number", JsonValues.Describe(1L));
            Assert.AreEqual("number", JsonValues.Describe(1.5));
            Assert.AreEqual("boolean", JsonValues.Describe(true));
            Assert.AreEqual("an object", JsonValues.DescribeWithArticle(new Hashtable()));
            Assert.AreEqual("an array", JsonValues.DescribeWithArticle(new ArrayList()));
        }

        [TestMethod]
        public void HostNames_AcceptsNamesAndIpLiterals()
        {
            string[] valid = { "localhost", "broker.example.com", "a-b.c1", "10.0.0.1", "255.255.255.255", "::1", "fe80::1:2",
                "2001:db8::8a2e:370:7334", Payloads.Repeat('a', 63) + ".b", "::", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8",
                "1:2:3:4:5:6:1.2.3.4", "1::", "ABCD:ef01::9" };
            for (int i = 0; i < valid.Length; i++)
            {
                Assert.IsTrue(HostNames.IsValid(valid[i]), "case " + i);
            }
        }

        [TestMethod]
        public void HostNames_RejectsSpacesEmptyLabelsAndBadLiterals()
        {
            string[] invalid = { "", " ", "host name", "a..b", ".a", "a.", "-a.b", "a-.b", "a_b.c", "256.1.1.1", "1.2.3",
                "01.2.3.4", "1.2.3.4.5", "a.123", Payloads.Repeat('a', 64) + ".b", Payloads.Repeat('a', 254), "[::1]", ":::1",
                "1::2::3", "h\u00f6st", "a/b", ":.:", ":1:", "::1.2.3.4.5.6", "fe80::1%eth0", "0x7f.1", "example.com.",
                "\u00e9t\u00e9.example", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "1.2.3.4::", "::1.2.3", ":1::2", "1::2:",
                "1:2:3:4:5:6:7::8", "::1.2.3.4:5", "g::1" };
            // null on its own: a null in a string[] initializer is never stored (docs/platform-differences.md §1).
            Assert.IsFalse(HostNames.IsValid(null), "null");
            for (int i = 0; i < invalid.Length; i++)
            {
                Assert.IsFalse(HostNames.IsValid(invalid[i]), "case " + i);
            }
        }

        [TestMethod]
        public void FromBase64_DecodesCanonicalPaddedBase64()
        {
            Mqtt2GoCodec codec = Payloads.Codec();

            CollectionAssert.AreEqual(new byte[] { 77, 97, 110 }, codec.FromBase64("TWFu"));
            CollectionAssert.AreEqual(new byte[] { 77, 97 }, codec.FromBase64("TWE="));
            CollectionAssert.AreEqual(new byte[] { 77 }, codec.FromBase64("TQ=="));
            CollectionAssert.AreEqual(new byte[] { 0xFB, 0xFF }, codec.FromBase64("+/8="));
            CollectionAssert.AreEqual(TestCertificates.DeviceCertificate, codec.FromBase64(TestCertificates.DeviceCertificateBase64));
        }

        [TestMethod]
        public void FromBase64_RejectsEverythingElse()
        {
            string[] invalid = { "", "T", "TWF", "TW=u", "T===", "====", "TWFu\n", "TW u", "TWFu=", "TWFu TWFu", "TW-_", "\u00e9\u00e9\u00e9\u00e9" };
            // null on its own: a null in a string[] initializer is never stored (docs/platform-differences.md §1).
            Assert.IsNull(Payloads.Codec().FromBase64(null), "null");
            for (int i = 0; i < invalid.Length; i++)
            {
                Assert.IsNull(Payloads.Codec().FromBase64(invalid[i]), "case " + i);
            }
        }

        [TestMethod]
        public void ToBase64_RoundTripsThroughFromBase64()
        {
            Mqtt2GoCodec codec = Payloads.Codec();
            byte[] data = new byte[256];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)i;
            }

            for (int length = 1; length < 5; length++)
            {
                byte[] part = new byte[length];
                System.Array.Copy(data, 250, part, 0, length);
                CollectionAssert.AreEqual(part, codec.FromBase64(codec.ToBase64(part)));
            }

            CollectionAssert.AreEqual(data, codec.FromBase64(codec.ToBase64(data)));
        }
    }
}
