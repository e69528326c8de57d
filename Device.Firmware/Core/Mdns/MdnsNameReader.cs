namespace Mqtt2Go.Device.Core.Mdns
{
    /// <summary>Decodes DNS names (RFC 1035 §3.1, §4.1.4) from a datagram with bounds checks and compression-loop guards.</summary>
    /// <remarks>Reuses one 512-char buffer, so a name is only turned into a string when asked. Not thread-safe.</remarks>
    internal sealed class MdnsNameReader
    {
        // 254 label octets, each at most 2 chars once '.' and '\' are escaped, plus the dots between labels.
        private readonly char[] _nameChars = new char[(2 * MdnsResponseParser.MaxNameOctets) + 2];
        private int _nameLength;

        /// <summary>Creates a reader with an empty buffer.</summary>
        public MdnsNameReader()
        {
            Error = string.Empty;
        }

        /// <summary>Why the last <see cref="Read"/> failed; empty after a success.</summary>
        public string Error { get; private set; }

        /// <summary>Decodes the name at offset into the reusable buffer.</summary>
        /// <param name="buffer">The datagram.</param>
        /// <param name="limit">First offset that must not be read (datagram length, or the end of an RDATA).</param>
        /// <param name="offset">Offset of the name's first label.</param>
        /// <returns>The offset just after the name where it started (after the first pointer, if any), or -1 with <see cref="Error"/> set.</returns>
        public int Read(byte[] buffer, int limit, int offset)
        {
            _nameLength = 0;
            Error = string.Empty;
            int position = offset;
            int segmentStart = offset;
            int next = -1;
            int jumps = 0;
            int octets = 1; // the root label

            while (true)
            {
                if (position < 0 || position >= limit)
                {
                    Error = "name runs past the end of the data";
                    return -1;
                }

                int labelLength = buffer[position];
                int labelKind = labelLength & 0xC0;
                if (labelKind == 0xC0)
                {
                    if (position + 1 >= limit)
                    {
                        Error = "compression pointer truncated";
                        return -1;
                    }

                    int target = ((labelLength & 0x3F) << 8) | buffer[position + 1];

                    // RFC 1035 §4.1.4: a pointer refers to a prior occurrence of a name. Requiring it to land before the
                    // segment being read makes every jump go strictly backwards, so a loop is impossible; the jump
                    // count is a second guard.
                    if (target >= segmentStart || target < MdnsResponseParser.HeaderLength)
                    {
                        Error = "compression pointer does not point back into the message";
                        return -1;
                    }

                    jumps++;
                    if (jumps > MdnsResponseParser.MaxPointerJumps)
                    {
                        Error = "too many compression pointers";
                        return -1;
                    }

                    if (next < 0)
                    {
                        next = position + 2;
                    }

                    position = target;
                    segmentStart = target;
                    continue;
                }

                // 0x40 and 0x80 are the reserved/extended label types (RFC 1035 §4.1.4, RFC 6891 §5): a "length" over 63.
                if (labelKind != 0)
                {
                    Error = "label longer than 63 octets";
                    return -1;
                }

                if (labelLength == 0)
                {
                    return next < 0 ? position + 1 : next;
                }

                octets += 1 + labelLength;
                if (octets > MdnsResponseParser.MaxNameOctets)
                {
                    Error = "name longer than 255 octets";
                    return -1;
                }

                if (position + 1 + labelLength > limit)
                {
                    Error = "label runs past the end of the data";
                    return -1;
                }

                if ((_nameLength > 0 && !Append('.')) || !AppendLabel(buffer, position + 1, labelLength))
                {
                    Error = "name too long to decode";
                    return -1;
                }

                position += 1 + labelLength;
            }
        }

        private bool AppendLabel(byte[] buffer, int start, int count)
        {
            // Labels are UTF-8 (RFC 6762 §16); a '.' or '\' inside a label is escaped so names stay unambiguous (RFC 6763 §4.3).
            int end = start + count;
            int index = start;
            while (index < end)
            {
                int lead = buffer[index];
                if (lead < 0x80)
                {
                    if ((lead == '.' || lead == '\\') && !Append('\\'))
                    {
                        return false;
                    }

                    if (!Append((char)lead))
                    {
                        return false;
                    }

                    index++;
                    continue;
                }

                int continuationCount;
                int codePoint;
                int minimum;
                if (lead >= 0xC2 && lead <= 0xDF)
                {
                    continuationCount = 1;
                    codePoint = lead & 0x1F;
                    minimum = 0x80;
                }
                else if (lead >= 0xE0 && lead <= 0xEF)
                {
                    continuationCount = 2;
                    codePoint = lead & 0x0F;
                    minimum = 0x800;
                }
                else if (lead >= 0xF0 && lead <= 0xF4)
                {
                    continuationCount = 3;
                    codePoint = lead & 0x07;
                    minimum = 0x10000;
                }
                else
                {
                    continuationCount = -1;
                    codePoint = 0;
                    minimum = 0;
                }

                bool valid = continuationCount > 0 && index + continuationCount < end;
                for (int k = 1; valid && k <= continuationCount; k++)
                {
                    int continuation = buffer[index + k];
                    if ((continuation & 0xC0) != 0x80)
                    {
                        valid = false;
                    }
                    else
                    {
                        codePoint = (codePoint << 6) | (continuation & 0x3F);
                    }
                }

                if (valid && (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)))
                {
                    valid = false;
                }

                if (!valid)
                {
                    // Not UTF-8: keep a replacement character and resynchronise on the next byte.
                    if (!Append('\uFFFD'))
                    {
                        return false;
                    }

                    index++;
                    continue;
                }

                if (codePoint >= 0x10000)
                {
                    int offsetCodePoint = codePoint - 0x10000;
                    if (!Append((char)(0xD800 + (offsetCodePoint >> 10))) || !Append((char)(0xDC00 + (offsetCodePoint & 0x3FF))))
                    {
                        return false;
                    }
                }
                else if (!Append((char)codePoint))
                {
                    return false;
                }

                index += continuationCount + 1;
            }

            return true;
        }

        private bool Append(char c)
        {
            if (_nameLength >= _nameChars.Length)
            {
                return false;
            }

            _nameChars[_nameLength++] = c;
            return true;
        }

        /// <summary>The name decoded by the last successful <see cref="Read"/>, as a new string.</summary>
        /// <returns>Dotted name without trailing dot; empty for the root.</returns>
        public string Current()
        {
            return new string(_nameChars, 0, _nameLength);
        }
    }
}
