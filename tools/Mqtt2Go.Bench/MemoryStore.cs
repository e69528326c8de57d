using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Bench;

/// <summary>An in-memory flash for the allocation benchmark's machine path.</summary>
internal sealed class MemoryStore : IStore
{
    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public byte[] Read(string name) => _blobs.TryGetValue(name, out var data) ? data : null!;

    /// <inheritdoc />
    public bool Write(string name, byte[] data)
    {
        _blobs[name] = (byte[])data.Clone();
        return true;
    }

    /// <inheritdoc />
    public bool Delete(string name) => _blobs.Remove(name) || true;
}
