using System.Collections;
using System.Threading;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>An <see cref="IClock"/> over a <see cref="FakeClock"/> that runs scheduled actions (delayed broker replies, the
    /// wall clock becoming valid) as soon as the time reaches them, and reports its own Unix time.</summary>
    /// <remarks>Actions fire on Sleep and on every read of NowMs, so time advanced by another fake (the mDNS transport
    /// advances the FakeClock directly) is noticed at the next read.</remarks>
    public sealed class FakeTimeline : IClock
    {
        /// <summary>Default Unix time at the start: 2027-01-15, inside the golden test certificates' validity.</summary>
        public const long DefaultStartUnixSeconds = 1800000000;

        private readonly ArrayList _pending = new ArrayList();
        private readonly long _startMs;
        private bool _firing;

        /// <summary>Creates a timeline over the clock, with the wall clock valid at <see cref="DefaultStartUnixSeconds"/>.</summary>
        public FakeTimeline(FakeClock clock)
        {
            Clock = clock;
            _startMs = clock.NowMs;
            StartUnixSeconds = DefaultStartUnixSeconds;
        }

        /// <summary>The underlying fake clock.</summary>
        public FakeClock Clock { get; private set; }

        /// <summary>Unix time reported at the timeline's start.</summary>
        public long StartUnixSeconds { get; set; }

        /// <summary>Milliseconds, running due actions first.</summary>
        public long NowMs
        {
            get
            {
                Fire();
                return Clock.NowMs;
            }
        }

        /// <summary>StartUnixSeconds plus the whole seconds since the start.</summary>
        public long UnixSeconds
        {
            get { return StartUnixSeconds + ((Clock.NowMs - _startMs) / 1000); }
        }

        /// <summary>The fake clock's wall-clock flag.</summary>
        public bool IsWallClockValid
        {
            get
            {
                Fire();
                return Clock.IsWallClockValid;
            }
        }

        /// <summary>Total milliseconds slept through this timeline.</summary>
        public long SleptMs { get; private set; }

        /// <summary>Advances the time (firing what is due), then reports whether the signal was set meanwhile.</summary>
        /// <param name="signal">The handle the core waits on.</param>
        /// <param name="ms">Milliseconds to advance.</param>
        /// <returns>True when the signal is set.</returns>
        public bool Wait(WaitHandle signal, int ms)
        {
            Sleep(ms);
            return signal.WaitOne(0, false);
        }

        /// <summary>Advances the clock instantly, then runs due actions.</summary>
        public void Sleep(int ms)
        {
            if (ms > 0)
            {
                SleptMs += ms;
            }

            Clock.Sleep(ms);
            Fire();
        }

        /// <summary>Runs the action once the clock reaches atMs (at once if already there, at the next read).</summary>
        public void At(long atMs, FakeAction action)
        {
            _pending.Add(new Scheduled(atMs, action));
        }

        /// <summary>Runs every due action in time order.</summary>
        public void Fire()
        {
            if (_firing)
            {
                return;
            }

            _firing = true;
            while (true)
            {
                int due = -1;
                for (int i = 0; i < _pending.Count; i++)
                {
                    Scheduled candidate = (Scheduled)_pending[i];
                    if (candidate.AtMs <= Clock.NowMs && (due < 0 || candidate.AtMs < ((Scheduled)_pending[due]).AtMs))
                    {
                        due = i;
                    }
                }

                if (due < 0)
                {
                    break;
                }

                Scheduled action = (Scheduled)_pending[due];
                _pending.RemoveAt(due);
                action.Action();
            }

            _firing = false;
        }

        private sealed class Scheduled
        {
            public Scheduled(long atMs, FakeAction action)
            {
                AtMs = atMs;
                Action = action;
            }

            public long AtMs { get; private set; }

            public FakeAction Action { get; private set; }
        }
    }
}
