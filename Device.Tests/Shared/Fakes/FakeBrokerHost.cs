using System.Collections;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>One broker known to <see cref="FakeMqttBroker"/> (Discovery, cloud or local gateway): its TLS identity, scripted
    /// connect outcomes and replies, and everything the device did on it.</summary>
    public sealed class FakeBrokerHost
    {
        private readonly ArrayList _connectScript = new ArrayList();
        private readonly Hashtable _replyScripts = new Hashtable();
        private readonly ArrayList _published = new ArrayList();
        private readonly ArrayList _subscribeCalls = new ArrayList();

        /// <summary>Creates a host whose server certificate chains to serverCa (null: any CA is accepted).</summary>
        public FakeBrokerHost(string name, int port, byte[] serverCa)
        {
            ReportDeniedSubscriptions = true;
            Name = name;
            Port = port;
            ServerCa = serverCa;
        }

        /// <summary>Host name the device must connect to.</summary>
        public string Name { get; private set; }

        /// <summary>Port the device must connect to.</summary>
        public int Port { get; private set; }

        /// <summary>The CA the device must present as its trust anchor; a different one gives ServerNotTrusted.</summary>
        public byte[] ServerCa { get; set; }

        /// <summary>Password the broker requires (null: any).</summary>
        public string ExpectedPassword { get; set; }

        /// <summary>Client certificate the broker requires (null: any).</summary>
        public byte[] ExpectedClientCertificate { get; set; }

        /// <summary>Drop the connection when the device's publish with this 1-based number (on this host) arrives; 0: never.</summary>
        public int DropOnPublish { get; set; }

        /// <summary>Connect attempts that reached this host.</summary>
        public int ConnectAttempts { get; internal set; }

        /// <summary>Successful connects (TLS handshakes completed).</summary>
        public int Connects { get; internal set; }

        /// <summary>The last connect request that reached this host.</summary>
        public MqttConnectRequest LastRequest { get; internal set; }

        /// <summary>Publishes received.</summary>
        public int PublishCount
        {
            get { return _published.Count; }
        }

        /// <summary>SUBSCRIBE calls received.</summary>
        public int SubscribeCount
        {
            get { return _subscribeCalls.Count; }
        }

        /// <summary>The publish at index.</summary>
        public FakePublish Published(int index)
        {
            return (FakePublish)_published[index];
        }

        /// <summary>The topics of the SUBSCRIBE call at index.</summary>
        public string[] SubscribeCall(int index)
        {
            return (string[])_subscribeCalls[index];
        }

        /// <summary>Number of coming SUBSCRIBE packets the broker's ACL denies (mosquitto answers SUBACK 0x87, which a
        /// pipelined device does not wait for): the device is simply not subscribed.</summary>
        public int DenySubscriptions { get; set; }

        /// <summary>Whether a denied SUBSCRIBE is reported to the device (as an adapter reads SUBACK 0x80/0x87); true by
        /// default, false to model a platform that cannot tell.</summary>
        public bool ReportDeniedSubscriptions { get; set; }

        /// <summary>Makes the next connects end with status (ServerNotTrusted, NotAuthorized, Timeout, ...).</summary>
        /// <remarks>Kept as one entry per call with a count, not one per connect: "refuse 100000 times" must not fill a
        /// nanoFramework heap (it ran out of memory in the real nanoCLR).</remarks>
        public void RefuseNext(MqttConnectStatus status, int times)
        {
            if (times > 0)
            {
                _connectScript.Add(new ConnectRun(status, times));
            }
        }

        /// <summary>Adds one answer set for a request value (GET_BROKER_DATA, GET_CREDENTIALS, GET_DEVICE_TOPICS): each matching
        /// request takes the next set; the last set is repeated. An empty set means "no answer".</summary>
        public void OnRequest(string requestValue, FakeReply[] replies)
        {
            ArrayList sets = _replyScripts[requestValue] as ArrayList;
            if (sets == null)
            {
                sets = new ArrayList();
                _replyScripts[requestValue] = sets;
            }

            sets.Add(replies);
        }

        /// <summary>Forgets every reply script.</summary>
        public void ClearReplies()
        {
            _replyScripts.Clear();
        }

        internal MqttConnectStatus NextConnectStatus()
        {
            if (_connectScript.Count == 0)
            {
                return MqttConnectStatus.Success;
            }

            ConnectRun run = (ConnectRun)_connectScript[0];
            run.Remaining--;
            if (run.Remaining == 0)
            {
                _connectScript.RemoveAt(0);
            }

            return run.Status;
        }

        internal FakeReply[] TakeReplies(string requestValue)
        {
            ArrayList sets = _replyScripts[requestValue] as ArrayList;
            if (sets == null || sets.Count == 0)
            {
                return new FakeReply[0];
            }

            FakeReply[] replies = (FakeReply[])sets[0];
            if (sets.Count > 1)
            {
                sets.RemoveAt(0);
            }

            return replies;
        }

        internal int RecordPublish(FakePublish publish)
        {
            _published.Add(publish);
            return _published.Count;
        }

        internal void RecordSubscribe(string[] topics)
        {
            _subscribeCalls.Add(topics);
        }

        /// <summary>One step of the connect script: a status for the next Remaining connects.</summary>
        private sealed class ConnectRun
        {
            public ConnectRun(MqttConnectStatus status, int remaining)
            {
                Status = status;
                Remaining = remaining;
            }

            public MqttConnectStatus Status { get; }

            public int Remaining { get; set; }
        }
    }
}
