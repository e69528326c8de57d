namespace Mqtt2Go.ReferenceBroker.Storage;

/// <summary>Persistence of Discovery entries: kept 15 minutes, handed over once (MQTT2GO step 2 and 7).</summary>
public interface IDiscoveryStore
{
    /// <summary>Stores a new entry unless a pending one exists for the same device id or activation code.</summary>
    Task<AddEntryResult> TryAddAsync(DiscoveryEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the entry with this activation code as handed over and returns it; an entry handed over before and not expired
    /// is returned again (HandedOver), so a device that lost power before its broker checkpoint gets the same data.
    /// </summary>
    Task<HandOverResult> TryHandOverAsync(string activationCode, CancellationToken cancellationToken = default);

    /// <summary>Deletes every entry whose expiry has passed and returns them (pending and handed-over ones).</summary>
    Task<IReadOnlyList<DiscoveryEntry>> RemoveExpiredAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the entry of a device (reached its broker, or a registration rolled back); returns it, or null.</summary>
    Task<DiscoveryEntry?> RemoveAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>Finds the entry of a device, or null.</summary>
    Task<DiscoveryEntry?> FindByDeviceAsync(string deviceId, CancellationToken cancellationToken = default);
}
