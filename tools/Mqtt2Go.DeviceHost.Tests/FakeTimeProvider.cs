namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>The reference broker's clock, moved by hand: starts at the real time so timestamps look normal, then only
/// <see cref="Advance"/> moves it (the Discovery entries' 15-minute expiry is driven through it).</summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
