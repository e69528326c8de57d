namespace Mqtt2Go.ReferenceBroker.Storage;

/// <summary>Outcome of <see cref="IDiscoveryStore.TryAddAsync"/>.</summary>
public enum AddEntryResult
{
    /// <summary>The entry was stored (replacing an expired or already handed-over one).</summary>
    Added,

    /// <summary>A pending entry for the same device id or activation code exists (HTTP 409).</summary>
    DuplicatePending,
}
