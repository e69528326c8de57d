#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Tests.Fakes;

namespace Mqtt2Go.Device.Tests.Provisioning
{
    /// <summary>Backoff, deadline and CRC building blocks of the machine.</summary>
    [TestClass]
    public class BackoffPolicyTests
    {
        /// <summary>Every delay lies between the base and the cap, whatever came before.</summary>
        [TestMethod]
        public void NextDelay_AlwaysWithinBaseAndCap()
        {
            BackoffPolicy policy = new BackoffPolicy(500, 30000, 8, new Random(7));
            int previous = 0;
            for (int i = 0; i < 200; i++)
            {
                int delay = policy.NextDelayMs(previous);
                Assert.IsTrue(delay >= 500, "below base: " + delay.ToString());
                Assert.IsTrue(delay <= 30000, "above cap: " + delay.ToString());
                previous = delay;
            }
        }

        /// <summary>Delays grow roughly exponentially until they reach the cap.</summary>
        [TestMethod]
        public void NextDelay_GrowsTowardsTheCap()
        {
            BackoffPolicy policy = new BackoffPolicy(500, 5000, -1, new Random(3));
            int previous = 0;
            int reachedHalfCap = -1;
            for (int i = 0; i < 30; i++)
            {
                previous = policy.NextDelayMs(previous);
                if (previous >= 2500 && reachedHalfCap < 0)
                {
                    reachedHalfCap = i;
                }
            }

            Assert.IsTrue(reachedHalfCap >= 0 && reachedHalfCap < 20, "never approached the cap");
        }

        /// <summary>Ten devices with different seeds do not wait the same delays (no synchronised burst).</summary>
        [TestMethod]
        public void NextDelay_DifferentSeeds_DoNotRetryInLockstep()
        {
            int[] firstDelays = new int[10];
            for (int device = 0; device < 10; device++)
            {
                BackoffPolicy policy = new BackoffPolicy(500, 30000, 8, new Random(device + 100));
                firstDelays[device] = policy.NextDelayMs(policy.NextDelayMs(0));
            }

            int distinct = 0;
            for (int i = 0; i < firstDelays.Length; i++)
            {
                bool seen = false;
                for (int j = 0; j < i; j++)
                {
                    seen = seen || firstDelays[j] == firstDelays[i];
                }

                distinct += seen ? 0 : 1;
            }

            Assert.IsTrue(distinct >= 8, "too many identical delays: " + distinct.ToString());
        }

        /// <summary>A bounded policy allows exactly MaxAttempts attempts; -1 allows any number.</summary>
        [TestMethod]
        public void CanRetry_BoundedAndForever()
        {
            BackoffPolicy bounded = new BackoffPolicy(500, 1000, 3, new Random(1));
            Assert.IsTrue(bounded.CanRetry(2));
            Assert.IsFalse(bounded.CanRetry(3));
            BackoffPolicy forever = new BackoffPolicy(500, 1000, -1, new Random(1));
            Assert.IsTrue(forever.CanRetry(100000));
        }

        /// <summary>A deadline expires after its duration and bounds waits to what is left.</summary>
        [TestMethod]
        public void Deadline_ExpiresAndBoundsWaits()
        {
            FakeClock clock = new FakeClock();
            Deadline deadline = new Deadline(clock, 10000);
            clock.Advance(9000);
            Assert.IsFalse(deadline.IsExpired);
            Assert.AreEqual(1000, deadline.Bound(5000));
            clock.Advance(1000);
            Assert.IsTrue(deadline.IsExpired);
            Assert.AreEqual(0, deadline.Bound(5000));
            deadline.Restart();
            Assert.IsFalse(deadline.IsExpired);
        }

        /// <summary>CRC-32 of "123456789" is the standard check value 0xCBF43926.</summary>
        [TestMethod]
        public void Crc32_MatchesTheStandardCheckValue()
        {
            Assert.AreEqual((uint)0xCBF43926, Crc32.Compute("123456789"));
        }

        /// <summary>Seconds are formatted with one decimal regardless of culture.</summary>
        [TestMethod]
        public void Seconds_FormatsOneDecimal()
        {
            Assert.AreEqual("1.8 s", ProvisioningText.Seconds(1850));
            Assert.AreEqual("0.0 s", ProvisioningText.Seconds(-5));
        }
    }
}
