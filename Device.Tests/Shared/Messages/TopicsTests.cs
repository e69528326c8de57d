using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Tests.Fixtures;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Mqtt2Go.Device.Tests.Messages
{
    [TestClass]
    public class TopicsTests
    {
        [TestMethod]
        public void Builders_FollowTheProfileTopicShapes()
        {
            Assert.AreEqual("04HMASW9NF6Y2/activation", Topics.Activation("04HMASW9NF6Y2"));
            Assert.AreEqual("dev-0001/topics", Topics.DeviceTopics("dev-0001"));
            Assert.AreEqual("home1/gw1/add_device", Topics.AddDevice("home1", "gw1"));
            Assert.AreEqual("home1/gw1/living/switch/dev-0001", Topics.Device("home1", "gw1", "living", "switch", "dev-0001"));
            Assert.AreEqual("home1/gw1/living/switch", Topics.Group("home1", "gw1", "living", "switch"));
        }

        [TestMethod]
        public void ForLog_KeepsOnlyFourCharactersOfTheFirstLevel()
        {
            Assert.AreEqual("04HM\u2026/wifi", Topics.ForLog(Topics.Wifi("04HMASW9NF6Y2")));
            Assert.AreEqual("04HM\u2026/activation", Topics.ForLog(Topics.Activation("04HMASW9NF6Y2")));
            Assert.AreEqual("04HM\u2026", Topics.ForLog("04HMASW9NF6Y2"));
            Assert.AreEqual("ab\u2026/x/y", Topics.ForLog("ab/x/y"));
            Assert.AreEqual("\u2026/x", Topics.ForLog("/x"));
            Assert.AreEqual("\u2026", Topics.ForLog(null));
            Assert.IsTrue(Topics.ForLog(Topics.Wifi("04HMASW9NF6Y2")).IndexOf("ASW9") < 0);
        }

        [TestMethod]
        public void BuiltTopics_AreValidTopicNames()
        {
            Assert.IsTrue(Topics.IsValidTopicName(Topics.Activation("04HMASW9NF6Y2")));
            Assert.IsTrue(Topics.IsValidTopicName(Topics.Device("h", "g", "r", "switch", "d")));
        }

        [TestMethod]
        public void IsValidIdentifier_AcceptsLettersDigitsUnderscoreDashUpTo64()
        {
            string[] valid = { "a", "dev-0001", "A_b-9", Payloads.Repeat('x', 64) };
            for (int i = 0; i < valid.Length; i++)
            {
                Assert.IsTrue(Topics.IsValidIdentifier(valid[i]), valid[i]);
            }
        }

        [TestMethod]
        public void IsValidIdentifier_RejectsEmptyLongAndForeignCharacters()
        {
            string[] invalid = { "", Payloads.Repeat('x', 65), "a b", "a/b", "a+", "#", "dev.1", "d\u00e9v" };
            // null on its own: a null in a string[] initializer is never stored (docs/platform-differences.md §1).
            Assert.IsFalse(Topics.IsValidIdentifier(null), "null");
            for (int i = 0; i < invalid.Length; i++)
            {
                Assert.IsFalse(Topics.IsValidIdentifier(invalid[i]), "case " + i);
            }
        }

        [TestMethod]
        public void IsValidTopicName_AcceptsPlainTopics()
        {
            string[] valid = { "a", "a/b/c", "home 1/gw", Payloads.Repeat('t', 256) , "x/y-z_/w" };
            for (int i = 0; i < valid.Length; i++)
            {
                Assert.IsTrue(Topics.IsValidTopicName(valid[i]), "case " + i);
            }
        }

        [TestMethod]
        public void IsValidTopicName_RejectsWildcardsNulLeadingSlashEmptyLevelsAndLength()
        {
            string[] invalid = { "", "/a", "a/", "a//b", "a/+/b", "a/#", "+", Payloads.Repeat('t', 257), "a/\u0085", "\u009f",
                "a\u0080b" };
            // null on its own: a null in a string[] initializer is never stored (docs/platform-differences.md §1).
            Assert.IsFalse(Topics.IsValidTopicName(null), "null");
            for (int i = 0; i < invalid.Length; i++)
            {
                Assert.IsFalse(Topics.IsValidTopicName(invalid[i]), "case " + i);
            }
        }

        [TestMethod]
        public void IsValidTopicFilter_AcceptsWholeLevelWildcards()
        {
            string[] valid = { "a/b", "a/+/c", "a/#", "#", "+", "+/+", "a/+", Payloads.Repeat('f', 256) };
            for (int i = 0; i < valid.Length; i++)
            {
                Assert.IsTrue(Topics.IsValidTopicFilter(valid[i]), "case " + i);
            }
        }

        [TestMethod]
        public void IsValidTopicFilter_RejectsMisplacedWildcardsAndBadShapes()
        {
            string[] invalid = { "", "a/#/c", "a#", "a/b#", "a+/b", "a/b+", "#/a", "/a/+", "a//+", "a/+/",
                Payloads.Repeat('f', 257) };
            // null on its own: a null in a string[] initializer is never stored (docs/platform-differences.md §1).
            Assert.IsFalse(Topics.IsValidTopicFilter(null), "null");
            for (int i = 0; i < invalid.Length; i++)
            {
                Assert.IsFalse(Topics.IsValidTopicFilter(invalid[i]), "case " + i);
            }
        }

        /// <summary>A NUL inside a topic is refused where a string can hold one (desktop). On nanoFramework a string ends at
        /// its first NUL, so no topic with a NUL can reach the core there (brokers refuse one anyway: MQTT 5 §1.5.4).</summary>
        [TestMethod]
        public void TopicsWithANul_AreInvalid_WhereAStringCanHoldOne()
        {
            string withNul = new string(new char[] { 'a', (char)0, 'b' });
            if (withNul.Length != 3)
            {
                TestPlatform.Skip("this platform's strings end at the first NUL: a topic with a NUL cannot exist here");
            }

            Assert.IsFalse(Topics.IsValidIdentifier(withNul));
            Assert.IsFalse(Topics.IsValidTopicName(withNul));
            Assert.IsFalse(Topics.IsValidTopicFilter(withNul));
        }
    }
}
