namespace Mqtt2Go.Device.Core.Mdns
{
    /// <summary>Collects records from the responses of one probe and resolves the gateway from them: mqtt2go.local A, or _mqtt._tcp.local PTR -> SRV -> A.</summary>
    /// <remarks>Answers may be spread over several datagrams, so records accumulate until <see cref="Clear"/>. Not thread-safe.</remarks>
    public sealed class LocalGatewayResolver
    {
        /// <summary>Most records kept per probe, so a chatty or hostile LAN cannot exhaust the heap.</summary>
        public const int MaxRecords = 64;

        private readonly MdnsRecordList _records = new MdnsRecordList();

        /// <summary>Forgets every collected record.</summary>
        public void Clear()
        {
            _records.Clear();
        }

        /// <summary>Keeps the records of a response that can take part in a resolution.</summary>
        /// <param name="response">A parsed response (QR bit set).</param>
        public void Add(MdnsResponse response)
        {
            MdnsRecordList records = response.Records;
            for (int i = 0; i < records.Count && _records.Count < MaxRecords; i++)
            {
                MdnsRecord record = records[i];

                // A TTL of 0 withdraws a record (RFC 6762 §10.1): never resolve to it.
                if (record.TtlSeconds == 0)
                {
                    continue;
                }

                if (record.Type == MdnsRecordType.Ptr && !MdnsNames.AreEqual(record.Name, MdnsNames.MqttService))
                {
                    continue;
                }

                _records.Add(record);
            }
        }

        /// <summary>Resolves the gateway from the records collected so far.</summary>
        /// <param name="hostName">Host name to connect to, when resolved.</param>
        /// <param name="address">IPv4 address "a.b.c.d", when resolved.</param>
        /// <param name="port">TCP port, when resolved.</param>
        /// <returns>True when an address is known.</returns>
        /// <remarks>
        /// Order: mqtt2go.local (the MQTT2GO name) wins, on the port of an SRV record that targets it or else 8883; otherwise the
        /// _mqtt._tcp.local instance with the lowest SRV priority, then the highest weight (RFC 2782), whose target has an A record.
        /// </remarks>
        public bool TryResolve(out string hostName, out string address, out int port)
        {
            hostName = string.Empty;
            address = string.Empty;
            port = 0;

            string gatewayAddress = FindAddress(MdnsNames.GatewayHost);
            if (gatewayAddress != null)
            {
                MdnsRecord gatewayService = FindBestService(MdnsNames.GatewayHost);
                hostName = MdnsNames.GatewayHost;
                address = gatewayAddress;
                port = gatewayService != null ? gatewayService.Port : MdnsNames.DefaultGatewayPort;
                return true;
            }

            MdnsRecord service = FindBestService(null);
            if (service != null)
            {
                hostName = service.Target;
                address = FindAddress(service.Target);
                port = service.Port;
                return true;
            }

            return false;
        }

        private MdnsRecord FindBestService(string requiredTarget)
        {
            MdnsRecord best = null;
            for (int i = 0; i < _records.Count; i++)
            {
                MdnsRecord pointer = _records[i];
                if (pointer.Type != MdnsRecordType.Ptr)
                {
                    continue;
                }

                for (int j = 0; j < _records.Count; j++)
                {
                    MdnsRecord service = _records[j];

                    // RFC 2782: port 0 or target "." means the service is not offered there.
                    if (service.Type != MdnsRecordType.Srv || service.Port == 0 || service.Target.Length == 0
                        || !MdnsNames.AreEqual(service.Name, pointer.Target))
                    {
                        continue;
                    }

                    if (requiredTarget != null && !MdnsNames.AreEqual(service.Target, requiredTarget))
                    {
                        continue;
                    }

                    if (FindAddress(service.Target) == null)
                    {
                        continue;
                    }

                    if (best == null || service.Priority < best.Priority || (service.Priority == best.Priority && service.Weight > best.Weight))
                    {
                        best = service;
                    }
                }
            }

            return best;
        }

        private string FindAddress(string name)
        {
            for (int i = 0; i < _records.Count; i++)
            {
                MdnsRecord record = _records[i];
                // 0.0.0.0 is never a reachable host.
                if (record.Type == MdnsRecordType.A && record.Address != "0.0.0.0" && MdnsNames.AreEqual(record.Name, name))
                {
                    return record.Address;
                }
            }

            return null;
        }
    }
}
