using System.Collections.Concurrent;

namespace Mqtt2Go.ReferenceBroker.Discovery;

/// <summary>Counts wrong activation codes per device id and locks the id after too many (guessing the 60-bit code online).</summary>
public sealed class ActivationLockout
{
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset WindowStart)> _failures = new();
    private readonly TimeProvider _time;
    private readonly int _maxWrong;
    private readonly TimeSpan _duration;

    /// <summary>Creates the lockout with its limits and clock.</summary>
    public ActivationLockout(TimeProvider time, int maxWrong, TimeSpan duration)
    {
        _time = time;
        _maxWrong = maxWrong;
        _duration = duration;
    }

    /// <summary>True while <paramref name="deviceId"/> is locked out.</summary>
    public bool IsLocked(string deviceId) =>
        _failures.TryGetValue(deviceId, out var f) && f.Failures >= _maxWrong && _time.GetUtcNow() - f.WindowStart < _duration;

    /// <summary>Records a wrong code for <paramref name="deviceId"/>.</summary>
    public void RecordFailure(string deviceId)
    {
        var now = _time.GetUtcNow();
        _failures.AddOrUpdate(deviceId, (1, now), (_, f) => now - f.WindowStart >= _duration ? (1, now) : (f.Failures + 1, f.WindowStart));
    }

    /// <summary>Forgets the failures of <paramref name="deviceId"/> after a correct code.</summary>
    public void Reset(string deviceId) => _failures.TryRemove(deviceId, out _);
}
