namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>One message a <see cref="FakeBrokerHost"/> sends in answer to a request: payload, delay and topic.</summary>
    public sealed class FakeReply
    {
        /// <summary>Creates a reply on the request's topic after delayMs.</summary>
        public FakeReply(byte[] payload, long delayMs)
            : this(payload, delayMs, null)
        {
        }

        /// <summary>Creates a reply on a given topic (null: the request's topic) after delayMs.</summary>
        public FakeReply(byte[] payload, long delayMs, string topic)
        {
            Payload = payload;
            DelayMs = delayMs;
            Topic = topic;
        }

        /// <summary>The bytes delivered.</summary>
        public byte[] Payload { get; private set; }

        /// <summary>Delay after the request, milliseconds.</summary>
        public long DelayMs { get; private set; }

        /// <summary>Topic to deliver on, or null for the request's topic.</summary>
        public string Topic { get; private set; }

        /// <summary>The same payload after another delay.</summary>
        public FakeReply After(long delayMs)
        {
            return new FakeReply(Payload, delayMs, Topic);
        }

        /// <summary>The same payload on another topic.</summary>
        public FakeReply On(string topic)
        {
            return new FakeReply(Payload, DelayMs, topic);
        }
    }
}
