namespace Mqtt2Go.Device.Core.Messages
{
    /// <summary>Checks broker host names and IP literals that arrive from the network or from configuration files.</summary>
    public static class HostNames
    {
        /// <summary>Longest DNS name (RFC 1035 §2.3.4, without the trailing dot).</summary>
        public const int MaxLength = 253;

        /// <summary>True for a DNS host name (RFC 1123 labels), an IPv4 dotted quad or an IPv6 literal without brackets.</summary>
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
            // Shape check only (RFC 4291 §2.2 text forms): hex groups, ':' separators, at most one "::", optional
            // trailing dotted IPv4; the socket layer does the exact parse.
            if (host.Length < 2 || host.Length > 45)
            {
                return false;
            }

            int colons = 0;
            int doubleColons = 0;
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (c == ':')
                {
                    colons++;
                    if (i > 0 && host[i - 1] == ':')
                    {
                        doubleColons++;
                    }
                }
                else if (!hex && c != '.')
                {
                    return false;
                }
            }

            return colons >= 2 && colons <= 7 && doubleColons <= 1 && host.IndexOf(":::") < 0;
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
