namespace Mqtt2Go.ReferenceBroker.Discovery;

/// <summary>Limits activation-code guesses per device id: at most <c>maxWrong</c> attempts per window, and after the
/// last allowed one fails, the id is locked for <c>duration</c> from that failure.</summary>
/// <remarks>An attempt is counted when it begins, before the code is checked, so parallel requests cannot all slip past
/// the limit while the first ones are still being verified; a correct code clears the count.</remarks>
public sealed class ActivationLockout
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _maxWrong;
    private readonly TimeSpan _duration;

    /// <summary>Creates the lockout.</summary>
    public ActivationLockout(TimeProvider time, int maxWrong, TimeSpan duration)
    {
        _time = time;
        _maxWrong = maxWrong;
        _duration = duration;
    }

    /// <summary>Counts an attempt for the id; false when the id is locked or its window's attempts are used up.</summary>
    public bool TryBeginAttempt(string deviceId)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_entries.TryGetValue(deviceId, out var entry))
            {
                entry = new Entry { WindowStart = now };
                _entries[deviceId] = entry;
            }

            if (now < entry.LockedUntil)
            {
                return false;
            }

            if (now - entry.WindowStart >= _duration)
            {
                entry.Attempts = 0;
                entry.WindowStart = now;
            }

            if (entry.Attempts >= _maxWrong)
            {
                return false;
            }

            entry.Attempts++;
            return true;
        }
    }

    /// <summary>True while the id is locked.</summary>
    public bool IsLocked(string deviceId)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(deviceId, out var entry) && _time.GetUtcNow() < entry.LockedUntil;
        }
    }

    /// <summary>Records that a counted attempt had a wrong code; the last allowed one locks the id for the duration.</summary>
    public void RecordFailure(string deviceId)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(deviceId, out var entry) && entry.Attempts >= _maxWrong)
            {
                entry.LockedUntil = _time.GetUtcNow() + _duration;
            }
        }
    }

    /// <summary>A correct code: forgets the id's attempts.</summary>
    public void Reset(string deviceId)
    {
        lock (_gate)
        {
            _entries.Remove(deviceId);
        }
    }

    private sealed class Entry
    {
        public int Attempts;
        public DateTimeOffset WindowStart;
        public DateTimeOffset LockedUntil;
    }
}
