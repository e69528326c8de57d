using System.Collections;

namespace Mqtt2Go.Device.Core.Mdns
{
    /// <summary>A typed list of <see cref="MdnsRecord"/> over <see cref="ArrayList"/>, so the casts live in one place.</summary>
    public sealed class MdnsRecordList
    {
        private readonly ArrayList _items = new ArrayList();

        /// <summary>Number of records in the list.</summary>
        public int Count
        {
            get { return _items.Count; }
        }

        /// <summary>The record at a position from 0 to <see cref="Count"/> - 1.</summary>
        /// <param name="index">Position in the list.</param>
        public MdnsRecord this[int index]
        {
            get { return (MdnsRecord)_items[index]; }
        }

        /// <summary>Appends a record.</summary>
        /// <param name="record">The record to append.</param>
        public void Add(MdnsRecord record)
        {
            _items.Add(record);
        }

        /// <summary>Appends every record of another list, in order.</summary>
        /// <param name="other">The list to copy from.</param>
        public void AddAll(MdnsRecordList other)
        {
            for (int i = 0; i < other.Count; i++)
            {
                _items.Add(other[i]);
            }
        }

        /// <summary>Removes every record.</summary>
        public void Clear()
        {
            _items.Clear();
        }
    }
}
