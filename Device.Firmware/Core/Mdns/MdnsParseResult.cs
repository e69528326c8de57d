namespace Mqtt2Go.Device.Core.Mdns
{
    /// <summary>Outcome of parsing one datagram: a message, or the reason it was rejected.</summary>
    public sealed class MdnsParseResult
    {
        private MdnsParseResult(MdnsResponse response, string error)
        {
            Response = response;
            Error = error;
        }

        /// <summary>True when the whole datagram was well formed.</summary>
        public bool Succeeded
        {
            get { return Response != null; }
        }

        /// <summary>The parsed message, or null on failure.</summary>
        public MdnsResponse Response { get; private set; }

        /// <summary>Why the datagram was rejected (empty on success), for a debug log line.</summary>
        public string Error { get; private set; }

        /// <summary>Creates a successful result.</summary>
        /// <param name="response">The parsed message.</param>
        /// <returns>A result whose <see cref="Succeeded"/> is true.</returns>
        public static MdnsParseResult Success(MdnsResponse response)
        {
            return new MdnsParseResult(response, string.Empty);
        }

        /// <summary>Creates a failed result.</summary>
        /// <param name="error">Why the datagram was rejected.</param>
        /// <returns>A result whose <see cref="Succeeded"/> is false.</returns>
        public static MdnsParseResult Failure(string error)
        {
            return new MdnsParseResult(null, error);
        }
    }
}
