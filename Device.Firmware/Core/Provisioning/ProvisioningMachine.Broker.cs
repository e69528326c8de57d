using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Operation;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>States ConnectBroker, AwaitTopics, SubscribeTopics, Operational and Reconnecting.</summary>
    public sealed partial class ProvisioningMachine
    {
        private const string TopicsReport = "topics";

        private ProvisioningState OnConnectBroker()
        {
            MqttConnectRequest request = BaseRequest(_broker.Host, _broker.Port);
            if (_brokerFromSettings)
            {
                // A fixed broker from broker.json (Twilio Microvisor key names) brings its own client id and MQTT version.
                request.ClientId = _configuration.Broker.ClientId;
                request.Protocol = _configuration.Broker.Protocol;
            }

            request.Username = _broker.Login;
            request.Password = _broker.Password;
            request.CaCertificate = _broker.CaCertificate != null ? _broker.CaCertificate : _identity.TrustAnchor;
            request.ClientCertificate = _broker.Certificate;
            if (_broker.Certificate != null)
            {
                // The operational certificate is issued for the factory key (profile decision 5) unless a key was delivered.
                request.ClientKey = _broker.PrivateKey != null ? _broker.PrivateKey : _identity.FactoryKey;
            }

            if (Topics != null)
            {
                // The will needs the device topic, known only after GET_DEVICE_TOPICS: the activation's first cloud session
                // has none, rather than a third TLS handshake just to set it.
                request.WillTopic = Topics[0];
                request.WillPayload = _device.OfflinePayload();
                request.WillRetain = false;
            }

            MqttConnectResult result = _ports.Mqtt.Connect(request);
            if (result.IsSuccess)
            {
                _staleFailures = 0;
                _unreachableFailures = 0;
                _unreachableSinceMs = -1;
                if (Topics != null)
                {
                    return ProvisioningState.SubscribeTopics;
                }

                return SendRequest(_codec.EncodeTopicsRequest(Timestamp(), _identity.DeviceType), ProvisioningState.AwaitTopics, ProvisioningState.ConnectBroker);
            }

            string status = ProvisioningText.ConnectStatusName(result.Status);
            bool refused = result.Status == MqttConnectStatus.ServerNotTrusted || result.Status == MqttConnectStatus.NotAuthorized
                || result.Status == MqttConnectStatus.BadCredentials;

            // A mutual-TLS broker that rejects our certificate (revoked, CA rotated) ends the handshake with an alert, which
            // adapters report as TlsFailed: for checkpointed credentials that is a refusal too (the stale rule, below,
            // falls back to the old broker if the new activation fails, so an outage cannot destroy a working one).
            bool staleSign = refused || result.Status == MqttConnectStatus.TlsFailed;
            if (staleSign && _brokerFromCheckpoint && !_reactivating)
            {
                return StaleCheckpointRetry("the broker refused the checkpointed credentials (" + status + ")");
            }

            if (_brokerFromCheckpoint && !_reactivating)
            {
                ProvisioningState stale = UnreachableCheckpoint(result.Status, status);
                if (stale != ProvisioningState.Boot)
                {
                    return stale;
                }
            }

            if (result.Status == MqttConnectStatus.ServerNotTrusted)
            {
                return Fail(FailureReason.UntrustedServer, "the broker " + _broker.Host + " is not trusted by "
                    + (_broker.CaCertificate != null ? "the delivered ca_certificate" : "the trust anchor") + " (" + status + ")");
            }

            string why = "broker connect failed (" + status + ")";
            if (IsPersistent)
            {
                _detail = why;
                _retrying = true;
                return ProvisioningState.Reconnecting;
            }

            FailureReason exhausted = refused ? FailureReason.ActivationRefused : FailureReason.RetriesExhausted;
            return Backoff(exhausted, why) ? ProvisioningState.ConnectBroker : Failed();
        }

        // A checkpointed broker that keeps refusing us may be stale (the device was removed and re-added elsewhere, the broker's
        // CA changed). After the attempt limit the device tries a fresh activation (within the deadline) WITHOUT deleting the
        // checkpoint: new broker data replaces it; if the activation fails, Failed() returns to the checkpointed broker.
        private ProvisioningState StaleCheckpointRetry(string why)
        {
            _staleFailures++;
            int limit = _settings.RetryMaxAttempts > 0 ? _settings.RetryMaxAttempts : DefaultStaleLimit;
            if (_staleFailures < limit)
            {
                _detail = why;
                _retrying = true;
                return ProvisioningState.Reconnecting;
            }

            _staleBroker = _broker;
            _broker = null;
            _reactivating = true;
            _deadline.Restart();
            _detail = why + " " + _staleFailures.ToString() + " times; trying a new activation";
            return _settings.LocalGateway ? ProvisioningState.ProbeLocalGateway : ProvisioningState.ConnectDiscovery;
        }

        // Network errors only (no answer at all): a broker that answers, even with a refusal or "busy", is reachable. Returns
        // Boot when the rule does not apply yet, otherwise the stale rule's next state (a fresh activation; Failed() falls
        // back to the checkpointed broker if that fails). The time bound keeps a briefly offline broker from triggering it.
        private ProvisioningState UnreachableCheckpoint(MqttConnectStatus result, string status)
        {
            bool unreachable = result == MqttConnectStatus.NetworkError || result == MqttConnectStatus.Timeout
                || result == MqttConnectStatus.HostNotFound;
            if (!unreachable)
            {
                _unreachableFailures = 0;
                _unreachableSinceMs = -1;
                return ProvisioningState.Boot;
            }

            long now = _clock.NowMs;
            if (_unreachableSinceMs < 0)
            {
                _unreachableSinceMs = now;
            }

            _unreachableFailures++;
            int limit = _settings.RetryMaxAttempts > 0 ? _settings.RetryMaxAttempts : DefaultStaleLimit;
            long down = now - _unreachableSinceMs;
            if (down < UnreachableStaleMs || _unreachableFailures < limit)
            {
                return ProvisioningState.Boot;
            }

            _detail = "the checkpointed broker was unreachable (" + status + ") for " + ProvisioningText.Seconds(down) + ", "
                + _unreachableFailures.ToString() + " attempts; trying a new activation";
            _unreachableFailures = 0;
            _unreachableSinceMs = -1;
            _staleBroker = _broker;
            _broker = null;
            _reactivating = true;
            _deadline.Restart();
            return _settings.LocalGateway ? ProvisioningState.ProbeLocalGateway : ProvisioningState.ConnectDiscovery;
        }

        private ProvisioningState OnAwaitTopics()
        {
            Mqtt2GoMessage report;
            Reply reply = AwaitReply(_topicsTopic, TopicsReport, out report);
            if (reply == Reply.Response)
            {
                string error;
                string[] topics = _codec.ParseTopics(report, out error);
                if (topics != null && !Messages.Topics.IsValidTopicName(topics[0]))
                {
                    topics = null;
                    error = "the first topic (the device topic) must not contain wildcards";
                }

                if (topics != null)
                {
                    _checkpoints.WriteTopics(topics);
                    Topics = topics;
                    _detail = topics.Length.ToString() + " topics, device topic " + topics[0];
                    return ProvisioningState.SubscribeTopics;
                }

                return Backoff(FailureReason.InvalidResponse, "invalid topics: " + error) ? RetryRequestState(ProvisioningState.AwaitTopics) : Failed();
            }

            if (reply == Reply.Lost)
            {
                return ConnectionLost("broker connection lost while waiting for topics (" + _inbox.LostReason + ")");
            }

            string why = reply == Reply.Error
                ? "the broker answered error '" + _codec.ParseErrorReason(report) + "' to GET_DEVICE_TOPICS"
                : reply == Reply.Refused ? "the broker refused the subscription to " + _topicsTopic
                : "no topics within " + ProvisioningText.Seconds(_settings.TimeoutMs) + " (the controller may not have named the device yet)";
            FailureReason exhausted = _invalidSeen ? FailureReason.InvalidResponse : FailureReason.RetriesExhausted;
            return Backoff(exhausted, why) ? RetryRequestState(ProvisioningState.AwaitTopics) : Failed();
        }

        private ProvisioningState OnSubscribeTopics()
        {
            // MQTT2GO step 13; also the re-subscription after every reconnect (clean session: the broker forgot them).
            _device.Attach(Topics);
            if (!_ports.Mqtt.Subscribe(Topics) || !_device.PublishOnline() || !_device.PublishState())
            {
                return ConnectionLost("the connection closed while subscribing");
            }

            _everOperational = true;
            _brokerFromCheckpoint = true;
            _nextPeriodicMs = _clock.NowMs + (long)_settings.StatusIntervalSeconds * 1000;
            _detail = "subscribed to " + Topics.Length.ToString() + " topics";
            return ProvisioningState.Operational;
        }

        private ProvisioningState OnOperational()
        {
            long now = _clock.NowMs;
            long until = _nextPeriodicMs < _runUntilMs ? _nextPeriodicMs : _runUntilMs;
            InboxMessage message = _inbox.Take(until > now ? (int)(until - now > int.MaxValue ? int.MaxValue : until - now) : 0);
            if (message != null)
            {
                if (message.IsSubscriptionRefused)
                {
                    _log.Write(LogLevel.Warning, "operational: the broker refused the subscription to " + message.Topic);
                    if (Topics != null && message.Topic == Topics[0])
                    {
                        // Without its device topic the device is deaf while it still looks online (its topics were changed or
                        // revoked while it was away): forget them and ask GET_DEVICE_TOPICS again on a fresh session.
                        _checkpoints.ClearTopics();
                        Topics = null;
                        _detail = "the broker refused the device topic; asking for the topics again";
                        return ProvisioningState.Reconnecting;
                    }

                    return ProvisioningState.Operational;
                }

                if (_device.Handle(message.Topic, message.Payload) == CommandOutcome.RemoveRequested)
                {
                    return RemoveDevice();
                }

                return ProvisioningState.Operational;
            }

            if (_inbox.ConnectionLost || !_ports.Mqtt.IsConnected)
            {
                _detail = "connection lost (" + (_inbox.LostReason == null ? "not connected" : _inbox.LostReason) + ")";
                return ProvisioningState.Reconnecting;
            }

            if (_clock.NowMs >= _nextPeriodicMs)
            {
                _device.PublishPeriodic();
                _nextPeriodicMs = _clock.NowMs + (long)_settings.StatusIntervalSeconds * 1000;
            }

            return ProvisioningState.Operational;
        }

        private ProvisioningState OnReconnecting()
        {
            // Jittered backoff before every reconnect, so devices that lost the broker together do not return in a burst.
            _ports.Mqtt.Close();
            int delay = _policy.NextDelayMs(_lastDelayMs);
            _lastDelayMs = delay;
            _clock.Sleep(delay);
            _detail = "reconnecting after " + ProvisioningText.Seconds(delay);
            return ProvisioningState.ConnectBroker;
        }

        private ProvisioningState ConnectionLost(string why)
        {
            if (IsPersistent)
            {
                _detail = why;
                return ProvisioningState.Reconnecting;
            }

            return Backoff(FailureReason.RetriesExhausted, why) ? ProvisioningState.ConnectBroker : Failed();
        }

        private ProvisioningState RemoveDevice()
        {
            // Profile: remove_device is answered, then the activation is wiped (broker and topics; Wi-Fi stays) and
            // provisioning starts again.
            _ports.Mqtt.Close();
            _checkpoints.ClearActivation();
            ForgetActivation();
            _detail = "remove_device: activation wiped, provisioning restarts";
            return ProvisioningState.Boot;
        }
    }
}
