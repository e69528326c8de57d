#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>What nanoCLR's Wi-Fi can store and how long a join may take: credential byte limits, the options an erased
    /// station entry keeps, and deadlines counted from the last blocking call.</summary>
    [TestClass]
    public class WifiPlatformRulesTests
    {
        /// <summary>UTF-8 byte counts: ASCII 1, Latin 2, BMP 3, a surrogate pair 4 bytes.</summary>
        [TestMethod]
        public void Utf8ByteCount_CountsBytesNotCharacters()
        {
            Assert.AreEqual(0, WifiCredentialLimits.Utf8ByteCount(null));
            Assert.AreEqual(4, WifiCredentialLimits.Utf8ByteCount("Home"));
            Assert.AreEqual(5, WifiCredentialLimits.Utf8ByteCount("Caf\u00e9"));
            Assert.AreEqual(3, WifiCredentialLimits.Utf8ByteCount("\u20ac"));
            Assert.AreEqual(4, WifiCredentialLimits.Utf8ByteCount("\uD83D\uDE00"));
        }

        /// <summary>31 bytes of SSID and 63 of passphrase fit; 32 and 64 (a full-length SSID, a 64-hex-digit PSK) do not.</summary>
        [TestMethod]
        public void Problem_AtAndBeyondTheLimits()
        {
            Assert.IsNull(WifiCredentialLimits.Problem(new WifiCredentials(Repeat('s', 31), Repeat('p', 63))));
            Assert.IsNull(WifiCredentialLimits.Problem(new WifiCredentials("OpenCafe", string.Empty)));
            Assert.IsNotNull(WifiCredentialLimits.Problem(new WifiCredentials(Repeat('s', 32), "passphrase")));
            Assert.IsNotNull(WifiCredentialLimits.Problem(new WifiCredentials("HomeNet", Repeat('a', 64))));
            Assert.IsNotNull(WifiCredentialLimits.Problem(new WifiCredentials(string.Empty, "passphrase")));
            Assert.IsNotNull(WifiCredentialLimits.Problem(null));
        }

        /// <summary>An SSID of 16 characters that is 32 UTF-8 bytes is refused, though its character count looks fine.</summary>
        [TestMethod]
        public void Problem_CountsUtf8Bytes()
        {
            string ssid = Repeat('\u00e9', 16);
            Assert.AreEqual(16, ssid.Length);
            string problem = WifiCredentialLimits.Problem(new WifiCredentials(ssid, "passphrase"));
            Assert.IsNotNull(problem);
            Assert.IsTrue(problem.IndexOf("32 bytes") >= 0, problem);
            Assert.IsNotNull(WifiCredentialLimits.Problem(new WifiCredentials("HomeNet", Repeat('\u00e9', 32))));
        }

        /// <summary>The reason names the SSID's length but never the passphrase.</summary>
        [TestMethod]
        public void Problem_NeverContainsThePassphrase()
        {
            string passphrase = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
            string problem = WifiCredentialLimits.Problem(new WifiCredentials("HomeNet", passphrase));
            Assert.IsNotNull(problem);
            Assert.IsTrue(problem.IndexOf(passphrase) < 0);
            Assert.IsTrue(problem.IndexOf("64 bytes") >= 0, problem);
        }

        /// <summary>An erased station entry keeps the radio on (WPS and Connect need it) and joins nothing.</summary>
        [TestMethod]
        public void StationOptions_ErasedEntryKeepsTheRadioOn()
        {
            int erased = StationOptions.ForErasedNetwork();
            Assert.IsTrue(StationOptions.StartsRadio(erased));
            Assert.AreEqual(StationOptions.Enable, erased & StationOptions.Enable);
            Assert.IsTrue(StationOptions.StartsRadio(StationOptions.ForStoredNetwork()));
            Assert.AreEqual(6, StationOptions.ForStoredNetwork());
            Assert.IsFalse(StationOptions.StartsRadio(0));
            Assert.IsFalse(StationOptions.StartsRadio(StationOptions.Disable | StationOptions.Enable));
        }

        /// <summary>An association that takes the platform's full 20 s still leaves the whole address wait after it.</summary>
        [TestMethod]
        public void JoinBudget_AddressWaitCountsFromWhenConnectReturned()
        {
            WifiJoinBudget budget = new WifiJoinBudget(10000, 8000);
            long started = 1000;
            long connectReturned = started + 8000 + WifiJoinBudget.NativeConnectMaxMs;
            Assert.AreEqual(started + 8000, budget.BootJoinDeadline(started));
            Assert.AreEqual(connectReturned + 10000, budget.AddressDeadline(connectReturned));
            Assert.IsTrue(budget.AddressDeadline(connectReturned) > connectReturned);
            Assert.AreEqual(38000, budget.WorstCaseMs);
        }

        /// <summary>Negative budgets count as no wait rather than a deadline in the past.</summary>
        [TestMethod]
        public void JoinBudget_NegativeValuesAreZero()
        {
            WifiJoinBudget budget = new WifiJoinBudget(-5, -1);
            Assert.AreEqual(0, budget.AddressWaitMs);
            Assert.AreEqual(500, budget.AddressDeadline(500));
            Assert.AreEqual(WifiJoinBudget.NativeConnectMaxMs, budget.WorstCaseMs);
        }

        private static string Repeat(char c, int count)
        {
            return new string(c, count);
        }
    }
}
