namespace Mqtt2Go.Device.Tests.Mdns
{
    /// <summary>Hand-assembled mDNS datagrams (RFC 1035 §4, RFC 6762, RFC 6763), field by field, shared by the codec and probe tests.</summary>
    /// <remarks>Each property returns a fresh copy so a test may change bytes without affecting another.</remarks>
    internal static class MdnsGoldenVectors
    {
        /// <summary>The query we send: A mqtt2go.local and PTR _mqtt._tcp.local, QU bit set (53 bytes).</summary>
        public static byte[] QueryWithUnicastBit
        {
            get
            {
                return new byte[]
                {
                    0x00, 0x00, // ID 0 (RFC 6762 §18.1)
                    0x00, 0x00, // flags: QR=0 query, OPCODE 0, AA/TC/RD/RA 0, RCODE 0
                    0x00, 0x02, // QDCOUNT 2
                    0x00, 0x00, // ANCOUNT 0
                    0x00, 0x00, // NSCOUNT 0
                    0x00, 0x00, // ARCOUNT 0
                    // offset 12: QNAME mqtt2go.local
                    0x07, 0x6D, 0x71, 0x74, 0x74, 0x32, 0x67, 0x6F, // 7 "mqtt2go"
                    0x05, 0x6C, 0x6F, 0x63, 0x61, 0x6C,             // 5 "local"
                    0x00,                                           // root
                    0x00, 0x01, // QTYPE A
                    0x80, 0x01, // QCLASS IN with the unicast-response bit (RFC 6762 §5.4)
                    // offset 31: QNAME _mqtt._tcp.local
                    0x05, 0x5F, 0x6D, 0x71, 0x74, 0x74,             // 5 "_mqtt"
                    0x04, 0x5F, 0x74, 0x63, 0x70,                   // 4 "_tcp"
                    0x05, 0x6C, 0x6F, 0x63, 0x61, 0x6C,             // 5 "local"
                    0x00,                                           // root
                    0x00, 0x0C, // QTYPE PTR
                    0x80, 0x01, // QCLASS IN, QU
                };
            }
        }

        /// <summary>Avahi-shaped answer: A mqtt2go.local 192.168.1.50 with cache-flush, TTL 120, plus an AAAA in the additional section (69 bytes).</summary>
        public static byte[] AvahiGatewayA
        {
            get
            {
                return new byte[]
                {
                    0x00, 0x00, // ID 0
                    0x84, 0x00, // QR=1, AA=1
                    0x00, 0x00, // QDCOUNT 0 (RFC 6762 §6)
                    0x00, 0x01, // ANCOUNT 1
                    0x00, 0x00, // NSCOUNT 0
                    0x00, 0x01, // ARCOUNT 1
                    // offset 12: answer, NAME mqtt2go.local
                    0x07, 0x6D, 0x71, 0x74, 0x74, 0x32, 0x67, 0x6F,
                    0x05, 0x6C, 0x6F, 0x63, 0x61, 0x6C,
                    0x00,
                    0x00, 0x01,             // TYPE A
                    0x80, 0x01,             // CLASS IN, cache-flush (RFC 6762 §10.2)
                    0x00, 0x00, 0x00, 0x78, // TTL 120 s
                    0x00, 0x04,             // RDLENGTH 4
                    0xC0, 0xA8, 0x01, 0x32, // 192.168.1.50
                    // offset 41: additional, NAME = pointer to offset 12
                    0xC0, 0x0C,
                    0x00, 0x1C,             // TYPE AAAA
                    0x80, 0x01,             // CLASS IN, cache-flush
                    0x00, 0x00, 0x00, 0x78, // TTL 120 s
                    0x00, 0x10,             // RDLENGTH 16
                    0xFE, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x11, 0x22, 0xFF, 0xFE, 0x33, 0x44, 0x55, // fe80::211:22ff:fe33:4455
                };
            }
        }

