using System;
using System.Diagnostics;
using System.Threading;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.DeviceHost.Adapters;

/// <summary>The desktop's clocks: a monotonic stopwatch and UTC wall time (always valid on a PC).</summary>
public sealed class SystemClock : IClock
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    /// <inheritdoc />
    public long NowMs => _stopwatch.ElapsedMilliseconds;

    /// <inheritdoc />
    public long UnixSeconds => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <inheritdoc />
    public bool IsWallClockValid => true;

    /// <inheritdoc />
    public void Sleep(int ms)
    {
        if (ms > 0) Thread.Sleep(ms);
    }

    /// <inheritdoc />
    public bool Wait(WaitHandle signal, int ms) => signal.WaitOne(Math.Max(0, ms));
}
