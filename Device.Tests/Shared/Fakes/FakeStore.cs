using System.Collections;
using System.Text;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>An in-memory <see cref="IStore"/> that can lose power (writes after the N-th fail, or are silently lost) and
    /// corrupt a blob (Read returns null, as the adapter does after a failed integrity check, or flipped bytes).</summary>
    public sealed class FakeStore : IStore
    {
        private readonly Hashtable _blobs = new Hashtable();
        private readonly Hashtable _unreadable = new Hashtable();

        /// <summary>Creates an empty store where every write succeeds.</summary>
        public FakeStore()
        {
            PowerCutAfterOperations = -1;
            FailWritesAfter = -1;
            LoseWritesAfter = -1;
        }

        /// <summary>After this many successful writes every write returns false and changes nothing (-1: never).</summary>
        public int FailWritesAfter { get; set; }

        /// <summary>After this many successful writes every write returns true but the old content stays (-1: never).</summary>
        public int LoseWritesAfter { get; set; }

        /// <summary>After this many store operations (writes and deletes) the power is gone: every later write or delete
        /// fails and changes nothing (-1: never).</summary>
        public int PowerCutAfterOperations { get; set; }

        /// <summary>Writes and deletes that reached the medium.</summary>
        public int Operations { get; private set; }

        /// <summary>Writes that succeeded.</summary>
        public int Writes { get; private set; }

        /// <summary>Delete calls.</summary>
        public int Deletes { get; private set; }

        /// <summary>Returns a copy of the blob, or null when absent or marked unreadable.</summary>
        public byte[] Read(string name)
        {
            if (_unreadable.Contains(name))
            {
                return null;
            }

            byte[] data = _blobs[name] as byte[];
            return data == null ? null : (byte[])data.Clone();
        }

        /// <summary>Replaces the blob unless power loss is simulated.</summary>
        public bool Write(string name, byte[] data)
        {
            if (FailWritesAfter >= 0 && Writes >= FailWritesAfter)
            {
                return false;
            }

            if (PowerCutAfterOperations >= 0 && Operations >= PowerCutAfterOperations)
            {
                return false;
            }

            Operations++;

            bool lost = LoseWritesAfter >= 0 && Writes >= LoseWritesAfter;
            Writes++;
            if (!lost)
            {
                _blobs[name] = data.Clone();
                _unreadable.Remove(name);
            }

            return true;
        }

        /// <summary>Removes the blob.</summary>
        public bool Delete(string name)
        {
            if (PowerCutAfterOperations >= 0 && Operations >= PowerCutAfterOperations)
            {
                return false;
            }

            Operations++;
            Deletes++;
            _blobs.Remove(name);
            _unreadable.Remove(name);
            return true;
        }

        /// <summary>True when a blob of that name exists.</summary>
        public bool Has(string name)
        {
            return _blobs.Contains(name);
        }

        /// <summary>The blob as UTF-8 text, or null.</summary>
        public string Text(string name)
        {
            byte[] data = _blobs[name] as byte[];
            return data == null ? null : Encoding.UTF8.GetString(data, 0, data.Length);
        }

        /// <summary>Stores a blob directly (bypassing power-loss simulation).</summary>
        public void Put(string name, byte[] data)
        {
            _blobs[name] = data;
        }

        /// <summary>Makes Read return null for the blob, as the adapter does when its integrity check fails.</summary>
        public void MarkUnreadable(string name)
        {
            _unreadable[name] = true;
        }

        /// <summary>Flips one byte in the middle of the blob (a bit rot the adapter did not catch).</summary>
        public void FlipByte(string name)
        {
            byte[] data = (byte[])_blobs[name];
            data[data.Length / 2] ^= 0x01;
        }

        /// <summary>Number of blobs stored.</summary>
        public int Count
        {
            get { return _blobs.Count; }
        }
    }
}
