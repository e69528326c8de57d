namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>Result of a Wi-Fi join; carries the credentials WPS delivered.</summary>
    public sealed class WifiJoinResult
    {
        /// <summary>Creates a result.</summary>
        public WifiJoinResult(WifiJoinStatus status, WifiCredentials credentials, string detail)
        {
            Status = status;
            Credentials = credentials;
            Detail = detail;
        }

        /// <summary>Outcome.</summary>
        public WifiJoinStatus Status { get; private set; }

        /// <summary>The credentials used or received by WPS; null on failure.</summary>
        public WifiCredentials Credentials { get; private set; }

        /// <summary>Human-readable detail without secrets.</summary>
        public string Detail { get; private set; }

        /// <summary>True when connected.</summary>
        public bool IsConnected { get { return Status == WifiJoinStatus.Connected; } }
    }
}
