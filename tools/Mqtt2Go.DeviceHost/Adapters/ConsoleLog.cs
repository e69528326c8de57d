using System;
using System.Diagnostics;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.DeviceHost.Adapters;

/// <summary>Log lines of one simulated device, prefixed with its name and the elapsed time; a sink may also collect them.</summary>
public sealed class ConsoleLog : ILog
{
    private readonly string _prefix;
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly LogLevel _minimum;
    private readonly Action<string> _sink;

    /// <summary>Creates a log; lines below minimum are dropped; sink null means the console.</summary>
    public ConsoleLog(string prefix, LogLevel minimum = LogLevel.Info, Action<string> sink = null)
    {
        _prefix = prefix;
        _minimum = minimum;
        _sink = sink ?? Console.WriteLine;
    }

    /// <inheritdoc />
    public void Write(LogLevel level, string message)
    {
        if (level < _minimum) return;
        var tag = level switch { LogLevel.Debug => "dbg", LogLevel.Info => "inf", LogLevel.Warning => "WRN", _ => "ERR" };
        _sink($"[{_stopwatch.Elapsed.TotalSeconds,7:0.000}s] {_prefix} {tag} {message}");
    }
}
