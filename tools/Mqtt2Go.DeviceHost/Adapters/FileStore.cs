using System;
using System.IO;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.DeviceHost.Adapters;

/// <summary>The device's flash on a desktop folder: one file per blob, replaced atomically (temp file, flush to disk, rename).</summary>
/// <remarks>Integrity of the checkpoints is checked by the core itself (CheckpointStore's check value), so a torn or
/// corrupted file reads as absent there; this adapter only guarantees old-or-new after a crash.</remarks>
public sealed class FileStore : IStore
{
    private readonly string _directory;

    /// <summary>Creates a store over the folder, creating it when missing.</summary>
    public FileStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Number of successful writes, for tests and benchmarks.</summary>
    public int WriteCount { get; private set; }

    /// <inheritdoc />
    public byte[] Read(string name)
    {
        try
        {
            var path = PathOf(name);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <inheritdoc />
    public bool Write(string name, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var path = PathOf(name);
        var temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(data, 0, data.Length);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite); // checkpoints hold secrets
            }
            File.Move(temp, path, overwrite: true); // rename(2): atomic on POSIX file systems
            WriteCount++;
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <inheritdoc />
    public bool Delete(string name)
    {
        try
        {
            File.Delete(PathOf(name));
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private string PathOf(string name)
    {
        if (string.IsNullOrEmpty(name) || name.IndexOfAny(new[] { '/', '\\' }) >= 0 || name.StartsWith('.'))
        {
            throw new ArgumentException($"store names are plain file names: '{name}'", nameof(name));
        }
        return Path.Combine(_directory, name);
    }
}
