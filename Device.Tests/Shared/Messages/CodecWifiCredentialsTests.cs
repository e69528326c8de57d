using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Tests.Fixtures;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Mqtt2Go.Device.Tests.Messages
{
    /// <summary>The guest-Wi-Fi request and ParseWifiCredentials (issue 13) with golden and hostile answers.</summary>
    [TestClass]
    public class CodecWifiCredentialsTests
    {
        [TestMethod]
        public void EncodeWifiCredentialsRequest_IsTheCommandOfTheProfile()
        {
            Mqtt2GoCodec codec = Payloads.Codec();
            Mqtt2GoMessage decoded = codec.Decode(codec.EncodeWifiCredentialsRequest(1700000000));
            Assert.AreEqual(MessageKind.Command, decoded.Kind);
            Assert.AreEqual("wifi_credentials", decoded.CommandType);
            Assert.AreEqual("GET_WIFI_CREDENTIALS", decoded.Value as string);
            Assert.AreEqual("A1B2C3/wifi", Topics.Wifi("A1B2C3"));
        }

        [TestMethod]
        public void ParseWifiCredentials_ReadsSsidAndPassphrase_AndA64DigitHexPsk()
        {
            string error;
            WifiCredentials home = Payloads.Codec().ParseWifiCredentials(
                Payloads.Response("wifi_credentials", "{\"ssid\":\"Caf\\u00e9 Net\",\"password\":\"correct horse\",\"extra\":1}"), out error);
            Assert.IsNull(error);
            Assert.AreEqual("Caf\u00e9 Net", home.Ssid);
            Assert.AreEqual("correct horse", home.Passphrase);

            string psk = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef";
            home = Payloads.Codec().ParseWifiCredentials(Payloads.Response("wifi_credentials", "{\"ssid\":\"x\",\"password\":\"" + psk + "\"}"), out error);
            Assert.IsNull(error);
            Assert.AreEqual(psk, home.Passphrase);
        }

        [TestMethod]
        public void ParseWifiCredentials_RefusesWhatIsNotAUsableNetwork_WithoutThePassphraseInTheError()
        {
            string[] values =
            {
                "\"HomeNet\"", "{\"password\":\"long-enough-1\"}", "{\"ssid\":\"\",\"password\":\"long-enough-1\"}",
                "{\"ssid\":7,\"password\":\"long-enough-1\"}", "{\"ssid\":\"a\\tb\",\"password\":\"long-enough-1\"}",
                "{\"ssid\":\"a\\u0085b\",\"password\":\"long-enough-1\"}", "{\"ssid\":\"HomeNet\"}",
                "{\"ssid\":\"HomeNet\",\"password\":\"short-7\"}", "{\"ssid\":\"HomeNet\",\"password\":\"tab\\tinside\"}",
                "{\"ssid\":\"HomeNet\",\"password\":\"" + Payloads.Repeat('p', 64) + "\"}",
                "{\"ssid\":\"HomeNet\",\"password\":\"" + Payloads.Repeat('q', 65) + "\"}",
            };
            for (int i = 0; i < values.Length; i++)
            {
                string error;
                WifiCredentials home = Payloads.Codec().ParseWifiCredentials(Payloads.Response("wifi_credentials", values[i]), out error);
                Assert.IsNull(home, "case " + i.ToString());
                Assert.IsNotNull(error, "case " + i.ToString());
                Assert.IsTrue(error.IndexOf("long-enough") < 0 && error.IndexOf("short-7") < 0 && error.IndexOf("pppppppp") < 0, "case " + i.ToString() + ": " + error);
            }

            string wrongName;
            Assert.IsNull(Payloads.Codec().ParseWifiCredentials(Payloads.Response("mqtt_credentials", "{\"ssid\":\"a\",\"password\":\"long-enough-1\"}"), out wrongName));
            Assert.IsTrue(wrongName.IndexOf("wifi_credentials") >= 0, wrongName);
        }
    }
}
