using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Tests.Fixtures;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Mqtt2Go.Device.Tests.Messages
{
    /// <summary>ParseTopics (step 12) with golden and hostile inputs.</summary>
    [TestClass]
    public class CodecTopicsTests
    {
        [TestMethod]
        public void ParseTopics_Step12Golden_ReturnsDeviceAndGroupTopics()
        {
            Mqtt2GoMessage report = Payloads.Response("topics",
                "[\"home1/gw1/living/switch/dev-0001\",\"home1/gw1/living/switch\"]");
            string error;

            string[] topics = Payloads.Codec().ParseTopics(report, out error);

            Assert.IsNull(error);
            Assert.AreEqual(2, topics.Length);
            Assert.AreEqual("home1/gw1/living/switch/dev-0001", topics[0]);
            Assert.AreEqual("home1/gw1/living/switch", topics[1]);
        }

        [TestMethod]
        public void ParseTopics_SixteenTopics_AreAccepted()
        {
            string list = "\"a/b-c/d_e\"";
            for (int i = 1; i < Mqtt2GoCodec.MaxTopics; i++)
            {
                list += ",\"t/" + i + "\"";
            }

            string error;
            string[] topics = Payloads.Codec().ParseTopics(Payloads.Response("topics", "[" + list + "]"), out error);

            Assert.IsNull(error);
            Assert.AreEqual(16, topics.Length);
        }

        [TestMethod]
        public void ParseTopics_WildcardsControlsAndNonIdentifierLevels_AreRejectedAtAnyPosition()
        {
            // Fuzz finding (issue 10 item 12): ["<own topic>", "#"] subscribed the device to everything. Step 12 topics are
            // built from identifiers only (docs/profile.md), so every level must be one.
            string[] hostile =
            {
                "#", "+", "a/+/c", "a/#", "+/b", "$SYS/x", "a/\u0085", "a/\u009f", "a/\u007f", "a b/c", "a/\u00e9",
                "a/\ud800", "a/" + Payloads.Repeat('x', 65)
            };
            for (int i = 0; i < hostile.Length; i++)
            {
                string error;
                string[] topics = Payloads.Codec().ParseTopics(
                    Payloads.Response("topics", "[\"home1/gw1/living/switch/dev-0001\",\"" + hostile[i] + "\"]"), out error);
                Assert.IsNull(topics, "case " + i);
                Assert.AreEqual("value[1] is not a valid topic", error, "case " + i);
            }
        }

        [TestMethod]
        public void ParseTopics_HostileValues_AreRejectedWithThePositionNamed()
        {
            string seventeen = "\"t/0\"";
            for (int i = 1; i < 17; i++)
            {
                seventeen += ",\"t/" + i + "\"";
            }

            string[] values =
            {
                "\"a/b\"",
                "{}",
                "[]",
                "[" + seventeen + "]",
                "[\"a/#/b\"]",
                "[\"a/b\",\"a/b\"]",
                "[\"a/b\",5]",
                "[null]",
                "[\"/a\"]",
                "[\"a//b\"]",
                "[\"" + Payloads.Repeat('t', 257) + "\"]"
            };
            string[] errors =
            {
                "value is a string, expected an array of topics",
                "value is an object, expected an array of topics",
                "value has 0 topics, expected 1 to 16",
                "value has 17 topics, expected 1 to 16",
                "value[0] is not a valid topic",
                "value[1] repeats value[0]",
                "value[1] is a number, expected a string",
                "value[0] is null, expected a string",
                "value[0] is not a valid topic",
                "value[0] is not a valid topic",
                "value[0] is not a valid topic"
            };

            for (int i = 0; i < values.Length; i++)
            {
                string error;
                string[] topics = Payloads.Codec().ParseTopics(Payloads.Response("topics", values[i]), out error);
                Assert.IsNull(topics, "case " + i);
                Assert.AreEqual(errors[i], error, "case " + i);
            }
        }

        [TestMethod]
        public void ParseTopics_WrongReportName_IsRejected()
        {
            string error;

            string[] topics = Payloads.Codec().ParseTopics(Payloads.Response("mqtt_credentials", "[\"a\"]"), out error);

            Assert.IsNull(topics);
            Assert.AreEqual("report_name is not 'topics'", error);
        }
    }
}
