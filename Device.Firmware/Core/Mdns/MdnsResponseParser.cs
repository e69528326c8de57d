namespace Mqtt2Go.Device.Core.Mdns
{
    /// <summary>Parses mDNS messages (RFC 1035 §4, RFC 6762) into their A, PTR and SRV records without ever throwing on bad input.</summary>
    /// <remarks>
    /// Every read is bounds-checked against the datagram length before it happens, so garbage, truncation and hostile
    /// compression pointers yield a failure result instead of an exception. One instance reuses a 512-char name buffer;
    /// it is not thread-safe. Allocates only the strings and records it returns.
    /// </remarks>
    public sealed class MdnsResponseParser
    {
        /// <summary>Longest name on the wire, length octets and root label included (RFC 1035 §2.3.4).</summary>
        public const int MaxNameOctets = 255;

        /// <summary>Most compression pointers followed in one name; a guard on top of the strictly-backwards rule.</summary>
        public const int MaxPointerJumps = 32;

        /// <summary>Length of the DNS message header (RFC 1035 §4.1.1).</summary>
        public const int HeaderLength = 12;

        private readonly MdnsNameReader _names = new MdnsNameReader();
        private string _error = string.Empty;

        /// <summary>Parses one datagram.</summary>
        /// <param name="buffer">Bytes received; only the first length bytes are read.</param>
        /// <param name="length">Datagram length as returned by the transport.</param>
        /// <returns>A result holding the message, or the reason it was rejected.</returns>
        public MdnsParseResult Parse(byte[] buffer, int length)
        {
            if (buffer == null)
            {
                return MdnsParseResult.Failure("no buffer");
            }

            if (length <= 0)
            {
                return MdnsParseResult.Failure("empty datagram");
            }

            if (length > buffer.Length)
            {
                return MdnsParseResult.Failure("length larger than the buffer");
            }

            if (length < HeaderLength)
            {
                return MdnsParseResult.Failure("shorter than the 12-byte DNS header");
            }

            int id = ReadUInt16(buffer, 0);
            int flags = ReadUInt16(buffer, 2);

            // RFC 6762 §18.3: messages with a non-zero OPCODE MUST be silently ignored.
            if (((flags >> 11) & 0x0F) != 0)
            {
                return MdnsParseResult.Failure("non-zero OPCODE (RFC 6762 §18.3)");
            }

            // RFC 6762 §18.11: messages with a non-zero RCODE MUST be silently ignored.
            if ((flags & 0x0F) != 0)
            {
                return MdnsParseResult.Failure("non-zero RCODE (RFC 6762 §18.11)");
            }

            MdnsResponse response = new MdnsResponse(
                id,
                flags,
                ReadUInt16(buffer, 4),
                ReadUInt16(buffer, 6),
                ReadUInt16(buffer, 8),
                ReadUInt16(buffer, 10));

            int position = HeaderLength;

            // Questions are skipped (RFC 6762 §6: responses carry none; legacy unicast replies echo ours), but still validated.
            for (int i = 0; i < response.QuestionCount; i++)
            {
                position = _names.Read(buffer, length, position);
                if (position < 0)
                {
                    return MdnsParseResult.Failure(_names.Error);
                }

                if (position + 4 > length)
                {
                    return MdnsParseResult.Failure("question truncated");
                }

                position += 4;
            }

            int recordCount = response.AnswerCount + response.AuthorityCount + response.AdditionalCount;
            for (int i = 0; i < recordCount; i++)
            {
                position = ReadRecord(buffer, length, position, response.Records);
                if (position < 0)
                {
                    return MdnsParseResult.Failure(_error);
                }
            }

            return MdnsParseResult.Success(response);
        }

        private int ReadRecord(byte[] buffer, int length, int position, MdnsRecordList records)
        {
            // Resource record (RFC 1035 §4.1.3): NAME, TYPE, CLASS, TTL, RDLENGTH, RDATA.
            int afterName = _names.Read(buffer, length, position);
            if (afterName < 0)
            {
                _error = _names.Error;
                return -1;
            }

            if (afterName + 10 > length)
            {
                _error = "record header truncated";
                return -1;
            }

            int type = ReadUInt16(buffer, afterName);
            int recordClass = ReadUInt16(buffer, afterName + 2);
            long ttl = ReadUInt32(buffer, afterName + 4);
            int dataLength = ReadUInt16(buffer, afterName + 8);
            int dataStart = afterName + 10;
            int dataEnd = dataStart + dataLength;
            if (dataEnd > length)
            {
                _error = "RDLENGTH runs past the end of the datagram";
                return -1;
            }

            // RFC 6762 §10.2: the top bit of the class is the cache-flush bit, the rest is the class.
            bool cacheFlush = (recordClass & 0x8000) != 0;
            if ((recordClass & 0x7FFF) != MdnsRecordType.ClassInternet)
            {
                return dataEnd;
            }

            if (type == MdnsRecordType.A)
            {
                if (dataLength != 4)
                {
                    _error = "A record RDLENGTH is not 4";
                    return -1;
                }

                MdnsRecord record = new MdnsRecord(_names.Current(), type, cacheFlush, ttl);
                record.Address = FormatIPv4(buffer, dataStart);
                records.Add(record);
            }
            else if (type == MdnsRecordType.Ptr)
            {
                MdnsRecord record = new MdnsRecord(_names.Current(), type, cacheFlush, ttl);
                // Names inside RDATA may be compressed (RFC 6762 §18.14); reading is limited to the RDATA end.
                if (_names.Read(buffer, dataEnd, dataStart) != dataEnd)
                {
                    _error = _names.Error.Length > 0 ? _names.Error : "PTR name does not fill its RDATA";
                    return -1;
                }

                record.Target = _names.Current();
                records.Add(record);
            }
            else if (type == MdnsRecordType.Srv)
            {
                // SRV RDATA (RFC 2782): priority, weight, port (2 bytes each), then the target name.
                if (dataLength < 7)
                {
                    _error = "SRV RDATA too short";
                    return -1;
                }

                MdnsRecord record = new MdnsRecord(_names.Current(), type, cacheFlush, ttl);
                record.Priority = ReadUInt16(buffer, dataStart);
                record.Weight = ReadUInt16(buffer, dataStart + 2);
                record.Port = ReadUInt16(buffer, dataStart + 4);
                if (_names.Read(buffer, dataEnd, dataStart + 6) != dataEnd)
                {
                    _error = _names.Error.Length > 0 ? _names.Error : "SRV target does not fill its RDATA";
                    return -1;
                }

                record.Target = _names.Current();
                records.Add(record);
            }

            // TXT, AAAA, NSEC and unknown types are skipped by RDLENGTH.
            return dataEnd;
        }

        private static string FormatIPv4(byte[] buffer, int offset)
        {
            return ((int)buffer[offset]).ToString() + "." + ((int)buffer[offset + 1]).ToString() + "."
                + ((int)buffer[offset + 2]).ToString() + "." + ((int)buffer[offset + 3]).ToString();
        }

        private static int ReadUInt16(byte[] buffer, int offset)
        {
            return (buffer[offset] << 8) | buffer[offset + 1];
        }

        private static long ReadUInt32(byte[] buffer, int offset)
        {
            return ((long)buffer[offset] << 24) | ((long)buffer[offset + 1] << 16) | ((long)buffer[offset + 2] << 8) | buffer[offset + 3];
        }
    }
}
