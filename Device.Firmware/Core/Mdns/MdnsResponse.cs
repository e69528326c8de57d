namespace Mqtt2Go.Device.Core.Mdns
{
    /// <summary>The header facts and the A, PTR and SRV records of one well-formed mDNS message.</summary>
    public sealed class MdnsResponse
    {
        /// <summary>Creates a message view; the parser adds records to <see cref="Records"/>.</summary>
        /// <param name="id">Query identifier (ignored on reception, RFC 6762 §18.1).</param>
        /// <param name="flags">The 16-bit flags word (RFC 1035 §4.1.1).</param>
        /// <param name="questionCount">QDCOUNT.</param>
        /// <param name="answerCount">ANCOUNT.</param>
        /// <param name="authorityCount">NSCOUNT.</param>
        /// <param name="additionalCount">ARCOUNT.</param>
        public MdnsResponse(int id, int flags, int questionCount, int answerCount, int authorityCount, int additionalCount)
        {
            Id = id;
            Flags = flags;
            QuestionCount = questionCount;
            AnswerCount = answerCount;
            AuthorityCount = authorityCount;
            AdditionalCount = additionalCount;
            Records = new MdnsRecordList();
        }

        /// <summary>Query identifier; mDNS responders send 0 and receivers ignore it (RFC 6762 §18.1).</summary>
        public int Id { get; private set; }

        /// <summary>The 16-bit flags word (RFC 1035 §4.1.1).</summary>
        public int Flags { get; private set; }

        /// <summary>True for a response (QR bit set); false for a query, such as our own query looped back.</summary>
        public bool IsResponse
        {
            get { return (Flags & 0x8000) != 0; }
        }

        /// <summary>True when the TC bit is set; it has no defined meaning in multicast responses (RFC 6762 §18.5), so records present are still used.</summary>
        public bool IsTruncated
        {
            get { return (Flags & 0x0200) != 0; }
        }

        /// <summary>Number of questions (skipped; RFC 6762 §6 says responses carry none, legacy unicast replies echo ours).</summary>
        public int QuestionCount { get; private set; }

        /// <summary>Number of answer records.</summary>
        public int AnswerCount { get; private set; }

        /// <summary>Number of authority records.</summary>
        public int AuthorityCount { get; private set; }

        /// <summary>Number of additional records.</summary>
        public int AdditionalCount { get; private set; }

        /// <summary>The A, PTR and SRV records of class IN from all three record sections, in wire order.</summary>
        public MdnsRecordList Records { get; private set; }
    }
}
