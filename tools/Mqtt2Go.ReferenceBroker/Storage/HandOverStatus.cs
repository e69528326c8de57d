namespace Mqtt2Go.ReferenceBroker.Storage;

/// <summary>Outcome of <see cref="IDiscoveryStore.TryHandOverAsync"/>; the names double as the step-7e error reasons.</summary>
public enum HandOverStatus
{
    /// <summary>The entry was pending and is now marked handed over (served exactly once).</summary>
    HandedOver,

    /// <summary>No entry has this activation code.</summary>
    Unknown,

    /// <summary>The entry was already handed over.</summary>
    AlreadyUsed,

    /// <summary>The entry's 15 minutes have passed.</summary>
    Expired,
}
