using System;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Mdns
{
    /// <summary>Decides within a fixed budget whether a MQTT2GO local gateway answers on the LAN, by a short burst of mDNS queries.</summary>
    /// <remarks>
    /// Timing (defaults): queries at t = 0, 1000 and 2000 ms, decision at t = 3000 ms (project profile §8: three queries, about 3 s).
    /// RFC 6762 §5.2 requires at least one second between the first two queries, which is enforced for any configuration. Its
    /// second rule, that later intervals double, is written for continuous monitoring queries that run indefinitely; this probe
    /// is a one-shot burst that stops for good at the budget, and honouring doubling would push a third query to t = 3000 ms with
    /// no time left to hear its answer. So every interval must be at least one second and the doubling is not applied; a caller
    /// wanting strict §5.2 spacing passes offsets { 0, 1000, 3000 } and a budget above 3000 ms.
    /// The first query asks for unicast responses (QU) and retransmissions do not (RFC 6762 §5.4). Our own query looped back and
    /// any other query (QR bit 0) are ignored; the message ID of responses is ignored (RFC 6762 §18.1).
    /// Buffers are allocated once per instance; one probe runs at a time.
    /// </remarks>
    public sealed class LocalGatewayProbe
    {
        /// <summary>Default decision budget in milliseconds (project profile §8).</summary>
        public const int DefaultBudgetMs = 3000;

        /// <summary>Smallest allowed interval between queries (RFC 6762 §5.2: at least one second between the first two).</summary>
        public const int MinimumQueryIntervalMs = 1000;

        /// <summary>Receive buffer size: one Ethernet/Wi-Fi MTU, the size RFC 6762 §17 asks responders to stay within.</summary>
        public const int ReceiveBufferLength = 1500;

        private readonly int _budgetMs;
        private readonly int[] _queryOffsetsMs;
        private readonly byte[] _sendBuffer = new byte[MdnsQueryBuilder.QueryLength];
        private readonly byte[] _receiveBuffer = new byte[ReceiveBufferLength];
        private readonly MdnsResponseParser _parser = new MdnsResponseParser();
        private readonly LocalGatewayResolver _resolver = new LocalGatewayResolver();

        /// <summary>Creates a probe with the defaults: queries at 0, 1000 and 2000 ms, decision at 3000 ms.</summary>
        public LocalGatewayProbe()
            : this(DefaultBudgetMs, DefaultQueryOffsetsMs())
        {
        }

        /// <summary>Creates a probe with its own timing.</summary>
        /// <param name="budgetMs">Milliseconds from the first query to the decision.</param>
        /// <param name="queryOffsetsMs">When each query is sent, in ms from the start: ascending, intervals of at least 1000 ms, all before the budget ends.</param>
        /// <exception cref="ArgumentException">The timing breaks one of those rules (a programming error).</exception>
        public LocalGatewayProbe(int budgetMs, int[] queryOffsetsMs)
        {
            if (budgetMs <= 0)
            {
                throw new ArgumentException("budget must be positive", "budgetMs");
            }

            if (queryOffsetsMs == null || queryOffsetsMs.Length == 0)
            {
                throw new ArgumentException("at least one query is needed", "queryOffsetsMs");
            }

            if (queryOffsetsMs[0] < 0 || queryOffsetsMs[queryOffsetsMs.Length - 1] >= budgetMs)
            {
                throw new ArgumentException("every query must be sent within the budget", "queryOffsetsMs");
            }

            for (int i = 1; i < queryOffsetsMs.Length; i++)
            {
                if (queryOffsetsMs[i] - queryOffsetsMs[i - 1] < MinimumQueryIntervalMs)
                {
                    throw new ArgumentException("queries must be at least 1000 ms apart (RFC 6762 §5.2)", "queryOffsetsMs");
                }
            }

            _budgetMs = budgetMs;
            _queryOffsetsMs = new int[queryOffsetsMs.Length];
            Array.Copy(queryOffsetsMs, _queryOffsetsMs, queryOffsetsMs.Length);
        }

        /// <summary>Milliseconds from the first query to the decision.</summary>
        public int BudgetMs
        {
            get { return _budgetMs; }
        }

        /// <summary>Number of queries sent when nothing answers.</summary>
        public int QueryCount
        {
            get { return _queryOffsetsMs.Length; }
        }

        /// <summary>The default query schedule: 0, 1000 and 2000 ms.</summary>
        /// <returns>A new array the caller may change.</returns>
        public static int[] DefaultQueryOffsetsMs()
        {
            return new int[] { 0, 1000, 2000 };
        }

        /// <summary>Runs one probe: sends the queries on schedule and returns as soon as a gateway resolves, or when the budget is spent.</summary>
        /// <param name="transport">Sends queries and receives datagrams.</param>
        /// <param name="clock">Monotonic time; the probe waits through transport timeouts and <see cref="IClock.Sleep"/>.</param>
        /// <returns>The gateway, or a not-found answer with a reason; never throws for network input.</returns>
        public LocalGatewayAnswer Probe(IMdnsTransport transport, IClock clock)
        {
            _resolver.Clear();
            long start = clock.NowMs;
            int sent = 0;

            for (int i = 0; i < _queryOffsetsMs.Length; i++)
            {
                long sendAt = start + _queryOffsetsMs[i];
                long now = clock.NowMs;
                if (now < sendAt)
                {
                    clock.Sleep((int)(sendAt - now));
                }

                int length = MdnsQueryBuilder.Build(_sendBuffer, i == 0);
                if (!transport.Send(_sendBuffer, length))
                {
                    return LocalGatewayAnswer.NotFound("the network refused mDNS query " + (i + 1).ToString(), sent, clock.NowMs - start);
                }

                sent++;
                long waitUntil = start + (i + 1 < _queryOffsetsMs.Length ? _queryOffsetsMs[i + 1] : _budgetMs);
                while (true)
                {
                    long remaining = waitUntil - clock.NowMs;
                    if (remaining <= 0)
                    {
                        break;
                    }

                    long before = clock.NowMs;
                    int received = transport.Receive(_receiveBuffer, (int)remaining);
                    if (received < 0)
                    {
                        return LocalGatewayAnswer.NotFound("mDNS transport error while waiting for answers", sent, clock.NowMs - start);
                    }

                    if (received == 0)
                    {
                        // A timeout that fired early leaves time on this query's clock, so wait again; a transport that
                        // returned without waiting at all would make that a busy loop, so its wait ends here instead
                        // (the next send still sleeps until its offset).
                        if (clock.NowMs == before)
                        {
                            break;
                        }

                        continue;
                    }

                    string hostName;
                    string address;
                    int port;
                    if (Consider(received, out hostName, out address, out port))
                    {
                        return LocalGatewayAnswer.Resolved(hostName, address, port, sent, clock.NowMs - start);
                    }
                }
            }

            long elapsed = clock.NowMs - start;
            return LocalGatewayAnswer.NotFound(
                "no mDNS answer for " + MdnsNames.GatewayHost + " or " + MdnsNames.MqttService + " after " + sent.ToString()
                + " queries in " + elapsed.ToString() + " ms",
                sent,
                elapsed);
        }

        private bool Consider(int length, out string hostName, out string address, out int port)
        {
            hostName = string.Empty;
            address = string.Empty;
            port = 0;

            MdnsParseResult result = _parser.Parse(_receiveBuffer, length);

            // Malformed datagrams, our own looped-back query and other hosts' queries are not answers.
            if (!result.Succeeded || !result.Response.IsResponse)
            {
                return false;
            }

            _resolver.Add(result.Response);
            return _resolver.TryResolve(out hostName, out address, out port);
        }
    }
}
