namespace Mqtt2Go.Device.Core.Mdns
{
    /// <summary>The names the local-gateway probe asks for, and the DNS name comparison rule.</summary>
    public static class MdnsNames
    {
        /// <summary>Host name a MQTT2GO local smart-home gateway announces (MQTT2GO 1.1 "setup via WPS").</summary>
        public const string GatewayHost = "mqtt2go.local";

        /// <summary>DNS-SD service type of an MQTT broker (RFC 6763 §7, later MQTT2GO revisions).</summary>
        public const string MqttService = "_mqtt._tcp.local";

        /// <summary>Port used when only an A record for <see cref="GatewayHost"/> answers: MQTT over TLS (project profile §3).</summary>
        public const int DefaultGatewayPort = 8883;

        /// <summary>Compares two dotted names, folding ASCII letters only (RFC 6762 §16; RFC 1035 §2.3.3) and ignoring one trailing dot.</summary>
        /// <param name="a">First name, or null.</param>
        /// <param name="b">Second name, or null.</param>
        /// <returns>True when both are non-null and name the same domain.</returns>
        public static bool AreEqual(string a, string b)
        {
            if (a == null || b == null)
            {
                return false;
            }

            int lengthA = TrimmedLength(a);
            int lengthB = TrimmedLength(b);
            if (lengthA != lengthB)
            {
                return false;
            }

            for (int i = 0; i < lengthA; i++)
            {
                if (FoldAscii(a[i]) != FoldAscii(b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static int TrimmedLength(string name)
        {
            int length = name.Length;
            // "local." and "local" are the same absolute name; an escaped dot ("\.") is label content, not the root.
            if (length > 0 && name[length - 1] == '.' && !(length > 1 && name[length - 2] == '\\'))
            {
                return length - 1;
            }

            return length;
        }

        private static char FoldAscii(char c)
        {
            // Only A-Z fold: RFC 6762 §16 keeps non-ASCII UTF-8 names case-sensitive.
            if (c >= 'A' && c <= 'Z')
            {
                return (char)(c + ('a' - 'A'));
            }

            return c;
        }
    }
}
