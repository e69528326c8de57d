namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>One PUBLISH received from the broker, queued for the machine's thread.</summary>
    public sealed class InboxMessage
    {
        /// <summary>Creates the message.</summary>
        public InboxMessage(string topic, byte[] payload)
        {
            Topic = topic;
            Payload = payload;
        }

        /// <summary>The topic the message arrived on.</summary>
        public string Topic { get; private set; }

        /// <summary>The raw payload (possibly hostile; decode before use).</summary>
        public byte[] Payload { get; private set; }
    }
}
