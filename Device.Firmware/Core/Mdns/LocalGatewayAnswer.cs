namespace Mqtt2Go.Device.Core.Mdns
{
    /// <summary>Outcome of the local-gateway probe: where the MQTT2GO gateway's broker is, or why none was found.</summary>
    public sealed class LocalGatewayAnswer
    {
        private LocalGatewayAnswer(bool found, string hostName, string address, int port, string reason, int queriesSent, long elapsedMs)
        {
            Found = found;
            HostName = hostName;
            Address = address;
            Port = port;
            Reason = reason;
            QueriesSent = queriesSent;
            ElapsedMs = elapsedMs;
        }

        /// <summary>True when a gateway address was resolved.</summary>
        public bool Found { get; private set; }

        /// <summary>Host name to connect to and to check the TLS certificate against ("mqtt2go.local" or the SRV target); empty when not found.</summary>
        public string HostName { get; private set; }

        /// <summary>IPv4 address as "a.b.c.d"; empty when not found.</summary>
        public string Address { get; private set; }

        /// <summary>TCP port: the SRV port, or 8883 when only the A record for mqtt2go.local answered; 0 when not found.</summary>
        public int Port { get; private set; }

        /// <summary>Why no gateway was found, for the log and the user; empty when found.</summary>
        public string Reason { get; private set; }

        /// <summary>Number of queries the probe sent.</summary>
        public int QueriesSent { get; private set; }

        /// <summary>Milliseconds from the first query to the decision, by the probe's clock.</summary>
        public long ElapsedMs { get; private set; }

        /// <summary>Creates a found answer.</summary>
        /// <param name="hostName">Host name to connect to.</param>
        /// <param name="address">IPv4 address as "a.b.c.d".</param>
        /// <param name="port">TCP port.</param>
        /// <param name="queriesSent">Queries sent before the answer.</param>
        /// <param name="elapsedMs">Milliseconds until the answer.</param>
        /// <returns>An answer whose <see cref="Found"/> is true.</returns>
        public static LocalGatewayAnswer Resolved(string hostName, string address, int port, int queriesSent, long elapsedMs)
        {
            return new LocalGatewayAnswer(true, hostName, address, port, string.Empty, queriesSent, elapsedMs);
        }

        /// <summary>Creates a not-found answer.</summary>
        /// <param name="reason">Why nothing was found.</param>
        /// <param name="queriesSent">Queries sent before giving up.</param>
        /// <param name="elapsedMs">Milliseconds until giving up.</param>
        /// <returns>An answer whose <see cref="Found"/> is false.</returns>
        public static LocalGatewayAnswer NotFound(string reason, int queriesSent, long elapsedMs)
        {
            return new LocalGatewayAnswer(false, string.Empty, string.Empty, 0, reason, queriesSent, elapsedMs);
        }
    }
}
