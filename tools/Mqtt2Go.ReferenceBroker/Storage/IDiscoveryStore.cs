namespace Mqtt2Go.ReferenceBroker.Storage;

/// <summary>Persistence of Discovery entries: kept 15 minutes, handed over once (MQTT2GO step 2 and 7).</summary>
public interface IDiscoveryStore
{
    /// <summary>Stores a new entry unless a pending one exists for the same device id or activation code.</summary>
    Task<AddEntryResult> TryAddAsync(DiscoveryEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Atomically marks the pending entry with this activation code as handed over and returns it.</summary>
    Task<HandOverResult> TryHandOverAsync(string activationCode, CancellationToken cancellationToken = default);

    /// <summary>Deletes every entry whose expiry has passed and returns them (pending and handed-over ones).</summary>
    Task<IReadOnlyList<DiscoveryEntry>> RemoveExpiredAsync(CancellationToken cancellationToken = default);

    /// <summary>Finds the entry of a device, or null.</summary>
    Task<DiscoveryEntry?> FindByDeviceAsync(string deviceId, CancellationToken cancellationToken = default);
}
