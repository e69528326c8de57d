namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>Lets an MQTT adapter report each connection's loss at most once, and never the loss of a connection it has
    /// already closed or replaced.</summary>
    /// <remarks>
    /// nanoFramework.M2Mqtt raises ConnectionClosed twice for one MQTT 5 server DISCONNECT: once when its dispatch thread
    /// handles the DISCONNECT packet, and again after it closes the channel (nanoframework/nanoFramework.m2mqtt v5.1.220:
    /// M2Mqtt/MqttClient.cs DispatchEventThread, case MqttMessageType.Disconnect → OnConnectionClosed, then
    /// "_isConnectionClosing" → Close(); OnConnectionClosed()). The second call can come late, after the machine has closed
    /// that client and reset its inbox for the next connection; passed on, it would mark the new connection as lost.
    /// Thread-safe: the adapter calls <see cref="Opened"/>/<see cref="Closed"/> on the machine's thread and
    /// <see cref="ShouldReport"/> on the client's event thread.
    /// </remarks>
    public sealed class ConnectionLossFilter
    {
        private readonly object _sync = new object();
        private object _current;
        private bool _reported;

        /// <summary>Makes connection the current one; its first loss will be reported.</summary>
        public void Opened(object connection)
        {
            lock (_sync)
            {
                _current = connection;
                _reported = false;
            }
        }

        /// <summary>Forgets the current connection (closed by the device): nothing it raises later is reported.</summary>
        public void Closed()
        {
            lock (_sync)
            {
                _current = null;
            }
        }

        /// <summary>True exactly once per current connection; false for repeats, closed, replaced or unknown connections.</summary>
        public bool ShouldReport(object connection)
        {
            lock (_sync)
            {
                if (connection == null || !ReferenceEquals(connection, _current) || _reported)
                {
                    return false;
                }

                _reported = true;
                return true;
            }
        }
    }
}
