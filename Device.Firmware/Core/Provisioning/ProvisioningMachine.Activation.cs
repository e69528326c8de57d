using Mqtt2Go.Device.Core.Mdns;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>States ProbeLocalGateway, ConnectLocalGateway, AwaitCredentials, ConnectDiscovery and AwaitBrokerData.</summary>
    public sealed partial class ProvisioningMachine
    {
        private const string CredentialsReport = "mqtt_credentials";

        private enum Reply
        {
            Timeout = 0,
            Response = 1,
            Error = 2,
            Lost = 3,
            Refused = 4,
            Gateway = 5
        }

        // Fast first boot: the first mDNS query gets a short head start (RFC 6762 §6 responders answer within 20-120 ms),
        // then the remote flow starts while the probe keeps listening for the rest of its budget (it is only UDP; the one
        // TLS session at a time is still the rule). A gateway that answers before the broker data arrives wins: the
        // Discovery session is closed and the local branch taken. Once the broker data is in, the probe stops.
        private ProvisioningState OnProbeLocalGateway()
        {
            if (_ports.Mdns == null)
            {
                _detail = "no mDNS transport; using Discovery";
                return ProvisioningState.ConnectDiscovery;
            }

            _probe.Begin(_ports.Mdns, _clock);
            LocalGatewayAnswer answer = _probe.Poll(_settings.MdnsHeadStartMs);
            if (answer == null)
            {
                _detail = "no local gateway within " + _settings.MdnsHeadStartMs.ToString() + " ms; using Discovery while mDNS keeps listening for "
                    + ProvisioningText.Seconds(_probe.BudgetMs);
                return ProvisioningState.ConnectDiscovery;
            }

            _gateway = answer;
            if (_gateway.Found)
            {
                _detail = "local gateway " + _gateway.HostName + " at " + _gateway.Address + ":" + _gateway.Port.ToString()
                    + " after " + ProvisioningText.Seconds(_gateway.ElapsedMs);
                return ProvisioningState.ConnectLocalGateway;
            }

            _detail = "no local gateway (" + _gateway.Reason + "); using Discovery";
            return ProvisioningState.ConnectDiscovery;
        }

        // Ends the mDNS probe of the remote flow and forgets a gateway it found during a backoff.
        private void StopLocalGatewayProbe()
        {
            if (_probe != null)
            {
                _probe.End();
            }

            _gatewayWaiting = false;
        }

        private bool ProbeListening
        {
            get { return _probe != null && _probe.IsListening; }
        }

        // True when the mDNS probe, still listening during the remote flow, has just found a gateway (then _gateway holds it).
        private bool GatewayAnswered()
        {
            if (!ProbeListening)
            {
                return false;
            }

            LocalGatewayAnswer answer = _probe.Poll(0);
            if (answer == null)
            {
                return false;
            }

            if (!answer.Found)
            {
                _log.Write(LogLevel.Debug, "mdns: no local gateway (" + answer.Reason + ")");
                return false;
            }

            _gateway = answer;
            return true;
        }

        private ProvisioningState SwitchToGateway()
        {
            // ConnectLocalGateway closes the Discovery session before it opens the gateway's (BaseRequest).
            _detail = "local gateway " + _gateway.HostName + " at " + _gateway.Address + ":" + _gateway.Port.ToString()
                + " answered after " + ProvisioningText.Seconds(_gateway.ElapsedMs) + ", before the broker data: leaving Discovery";
            return ProvisioningState.ConnectLocalGateway;
        }

        // A wait of the remote flow that also listens to mDNS while the probe is open; true when a gateway answered.
        private bool SleepListening(int delayMs)
        {
            if (!ProbeListening)
            {
                _clock.Sleep(delayMs);
                return false;
            }

            long end = _clock.NowMs + delayMs;
            while (ProbeListening)
            {
                long remaining = end - _clock.NowMs;
                if (remaining <= 0)
                {
                    return false;
                }

                LocalGatewayAnswer answer = _probe.Poll((int)remaining);
                if (answer != null && answer.Found)
                {
                    _gateway = answer;
                    return true;
                }
            }

            long left = end - _clock.NowMs;
            if (left > 0)
            {
                _clock.Sleep((int)left);
            }

            return false;
        }

        private ProvisioningState OnConnectLocalGateway()
        {
            MqttConnectResult result = _ports.Mqtt.Connect(FactoryRequest(GatewayHost(), _gateway.Port));
            if (result.IsSuccess)
            {
                return SendRequest(_codec.EncodeCredentialsRequest(Timestamp()), ProvisioningState.AwaitCredentials, ProvisioningState.ConnectLocalGateway);
            }

            string why = "local gateway connect failed (" + ProvisioningText.ConnectStatusName(result.Status) + ")";
            return LocalGatewayRetry(why, ProvisioningState.ConnectLocalGateway, result.Status == MqttConnectStatus.ServerNotTrusted);
        }

        private ProvisioningState OnAwaitCredentials()
        {
            Mqtt2GoMessage report;
            Reply reply = AwaitReply(_activationTopic, CredentialsReport, out report);
            if (reply == Reply.Response)
            {
                string error;
                BrokerData data = _codec.ParseGatewayCredentials(report, GatewayHost(), _gateway.Port, out error);
                string problem = data == null ? error : BrokerDataCheck.Problem(data, _identity.DeviceId, _ports.Certificates, _clock);
                if (problem == null)
                {
                    return Activated(data, "credentials from the local gateway");
                }

                return LocalGatewayRetry("invalid credentials from the local gateway: " + problem, ProvisioningState.AwaitCredentials, false);
            }

            if (reply == Reply.Error)
            {
                string reason = _codec.ParseErrorReason(report);
                if (IsTerminalReason(reason))
                {
                    return Fail(FailureReason.ActivationExpired, "the local gateway reports the activation as " + reason
                        + ": add the device again in the controller");
                }

                return LocalGatewayRetry("the local gateway answered error '" + reason + "'", ProvisioningState.AwaitCredentials, false);
            }

            string why = reply == Reply.Lost ? "local gateway connection lost"
                : reply == Reply.Refused ? "the local gateway refused the subscription to the activation topic (not added by its controller yet?)"
                : "no credentials from the local gateway within " + ProvisioningText.Seconds(_settings.TimeoutMs);
            return LocalGatewayRetry(why, ProvisioningState.AwaitCredentials, false);
        }

        private ProvisioningState OnConnectDiscovery()
        {
            if (_gatewayWaiting || GatewayAnswered())
            {
                _gatewayWaiting = false;
                return SwitchToGateway();
            }

            MqttConnectResult result = _ports.Mqtt.Connect(FactoryRequest(_identity.DiscoveryHost, _identity.DiscoveryPort));
            if (result.IsSuccess)
            {
                return SendRequest(_codec.EncodeBrokerDataRequest(Timestamp()), ProvisioningState.AwaitBrokerData, ProvisioningState.ConnectDiscovery);
            }

            string status = ProvisioningText.ConnectStatusName(result.Status);
            if (result.Status == MqttConnectStatus.ServerNotTrusted)
            {
                return Fail(FailureReason.UntrustedServer, "the Discovery server's certificate does not chain to the trust anchor (" + status + ")");
            }

            if (result.Status == MqttConnectStatus.NotAuthorized || result.Status == MqttConnectStatus.BadCredentials)
            {
                // Transient: the controller may not have added the device yet (MQTT2GO steps 1-2 run in parallel with ours).
                return Backoff(FailureReason.ActivationRefused, "Discovery refused the device (" + status + "); the controller may not have added it yet")
                    ? ProvisioningState.ConnectDiscovery
                    : Failed();
            }

            return Backoff(FailureReason.RetriesExhausted, "Discovery connect failed (" + status + ")") ? ProvisioningState.ConnectDiscovery : Failed();
        }

        private ProvisioningState OnAwaitBrokerData()
        {
            Mqtt2GoMessage report;
            Reply reply = AwaitReply(_activationTopic, CredentialsReport, out report);
            if (reply == Reply.Gateway)
            {
                return SwitchToGateway();
            }

            if (reply == Reply.Response)
            {
                string error;
                BrokerData data = _codec.ParseBrokerData(report, out error);
                string problem = data == null ? error : BrokerDataCheck.Problem(data, _identity.DeviceId, _ports.Certificates, _clock);
                if (problem == null)
                {
                    return Activated(data, "broker data from Discovery");
                }

                return Backoff(FailureReason.InvalidResponse, "invalid broker data: " + problem)
                    ? RetryRequestState(ProvisioningState.AwaitBrokerData)
                    : Failed();
            }

            if (reply == Reply.Error)
            {
                string reason = _codec.ParseErrorReason(report);
                if (IsTerminalReason(reason))
                {
                    return Fail(FailureReason.ActivationExpired, "Discovery reports the activation code as " + reason
                        + ": add the device again in the controller");
                }

                return Backoff(FailureReason.ActivationRefused, "Discovery answered error '" + reason + "'")
                    ? RetryRequestState(ProvisioningState.AwaitBrokerData)
                    : Failed();
            }

            if (reply == Reply.Refused)
            {
                // The Discovery broker grants <code>/activation only while the entry is pending: transient while the
                // controller has not added the device yet, final once the activation expired or was used.
                return Backoff(FailureReason.ActivationRefused, "Discovery refused the subscription to the activation topic: "
                    + "the activation is not pending (not added by the controller yet, expired, or already used)")
                    ? RetryRequestState(ProvisioningState.AwaitBrokerData)
                    : Failed();
            }

            if (reply == Reply.Lost)
            {
                return Backoff(FailureReason.RetriesExhausted, "Discovery connection lost (" + _inbox.LostReason + ")")
                    ? ProvisioningState.ConnectDiscovery
                    : Failed();
            }

            FailureReason exhausted = _invalidSeen ? FailureReason.InvalidResponse : FailureReason.RetriesExhausted;
            return Backoff(exhausted, "no broker data within " + ProvisioningText.Seconds(_settings.TimeoutMs))
                ? RetryRequestState(ProvisioningState.AwaitBrokerData)
                : Failed();
        }

        // Broker data validated: save the broker checkpoint (atomic in the store), close the activation session (one TLS
        // session at a time), continue at MQTT2GO step 8.
        private ProvisioningState Activated(BrokerData data, string source)
        {
            // Old topics first: a power cut between the two writes must not pair new broker data with the previous
            // broker's topics (the device would subscribe to topics it no longer owns); losing them costs one request.
            _checkpoints.ClearTopics();
            _checkpoints.WriteBroker(data);
            _ports.Mqtt.Close();
            StopLocalGatewayProbe();
            _broker = data;
            _staleBroker = null;
            _reactivating = false;
            _brokerFromCheckpoint = false;
            _brokerFromSettings = false;
            Topics = null;
            _detail = source + ": broker " + data.Host + ":" + data.Port.ToString()
                + (data.CaCertificate != null ? ", own CA" : string.Empty)
                + (data.Login != null ? ", login" : string.Empty)
                + (data.PrivateKey != null ? ", delivered key" : string.Empty);
            return ProvisioningState.ConnectBroker;
        }

        private ProvisioningState LocalGatewayRetry(string why, ProvisioningState retryState, bool fallBackNow)
        {
            if (_deadline.IsExpired)
            {
                return Fail(FailureReason.DeadlineExceeded, "activation deadline of " + ProvisioningText.Seconds(_deadline.DurationMs)
                    + " passed; last problem: " + why);
            }

            // The local gateway is an optimisation: after two attempts, or when it is not trusted, the remote flow takes over.
            if (!fallBackNow && _attempt < LocalGatewayAttempts && _policy.CanRetry(_attempt))
            {
                if (!Backoff(FailureReason.DeadlineExceeded, why))
                {
                    return Failed();
                }

                return retryState == ProvisioningState.AwaitCredentials && !ResendCredentialsRequest()
                    ? ProvisioningState.ConnectLocalGateway
                    : retryState;
            }

            _ports.Mqtt.Close();
            _detail = why + "; falling back to Discovery";
            return ProvisioningState.ConnectDiscovery;
        }

        private bool ResendCredentialsRequest()
        {
            return Resend(_activationTopic, _codec.EncodeCredentialsRequest(Timestamp()));
        }

        // Subscribe again before re-publishing on a live session: a device that reached Discovery (or a gateway) before
        // the controller added it had its first SUBSCRIBE denied by the broker's ACL (SUBACK 0x87, not awaited), so it
        // would never hear the answer to a bare re-publish. Re-subscribing to the same filter is idempotent (MQTT-3.8.4-3).
        private bool Resend(string topic, byte[] request)
        {
            return _ports.Mqtt.IsConnected && !_inbox.ConnectionLost
                && _ports.Mqtt.Subscribe(new string[] { topic })
                && _ports.Mqtt.Publish(topic, request, false);
        }

        // After a backoff on a live session the request is published again on it (no new TLS handshake); otherwise reconnect.
        private ProvisioningState RetryRequestState(ProvisioningState awaitState)
        {
            if (awaitState == ProvisioningState.AwaitBrokerData)
            {
                return Resend(_activationTopic, _codec.EncodeBrokerDataRequest(Timestamp()))
                    ? ProvisioningState.AwaitBrokerData
                    : ProvisioningState.ConnectDiscovery;
            }

            return Resend(_topicsTopic, _codec.EncodeTopicsRequest(Timestamp(), _identity.DeviceType))
                ? ProvisioningState.AwaitTopics
                : ProvisioningState.ConnectBroker;
        }

        // Subscribe, then publish at once without waiting for SUBACK: MQTT orders the PUBLISH after the SUBSCRIBE, so the
        // reply cannot overtake the subscription (anchors §2: one flight).
        private ProvisioningState SendRequest(byte[] request, ProvisioningState awaitState, ProvisioningState retryState)
        {
            string topic = awaitState == ProvisioningState.AwaitTopics ? _topicsTopic : _activationTopic;
            _invalidSeen = false;
            if (_ports.Mqtt.Subscribe(new string[] { topic }) && _ports.Mqtt.Publish(topic, request, false))
            {
                return awaitState;
            }

            return Backoff(FailureReason.RetriesExhausted, "the connection closed before the request was sent") ? retryState : Failed();
        }

        private MqttConnectRequest FactoryRequest(string host, int port)
        {
            // MQTT2GO step 5 / profile: mutual TLS with the factory certificate, user = device id, password = activation code.
            MqttConnectRequest request = BaseRequest(host, port);
            request.Username = _identity.DeviceId;
            request.Password = _identity.ActivationCode;
            request.CaCertificate = _identity.TrustAnchor;
            request.ClientCertificate = _identity.FactoryCertificate;
            request.ClientKey = _identity.FactoryKey;
            return request;
        }

        private MqttConnectRequest BaseRequest(string host, int port)
        {
            // Close before the reset: once the old connection is closed its adapter reports nothing more for it
            // (ConnectionLossFilter), so a late loss report of that connection cannot land in the next connection's inbox.
            _ports.Mqtt.Close();
            _inbox.Reset();
            MqttConnectRequest request = new MqttConnectRequest();
            request.Host = host;
            request.Port = port;
            request.ClientId = _identity.DeviceId;
            request.Protocol = _settings.Protocol;
            request.KeepAliveSeconds = _settings.KeepAliveSeconds;
            request.CleanSession = true;
            request.TimeoutMs = _settings.TimeoutMs;
            return request;
        }

        private string GatewayHost()
        {
            // Connect by address: ".local" names do not resolve through the station's unicast DNS.
            return _gateway.Address != null && _gateway.Address.Length > 0 ? _gateway.Address : _gateway.HostName;
        }

        private static bool IsTerminalReason(string reason)
        {
            return reason == "expired" || reason == "already_used";
        }

        // Waits for the report with reportName on topic, ignoring other topics, echoes of our own command, other report
        // names, invalid payloads and status reports (profile decision 2); bounded by the timeout and the deadline.
        // The inbox drops oversize payloads (over Mqtt2GoCodec.MaxPayloadBytes) and a flood beyond its capacity on the adapter's
        // thread, unread; the drops are logged here, on the machine's thread.
        private void ReportDropped()
        {
            int dropped = _inbox.Dropped;
            if (dropped != _droppedReported)
            {
                _log.Write(LogLevel.Warning, "inbox: dropped " + (dropped - _droppedReported).ToString() + " message(s) unread (over "
                    + Mqtt2GoCodec.MaxPayloadBytes.ToString() + " bytes, or the queue was full)");
                _droppedReported = dropped;
            }
        }

        private Reply AwaitReply(string topic, string reportName, out Mqtt2GoMessage report)
        {
            return AwaitReply(topic, reportName, _settings.TimeoutMs, out report);
        }

        private Reply AwaitReply(string topic, string reportName, int timeoutMs, out Mqtt2GoMessage report)
        {
            report = null;
            int timeout = IsPersistent ? timeoutMs : _deadline.Bound(timeoutMs);
            long end = _clock.NowMs + timeout;
            while (true)
            {
                long remaining = end - _clock.NowMs;
                bool listening = ProbeListening;
                int slice = remaining < 0 ? 0 : (int)remaining;
                if (listening && slice > MdnsListenSliceMs)
                {
                    slice = MdnsListenSliceMs;
                }

                InboxMessage message = _inbox.Take(slice);
                ReportDropped();
                if (message == null)
                {
                    if (listening && GatewayAnswered())
                    {
                        return Reply.Gateway;
                    }

                    if (listening && !_inbox.ConnectionLost && _clock.NowMs < end)
                    {
                        continue;
                    }

                    return _inbox.ConnectionLost ? Reply.Lost : Reply.Timeout;
                }

                if (message.Topic != topic)
                {
                    _log.Write(LogLevel.Debug, "inbox: ignored a message on another topic");
                    continue;
                }

                if (message.IsSubscriptionRefused)
                {
                    // The broker's ACL does not (or no longer) grant this topic: no answer can come on it.
                    return Reply.Refused;
                }

                Mqtt2GoMessage decoded = _codec.Decode(message.Payload);
                if (decoded.Kind == MessageKind.Invalid)
                {
                    _invalidSeen = true;
                    _log.Write(LogLevel.Warning, "inbox: ignored an invalid message: " + decoded.Error);
                    continue;
                }

                if (decoded.Kind != MessageKind.Report)
                {
                    _log.Write(LogLevel.Debug, "inbox: ignored a command (our own echo)");
                    continue;
                }

                if (!decoded.IsReport(reportName))
                {
                    _log.Write(LogLevel.Debug, "inbox: ignored a report with another report_name");
                    continue;
                }

                if (decoded.ReportType == "error")
                {
                    report = decoded;
                    return Reply.Error;
                }

                if (decoded.ReportType == "command_response")
                {
                    report = decoded;
                    return Reply.Response;
                }

                _log.Write(LogLevel.Debug, "inbox: ignored a report of another report_type");
            }
        }
    }
}
