namespace Mqtt2Go.Device.Core.Messages
{
    /// <summary>Checks broker host names and IP literals that arrive from the network or from configuration files.</summary>
    public static class HostNames
    {
        /// <summary>Longest DNS name (RFC 1035 §2.3.4, without the trailing dot).</summary>
        public const int MaxLength = 253;

        /// <summary>True for a DNS host name (RFC 1123 labels), an IPv4 dotted quad or an IPv6 literal without brackets.</summary>
        /// <remarks>The one rule for broker hosts on both sides: the reference broker compiles this file for Discovery REST
        /// <c>broker_host</c> (docs/profile.md "Host names").</remarks>
        public static bool IsValid(string host)
        {
            if (host == null || host.Length == 0 || host.Length > MaxLength)
            {
                return false;
            }

            if (host.IndexOf(':') >= 0)
            {
                return IsIPv6Literal(host);
            }

            string[] labels = host.Split('.');

            // A name whose last label is numeric can only be an IPv4 literal (RFC 1123 §2.1: top-level labels are alphabetic).
            if (IsDigits(labels[labels.Length - 1]))
            {
                return IsIPv4Literal(labels);
            }

            for (int i = 0; i < labels.Length; i++)
            {
                if (!IsLabel(labels[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsLabel(string label)
        {
            if (label.Length == 0 || label.Length > 63 || label[0] == '-' || label[label.Length - 1] == '-')
            {
                return false;
            }

            for (int i = 0; i < label.Length; i++)
            {
                char c = label[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsIPv4Literal(string[] parts)
        {
            if (parts.Length != 4)
            {
                return false;
            }

            for (int i = 0; i < 4; i++)
            {
                string part = parts[i];
                if (part.Length == 0 || part.Length > 3 || !IsDigits(part) || (part.Length > 1 && part[0] == '0'))
                {
                    return false;
                }

                int value = 0;
                for (int j = 0; j < part.Length; j++)
                {
                    value = (value * 10) + (part[j] - '0');
                }

                if (value > 255)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsIPv6Literal(string host)
        {
            // RFC 4291 §2.2: eight 16-bit groups of 1-4 hex digits, or fewer around one "::"; the last 32 bits may be
            // written as a dotted IPv4 quad. No brackets and no zone index ("%eth0"): the broker address is global.
            if (host.Length < 2 || host.Length > 45)
            {
                return false;
            }

            int gap = -1;
            for (int i = 0; i + 1 < host.Length; i++)
            {
                if (host[i] == ':' && host[i + 1] == ':')
                {
                    if (gap >= 0)
                    {
                        return false; // a second "::" (or ":::")
                    }

                    gap = i;
                }
            }

            if (gap < 0)
            {
                return CountGroups(host, 0, host.Length, true) == 8;
            }

            int head = gap == 0 ? 0 : CountGroups(host, 0, gap, false);
            int tail = gap + 2 == host.Length ? 0 : CountGroups(host, gap + 2, host.Length, true);
            return head >= 0 && tail >= 0 && head + tail <= 7;
        }

        /// <summary>Counts the 16-bit groups of host[start, end): "h16:h16:…", optionally ending in a dotted IPv4 quad
        /// (two groups); -1 when malformed.</summary>
        private static int CountGroups(string host, int start, int end, bool mayEndInIPv4)
        {
            int groups = 0;
            int pieceStart = start;
            for (int i = start; i <= end; i++)
            {
                if (i < end && host[i] != ':')
                {
                    continue;
                }

                int length = i - pieceStart;
                if (length == 0)
                {
                    return -1;
                }

                string piece = host.Substring(pieceStart, length);
                if (piece.IndexOf('.') >= 0)
                {
                    if (!mayEndInIPv4 || i != end || !IsIPv4Literal(piece.Split('.')))
                    {
                        return -1;
                    }

                    groups += 2;
                }
                else
                {
                    if (length > 4 || !IsHex(piece))
                    {
                        return -1;
                    }

                    groups++;
                }

                pieceStart = i + 1;
            }

            return groups;
        }

        private static bool IsHex(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsDigits(string text)
        {
            if (text.Length == 0)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
