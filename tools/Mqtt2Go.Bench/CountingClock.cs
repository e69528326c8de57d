using System.Diagnostics;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Bench;

/// <summary>A pass-through <see cref="IClock"/> that counts every sleep and every signalled wait the core asks for: a
/// provisioning path without fixed sleeps shows zero sleeps (backoff delays go through <see cref="Sleep"/>), and waits for
/// replies that end by their signal rather than by their timeout (the inbox waits in slices of at most 50 ms).</summary>
internal sealed class CountingClock : IClock
{
    private readonly IClock _inner;
    private long _sleepTicks;
    private int _sleeps;
    private int _waits;
    private int _waitTimeouts;

    /// <summary>Wraps the clock.</summary>
    public CountingClock(IClock inner)
    {
        _inner = inner;
    }

    /// <summary>Number of Sleep calls.</summary>
    public int Sleeps => Volatile.Read(ref _sleeps);

    /// <summary>Wall time spent inside Sleep, in milliseconds.</summary>
    public double SleptMs => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _sleepTicks)).TotalMilliseconds;

    /// <inheritdoc />
    public long NowMs => _inner.NowMs;

    /// <inheritdoc />
    public long UnixSeconds => _inner.UnixSeconds;

    /// <inheritdoc />
    public bool IsWallClockValid => _inner.IsWallClockValid;

    /// <inheritdoc />
    public void Sleep(int ms)
    {
        var start = Stopwatch.GetTimestamp();
        _inner.Sleep(ms);
        Interlocked.Add(ref _sleepTicks, Stopwatch.GetTimestamp() - start);
        Interlocked.Increment(ref _sleeps);
    }

    /// <summary>Number of Wait calls.</summary>
    public int Waits => Volatile.Read(ref _waits);

    /// <summary>Wait calls that ended by their timeout, not by the signal (an expired slice of the inbox's wait).</summary>
    public int WaitTimeouts => Volatile.Read(ref _waitTimeouts);

    /// <inheritdoc />
    public bool Wait(WaitHandle signal, int ms)
    {
        // Ends early when a message arrives: not a fixed sleep.
        var signalled = _inner.Wait(signal, ms);
        Interlocked.Increment(ref _waits);
        if (!signalled)
        {
            Interlocked.Increment(ref _waitTimeouts);
        }

        return signalled;
    }
}
