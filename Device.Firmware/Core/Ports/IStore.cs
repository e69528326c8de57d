namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>Persistent named blobs (LittleFS files on the device) with atomic replace.</summary>
    /// <remarks>Write must leave either the old or the new content after a power loss, never a mix
    /// (write to a temporary name, then rename). The core adds its own checksum on top.</remarks>
    public interface IStore
    {
        /// <summary>Returns the blob, or null when it does not exist or cannot be read.</summary>
        byte[] Read(string name);

        /// <summary>Atomically replaces the blob; returns false when the medium refused the write.</summary>
        bool Write(string name, byte[] data);

        /// <summary>Deletes the blob if it exists; returns false only when it exists and could not be deleted.</summary>
        bool Delete(string name);
    }
}
