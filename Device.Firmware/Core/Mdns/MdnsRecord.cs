namespace Mqtt2Go.Device.Core.Mdns
{
    /// <summary>One A, PTR or SRV record taken from an mDNS response; other record types are skipped by the parser.</summary>
    public sealed class MdnsRecord
    {
        /// <summary>Creates a record; the parser fills the type-specific fields that apply.</summary>
        /// <param name="name">Owner name, dotted, without trailing dot.</param>
        /// <param name="type">Record type code (see <see cref="MdnsRecordType"/>).</param>
        /// <param name="cacheFlush">The cache-flush bit of the class field (RFC 6762 §10.2).</param>
        /// <param name="ttlSeconds">Time to live in seconds; 0 announces a goodbye (RFC 6762 §10.1).</param>
        public MdnsRecord(string name, int type, bool cacheFlush, long ttlSeconds)
        {
            Name = name;
            Type = type;
            CacheFlush = cacheFlush;
            TtlSeconds = ttlSeconds;
            Address = string.Empty;
            Target = string.Empty;
        }

        /// <summary>Owner name, dotted, without trailing dot; dots and backslashes inside a label are escaped as "\." and "\\".</summary>
        public string Name { get; private set; }

        /// <summary>Record type code (see <see cref="MdnsRecordType"/>).</summary>
        public int Type { get; private set; }

        /// <summary>True when the cache-flush bit was set in the class field (RFC 6762 §10.2).</summary>
        public bool CacheFlush { get; private set; }

        /// <summary>Time to live in seconds; 0 means the record is being withdrawn (RFC 6762 §10.1).</summary>
        public long TtlSeconds { get; private set; }

        /// <summary>For A records: the IPv4 address as "a.b.c.d"; otherwise empty.</summary>
        public string Address { get; set; }

        /// <summary>For PTR records the instance name, for SRV records the target host; otherwise empty.</summary>
        public string Target { get; set; }

        /// <summary>For SRV records: priority, lower is preferred (RFC 2782).</summary>
        public int Priority { get; set; }

        /// <summary>For SRV records: relative weight among equal priorities, higher is preferred (RFC 2782).</summary>
        public int Weight { get; set; }

        /// <summary>For SRV records: the TCP port of the service.</summary>
        public int Port { get; set; }
    }
}
