using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Identity.Tests;

/// <summary>An in-memory IStore filled from a folder's files (what nanoff copies to drive I:).</summary>
internal sealed class FolderStore : IStore
{
    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public FolderStore(string folder)
    {
        foreach (var path in Directory.GetFiles(folder))
        {
            _blobs[System.IO.Path.GetFileName(path)] = File.ReadAllBytes(path);
        }
    }

    public byte[] Read(string name) => _blobs.TryGetValue(name, out var data) ? data : null!;

    public bool Write(string name, byte[] data)
    {
        _blobs[name] = data;
        return true;
    }

    public bool Delete(string name)
    {
        _blobs.Remove(name);
        return true;
    }
}
