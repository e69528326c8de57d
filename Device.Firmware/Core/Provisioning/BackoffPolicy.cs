using System;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>Retry policy: decorrelated-jitter exponential backoff from a base delay up to a cap, with a bounded number of attempts.</summary>
    /// <remarks>Decorrelated jitter (delay = min(cap, random(base, previous × 3))) grows about exponentially on average
    /// and spreads devices that failed at the same moment, so they do not reconnect in a synchronised burst
    /// (anchors §5 goal 3). All values are milliseconds.</remarks>
    public sealed class BackoffPolicy
    {
        private readonly Random _random;

        /// <summary>Creates the policy; maxAttempts -1 means retry forever.</summary>
        public BackoffPolicy(int baseDelayMs, int maxDelayMs, int maxAttempts, Random random)
        {
            if (baseDelayMs < 1)
            {
                baseDelayMs = 1;
            }

            if (maxDelayMs < baseDelayMs)
            {
                maxDelayMs = baseDelayMs;
            }

            BaseDelayMs = baseDelayMs;
            MaxDelayMs = maxDelayMs;
            MaxAttempts = maxAttempts;
            _random = random == null ? new Random() : random;
        }

        /// <summary>Smallest delay, milliseconds.</summary>
        public int BaseDelayMs { get; private set; }

        /// <summary>Largest delay (the cap), milliseconds.</summary>
        public int MaxDelayMs { get; private set; }

        /// <summary>Attempts allowed per phase, including the first; -1 means forever.</summary>
        public int MaxAttempts { get; private set; }

        /// <summary>True when another attempt is allowed after attemptsMade attempts.</summary>
        public bool CanRetry(int attemptsMade)
        {
            return MaxAttempts < 0 || attemptsMade < MaxAttempts;
        }

        /// <summary>Returns the next delay given the previous one (0 for the first retry); always within [BaseDelayMs, MaxDelayMs].</summary>
        public int NextDelayMs(int previousDelayMs)
        {
            long upper = previousDelayMs < BaseDelayMs ? (long)BaseDelayMs * 3 : (long)previousDelayMs * 3;
            if (upper > MaxDelayMs)
            {
                upper = MaxDelayMs;
            }

            int span = (int)(upper - BaseDelayMs);
            int delay = BaseDelayMs + (span > 0 ? _random.Next(span + 1) : 0);
            return delay > MaxDelayMs ? MaxDelayMs : delay;
        }
    }
}
