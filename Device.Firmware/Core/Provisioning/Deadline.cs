using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>A point in time on the clock port after which a phase or the whole activation gives up.</summary>
    public sealed class Deadline
    {
        private readonly IClock _clock;
        private long _startMs;

        /// <summary>Creates a deadline durationMs from now.</summary>
        public Deadline(IClock clock, long durationMs)
        {
            _clock = clock;
            DurationMs = durationMs;
            Restart();
        }

        /// <summary>Length of the deadline, milliseconds.</summary>
        public long DurationMs { get; private set; }

        /// <summary>Milliseconds since the deadline was (re)started.</summary>
        public long ElapsedMs { get { return _clock.NowMs - _startMs; } }

        /// <summary>Milliseconds left, never negative.</summary>
        public long RemainingMs
        {
            get
            {
                long left = DurationMs - ElapsedMs;
                return left < 0 ? 0 : left;
            }
        }

        /// <summary>True once the deadline has passed.</summary>
        public bool IsExpired { get { return ElapsedMs >= DurationMs; } }

        /// <summary>Starts the deadline again from now.</summary>
        public void Restart()
        {
            _startMs = _clock.NowMs;
        }

        /// <summary>Returns timeoutMs, shortened so a wait never runs past the deadline.</summary>
        public int Bound(int timeoutMs)
        {
            long left = RemainingMs;
            return left < timeoutMs ? (int)left : timeoutMs;
        }
    }
}
