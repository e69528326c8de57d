namespace Mqtt2Go.Device.Core.Mdns
{
    /// <summary>DNS resource record type codes the codec knows (RFC 1035 §3.2.2, RFC 2782, RFC 3596); other codes pass through as numbers.</summary>
    public static class MdnsRecordType
    {
        /// <summary>IPv4 host address (RFC 1035).</summary>
        public const int A = 1;

        /// <summary>Domain name pointer, used by DNS-SD to list service instances (RFC 6763 §4.1).</summary>
        public const int Ptr = 12;

        /// <summary>Text strings, DNS-SD service metadata (RFC 6763 §6); skipped by this codec.</summary>
        public const int Txt = 16;

        /// <summary>IPv6 host address (RFC 3596); skipped by this codec (the device runs IPv4 only).</summary>
        public const int Aaaa = 28;

        /// <summary>Service location: priority, weight, port, target (RFC 2782).</summary>
        public const int Srv = 33;

        /// <summary>Internet class; its top bit is the cache-flush bit in records and the unicast-response bit in questions (RFC 6762 §10.2, §5.4).</summary>
        public const int ClassInternet = 1;
    }
}
