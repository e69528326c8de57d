namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>Outcome of an MQTT connect, bucketed so the core can tell terminal from transient failures.</summary>
    public enum MqttConnectStatus
    {
        /// <summary>CONNACK accepted.</summary>
        Success = 0,
        /// <summary>Host name did not resolve.</summary>
        HostNotFound = 1,
        /// <summary>TCP refused, reset or unreachable.</summary>
        NetworkError = 2,
        /// <summary>No CONNACK within the timeout.</summary>
        Timeout = 3,
        /// <summary>The server certificate did not chain to the trust anchor or did not match the host (wrong CA).</summary>
        ServerNotTrusted = 4,
        /// <summary>TLS failed for another reason (our certificate refused, protocol, clock).</summary>
        TlsFailed = 5,
        /// <summary>CONNACK: bad user name or password.</summary>
        BadCredentials = 6,
        /// <summary>CONNACK: not authorized.</summary>
        NotAuthorized = 7,
        /// <summary>CONNACK: server unavailable or busy.</summary>
        ServerUnavailable = 8,
        /// <summary>Any other refusal.</summary>
        Refused = 9
    }
}
