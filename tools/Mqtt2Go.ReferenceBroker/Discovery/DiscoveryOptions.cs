namespace Mqtt2Go.ReferenceBroker.Discovery;

/// <summary>Tunables of the Discovery server, with code defaults.</summary>
public sealed class DiscoveryOptions
{
    /// <summary>How long an entry stays pending (MQTT2GO step 2: 15 minutes).</summary>
    public TimeSpan EntryLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the expiry sweeper runs (real time).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Largest accepted request body in bytes (larger: 413).</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Requests allowed per client certificate per <see cref="RateLimitWindow"/> (more: 429).</summary>
    public int RateLimitPermits { get; set; } = 100;

    /// <summary>The rate limiter's fixed window.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Activation-code guesses (wrong code or unknown device id) one requester may make per <see cref="LockoutDuration"/>;
    /// the requester is the home whose controller sent <c>activate_device</c> (cloud and gateway). Then that requester
    /// gets <c>locked_out</c>; the device and every other requester are not affected.
    /// </summary>
    public int MaxWrongCodes { get; set; } = 5;

    /// <summary>Guesses per <see cref="LockoutDuration"/> per REST client certificate at Discovery (the cloud service is one client).</summary>
    public int MaxWrongCodesPerClient { get; set; } = 100;

    /// <summary>Guesses per <see cref="LockoutDuration"/> of all requesters together, per service (more: <c>too_many_attempts</c>).</summary>
    public int MaxWrongCodesOverall { get; set; } = 100;

    /// <summary>The window the guess counters are kept for (persisted in the reference database).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
