using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Bench;

/// <summary>A log that drops every line (the device filters below Info; the per-command path logs nothing on success).</summary>
internal sealed class NullLog : ILog
{
    /// <summary>Lines offered, for a sanity check that the measured path logs nothing.</summary>
    public int Offered { get; private set; }

    /// <inheritdoc />
    public void Write(LogLevel level, string message) => Offered++;
}
