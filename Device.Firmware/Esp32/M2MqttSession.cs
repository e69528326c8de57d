using System;
using System.Collections;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>One MQTT-over-TLS session on nanoFramework.M2Mqtt 5.1.220; a new MqttClient per Connect, disposed by Close.</summary>
    /// <remarks>
    /// Sources (nanoframework/nanoFramework.m2mqtt 8208787 = v5.1.220): M2Mqtt/MqttClient.cs, M2Mqtt/Net/MqttNetworkChannel.cs,
    /// M2Mqtt/MqttSettings.cs, nanoFramework.M2Mqtt.Core/*.
    /// - The MqttClient constructor resolves the host (Dns.GetHostEntry in the MqttNetworkChannel constructor) and caches the
    ///   address, so the client is created inside Connect, when the network is up, and never reused for another host.
    /// - The host string is also the TLS target name (SslStream.AuthenticateAsClient(remoteHostName, ...)): when the core
    ///   passes an IP literal, the server certificate must carry that IP for the name check.
    /// - MqttSettings is a process-wide singleton (MqttSettings.Instance); ValidateServerCertificate stays at its default true.
    /// - Only one session exists at a time: Connect closes the previous client first (an ESP32 without PSRAM has native heap
    ///   for one TLS session, reference §13).
    /// - With no client certificate the channel sets SslStream.UseStoredDeviceCertificate, so a device certificate stored in
    ///   the nanoFramework config block (nanoff --networkdeployment) would be presented; this project stores none.
    /// - CONNACK wait is M2Mqtt's fixed 30 s (MqttSettings.DefaultTimeout, not settable); request.TimeoutMs cannot shorten it.
    /// - Events (PUBLISH received, connection closed) arrive on M2Mqtt's DispatchEventThread and are forwarded to the listener,
    ///   which only enqueues; events of a client that was already replaced or closed are dropped.
    /// - ConnectionClosed comes twice for one MQTT 5 server DISCONNECT (MqttClient.DispatchEventThread: once for the packet,
    ///   once after closing); ConnectionLossFilter passes the first and nothing after Close, under the same lock as Close.
    /// - Waits that are bounded, and by what: DNS by lwIP's resolver retries, the TCP connect by lwIP's SYN retries
    ///   (CONFIG_LWIP_TCP_SYNMAXRTX, MqttNetworkChannel has no connect timeout), CONNACK by M2Mqtt's 30 s.
    ///   The TLS handshake is NOT bounded: since nf-interpreter #3468 it runs blocking inside the native SecureConnect
    ///   (src/PAL/COM/sockets/ssl/MbedTLS/ssl_connect_internal.cpp: socket set to blocking, mbedtls_ssl_handshake loop,
    ///   mbedtls_net_recv_timeout with no read timeout configured), and the interpreter thread with it: a server that accepts
    ///   TCP but never answers the handshake freezes every managed thread (LED, button, deadlines) until the TCP connection
    ///   dies. Nothing managed can interrupt it; the recovery is the task watchdog of the WPS image (docs/board-verification.md).
    /// </remarks>
    public sealed class M2MqttSession : IMqttSession
    {
        private readonly ILog _log;
        private readonly object _sync = new object();
        private readonly ConnectionLossFilter _lossFilter = new ConnectionLossFilter();
        private IMqttListener _listener;
        private MqttClient _client;

        // SUBSCRIBE message id -> its topics, so a refusal in the SUBACK can be reported per topic.
        private readonly Hashtable _pendingSubscriptions = new Hashtable();

        /// <summary>Creates the session; nothing is opened until Connect.</summary>
        public M2MqttSession(ILog log)
        {
            _log = log;
        }

        /// <summary>True while the current client reports a connection.</summary>
        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        /// <summary>Sets who receives messages and connection loss.</summary>
        public void SetListener(IMqttListener listener)
        {
            _listener = listener;
        }

        /// <summary>Closes any previous client, then resolves, connects TCP + TLS 1.2, sends CONNECT and waits for CONNACK.</summary>
        public MqttConnectResult Connect(MqttConnectRequest request)
        {
            Close();
            if (request == null || request.Host == null || request.Host.Length == 0 || request.ClientId == null)
            {
                return new MqttConnectResult(MqttConnectStatus.Refused, 0, "incomplete connect request");
            }

            X509Certificate caCertificate;
            X509Certificate clientCertificate;
            try
            {
                // X509Certificate(byte[]) parses DER natively at construction (System.Net 713b02c: X509Certificates/X509Certificate.cs).
                caCertificate = request.CaCertificate == null ? null : new X509Certificate(request.CaCertificate);
            }
            catch (Exception ex)
            {
                return new MqttConnectResult(MqttConnectStatus.TlsFailed, 0, "trust anchor does not parse: " + ex.GetType().Name);
            }

            try
            {
                clientCertificate = CreateClientCertificate(request);
            }
            catch (Exception ex)
            {
                // DecodePrivateKeyNative fails with CLR_E_INVALID_PARAMETER (ArgumentException) when mbedtls_pk_parse_key refuses the key.
                return new MqttConnectResult(MqttConnectStatus.TlsFailed, 0, "client certificate or key rejected: " + ex.GetType().Name);
            }

            MqttClient client;
            try
            {
                // MqttSslProtocols.TLSv1_2 maps to SslProtocols.Tls12 (MqttNetworkChannel.cs MqttSslUtility); None would mean
                // TLS 1.3 only on current firmware (nf-interpreter ssl_generic_init_internal.cpp: min = max = TLS 1.3 by default).
                client = new MqttClient(request.Host, request.Port, true, caCertificate, clientCertificate, MqttSslProtocols.TLSv1_2);
            }
            catch (SocketException ex)
            {
                return new MqttConnectResult(MqttConnectStatus.HostNotFound, ex.ErrorCode, "host did not resolve, socket error " + ex.ErrorCode.ToString());
            }
            catch (Exception)
            {
                // MqttNetworkChannel throws Exception("No address found for the remote host name").
                return new MqttConnectResult(MqttConnectStatus.HostNotFound, 0, "host did not resolve");
            }

            client.ProtocolVersion = request.Protocol == MqttProtocol.V5 ? MqttProtocolVersion.Version_5 : MqttProtocolVersion.Version_3_1_1;
            client.MqttMsgPublishReceived += OnPublishReceived;
            client.MqttMsgSubscribed += OnSubscribed;
            client.ConnectionClosed += OnConnectionClosed;
            lock (_sync)
            {
                _client = client;
                _lossFilter.Opened(client);
            }

            MqttConnectResult result = ConnectClient(client, request);
            if (!result.IsSuccess)
            {
                Close();
            }

            return result;
        }

        /// <summary>Queues a SUBSCRIBE at QoS 1 for all topics; returns false when not connected or the client refused.</summary>
        public bool Subscribe(string[] topics)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected || topics == null || topics.Length == 0)
            {
                return false;
            }

            MqttQoSLevel[] levels = new MqttQoSLevel[topics.Length];
            for (int i = 0; i < levels.Length; i++)
            {
                levels[i] = MqttQoSLevel.AtLeastOnce;
            }

            try
            {
                // Not awaited (pipelined), but remembered: the SUBACK is raised on M2Mqtt's dispatch thread
                // (MqttClient.OnMqttMsgSubscribed), which takes the same lock, so it cannot overtake this insert.
                lock (_sync)
                {
                    ushort id = client.Subscribe(topics, levels);
                    _pendingSubscriptions[id] = topics;
                }

                return true;
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Warning, "mqtt: subscribe refused by the client: " + ex.GetType().Name);
                return false;
            }
        }

        /// <summary>Queues a PUBLISH at QoS 1; returns false when not connected or the client refused.</summary>
        public bool Publish(string topic, byte[] payload, bool retain)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }

            try
            {
                // Publish(topic, message, contentType, userProperties, qos, retain): contentType and user properties are v5 only
                // and must stay null under 3.1.1 (MqttClient.ComposeMqttMsgPublish throws NotSupportedException otherwise).
                client.Publish(topic, payload, null, null, MqttQoSLevel.AtLeastOnce, retain);
                return true;
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Warning, "mqtt: publish refused by the client: " + ex.GetType().Name);
                return false;
            }
        }

        /// <summary>Sends DISCONNECT when connected, then disposes the client; safe to call twice.</summary>
        public void Close()
        {
            MqttClient client;
            lock (_sync)
            {
                client = _client;
                _client = null;

                // From here on nothing this client raises reaches the listener (the late second ConnectionClosed included).
                _lossFilter.Closed();
            }

            if (client == null)
            {
                return;
            }

            // Detach first: our own close must not be reported as a lost connection.
            client.MqttMsgPublishReceived -= OnPublishReceived;
            client.MqttMsgSubscribed -= OnSubscribed;
            client.ConnectionClosed -= OnConnectionClosed;
            lock (_sync)
            {
                _pendingSubscriptions.Clear();
            }

            if (client.IsConnected)
            {
                try
                {
                    // A normal DISCONNECT: the broker discards the will (MQTT-3.1.2-8 / MQTT 5 reason 0x00).
                    client.Disconnect();
                }
                catch (Exception ex)
                {
                    _log.Write(LogLevel.Debug, "mqtt: DISCONNECT not sent: " + ex.GetType().Name);
                }
            }

            try
            {
                // Dispose = mark closing + Close(): stops the worker threads (bounded joins) and closes SslStream and socket.
                client.Dispose();
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Debug, "mqtt: dispose reported " + ex.GetType().Name);
            }
        }

        private MqttConnectResult ConnectClient(MqttClient client, MqttConnectRequest request)
        {
            // M2Mqtt refuses a will without topic or with an empty message, and will fields without the will flag
            // (MqttMsgConnect.GetBytes: MqttClientErrorCode.WillWrong), so a will is sent only when both are present.
            bool willFlag = request.WillTopic != null && request.WillTopic.Length > 0 && request.WillPayload != null && request.WillPayload.Length > 0;
            string willTopic = willFlag ? request.WillTopic : null;

            // The will message is a string in this API; MQTT2GO payloads are UTF-8 JSON, so the round trip is lossless.
            string willMessage = willFlag ? Encoding.UTF8.GetString(request.WillPayload, 0, request.WillPayload.Length) : null;
            int keepAlive = request.KeepAliveSeconds < 0 ? 0 : (request.KeepAliveSeconds > 65535 ? 65535 : request.KeepAliveSeconds);

            MqttReasonCode code;
            try
            {
                code = client.Connect(
                    request.ClientId,
                    request.Username,
                    request.Password,
                    willFlag && request.WillRetain,
                    MqttQoSLevel.AtLeastOnce,
                    willFlag,
                    willTopic,
                    willMessage,
                    request.CleanSession,
                    (ushort)keepAlive);
            }
            catch (MqttConnectionException ex)
            {
                return TlsFailure.FromConnectFailure(ex.InnerException);
            }
            catch (MqttCommunicationException)
            {
                return new MqttConnectResult(MqttConnectStatus.Timeout, 0, "no CONNACK within 30 s");
            }
            catch (MqttClientException ex)
            {
                return new MqttConnectResult(MqttConnectStatus.Refused, (int)ex.ErrorCode, "CONNECT not encodable, M2Mqtt error " + ((int)ex.ErrorCode).ToString());
            }
            catch (Exception ex)
            {
                return new MqttConnectResult(MqttConnectStatus.NetworkError, 0, "connect failed: " + ex.GetType().Name);
            }

            return FromReasonCode(code);
        }

        private static X509Certificate CreateClientCertificate(MqttConnectRequest request)
        {
            if (request.ClientCertificate == null)
            {
                return null;
            }

            if (request.ClientKey == null)
            {
                // A certificate without its key cannot authenticate; send none rather than fail the handshake locally.
                return null;
            }

            // X509Certificate2(byte[] rawData, byte[] key, string password) keeps the key bytes as they are (DER works; PEM
            // would need a trailing NUL) and validates them with mbedtls_pk_parse_key; the native TLS init reads _privateKey only
            // from an X509Certificate2 (System.Net 713b02c: X509Certificates/X509Certificate2.cs; nf-interpreter
            // sys_net_native_System_Net_Security_SslNative.cpp InitHelper). null = the key is not encrypted.
            return new X509Certificate2(request.ClientCertificate, request.ClientKey, null);
        }

        private static MqttConnectResult FromReasonCode(MqttReasonCode code)
        {
            // MQTT 3.1.1 return codes 0x01-0x05 and MQTT 5 reason codes 0x80-0xA2 (nanoFramework.M2Mqtt.Core/Messages/MqttReasonCode.cs).
            int raw = (int)code;
            switch (code)
            {
                case MqttReasonCode.Success:
                    return new MqttConnectResult(MqttConnectStatus.Success, raw, "connected");
                case MqttReasonCode.ConnectionRefusedBadUserNameOrPassword:
                case MqttReasonCode.BadUserNameOrPassword:
                    return new MqttConnectResult(MqttConnectStatus.BadCredentials, raw, "CONNACK: bad user name or password");
                case MqttReasonCode.ConnectionRefusedNotAuthorized:
                case MqttReasonCode.NotAuthorized:
                case MqttReasonCode.Banned:
                    return new MqttConnectResult(MqttConnectStatus.NotAuthorized, raw, "CONNACK: not authorized");
                case MqttReasonCode.ConnectionRefusedServerUnavailable:
                case MqttReasonCode.ServerUnavailable:
                case MqttReasonCode.ServerBusy:
                case MqttReasonCode.ConnectionRateExceeded:
                    return new MqttConnectResult(MqttConnectStatus.ServerUnavailable, raw, "CONNACK: server unavailable or busy");
                default:
                    return new MqttConnectResult(MqttConnectStatus.Refused, raw, "CONNACK refused, code 0x" + raw.ToString("X2"));
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            IMqttListener listener = _listener;
            if (listener == null || !ReferenceEquals(sender, _client))
            {
                return;
            }

            // nanoFramework strings end at the first NUL (docs/nanoclr.md): a payload with a NUL byte is dropped here,
            // before the core decodes it, with the reason in the log (Core/Messages/NulBytes.cs). The topic arrives already
            // decoded by M2Mqtt; brokers refuse a topic with U+0000 (MQTT 3.1.1 §1.5.3, MQTT 5 §1.5.4).
            int nul = NulBytes.IndexOf(e.Message);
            if (nul >= 0)
            {
                _log.Write(LogLevel.Warning, "mqtt: message on " + Topics.ForLog(e.Topic) + " dropped: payload has a NUL byte at offset " + nul);
                return;
            }

            listener.OnMessage(e.Topic, e.Message);
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            // MqttMsgSubscribedEventArgs { ushort MessageId; MqttQoSLevel[] GrantedQoSLevels } holds the raw SUBACK codes
            // (nanoFramework.M2Mqtt.Core/Messages/MqttMsgSubscribedEventArgs.cs): 0x80 refuses in 3.1.1 (MqttQoSLevel.GrantedFailure),
            // any reason code from 0x80 up refuses in MQTT 5 (0x87 NotAuthorized from an ACL).
            IMqttListener listener = _listener;
            string[] topics;
            lock (_sync)
            {
                topics = _pendingSubscriptions[e.MessageId] as string[];
                _pendingSubscriptions.Remove(e.MessageId);
            }

            if (listener == null || topics == null || e.GrantedQoSLevels == null || !ReferenceEquals(sender, _client))
            {
                return;
            }

            for (int i = 0; i < topics.Length && i < e.GrantedQoSLevels.Length; i++)
            {
                if ((int)e.GrantedQoSLevels[i] >= 0x80)
                {
                    listener.OnSubscriptionRefused(topics[i]);
                }
            }
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            IMqttListener listener = _listener;
            if (listener == null)
            {
                return;
            }

            // Under the lock Close takes, so a report cannot slip in between Close and the next connection; the listener only
            // enqueues, so holding the lock here is short.
            lock (_sync)
            {
                if (!_lossFilter.ShouldReport(sender))
                {
                    return;
                }

                listener.OnConnectionLost("connection closed by the broker or the network");
            }
        }
    }
}
