using System;
using System.IO;
using System.IO.Hashing;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>Named blobs as files on the ESP32 internal LittleFS drive I:, replaced by write-new-then-rename and guarded by a CRC-32 header.</summary>
    /// <remarks>
    /// File format written by <see cref="Write"/>: "M2GS" magic, payload length (uint32 LE), CRC-32 of the payload (uint32 LE,
    /// IEEE 802.3 as System.IO.Hashing.Crc32), then the payload. Files without the magic are returned as they are: those are
    /// the factory files nanoff deploys (identity.json, *.der), which start with '{' or 0x30 and so can never look like a header.
    ///
    /// Atomic replace. nanoFramework's File.Move refuses an existing destination (throws IOException PathAlreadyExists) and
    /// falls back to copy + delete across volumes (nanoframework/System.IO.FileSystem: System.IO.FileSystem/File.cs Move), so a
    /// plain rename over the old file is not available. Write therefore does: (1) write "name.new" completely, (2) delete
    /// "name", (3) rename "name.new" to "name" (same volume: the native driver's Move, nf-interpreter
    /// src/System.IO.FileSystem/nf_sys_io_filesystem_System_IO_NativeIO.cpp, a LittleFS rename, which LittleFS makes
    /// power-loss safe). When "name" is missing and "name.new" passes its check (power lost between steps 2 and 3), the
    /// rename is completed first. A power loss at any point leaves the old or the new content readable, never a mix; the next Read or Write
    /// finishes an interrupted rename before anything else.
    /// I: is a 256 KB LittleFS partition shared with the nanoFramework config block (reference §9): keep blobs small.
    /// </remarks>
    public sealed class LittleFsStore : IStore
    {
        /// <summary>Length of the header in bytes.</summary>
        public const int HeaderLength = 12;

        /// <summary>Largest payload accepted: the partition is 256 KB and holds the config block too, and a read allocates the payload once on a heap of about 80-100 KB (reference §13).</summary>
        public const int MaxPayloadLength = 16384;

        private const string TemporarySuffix = ".new";

        private readonly string _root;
        private readonly ILog _log;
        private readonly object _sync = new object();

        /// <summary>Creates a store on the internal drive I:.</summary>
        public LittleFsStore(ILog log)
            : this("I:\\", log)
        {
        }

        /// <summary>Creates a store in the given folder (ending with a backslash).</summary>
        public LittleFsStore(string root, ILog log)
        {
            _root = root;
            _log = log;
        }

        /// <summary>Returns the blob, or null when it is missing, unreadable or fails its length/CRC check.</summary>
        public byte[] Read(string name)
        {
            if (!IsValidName(name))
            {
                return null;
            }

            lock (_sync)
            {
                string path = _root + name;
                CompletePendingReplace(path);
                return ReadChecked(path, true);
            }
        }

        /// <summary>Writes name.new, deletes name, renames name.new to name; returns false when the file system refused.</summary>
        public bool Write(string name, byte[] data)
        {
            if (!IsValidName(name) || data == null || data.Length > MaxPayloadLength)
            {
                return false;
            }

            lock (_sync)
            {
                string path = _root + name;
                string temporary = path + TemporarySuffix;
                try
                {
                    // Never overwrite "name.new" while it is the only good copy.
                    CompletePendingReplace(path);
                    WriteWithHeader(temporary, data);
                    File.Delete(path);
                    File.Move(temporary, path);
                    return true;
                }
                catch (IOException ex)
                {
                    _log.Write(LogLevel.Error, "store: failed to write " + name + ": " + ex.Message);
                    return false;
                }
                catch (Exception ex)
                {
                    // ArgumentException / NotSupportedException from path handling or a missing drive end here too.
                    _log.Write(LogLevel.Error, "store: failed to write " + name + ": " + ex.GetType().Name);
                    return false;
                }
            }
        }

        /// <summary>Deletes the blob and any pending replacement; returns false only when one exists and could not be deleted.</summary>
        public bool Delete(string name)
        {
            if (!IsValidName(name))
            {
                return false;
            }

            lock (_sync)
            {
                string path = _root + name;
                try
                {
                    // File.Delete is a no-op for a missing file (File.cs Delete: "No-op on file not found").
                    File.Delete(path + TemporarySuffix);
                    File.Delete(path);
                    return true;
                }
                catch (Exception ex)
                {
                    _log.Write(LogLevel.Error, "store: failed to delete " + name + ": " + ex.GetType().Name);
                    return false;
                }
            }
        }

        private void CompletePendingReplace(string path)
        {
            // Power was lost between step 2 (delete "name") and step 3 (rename): "name.new" is complete, finish the rename.
            string temporary = path + TemporarySuffix;
            if (File.Exists(path) || !File.Exists(temporary) || ReadChecked(temporary, false) == null)
            {
                return;
            }

            try
            {
                File.Move(temporary, path);
                _log.Write(LogLevel.Warning, "store: completed an interrupted replace of " + path);
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Warning, "store: failed to complete the replace of " + path + ": " + ex.GetType().Name);
            }
        }

        private byte[] ReadChecked(string path, bool acceptRaw)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            try
            {
                using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    long length = stream.Length;
                    if (length > MaxPayloadLength + HeaderLength)
                    {
                        _log.Write(LogLevel.Warning, "store: " + path + " is too large, ignored");
                        return null;
                    }

                    byte[] header = new byte[HeaderLength];
                    int headerRead = length < HeaderLength ? (int)length : HeaderLength;
                    if (!ReadFully(stream, header, 0, headerRead))
                    {
                        return null;
                    }

                    if (headerRead < HeaderLength || !HasMagic(header))
                    {
                        // A file deployed by nanoff (no header); only the final name may hold one.
                        if (!acceptRaw)
                        {
                            return null;
                        }

                        byte[] raw = new byte[(int)length];
                        Array.Copy(header, 0, raw, 0, headerRead);
                        return ReadFully(stream, raw, headerRead, raw.Length - headerRead) ? raw : null;
                    }

                    uint payloadLength = ReadUInt32(header, 4);
                    if (payloadLength != (uint)(length - HeaderLength))
                    {
                        _log.Write(LogLevel.Warning, "store: " + path + " has a wrong length, ignored");
                        return null;
                    }

                    byte[] payload = new byte[(int)payloadLength];
                    if (!ReadFully(stream, payload, 0, payload.Length))
                    {
                        return null;
                    }

                    if (ComputeCrc(payload) != ReadUInt32(header, 8))
                    {
                        _log.Write(LogLevel.Warning, "store: " + path + " fails its CRC, ignored");
                        return null;
                    }

                    return payload;
                }
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Warning, "store: failed to read " + path + ": " + ex.GetType().Name);
                return null;
            }
        }

        private static void WriteWithHeader(string path, byte[] payload)
        {
            byte[] header = new byte[HeaderLength];
            header[0] = (byte)'M';
            header[1] = (byte)'2';
            header[2] = (byte)'G';
            header[3] = (byte)'S';
            WriteUInt32(header, 4, (uint)payload.Length);
            WriteUInt32(header, 8, ComputeCrc(payload));

            // FileMode.Create truncates a stale "name.new" left by an earlier interrupted write.
            using (FileStream stream = new FileStream(path, FileMode.Create, FileAccess.Write))
            {
                stream.Write(header, 0, HeaderLength);
                stream.Write(payload, 0, payload.Length);
                stream.Flush();
            }
        }

        private static uint ComputeCrc(byte[] payload)
        {
            // Crc32.HashToUInt32(SpanByte) is a native call (nanoframework/System.IO.Hashing v1.0.40: System.IO.Hashing/Crc32.cs);
            // the ESP32 images enable it (nf-interpreter targets/ESP32/defconfig/*: CONFIG_API_NANOFRAMEWORK_SYSTEM_IO_HASHING=y).
            return Crc32.HashToUInt32(new SpanByte(payload));
        }

        private static bool ReadFully(FileStream stream, byte[] buffer, int offset, int count)
        {
            // File.ReadAllBytes would loop forever on a short read (File.cs ReadAllBytes); this stops instead.
            int end = offset + count;
            while (offset < end)
            {
                int read = stream.Read(buffer, offset, end - offset);
                if (read <= 0)
                {
                    return false;
                }

                offset += read;
            }

            return true;
        }

        private static bool HasMagic(byte[] content)
        {
            return content[0] == (byte)'M' && content[1] == (byte)'2' && content[2] == (byte)'G' && content[3] == (byte)'S';
        }

        private static bool IsValidName(string name)
        {
            // Names are StoreNames constants; anything else (paths, separators) is refused rather than resolved.
            if (name == null || name.Length == 0 || name.Length > 64)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static uint ReadUInt32(byte[] buffer, int offset)
        {
            return (uint)(buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24));
        }

        private static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }
    }
}