        /// <summary>DNS-SD answer with compression: PTR _mqtt._tcp.local -> "MQTT2GO Gateway", SRV -> gw.local:8883, TXT, A gw.local 192.168.1.10 (119 bytes).</summary>
        public static byte[] ServicePtrSrvA
        {
            get
            {
                return new byte[]
                {
                    0x00, 0x00, // ID 0
                    0x84, 0x00, // QR=1, AA=1
                    0x00, 0x00, // QDCOUNT 0
                    0x00, 0x01, // ANCOUNT 1 (PTR)
                    0x00, 0x00, // NSCOUNT 0
                    0x00, 0x03, // ARCOUNT 3 (SRV, TXT, A; RFC 6763 §12.1)
                    // offset 12: PTR, NAME _mqtt._tcp.local ("_tcp.local" at 18, "local" at 23)
                    0x05, 0x5F, 0x6D, 0x71, 0x74, 0x74,
                    0x04, 0x5F, 0x74, 0x63, 0x70,
                    0x05, 0x6C, 0x6F, 0x63, 0x61, 0x6C,
                    0x00,
                    0x00, 0x0C,             // offset 30: TYPE PTR
                    0x00, 0x01,             // CLASS IN, no cache-flush (shared record)
                    0x00, 0x00, 0x11, 0x94, // TTL 4500 s
                    0x00, 0x12,             // RDLENGTH 18
                    // offset 40: RDATA, 15 "MQTT2GO Gateway" + pointer to 12
                    0x0F, 0x4D, 0x51, 0x54, 0x54, 0x32, 0x47, 0x4F, 0x20, 0x47, 0x61, 0x74, 0x65, 0x77, 0x61, 0x79,
                    0xC0, 0x0C,
                    // offset 58: SRV, NAME = pointer to the instance name at 40 (0x28)
                    0xC0, 0x28,
                    0x00, 0x21,             // TYPE SRV
                    0x80, 0x01,             // CLASS IN, cache-flush
                    0x00, 0x00, 0x00, 0x78, // TTL 120 s
                    0x00, 0x0B,             // RDLENGTH 11
                    0x00, 0x00,             // offset 70: priority 0
                    0x00, 0x00,             // weight 0
                    0x22, 0xB3,             // offset 74: port 8883
                    0x02, 0x67, 0x77,       // offset 76: 2 "gw"
                    0xC0, 0x17,             // pointer to "local" at 23
                    // offset 81: TXT, NAME = pointer to 40
                    0xC0, 0x28,
                    0x00, 0x10,             // TYPE TXT
                    0x80, 0x01,
                    0x00, 0x00, 0x11, 0x94,
                    0x00, 0x0A,             // RDLENGTH 10
                    0x09, 0x74, 0x78, 0x74, 0x76, 0x65, 0x72, 0x73, 0x3D, 0x31, // 9 "txtvers=1"
                    // offset 103: A, NAME = pointer to "gw.local" at 76 (0x4C)
                    0xC0, 0x4C,
                    0x00, 0x01,             // TYPE A
                    0x80, 0x01,             // CLASS IN, cache-flush
                    0x00, 0x00, 0x00, 0x78, // TTL 120 s
                    0x00, 0x04,             // RDLENGTH 4
                    0xC0, 0xA8, 0x01, 0x0A, // 192.168.1.10
                };
            }
        }

        /// <summary>Offset of the SRV port in <see cref="ServicePtrSrvA"/>.</summary>
        public const int ServiceSrvPortOffset = 74;

        /// <summary>Only the PTR record of <see cref="ServicePtrSrvA"/> (58 bytes).</summary>
        public static byte[] ServicePtrOnly
        {
            get
            {
                byte[] full = ServicePtrSrvA;
                byte[] ptr = new byte[58];
                for (int i = 0; i < ptr.Length; i++)
                {
                    ptr[i] = full[i];
                }

                ptr[11] = 0x00; // ARCOUNT 0
                return ptr;
            }
        }

        /// <summary>SRV and A for the instance of <see cref="ServicePtrOnly"/>, in a datagram of their own, SRV owner uncompressed (83 bytes).</summary>
        public static byte[] ServiceSrvAOnly
        {
            get
            {
                return new byte[]
                {
                    0x00, 0x00, 0x84, 0x00,
                    0x00, 0x00, // QDCOUNT 0
                    0x00, 0x02, // ANCOUNT 2
                    0x00, 0x00, 0x00, 0x00,
                    // offset 12: SRV, NAME "MQTT2GO Gateway._mqtt._tcp.local" ("local" at 39 = 0x27)
                    0x0F, 0x4D, 0x51, 0x54, 0x54, 0x32, 0x47, 0x4F, 0x20, 0x47, 0x61, 0x74, 0x65, 0x77, 0x61, 0x79,
                    0x05, 0x5F, 0x6D, 0x71, 0x74, 0x74,
                    0x04, 0x5F, 0x74, 0x63, 0x70,
                    0x05, 0x6C, 0x6F, 0x63, 0x61, 0x6C,
                    0x00,
                    0x00, 0x21, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78, // offset 46: SRV, IN+flush, TTL 120
                    0x00, 0x0B,                                     // RDLENGTH 11
                    0x00, 0x00, 0x00, 0x00, 0x22, 0xB3,             // priority 0, weight 0, port 8883
                    0x02, 0x67, 0x77, 0xC0, 0x27,                   // offset 62: "gw" + pointer to "local"
                    // offset 67: A, NAME = pointer to "gw.local" at 62 (0x3E)
                    0xC0, 0x3E,
                    0x00, 0x01, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78,
                    0x00, 0x04,
                    0xC0, 0xA8, 0x01, 0x0A, // 192.168.1.10
                };
            }
        }

