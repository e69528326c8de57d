namespace Mqtt2Go.Device.Core.Mdns
{
    /// <summary>Writes the one-shot mDNS query for the local gateway: "mqtt2go.local" type A and "_mqtt._tcp.local" type PTR in one message.</summary>
    /// <remarks>Writes into the caller's buffer and allocates nothing.</remarks>
    public static class MdnsQueryBuilder
    {
        /// <summary>Length in bytes of the query: 12 header + (15 name + 4) + (18 name + 4) = 53.</summary>
        public const int QueryLength = 53;

        /// <summary>Writes the query into buffer from index 0.</summary>
        /// <param name="buffer">Destination, at least <see cref="QueryLength"/> bytes.</param>
        /// <param name="unicastResponse">Sets the QU bit in both questions; RFC 6762 §5.4 asks for it on the first query only, not on retransmissions.</param>
        /// <returns>The number of bytes written, or 0 when buffer is null or too small.</returns>
        public static int Build(byte[] buffer, bool unicastResponse)
        {
            if (buffer == null || buffer.Length < QueryLength)
            {
                return 0;
            }

            // Header (RFC 1035 §4.1.1): ID 0 and flags 0 (standard query, RFC 6762 §18.1-§18.11), QDCOUNT 2, other counts 0.
            for (int i = 0; i < 12; i++)
            {
                buffer[i] = 0;
            }

            buffer[5] = 2;

            int qclass = MdnsRecordType.ClassInternet | (unicastResponse ? 0x8000 : 0);
            int position = 12;
            position = WriteQuestion(buffer, position, MdnsNames.GatewayHost, MdnsRecordType.A, qclass);
            position = WriteQuestion(buffer, position, MdnsNames.MqttService, MdnsRecordType.Ptr, qclass);
            return position;
        }

        private static int WriteQuestion(byte[] buffer, int position, string name, int type, int qclass)
        {
            // Question (RFC 1035 §4.1.2): QNAME, QTYPE, QCLASS. Names are written uncompressed: it costs 6 bytes and keeps the query trivially valid.
            position = WriteName(buffer, position, name);
            position = WriteUInt16(buffer, position, type);
            return WriteUInt16(buffer, position, qclass);
        }

        private static int WriteName(byte[] buffer, int position, string name)
        {
            // Labels as length octet + ASCII bytes, ended by the root label 0 (RFC 1035 §3.1); the names are our own ASCII constants.
            int labelStart = 0;
            for (int i = 0; i <= name.Length; i++)
            {
                if (i == name.Length || name[i] == '.')
                {
                    int labelLength = i - labelStart;
                    buffer[position++] = (byte)labelLength;
                    for (int j = labelStart; j < i; j++)
                    {
                        buffer[position++] = (byte)name[j];
                    }

                    labelStart = i + 1;
                }
            }

            buffer[position++] = 0;
            return position;
        }

        private static int WriteUInt16(byte[] buffer, int position, int value)
        {
            buffer[position] = (byte)((value >> 8) & 0xFF);
            buffer[position + 1] = (byte)(value & 0xFF);
            return position + 2;
        }
    }
}
