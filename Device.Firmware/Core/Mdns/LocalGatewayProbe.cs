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
        private IMdnsTransport _transport;
        private IClock _clock;
        private long _startMs;
        private int _sent;

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
            Begin(transport, clock);
            while (true)
            {
                LocalGatewayAnswer answer = Poll(_budgetMs);
                if (answer != null)
                {
                    return answer;
                }
            }
        }

        /// <summary>True between <see cref="Begin"/> and the decision (or <see cref="End"/>).</summary>
        public bool IsListening
        {
            get { return _transport != null; }
        }

        /// <summary>Starts a probe that the caller drives with <see cref="Poll"/>, so it can listen while other work goes on
        /// (the remote flow starts while the queries are still listening; mDNS is only UDP).</summary>
        /// <param name="transport">Sends queries and receives datagrams.</param>
        /// <param name="clock">Monotonic time.</param>
        public void Begin(IMdnsTransport transport, IClock clock)
        {
            _resolver.Clear();
            _transport = transport;
            _clock = clock;
            _startMs = clock.NowMs;
            _sent = 0;
        }

        /// <summary>Sends the queries that are due and reads answers for at most <paramref name="waitMs"/> (0: only what has
        /// already arrived). Returns the decision once there is one — the gateway, or not found when the budget is spent or the
        /// network fails — and null while the probe is still listening.</summary>
        public LocalGatewayAnswer Poll(int waitMs)
        {
            if (_transport == null)
            {
                return null;
            }

            long until = _clock.NowMs + (waitMs < 0 ? 0 : waitMs);
            bool lookedOnce = false;
            while (true)
            {
                long now = _clock.NowMs;
                while (_sent < _queryOffsetsMs.Length && now >= _startMs + _queryOffsetsMs[_sent])
                {
                    int length = MdnsQueryBuilder.Build(_sendBuffer, _sent == 0);
                    if (!_transport.Send(_sendBuffer, length))
                    {
                        return Decide(LocalGatewayAnswer.NotFound("the network refused mDNS query " + (_sent + 1).ToString(), _sent, now - _startMs));
                    }

                    _sent++;
                }

                long budgetEnd = _startMs + _budgetMs;
                long nextSend = _sent < _queryOffsetsMs.Length ? _startMs + _queryOffsetsMs[_sent] : budgetEnd;
                long waitEnd = until < nextSend ? until : nextSend;
                if (budgetEnd < waitEnd)
                {
                    waitEnd = budgetEnd;
                }

                long remaining = waitEnd - now;
                if (remaining <= 0 && lookedOnce)
                {
                    if (now >= budgetEnd)
                    {
                        return Decide(LocalGatewayAnswer.NotFound(
                            "no mDNS answer for " + MdnsNames.GatewayHost + " or " + MdnsNames.MqttService + " after " + _sent.ToString()
                            + " queries in " + (now - _startMs).ToString() + " ms",
                            _sent,
                            now - _startMs));
                    }

                    if (now >= until)
                    {
                        return null;
                    }

                    lookedOnce = false;
                    continue;
                }

                lookedOnce = true;
                int received = _transport.Receive(_receiveBuffer, remaining < 0 ? 0 : (int)remaining);
                if (received < 0)
                {
                    return Decide(LocalGatewayAnswer.NotFound("mDNS transport error while waiting for answers", _sent, _clock.NowMs - _startMs));
                }

                if (received == 0)
                {
                    // A timeout that fired early leaves time on the clock, so the loop waits again; a transport that returned
                    // without waiting at all counts as the one look this wait allows.
                    if (_clock.NowMs == now && remaining > 0)
                    {
                        _clock.Sleep((int)remaining);
                    }

                    continue;
                }

                // A datagram: look again at once (remaining may be 0 now) for more queued ones before deciding.
                lookedOnce = false;
                string hostName;
                string address;
                int port;
                if (Consider(received, out hostName, out address, out port))
                {
                    return Decide(LocalGatewayAnswer.Resolved(hostName, address, port, _sent, _clock.NowMs - _startMs));
                }
            }
        }

        /// <summary>Stops listening without a decision (the remote flow got its broker data first).</summary>
        public void End()
        {
            _transport = null;
            _clock = null;
        }

        private LocalGatewayAnswer Decide(LocalGatewayAnswer answer)
        {
            End();
            return answer;
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
