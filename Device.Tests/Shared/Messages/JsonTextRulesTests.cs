using Mqtt2Go.Device.Core.Messages;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Mqtt2Go.Device.Tests.Messages
{
    /// <summary>The constructs both JSON adapters refuse because nanoFramework.Json cannot read them.</summary>
    [TestClass]
    public class JsonTextRulesTests
    {
        [TestMethod]
        public void FindUnsupported_OrdinaryMqtt2GoText_IsNull()
        {
            string[] fine =
            {
                "", "{\"type\":\"command\",\"value\":[\"a\",{\"b\":[1,2]}]}", "[{\"a\":[1]},[]]".Substring(0, 11),
                "\"[[not an array]]\"", "\"\\\\ud800 is text after an escaped backslash\"", "\"\\u00e9\\u20ac\"", "[ {\"a\":1}, 2 ]",
            };
            Assert.IsNull(JsonTextRules.FindUnsupported(null));
            for (int i = 0; i < fine.Length; i++)
            {
                Assert.IsNull(JsonTextRules.FindUnsupported(fine[i]), "case " + i);
            }
        }

        [TestMethod]
        public void FindUnsupported_NestedArrays_AreNamed()
        {
            string[] nested = { "[[1]]", "[ [1]]", "[1,[2]]", "{\"a\":[{\"b\":1},[2]]}", "[\"]\",[1]]" };
            for (int i = 0; i < nested.Length; i++)
            {
                Assert.AreEqual("an array directly inside an array is not supported", JsonTextRules.FindUnsupported(nested[i]), "case " + i);
            }
        }

        [TestMethod]
        public void FindUnsupported_SurrogateAndNulEscapes_AreNamed()
        {
            string surrogate = "a surrogate escape (half of a character outside the Basic Multilingual Plane) is not supported";
            Assert.AreEqual(surrogate, JsonTextRules.FindUnsupported("\"\\ud800\""));
            Assert.AreEqual(surrogate, JsonTextRules.FindUnsupported("{\"device_id\":\"\\uDC00\"}"));
            Assert.AreEqual(surrogate, JsonTextRules.FindUnsupported("\"\\ud83d\\ude00\""));
            Assert.AreEqual("a \\u0000 escape is not supported", JsonTextRules.FindUnsupported("\"x\\u0000\""));
        }
    }
}
