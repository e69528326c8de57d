namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>One PUBLISH received from the broker, or the broker's refusal of a subscription, queued for the machine's thread.</summary>
    public sealed class InboxMessage
    {
        /// <summary>Creates the message.</summary>
        public InboxMessage(string topic, byte[] payload)
        {
            Topic = topic;
            Payload = payload;
        }

        /// <summary>Creates the notice that the broker refused the subscription to topic.</summary>
        public static InboxMessage SubscriptionRefused(string topic)
        {
            InboxMessage message = new InboxMessage(topic, null);
            message.IsSubscriptionRefused = true;
            return message;
        }

        /// <summary>The topic the message arrived on.</summary>
        public string Topic { get; private set; }

        /// <summary>The raw payload (possibly hostile; decode before use); null for a refusal.</summary>
        public byte[] Payload { get; private set; }

        /// <summary>True when this is the broker's refusal of a subscription to <see cref="Topic"/>, not a message.</summary>
        public bool IsSubscriptionRefused { get; private set; }
    }
}
