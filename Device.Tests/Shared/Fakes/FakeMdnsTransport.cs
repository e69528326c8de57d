using System;
using System.Collections;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>An mDNS transport that plays scripted datagrams on a <see cref="FakeClock"/> and records what was sent.</summary>
    /// <remarks>
    /// Receive delivers the earliest pending datagram due within the timeout (moving the clock to its due time), or
    /// advances the clock by the whole timeout and returns 0. Sent datagrams are copied, with the time they were sent.
    /// </remarks>
    public sealed class FakeMdnsTransport : IMdnsTransport
    {
        private readonly FakeClock _clock;
        private readonly ArrayList _pending = new ArrayList();
        private readonly ArrayList _replies = new ArrayList();
        private readonly ArrayList _sent = new ArrayList();
        private readonly ArrayList _sentAtMs = new ArrayList();

        /// <summary>Creates a silent transport on the given clock.</summary>
        /// <param name="clock">The clock Receive advances.</param>
        public FakeMdnsTransport(FakeClock clock)
        {
            _clock = clock;
            MinReceiveTimeoutMs = int.MaxValue;
        }

        /// <summary>When true, every sent query is also received back at once, as a multicast socket with loopback would.</summary>
        public bool EchoQueries { get; set; }

        /// <summary>When true, Send returns false (the network refused the datagram).</summary>
        public bool RefuseSend { get; set; }

        /// <summary>When true, Receive returns -1 (a transport error) without advancing the clock.</summary>
        public bool FailReceive { get; set; }

        /// <summary>Number of datagrams sent.</summary>
        public int SentCount
        {
            get { return _sent.Count; }
        }

        /// <summary>Number of Receive calls.</summary>
        public int ReceiveCount { get; private set; }

        /// <summary>Largest timeout passed to Receive.</summary>
        public int MaxReceiveTimeoutMs { get; private set; }

        /// <summary>Smallest timeout passed to Receive (int.MaxValue before the first call).</summary>
        public int MinReceiveTimeoutMs { get; private set; }

        /// <summary>A copy of the datagram sent at position index.</summary>
        /// <param name="index">0 for the first datagram.</param>
        /// <returns>The bytes sent.</returns>
        public byte[] Sent(int index)
        {
            return (byte[])_sent[index];
        }

        /// <summary>The clock time at which datagram index was sent.</summary>
        /// <param name="index">0 for the first datagram.</param>
        /// <returns>Milliseconds on the fake clock.</returns>
        public long SentAtMs(int index)
        {
            return (long)_sentAtMs[index];
        }

        /// <summary>Schedules a datagram to arrive at an absolute clock time, whatever is sent.</summary>
        /// <param name="atMs">Clock time of arrival.</param>
        /// <param name="datagram">Bytes to deliver.</param>
        public void DeliverAt(long atMs, byte[] datagram)
        {
            _pending.Add(new Scripted(atMs, datagram));
        }

        /// <summary>Schedules a datagram to arrive delayMs after the query with the given 0-based number is sent.</summary>
        /// <param name="queryIndex">0 for the first query.</param>
        /// <param name="delayMs">Delay after that query.</param>
        /// <param name="datagram">Bytes to deliver.</param>
        public void ReplyToQuery(int queryIndex, long delayMs, byte[] datagram)
        {
            Scripted reply = new Scripted(delayMs, datagram);
            reply.QueryIndex = queryIndex;
            _replies.Add(reply);
        }

        /// <summary>Records the datagram and schedules the echo and the replies it triggers.</summary>
        /// <param name="buffer">Datagram bytes.</param>
        /// <param name="length">Datagram length.</param>
        /// <returns>False when <see cref="RefuseSend"/> is set.</returns>
        public bool Send(byte[] buffer, int length)
        {
            if (RefuseSend)
            {
                return false;
            }

            byte[] copy = new byte[length];
            Array.Copy(buffer, copy, length);
            int queryIndex = _sent.Count;
            _sent.Add(copy);
            _sentAtMs.Add(_clock.NowMs);

            if (EchoQueries)
            {
                _pending.Add(new Scripted(_clock.NowMs, copy));
            }

            for (int i = 0; i < _replies.Count; i++)
            {
                Scripted reply = (Scripted)_replies[i];
                if (reply.QueryIndex == queryIndex)
                {
                    _pending.Add(new Scripted(_clock.NowMs + reply.AtMs, reply.Datagram));
                }
            }

            return true;
        }

        /// <summary>Delivers the earliest datagram due within timeoutMs, or advances the clock by timeoutMs and returns 0.</summary>
        /// <param name="buffer">Destination; a longer datagram is cut to its size, as a UDP socket would.</param>
        /// <param name="timeoutMs">Longest wait.</param>
        /// <returns>Bytes delivered, 0 on timeout, -1 when <see cref="FailReceive"/> is set.</returns>
        public int Receive(byte[] buffer, int timeoutMs)
        {
            ReceiveCount++;
            if (timeoutMs > MaxReceiveTimeoutMs)
            {
                MaxReceiveTimeoutMs = timeoutMs;
            }

            if (timeoutMs < MinReceiveTimeoutMs)
            {
                MinReceiveTimeoutMs = timeoutMs;
            }

            if (FailReceive)
            {
                return -1;
            }

            int earliest = -1;
            for (int i = 0; i < _pending.Count; i++)
            {
                Scripted candidate = (Scripted)_pending[i];
                if (candidate.AtMs <= _clock.NowMs + timeoutMs
                    && (earliest < 0 || candidate.AtMs < ((Scripted)_pending[earliest]).AtMs))
                {
                    earliest = i;
                }
            }

            if (earliest < 0)
            {
                _clock.Advance(timeoutMs);
                return 0;
            }

            Scripted due = (Scripted)_pending[earliest];
            _pending.RemoveAt(earliest);
            _clock.Advance(due.AtMs - _clock.NowMs);
            int length = due.Datagram.Length < buffer.Length ? due.Datagram.Length : buffer.Length;
            Array.Copy(due.Datagram, buffer, length);
            return length;
        }

        private sealed class Scripted
        {
            public Scripted(long atMs, byte[] datagram)
            {
                AtMs = atMs;
                Datagram = datagram;
                QueryIndex = -1;
            }

            public long AtMs { get; private set; }

            public byte[] Datagram { get; private set; }

            public int QueryIndex { get; set; }
        }
    }
}
