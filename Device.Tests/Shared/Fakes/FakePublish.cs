namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>One PUBLISH the device sent to a fake broker host.</summary>
    public sealed class FakePublish
    {
        /// <summary>Creates the record.</summary>
        public FakePublish(string topic, byte[] payload, bool retain, long atMs)
        {
            Topic = topic;
            Payload = payload;
            Retain = retain;
            AtMs = atMs;
        }

        /// <summary>The topic.</summary>
        public string Topic { get; private set; }

        /// <summary>The payload.</summary>
        public byte[] Payload { get; private set; }

        /// <summary>The retain flag.</summary>
        public bool Retain { get; private set; }

        /// <summary>Clock time of the publish.</summary>
        public long AtMs { get; private set; }
    }
}
