using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>Names of states and reasons for log lines (on nanoFramework an enum's ToString() returns the number).</summary>
    public static class ProvisioningText
    {
        /// <summary>Returns the state's name.</summary>
        public static string StateName(ProvisioningState state)
        {
            switch (state)
            {
                case ProvisioningState.Boot: return "Boot";
                case ProvisioningState.LoadConfiguration: return "LoadConfiguration";
                case ProvisioningState.JoinWifi: return "JoinWifi";
                case ProvisioningState.AwaitWps: return "AwaitWps";
                case ProvisioningState.JoinGuestWifi: return "JoinGuestWifi";
                case ProvisioningState.AwaitWifiCredentials: return "AwaitWifiCredentials";
                case ProvisioningState.OpenAccessPoint: return "OpenAccessPoint";
                case ProvisioningState.AwaitAccessPointCredentials: return "AwaitAccessPointCredentials";
                case ProvisioningState.AwaitClock: return "AwaitClock";
                case ProvisioningState.ProbeLocalGateway: return "ProbeLocalGateway";
                case ProvisioningState.ConnectLocalGateway: return "ConnectLocalGateway";
                case ProvisioningState.AwaitCredentials: return "AwaitCredentials";
                case ProvisioningState.ConnectDiscovery: return "ConnectDiscovery";
                case ProvisioningState.AwaitBrokerData: return "AwaitBrokerData";
                case ProvisioningState.ConnectBroker: return "ConnectBroker";
                case ProvisioningState.AwaitTopics: return "AwaitTopics";
                case ProvisioningState.SubscribeTopics: return "SubscribeTopics";
                case ProvisioningState.Operational: return "Operational";
                case ProvisioningState.Reconnecting: return "Reconnecting";
                case ProvisioningState.Failed: return "Failed";
                default: return "State" + ((int)state).ToString();
            }
        }

        /// <summary>Returns the failure reason's name.</summary>
        public static string ReasonName(FailureReason reason)
        {
            switch (reason)
            {
                case FailureReason.None: return "None";
                case FailureReason.InvalidConfiguration: return "InvalidConfiguration";
                case FailureReason.Disabled: return "Disabled";
                case FailureReason.NoNetwork: return "NoNetwork";
                case FailureReason.WpsFailed: return "WpsFailed";
                case FailureReason.ClockNotSet: return "ClockNotSet";
                case FailureReason.UntrustedServer: return "UntrustedServer";
                case FailureReason.ActivationRefused: return "ActivationRefused";
                case FailureReason.ActivationExpired: return "ActivationExpired";
                case FailureReason.InvalidResponse: return "InvalidResponse";
                case FailureReason.DeadlineExceeded: return "DeadlineExceeded";
                case FailureReason.RetriesExhausted: return "RetriesExhausted";
                case FailureReason.UnsupportedNetwork: return "UnsupportedNetwork";
                default: return "Reason" + ((int)reason).ToString();
            }
        }

        /// <summary>Returns the connect status's name.</summary>
        public static string ConnectStatusName(MqttConnectStatus status)
        {
            switch (status)
            {
                case MqttConnectStatus.Success: return "Success";
                case MqttConnectStatus.HostNotFound: return "HostNotFound";
                case MqttConnectStatus.NetworkError: return "NetworkError";
                case MqttConnectStatus.Timeout: return "Timeout";
                case MqttConnectStatus.ServerNotTrusted: return "ServerNotTrusted";
                case MqttConnectStatus.TlsFailed: return "TlsFailed";
                case MqttConnectStatus.BadCredentials: return "BadCredentials";
                case MqttConnectStatus.NotAuthorized: return "NotAuthorized";
                case MqttConnectStatus.ServerUnavailable: return "ServerUnavailable";
                case MqttConnectStatus.Refused: return "Refused";
                default: return "Status" + ((int)status).ToString();
            }
        }

        /// <summary>Returns the Wi-Fi join status's name.</summary>
        public static string WifiStatusName(WifiJoinStatus status)
        {
            switch (status)
            {
                case WifiJoinStatus.Connected: return "Connected";
                case WifiJoinStatus.WrongPassphrase: return "WrongPassphrase";
                case WifiJoinStatus.NetworkNotFound: return "NetworkNotFound";
                case WifiJoinStatus.Timeout: return "Timeout";
                case WifiJoinStatus.WpsTimeout: return "WpsTimeout";
                case WifiJoinStatus.WpsFailed: return "WpsFailed";
                case WifiJoinStatus.WpsOverlap: return "WpsOverlap";
                case WifiJoinStatus.WpsNotSupported: return "WpsNotSupported";
                case WifiJoinStatus.Failed: return "Failed";
                case WifiJoinStatus.UnsupportedCredentials: return "UnsupportedCredentials";
                default: return "Status" + ((int)status).ToString();
            }
        }

        /// <summary>Formats milliseconds as seconds with one decimal ("1.8 s") without culture-dependent formatting.</summary>
        public static string Seconds(long ms)
        {
            if (ms < 0)
            {
                ms = 0;
            }

            return (ms / 1000).ToString() + "." + ((ms % 1000) / 100).ToString() + " s";
        }
    }
}
