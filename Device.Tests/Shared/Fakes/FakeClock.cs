using System.Threading;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>A clock that only moves when told: <see cref="Sleep"/> and <see cref="Advance"/> add to it instantly.</summary>
    public sealed class FakeClock : IClock
    {
        /// <summary>Unix time at the fake's origin (2023-11-14T22:13:20Z).</summary>
        public const long StartUnixSeconds = 1700000000;

        private readonly long _startMs;
        private long _nowMs;

        /// <summary>Creates a clock at 0 ms with a valid wall clock.</summary>
        public FakeClock()
            : this(0)
        {
        }

        /// <summary>Creates a clock at a chosen monotonic origin, to catch code that assumes time starts at 0.</summary>
        /// <param name="startMs">Initial value of <see cref="NowMs"/>.</param>
        public FakeClock(long startMs)
        {
            _startMs = startMs;
            _nowMs = startMs;
            IsWallClockValid = true;
        }

        /// <summary>Milliseconds since the fake's origin plus the start value.</summary>
        public long NowMs
        {
            get { return _nowMs; }
        }

        /// <summary>1700000000 plus the whole seconds advanced since creation.</summary>
        public long UnixSeconds
        {
            get { return StartUnixSeconds + ((_nowMs - _startMs) / 1000); }
        }

        /// <summary>True unless a test sets it false (to model a device before SNTP).</summary>
        public bool IsWallClockValid { get; set; }

        /// <summary>Number of <see cref="Sleep"/> calls so far.</summary>
        public int SleepCount { get; private set; }

        /// <summary>Total milliseconds passed to <see cref="Sleep"/>.</summary>
        public long TotalSleptMs { get; private set; }

        /// <summary>Advances the time by ms instead of blocking, then reports whether the signal was set meanwhile.</summary>
        /// <param name="signal">The handle the core waits on.</param>
        /// <param name="ms">Milliseconds to advance.</param>
        /// <returns>True when the signal is set.</returns>
        public bool Wait(WaitHandle signal, int ms)
        {
            Sleep(ms);
            return signal.WaitOne(0, false);
        }

        /// <summary>Advances the time by ms instead of blocking; negative values are ignored (time never goes backwards).</summary>
        /// <param name="ms">Milliseconds to advance.</param>
        public void Sleep(int ms)
        {
            SleepCount++;
            if (ms > 0)
            {
                TotalSleptMs += ms;
                _nowMs += ms;
            }
        }

        /// <summary>Advances the time by ms; negative values are ignored.</summary>
        /// <param name="ms">Milliseconds to advance.</param>
        public void Advance(long ms)
        {
            if (ms > 0)
            {
                _nowMs += ms;
            }
        }
    }
}
