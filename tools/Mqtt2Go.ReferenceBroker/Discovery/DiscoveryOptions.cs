namespace Mqtt2Go.ReferenceBroker.Discovery;

/// <summary>Tunables of the Discovery server, with code defaults.</summary>
public sealed class DiscoveryOptions
{
    /// <summary>How long an entry stays pending (MQTT2GO step 2: 15 minutes).</summary>
    public TimeSpan EntryLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the expiry sweeper runs (real time).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Not used any more: after the step-7 hand-over the device keeps its Discovery access until it reaches its broker or
    /// the entry expires (a power cut before the broker checkpoint must not cost a new activation). Kept so settings compile.
    /// </summary>
    public TimeSpan HandOverGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest accepted request body in bytes (larger: 413).</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Requests allowed per client certificate per <see cref="RateLimitWindow"/> (more: 429).</summary>
    public int RateLimitPermits { get; set; } = 100;

    /// <summary>The rate limiter's fixed window.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wrong activation codes tolerated per device id within <see cref="LockoutDuration"/> before the device id is locked.</summary>
    public int MaxWrongCodes { get; set; } = 5;

    /// <summary>How long a device id stays locked after too many wrong codes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
