using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Bench;

/// <summary>A device log that keeps the last warning and error lines (for failure reports) and drops the rest.</summary>
internal sealed class CollectingLog : ILog
{
    private const int Keep = 6;
    private readonly LogLevel _minimum;
    private readonly Queue<string> _lines = new();

    /// <summary>Keeps lines at or above minimum.</summary>
    public CollectingLog(LogLevel minimum)
    {
        _minimum = minimum;
    }

    /// <summary>The kept lines, oldest first.</summary>
    public string[] Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <inheritdoc />
    public void Write(LogLevel level, string message)
    {
        if (level < _minimum)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(level + " " + message);
            if (_lines.Count > Keep)
            {
                _lines.Dequeue();
            }
        }
    }
}
