using System.Collections;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Operation;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;

namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>An in-memory <see cref="IMqttSession"/> in front of several brokers (Discovery, cloud, local gateway) as separate
    /// hosts: checks the CA and credentials like TLS would, echoes the device's own publishes on subscribed topics like a real
    /// broker, answers requests from each host's script on a <see cref="FakeTimeline"/>, and counts connects and publishes.</summary>
    public sealed class FakeMqttBroker : IMqttSession
    {
        private readonly FakeTimeline _timeline;
        private readonly Mqtt2GoCodec _codec;
        private readonly ArrayList _hosts = new ArrayList();
        private readonly ArrayList _subscriptions = new ArrayList();
        private readonly ConnectionLossFilter _lossFilter = new ConnectionLossFilter();
        private IMqttListener _listener;
        private object _connection;
        private bool _unfiltered;
        private int _epoch;

        /// <summary>Creates a broker with no hosts.</summary>
        public FakeMqttBroker(FakeTimeline timeline, Mqtt2GoCodec codec)
        {
            _timeline = timeline;
            _codec = codec;
            EchoOwnPublishes = true;
        }

        /// <summary>Deliver the device's own publishes back when it subscribed to the topic (MQTT 3.1.1 has no "no local").</summary>
        public bool EchoOwnPublishes { get; set; }

        /// <summary>The host of the current connection, or null.</summary>
        public FakeBrokerHost Current { get; private set; }

        /// <summary>Successful connects over all hosts (TLS handshakes).</summary>
        public int TotalConnects { get; private set; }

        /// <summary>Connects made while a connection was still open (the device did not close the previous session first).</summary>
        public int ConnectsWhileConnected { get; private set; }

        /// <summary>Close calls.</summary>
        public int Closes { get; private set; }

        /// <summary>True while connected.</summary>
        public bool IsConnected
        {
            get { return Current != null; }
        }

        /// <summary>Adds a host.</summary>
        public FakeBrokerHost AddHost(string name, int port, byte[] serverCa)
        {
            FakeBrokerHost host = new FakeBrokerHost(name, port, serverCa);
            _hosts.Add(host);
            return host;
        }

        /// <summary>Sets the listener.</summary>
        public void SetListener(IMqttListener listener)
        {
            _listener = listener;
        }

        /// <summary>Connects to the host named in the request, checking CA and credentials.</summary>
        public MqttConnectResult Connect(MqttConnectRequest request)
        {
            if (Current != null)
            {
                ConnectsWhileConnected++;
                CloseQuietly();
            }

            FakeBrokerHost host = Find(request.Host, request.Port);
            if (host == null)
            {
                _timeline.Sleep(request.TimeoutMs);
                return new MqttConnectResult(MqttConnectStatus.HostNotFound, 0, "no such fake host");
            }

            host.ConnectAttempts++;
            host.LastRequest = request;
            MqttConnectStatus status = host.NextConnectStatus();
            if (status == MqttConnectStatus.Success && host.ServerCa != null && !SameBytes(host.ServerCa, request.CaCertificate))
            {
                status = MqttConnectStatus.ServerNotTrusted;
            }

            if (status == MqttConnectStatus.Success && host.ExpectedClientCertificate != null
                && !SameBytes(host.ExpectedClientCertificate, request.ClientCertificate))
            {
                status = MqttConnectStatus.TlsFailed;
            }

            if (status == MqttConnectStatus.Success && host.ExpectedPassword != null && host.ExpectedPassword != request.Password)
            {
                status = MqttConnectStatus.BadCredentials;
            }

            if (status == MqttConnectStatus.Timeout)
            {
                _timeline.Sleep(request.TimeoutMs);
            }

            if (status != MqttConnectStatus.Success)
            {
                return new MqttConnectResult(status, (int)status, "fake refusal");
            }

            host.Connects++;
            TotalConnects++;
            _epoch++;
            _subscriptions.Clear();
            Current = host;
            _connection = new object();
            _lossFilter.Opened(_connection);
            return new MqttConnectResult(MqttConnectStatus.Success, 0, "connected");
        }

        /// <summary>Records the subscription (clean session: it lasts until the connection ends).</summary>
        public bool Subscribe(string[] topics)
        {
            if (Current == null)
            {
                return false;
            }

            Current.RecordSubscribe(topics);
            if (Current.DenySubscriptions > 0)
            {
                Current.DenySubscriptions--;
                if (Current.ReportDeniedSubscriptions && _listener != null)
                {
                    for (int i = 0; i < topics.Length; i++)
                    {
                        _listener.OnSubscriptionRefused(topics[i]);
                    }
                }

                return true;
            }

            for (int i = 0; i < topics.Length; i++)
            {
                _subscriptions.Add(topics[i]);
            }

            return true;
        }

        /// <summary>Records the publish, echoes it, and schedules the host's scripted answers.</summary>
        public bool Publish(string topic, byte[] payload, bool retain)
        {
            FakeBrokerHost host = Current;
            if (host == null)
            {
                return false;
            }

            int number = host.RecordPublish(new FakePublish(topic, payload, retain, _timeline.Clock.NowMs));
            if (host.DropOnPublish == number)
            {
                DropConnection("dropped by the test at publish " + number.ToString());
                return true;
            }

            if (EchoOwnPublishes)
            {
                Deliver(topic, payload);
            }

            Mqtt2GoMessage message = _codec.Decode(payload);
            string request = message.Kind == MessageKind.Command ? message.Value as string : null;
            if (request == null)
            {
                return true;
            }

            FakeReply[] replies = host.TakeReplies(request);
            for (int i = 0; i < replies.Length; i++)
            {
                Schedule(replies[i], topic);
            }

            return true;
        }

        /// <summary>Delivers a message from the broker to the device now, when the device is subscribed to a matching filter.</summary>
        public bool Deliver(string topic, byte[] payload)
        {
            if (Current == null || _listener == null || !IsSubscribed(topic))
            {
                return false;
            }

            _listener.OnMessage(topic, payload);
            return true;
        }

        /// <summary>Delivers a message whatever the subscriptions (a misbehaving broker, an overlapping subscription).</summary>
        public bool DeliverUnsolicited(string topic, byte[] payload)
        {
            if (Current == null || _listener == null)
            {
                return false;
            }

            _listener.OnMessage(topic, payload);
            return true;
        }

        /// <summary>Ends the connection from the broker's side and tells the listener.</summary>
        public void DropConnection(string reason)
        {
            if (Current == null)
            {
                return;
            }

            object connection = _connection;
            CloseQuietly();
            ReportLoss(connection, reason);
        }

        /// <summary>An MQTT 5 server DISCONNECT as nanoFramework.M2Mqtt reports it: ConnectionClosed twice at once, and (when
        /// lateRepeatMs &gt; 0) once more that much later, after the device may already be on its next connection.</summary>
        public void DisconnectFromServer(string reason, int lateRepeatMs)
        {
            if (Current == null)
            {
                return;
            }

            object connection = _connection;
            CloseQuietly();
            ReportLoss(connection, reason);
            ReportLoss(connection, reason + " (repeated)");
            if (lateRepeatMs > 0)
            {
                _timeline.At(_timeline.Clock.NowMs + lateRepeatMs, delegate
                {
                    ReportLoss(connection, reason + " (late repeat)");
                });
            }
        }

        /// <summary>Loss reports passed to the listener.</summary>
        public int LossesReported { get; private set; }

        /// <summary>Pass loss reports through the same filter as the ESP32 adapter (false: hand every report to the listener).</summary>
        public bool FilterLossReports
        {
            get { return !_unfiltered; }
            set { _unfiltered = !value; }
        }

        private void ReportLoss(object connection, string reason)
        {
            if (_listener == null || (!_unfiltered && !_lossFilter.ShouldReport(connection)))
            {
                return;
            }

            LossesReported++;
            _listener.OnConnectionLost(reason);
        }

        /// <summary>Closes the connection.</summary>
        public void Close()
        {
            Closes++;
            _lossFilter.Closed();
            CloseQuietly();
        }

        /// <summary>Number of publishes on the host whose command value is requestValue.</summary>
        public int CountRequests(FakeBrokerHost host, string requestValue)
        {
            int count = 0;
            for (int i = 0; i < host.PublishCount; i++)
            {
                Mqtt2GoMessage message = _codec.Decode(host.Published(i).Payload);
                if (message.Kind == MessageKind.Command && (message.Value as string) == requestValue)
                {
                    count++;
                }
            }

            return count;
        }

        private void Schedule(FakeReply reply, string requestTopic)
        {
            int epoch = _epoch;
            string topic = reply.Topic == null ? requestTopic : reply.Topic;
            byte[] payload = reply.Payload;
            if (reply.DelayMs <= 0)
            {
                Deliver(topic, payload);
                return;
            }

            _timeline.At(_timeline.Clock.NowMs + reply.DelayMs, delegate
            {
                if (epoch == _epoch)
                {
                    Deliver(topic, payload);
                }
            });
        }

        private void CloseQuietly()
        {
            Current = null;
            _epoch++;
            _subscriptions.Clear();
        }

        private bool IsSubscribed(string topic)
        {
            for (int i = 0; i < _subscriptions.Count; i++)
            {
                if (TopicFilter.Matches((string)_subscriptions[i], topic))
                {
                    return true;
                }
            }

            return false;
        }

        private FakeBrokerHost Find(string name, int port)
        {
            for (int i = 0; i < _hosts.Count; i++)
            {
                FakeBrokerHost host = (FakeBrokerHost)_hosts[i];
                if (host.Name == name && host.Port == port)
                {
                    return host;
                }
            }

            return null;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