        /// <summary>Three answers: A printer.local, AAAA printer.local, then A "MQTT2GO.local" in upper case, compressed (93 bytes).</summary>
        public static byte[] SeveralAnswersUnrelatedFirst
        {
            get
            {
                return new byte[]
                {
                    0x00, 0x00, 0x84, 0x00,
                    0x00, 0x00, // QDCOUNT 0
                    0x00, 0x03, // ANCOUNT 3
                    0x00, 0x00, 0x00, 0x00,
                    // offset 12: A printer.local ("local" at 20 = 0x14)
                    0x07, 0x70, 0x72, 0x69, 0x6E, 0x74, 0x65, 0x72,
                    0x05, 0x6C, 0x6F, 0x63, 0x61, 0x6C,
                    0x00,
                    0x00, 0x01, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x04,
                    0xC0, 0xA8, 0x01, 0x14, // 192.168.1.20
                    // offset 41: AAAA printer.local
                    0xC0, 0x0C,
                    0x00, 0x1C, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x10,
                    0xFE, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x11, 0x22, 0xFF, 0xFE, 0x66, 0x77, 0x88,
                    // offset 69: A "MQTT2GO" + pointer to "local"
                    0x07, 0x4D, 0x51, 0x54, 0x54, 0x32, 0x47, 0x4F,
                    0xC0, 0x14,
                    0x00, 0x01, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x04,
                    0xC0, 0xA8, 0x01, 0x32, // 192.168.1.50
                };
            }
        }

        /// <summary>Only the unrelated A printer.local answer (41 bytes).</summary>
        public static byte[] UnrelatedPrinterOnly
        {
            get
            {
                byte[] full = SeveralAnswersUnrelatedFirst;
                byte[] only = new byte[41];
                for (int i = 0; i < only.Length; i++)
                {
                    only[i] = full[i];
                }

                only[7] = 0x01; // ANCOUNT 1
                return only;
            }
        }

        /// <summary>A legacy-unicast-shaped reply (RFC 6762 §6.7): ID 0x1234 echoed, our A question repeated, answer name compressed to it (47 bytes).</summary>
        public static byte[] LegacyUnicastReplyWithQuestion
        {
            get
            {
                return new byte[]
                {
                    0x12, 0x34, // ID echoed from a legacy query; ignored on reception (RFC 6762 §18.1)
                    0x84, 0x00,
                    0x00, 0x01, // QDCOUNT 1
                    0x00, 0x01, // ANCOUNT 1
                    0x00, 0x00, 0x00, 0x00,
                    // offset 12: question mqtt2go.local A IN
                    0x07, 0x6D, 0x71, 0x74, 0x74, 0x32, 0x67, 0x6F,
                    0x05, 0x6C, 0x6F, 0x63, 0x61, 0x6C,
                    0x00,
                    0x00, 0x01, 0x00, 0x01,
                    // offset 31: answer, NAME = pointer to 12, no cache-flush in legacy replies
                    0xC0, 0x0C,
                    0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x04,
                    0xC0, 0xA8, 0x01, 0x33, // 192.168.1.51
                };
            }
        }

        /// <summary>A copy of data with the 16-bit field at offset replaced.</summary>
        public static byte[] WithUInt16(byte[] data, int offset, int value)
        {
            byte[] copy = new byte[data.Length];
            for (int i = 0; i < data.Length; i++)
            {
                copy[i] = data[i];
            }

            copy[offset] = (byte)((value >> 8) & 0xFF);
            copy[offset + 1] = (byte)(value & 0xFF);
            return copy;
        }

        /// <summary>A response header with ANCOUNT 1 followed by body bytes.</summary>
        public static byte[] ResponseWithOneAnswer(byte[] body)
        {
            byte[] message = new byte[12 + body.Length];
            message[2] = 0x84;
            message[7] = 0x01;
            for (int i = 0; i < body.Length; i++)
            {
                message[12 + i] = body[i];
            }

            return message;
        }

        /// <summary>A valid A record body (TYPE, CLASS, TTL, RDLENGTH, 10.0.0.1) to append after a name.</summary>
        public static byte[] ARecordTail
        {
            get
            {
                return new byte[] { 0x00, 0x01, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x04, 0x0A, 0x00, 0x00, 0x01 };
            }
        }

        /// <summary>Concatenates two byte arrays.</summary>
        public static byte[] Join(byte[] first, byte[] second)
        {
            byte[] joined = new byte[first.Length + second.Length];
            for (int i = 0; i < first.Length; i++)
            {
                joined[i] = first[i];
            }

            for (int i = 0; i < second.Length; i++)
            {
                joined[first.Length + i] = second[i];
            }

            return joined;
        }
    }
}
