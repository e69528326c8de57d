using System.Diagnostics;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Bench;

/// <summary>A pass-through <see cref="IStore"/> that times the checkpoint writes (the desktop FileStore flushes to disk).</summary>
internal sealed class TimedStore : IStore
{
    private readonly IStore _inner;
    private readonly object _gate = new();
    private readonly List<(long Start, long End)> _writes = new();

    /// <summary>Wraps the store.</summary>
    public TimedStore(IStore inner)
    {
        _inner = inner;
    }

    /// <summary>Number of writes.</summary>
    public int Writes
    {
        get
        {
            lock (_gate)
            {
                return _writes.Count;
            }
        }
    }

    /// <inheritdoc />
    public byte[] Read(string name) => _inner.Read(name);

    /// <inheritdoc />
    public bool Write(string name, byte[] data)
    {
        var start = Stopwatch.GetTimestamp();
        var ok = _inner.Write(name, data);
        var end = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _writes.Add((start, end));
        }

        return ok;
    }

    /// <inheritdoc />
    public bool Delete(string name) => _inner.Delete(name);

    /// <summary>Time spent in writes that started in [from, to), in milliseconds.</summary>
    public double WriteMs(long from, long to)
    {
        lock (_gate)
        {
            return _writes.Where(w => w.Start >= from && w.Start < to).Sum(w => Stopwatch.GetElapsedTime(w.Start, w.End).TotalMilliseconds);
        }
    }
}
