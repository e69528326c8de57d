#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Mdns;

namespace Mqtt2Go.Device.Tests.Mdns
{
    [TestClass]
    public class MdnsNamesTests
    {
        [TestMethod]
        public void AreEqual_DifferentAsciiCase_ReturnsTrue()
        {
            Assert.IsTrue(MdnsNames.AreEqual("MQTT2GO.Local", "mqtt2go.local"));
        }

        [TestMethod]
        public void AreEqual_TrailingRootDot_IsIgnored()
        {
            Assert.IsTrue(MdnsNames.AreEqual("_mqtt._tcp.local.", "_mqtt._tcp.local"));
        }

        [TestMethod]
        public void AreEqual_EscapedDotAtEnd_IsNotTheRoot()
        {
            Assert.IsFalse(MdnsNames.AreEqual("a\\.", "a\\"));
        }

        [TestMethod]
        public void AreEqual_NonAsciiLetters_AreNotFolded()
        {
            // RFC 6762 §16: only ASCII letters compare case-insensitively.
            Assert.IsFalse(MdnsNames.AreEqual("\u00C4.local", "\u00E4.local"));
        }

        [TestMethod]
        public void AreEqual_DifferentNamesOrNull_ReturnsFalse()
        {
            Assert.IsFalse(MdnsNames.AreEqual("mqtt2go.local", "mqtt2go.lan"));
            Assert.IsFalse(MdnsNames.AreEqual("mqtt2go.local", "mqtt2go.locall"));
            Assert.IsFalse(MdnsNames.AreEqual(null, "mqtt2go.local"));
            Assert.IsFalse(MdnsNames.AreEqual("mqtt2go.local", null));
        }
    }
}
