using System;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Tests.Fixtures;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Mqtt2Go.Device.Tests.Messages
{
    /// <summary>Decode never throws and rejects every malformed envelope with a precise error.</summary>
    [TestClass]
    public class CodecHostileDecodeTests
    {
        private const string Valid = "\"type\":\"command\",\"timestamp\":1700000000,\"command_type\":\"set\"";

        [TestMethod]
        public void Decode_NullEmptyAndOversizedPayloads_AreRejected()
        {
            Mqtt2GoCodec codec = Payloads.Codec();
            string big = "{" + Valid + ",\"value\":\"" + Payloads.Repeat('a', 8192) + "\"}";

            AssertInvalid("payload is missing", codec.Decode(null));
            AssertInvalid("payload is empty", codec.Decode(new byte[0]));
            AssertInvalid("payload is 8193 bytes, more than 8192", codec.Decode(new byte[8193]));
            AssertInvalid("payload is " + Payloads.Bytes(big).Length + " bytes, more than 8192", codec.Decode(Payloads.Bytes(big)));
        }

        [TestMethod]
        public void Decode_MalformedUtf8_IsRejected()
        {
            byte[][] cases =
            {
                new byte[] { 0xFF, 0xFE },
                new byte[] { 0x7B, 0xC0, 0xAF, 0x7D },             // overlong '/'
                new byte[] { 0x7B, 0xE2, 0x82 },                   // truncated sequence
                new byte[] { 0x7B, 0xED, 0xA0, 0x80, 0x7D },       // UTF-16 surrogate
                new byte[] { 0x7B, 0xF4, 0x90, 0x80, 0x80, 0x7D }, // above U+10FFFF
                new byte[] { 0x80 }                                // lone continuation byte
            };

            for (int i = 0; i < cases.Length; i++)
            {
                AssertInvalid("payload is not valid UTF-8", Payloads.Codec().Decode(cases[i]));
            }
        }

        [TestMethod]
        public void Decode_TopLevelNonObjects_AreRejectedWithTheirType()
        {
            AssertInvalid("payload is an array, expected a JSON object", Payloads.Decode("[1,2]"));
            AssertInvalid("payload is an array, expected a JSON object", Payloads.Decode("[{" + Valid + "}]"));
            AssertInvalid("payload is a string, expected a JSON object", Payloads.Decode("\"command\""));
            AssertInvalid("payload is a number, expected a JSON object", Payloads.Decode("42"));
            AssertInvalid("payload is a boolean, expected a JSON object", Payloads.Decode("true"));
            AssertInvalid("payload is null, expected a JSON object", Payloads.Decode("null"));
        }

        [TestMethod]
        public void Decode_TextThatIsNotJson_IsRejected()
        {
            string[] cases = { "not json", "{", "}", "{\"type\":", "{\"type\" \"command\"}", "{" + Valid + ",\"value\":tru}" };
            for (int i = 0; i < cases.Length; i++)
            {
                AssertInvalid("payload is not valid JSON", Payloads.Decode(cases[i]));
            }
        }

        /// <summary>A NUL byte would end the text early on nanoFramework, so it is refused, with its offset, on every
        /// platform (the MQTT adapters already drop such messages: Core/Messages/NulBytes.cs).</summary>
        [TestMethod]
        public void Decode_PayloadWithANulByte_IsRejectedWithItsOffset()
        {
            byte[] valid = Payloads.Bytes("{" + Valid + "}");
            byte[] withNul = new byte[valid.Length + 4];
            Array.Copy(valid, withNul, valid.Length);
            withNul[valid.Length] = 0;
            withNul[valid.Length + 1] = (byte)'x';

            AssertInvalid("payload has a NUL byte at offset " + valid.Length, Payloads.Codec().Decode(withNul));
            AssertInvalid("payload has a NUL byte at offset 0", Payloads.Codec().Decode(new byte[] { 0 }));
            Assert.AreEqual(-1, NulBytes.IndexOf(valid));
            Assert.AreEqual(-1, NulBytes.IndexOf(null));
            Assert.AreEqual(valid.Length, NulBytes.IndexOf(withNul));
        }

        [TestMethod]
        public void Decode_DeepNesting_IsRejectedWithoutCrashing()
        {
            string shallow = "{" + Valid + ",\"value\":" + Payloads.NestedObjects(20) + "}";
            string deep = "{" + Valid + ",\"value\":" + Payloads.NestedObjects(40) + "}";
            string hostile = Payloads.NestedObjects(1300); // 7,801 bytes: under the size limit, far over the depth limit

            Assert.AreEqual((int)MessageKind.Command, (int)Payloads.Decode(shallow).Kind);
            AssertInvalid("payload is not valid JSON", Payloads.Decode(deep));
            AssertInvalid("payload is not valid JSON", Payloads.Decode(hostile));
        }

        [TestMethod]
        public void Decode_EnvelopeFieldProblems_AreNamedPrecisely()
        {
            string[] inputs =
            {
                "{\"timestamp\":1,\"command_type\":\"set\"}",
                "{\"type\":7,\"timestamp\":1,\"command_type\":\"set\"}",
                "{\"type\":null,\"timestamp\":1,\"command_type\":\"set\"}",
                "{\"type\":\"event\",\"timestamp\":1,\"command_type\":\"set\"}",
                "{\"type\":\"command\",\"timestamp\":null,\"command_type\":\"set\"}",
                "{\"type\":\"command\",\"timestamp\":\"abc\",\"command_type\":\"set\"}",
                "{\"type\":\"command\",\"timestamp\":-5,\"command_type\":\"set\"}",
                "{\"type\":\"command\",\"timestamp\":true,\"command_type\":\"set\"}",
                "{\"type\":\"command\",\"timestamp\":\"\",\"command_type\":\"set\"}",
                "{\"type\":\"command\",\"timestamp\":1e30,\"command_type\":\"set\"}",
                "{\"type\":\"command\",\"timestamp\":253402300800000,\"command_type\":\"set\"}",
                "{\"type\":\"command\",\"timestamp\":{},\"command_type\":\"set\"}",
                "{\"type\":\"command\",\"timestamp\":1}",
                "{\"type\":\"command\",\"timestamp\":1,\"command_type\":5}",
                "{\"type\":\"command\",\"timestamp\":1,\"command_type\":\"\"}",
                "{\"type\":\"command\",\"timestamp\":1,\"command_type\":\"" + Payloads.Repeat('c', 257) + "\"}",
                "{\"type\":\"command\",\"timestamp\":1,\"command_type\":\"a b\"}",
                "{\"type\":\"report\",\"timestamp\":1,\"report_name\":\"x\"}",
                "{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"weird\",\"report_name\":\"x\"}",
                "{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"status\"}",
                "{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"status\",\"report_name\":[\"x\"]}",
                "{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"status\",\"report_name\":\"a/b\"}",
                "{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"status\",\"report_name\":\"x\",\"priority_level\":0}",
                "{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"status\",\"report_name\":\"x\",\"priority_level\":6}",
                "{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"status\",\"report_name\":\"x\",\"priority_level\":\"x\"}",
                "{\"type\":\"report\",\"timestamp\":1,\"report_type\":\"status\",\"report_name\":\"x\",\"priority_level\":2.5}"
            };
            string[] errors =
            {
                "field 'type' is missing",
                "field 'type' is a number, expected a string",
                "field 'type' is null, expected a string",
                "field 'type' is not 'command' or 'report'",
                "field 'timestamp' is not a Unix time in seconds or milliseconds (number or numeric string)",
                "field 'timestamp' is not a Unix time in seconds or milliseconds (number or numeric string)",
                "field 'timestamp' is not a Unix time in seconds or milliseconds (number or numeric string)",
                "field 'timestamp' is not a Unix time in seconds or milliseconds (number or numeric string)",
                "field 'timestamp' is not a Unix time in seconds or milliseconds (number or numeric string)",
                "field 'timestamp' is not a Unix time in seconds or milliseconds (number or numeric string)",
                "field 'timestamp' is not a Unix time in seconds or milliseconds (number or numeric string)",
                "field 'timestamp' is not a Unix time in seconds or milliseconds (number or numeric string)",
                "field 'command_type' is missing",
                "field 'command_type' is a number, expected a string",
                "field 'command_type' is not 1 to 64 letters, digits, '_' or '-'",
                "field 'command_type' is not 1 to 64 letters, digits, '_' or '-'",
                "field 'command_type' is not 1 to 64 letters, digits, '_' or '-'",
                "field 'report_type' is missing",
                "field 'report_type' is not status, command_response, periodic_report or error",
                "field 'report_name' is missing",
                "field 'report_name' is an array, expected a string",
                "field 'report_name' is not 1 to 64 letters, digits, '_' or '-'",
                "field 'priority_level' is not a whole number from 1 to 5",
                "field 'priority_level' is not a whole number from 1 to 5",
                "field 'priority_level' is not a whole number from 1 to 5",
                "field 'priority_level' is not a whole number from 1 to 5"
            };

            for (int i = 0; i < inputs.Length; i++)
            {
                Mqtt2GoMessage message = Payloads.Decode(inputs[i]);
                Assert.AreEqual(errors[i], message.Error, "case " + i);
                Assert.AreEqual((int)MessageKind.Invalid, (int)message.Kind, "case " + i);
            }
        }

        [TestMethod]
        public void Decode_HugeNumbersAndOddValues_AreRejectedOrKeptButNeverThrow()
        {
            // The two JSON libraries disagree on numbers beyond ulong (a double on the desktop, a parse error on the device),
            // so only "invalid with a reason" is asserted.
            string[] inputs =
            {
                "{\"type\":\"command\",\"timestamp\":99999999999999999999999999,\"command_type\":\"set\"}",
                "{\"type\":\"command\",\"timestamp\":1e400,\"command_type\":\"set\"}",
                "{\"type\":\"command\",\"timestamp\":-1e400,\"command_type\":\"set\"}",
                "{\"type\":\"command\",\"type\":\"report\",\"timestamp\":1,\"command_type\":\"set\"}",
                "{\"type\":\"command\",\"timestamp\":1,\"command_type\":\"set\",\"value\":\"\\ud800\"}x",
                "{\"type\":\"command\",\"timestamp\":1,\"command_type\":\"set\",\"value\":\"\\q\"}",
                "{\"type\":\"command\",\"timestamp\":1,\"command_type\":\"set\",\"value\":\"\\ud800\"}",
                "{\"type\":\"command\",\"timestamp\":1,\"command_type\":\"set\",\"value\":\"\\u12\"}"
            };

            for (int i = 0; i < inputs.Length; i++)
            {
                Mqtt2GoMessage message = Payloads.Decode(inputs[i]);
                Assert.AreEqual((int)MessageKind.Invalid, (int)message.Kind, "case " + i);
                Assert.IsTrue(message.Error != null && message.Error.Length > 0, "case " + i);
            }
        }

        private static void AssertInvalid(string expectedError, Mqtt2GoMessage message)
        {
            Assert.IsNotNull(message);
            Assert.AreEqual((int)MessageKind.Invalid, (int)message.Kind);
            Assert.AreEqual(expectedError, message.Error);
        }
    }
}
