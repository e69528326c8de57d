namespace Mqtt2Go.ReferenceBroker.Storage;

/// <summary>Outcome of <see cref="IDiscoveryStore.TryHandOverAsync"/>; the names double as the step-7e error reasons.</summary>
public enum HandOverStatus
{
    /// <summary>The entry was pending and is now marked handed over (first hand-over).</summary>
    HandedOver,

    /// <summary>No entry has this activation code.</summary>
    Unknown,

    /// <summary>The entry was already handed over.</summary>
    AlreadyUsed,

    /// <summary>The entry's 15 minutes have passed.</summary>
    Expired,

    /// <summary>
    /// Handed over before, not expired, and its device has not reached its broker yet (the entry would be gone): the same
    /// data again. Only the device's own factory certificate can reach the activation topic (dynsec client = device id).
    /// </summary>
    HandedOverAgain,
}
