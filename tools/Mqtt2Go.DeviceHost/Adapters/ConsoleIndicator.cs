using System;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.DeviceHost.Adapters;

/// <summary>The board's LED and switch output, shown as log lines of the simulated device.</summary>
public sealed class ConsoleIndicator : IIndicator
{
    private readonly Action<string> _sink;

    /// <summary>Creates the indicator writing to sink (null: nowhere).</summary>
    public ConsoleIndicator(Action<string> sink = null)
    {
        _sink = sink;
    }

    /// <summary>The last pattern shown.</summary>
    public IndicatorPattern Pattern { get; private set; }

    /// <summary>The switch output (the LED of a "switch" device).</summary>
    public bool Output { get; private set; }

    /// <inheritdoc />
    public void Show(IndicatorPattern pattern)
    {
        if (pattern == Pattern) return;
        Pattern = pattern;
        _sink?.Invoke($"LED pattern: {pattern}");
    }

    /// <inheritdoc />
    public void SetOutput(bool on)
    {
        Output = on;
        _sink?.Invoke($"switch output: {(on ? "ON" : "off")}");
    }
}
