using System.Collections;
using System.Threading;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>The machine's <see cref="IMqttListener"/>: the adapter's thread enqueues, the machine's thread takes with a timeout.</summary>
    /// <remarks>Thread-safe. Waiting polls through <see cref="IClock.Sleep"/> in slices of at most 50 ms: fine-grained enough on
    /// the device, instant with a fake clock, and when a message is already queued no sleep happens at all.
    /// The queue is bounded so a flooding broker cannot exhaust the heap; oversized payloads are dropped unread.</remarks>
    public sealed class MessageInbox : IMqttListener
    {
        // A wait ends as soon as a message is signalled; the slice only bounds how far a fake clock jumps at once.
        private const int WaitSliceMs = 50;
        private readonly object _sync = new object();
        private readonly ArrayList _queue = new ArrayList();
        private readonly AutoResetEvent _arrived = new AutoResetEvent(false);
        private readonly IClock _clock;
        private readonly int _capacity;
        private readonly int _maxPayloadBytes;
        private bool _connectionLost;
        private string _lostReason;

        /// <summary>Creates an inbox holding at most capacity messages of at most maxPayloadBytes each.</summary>
        public MessageInbox(IClock clock, int capacity, int maxPayloadBytes)
        {
            _clock = clock;
            _capacity = capacity < 1 ? 1 : capacity;
            _maxPayloadBytes = maxPayloadBytes;
        }

        /// <summary>Messages dropped because the queue was full or the payload too large.</summary>
        public int Dropped { get; private set; }

        /// <summary>Messages waiting.</summary>
        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _queue.Count;
                }
            }
        }

        /// <summary>True when the session reported a connection loss since the last <see cref="Reset"/>.</summary>
        public bool ConnectionLost
        {
            get
            {
                lock (_sync)
                {
                    return _connectionLost;
                }
            }
        }

        /// <summary>The reason given with the last connection loss, or null.</summary>
        public string LostReason
        {
            get
            {
                lock (_sync)
                {
                    return _lostReason;
                }
            }
        }

        /// <summary>Queues a PUBLISH (called on the adapter's thread).</summary>
        public void OnMessage(string topic, byte[] payload)
        {
            lock (_sync)
            {
                if (payload == null || payload.Length > _maxPayloadBytes || _queue.Count >= _capacity)
                {
                    Dropped++;
                    return;
                }

                _queue.Add(new InboxMessage(topic, payload));
            }

            _arrived.Set();
        }

        /// <summary>Queues the broker's refusal of a subscription (adapter thread), so a waiting request ends at once.</summary>
        public void OnSubscriptionRefused(string topic)
        {
            lock (_sync)
            {
                if (_queue.Count >= _capacity)
                {
                    Dropped++;
                    return;
                }

                _queue.Add(InboxMessage.SubscriptionRefused(topic));
            }

            _arrived.Set();
        }

        /// <summary>Records a connection loss (called on the adapter's thread); idempotent until <see cref="Reset"/>: a repeated
        /// report (M2Mqtt raises ConnectionClosed twice for one MQTT 5 server DISCONNECT) keeps the first reason.</summary>
        public void OnConnectionLost(string reason)
        {
            lock (_sync)
            {
                if (_connectionLost)
                {
                    return;
                }

                _connectionLost = true;
                _lostReason = reason;
            }

            _arrived.Set();
        }

        /// <summary>Forgets queued messages and the connection-loss flag (before a new connection).</summary>
        public void Reset()
        {
            lock (_sync)
            {
                _queue.Clear();
                _connectionLost = false;
                _lostReason = null;
            }
        }

        /// <summary>Returns the next message, waiting up to timeoutMs; null on timeout or as soon as the connection is lost.</summary>
        public InboxMessage Take(int timeoutMs)
        {
            long endMs = _clock.NowMs + (timeoutMs < 0 ? 0 : timeoutMs);
            while (true)
            {
                lock (_sync)
                {
                    if (_queue.Count > 0)
                    {
                        InboxMessage message = (InboxMessage)_queue[0];
                        _queue.RemoveAt(0);
                        return message;
                    }

                    if (_connectionLost)
                    {
                        return null;
                    }
                }

                long remaining = endMs - _clock.NowMs;
                if (remaining <= 0)
                {
                    return null;
                }

                _clock.Wait(_arrived, remaining < WaitSliceMs ? (int)remaining : WaitSliceMs);
            }
        }
    }
}
