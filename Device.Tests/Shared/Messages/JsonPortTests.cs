using System.Collections;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Tests.Fixtures;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Mqtt2Go.Device.Tests.Messages
{
    /// <summary>The platform's IJson adapter (System.Text.Json on the desktop, nanoFramework.Json on the device) yields the
    /// same trees: objects as Hashtable, arrays as ArrayList, integers as long, other numbers as double.</summary>
    [TestClass]
    public class JsonPortTests
    {
        [TestMethod]
        public void TryParse_ObjectWithEveryValueType_ProducesTheCoreTree()
        {
            IJson json = TestPlatform.CreateJson();
            object root;

            bool ok = json.TryParse("{\"s\":\"x\",\"i\":42,\"l\":5000000000,\"d\":1.25,\"t\":true,\"f\":false,\"n\":null,"
                + "\"a\":[1,\"b\",{\"c\":2}],\"o\":{\"k\":\"v\"}}", out root);
            Hashtable table = (Hashtable)root;

            Assert.IsTrue(ok);
            Assert.AreEqual("x", (string)table["s"]);
            Assert.AreEqual(42L, (long)table["i"]);
            Assert.AreEqual(5000000000L, (long)table["l"]);
            Assert.AreEqual(1.25, (double)table["d"]);
            Assert.IsTrue((bool)table["t"]);
            Assert.IsFalse((bool)table["f"]);
            Assert.IsTrue(table.Contains("n"));
            Assert.IsNull(table["n"]);
            Assert.AreEqual(3, ((ArrayList)table["a"]).Count);
            Assert.AreEqual(2L, (long)((Hashtable)((ArrayList)table["a"])[2])["c"]);
            Assert.AreEqual("v", (string)((Hashtable)table["o"])["k"]);
        }

        [TestMethod]
        public void TryParse_TopLevelArrayAndEscapes_AreRead()
        {
            object root;

            Assert.IsTrue(TestPlatform.CreateJson().TryParse(" [\"a\\\"b\\\\c\\nd\", -3] ", out root));
            Assert.AreEqual("a\"b\\c\nd", (string)((ArrayList)root)[0]);
            Assert.AreEqual(-3L, (long)((ArrayList)root)[1]);
        }

        [TestMethod]
        public void TryParse_InvalidInputs_ReturnFalseAndNull()
        {
            string[] inputs = { "", "   ", "{", "{\"a\":}", "{\"a\":1,\"a\":2}", Payloads.NestedObjects(33) };
            // null on its own: a null in a string[] initializer is never stored (docs/platform-differences.md §1).
            object nullValue = "sentinel";
            Assert.IsFalse(TestPlatform.CreateJson().TryParse(null, out nullValue), "null");
            Assert.IsNull(nullValue, "null");
            for (int i = 0; i < inputs.Length; i++)
            {
                object value = "sentinel";
                Assert.IsFalse(TestPlatform.CreateJson().TryParse(inputs[i], out value), "case " + i);
                Assert.IsNull(value, "case " + i);
            }
        }

        [TestMethod]
        public void TryParse_NestingUpToTheLimit_IsAccepted()
        {
            object root;

            Assert.IsTrue(TestPlatform.CreateJson().TryParse(Payloads.NestedObjects(32), out root));
            Assert.IsTrue(TestPlatform.CreateJson().TryParse("[{\"a\":[{\"b\":[1]}]}]", out root));
        }

        /// <summary>What nanoFramework.Json cannot read is refused on every platform, so a payload means the same on the
        /// device and the desktop (Core/Messages/JsonTextRules.cs).</summary>
        [TestMethod]
        public void TryParse_NestedArraysSurrogatesAndNulEscapes_AreRefusedOnEveryPlatform()
        {
            string[] inputs =
            {
                "[[1]]", "{\"a\":[ [1]]}", "[1,[2]]",
                "\"\\ud800\"", "{\"type\":\"\\udc00\"}", "\"\\ud83d\\ude00\"", "\"x\\u0000y\"",
            };
            for (int i = 0; i < inputs.Length; i++)
            {
                object value = "sentinel";
                Assert.IsFalse(TestPlatform.CreateJson().TryParse(inputs[i], out value), "case " + i);
                Assert.IsNull(value, "case " + i);
            }
        }

        /// <summary>Escapes the device's library misreads (hex letters, \/) give the same strings as on the desktop.</summary>
        [TestMethod]
        public void TryParse_UnicodeAndSolidusEscapes_GiveTheSameStringsOnEveryPlatform()
        {
            object root;

            Assert.IsTrue(TestPlatform.CreateJson().TryParse(
                "[\"K\\u00fcche\", \"a\\/b\", \"\\u0041\\u00E9\", \"q\\u0022\\u005c\\u000a\", \"\\u20ac\"]", out root));
            ArrayList list = (ArrayList)root;
            Assert.AreEqual("K\u00fcche", (string)list[0]);
            Assert.AreEqual("a/b", (string)list[1]);
            Assert.AreEqual("A\u00e9", (string)list[2]);
            Assert.AreEqual("q\"\\\n", (string)list[3]);
            Assert.AreEqual("\u20ac", (string)list[4]);
        }

        [TestMethod]
        public void Serialize_ThenParse_RoundTripsTheTree()
        {
            IJson json = TestPlatform.CreateJson();
            Hashtable inner = new Hashtable();
            inner.Add("k", "v \"q\" \\");
            ArrayList list = new ArrayList();
            list.Add(1L);
            list.Add(2);
            list.Add(0.5);
            list.Add(null);
            list.Add(false);
            Hashtable root = new Hashtable();
            root.Add("inner", inner);
            root.Add("list", list);
            root.Add("text", "K\u00fcche/+#");

            string text = json.Serialize(root);

            JsonAssert.AreEqual("{\"inner\":{\"k\":\"v \\\"q\\\" \\\\\"},\"list\":[1,2,0.5,null,false],\"text\":\"K\u00fcche/+#\"}", text);
        }

        [TestMethod]
        public void JsonAssert_ReportsTheFirstDifference()
        {
            IJson json = TestPlatform.CreateJson();

            Assert.AreEqual(string.Empty, JsonAssert.Difference(json, "{\"a\":1,\"b\":[true]}", "{\"b\":[true],\"a\":1}"));
            Assert.AreEqual("$.a: expected 1, found 2", JsonAssert.Difference(json, "{\"a\":1}", "{\"a\":2}"));
            Assert.AreEqual("$: member 'a' is missing", JsonAssert.Difference(json, "{\"a\":1}", "{\"b\":1}"));
            Assert.AreNotEqual(string.Empty, JsonAssert.Difference(json, "{\"a\":1}", "{\"a\":1.0}"));
            Assert.AreNotEqual(string.Empty, JsonAssert.Difference(json, "[1,2]", "[2,1]"));
        }
    }
}
