namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>The station Wi-Fi interface: join by credentials or by WPS push-button.</summary>
    public interface IWifiLink
    {
        /// <summary>Joins the given network and waits up to timeoutMs for an IP address after the association returned.</summary>
        /// <remarks>The association itself is bounded by the platform (nanoCLR: 20 s, WifiJoinBudget); credentials the
        /// platform cannot store are reported as <see cref="WifiJoinStatus.UnsupportedCredentials"/> without a radio call.</remarks>
        WifiJoinResult Join(WifiCredentials credentials, int timeoutMs);

        /// <summary>Joins like <see cref="Join"/> but leaves the network the platform stores (and rejoins after a reboot) as
        /// it was: for the local gateway's guest network, which a reboot must not bring back.</summary>
        WifiJoinResult JoinTemporarily(WifiCredentials credentials, int timeoutMs);

        /// <summary>Leaves the network joined with <see cref="JoinTemporarily"/>; the stored network (if any) stays stored.</summary>
        void LeaveTemporaryNetwork();

        /// <summary>Runs WPS push-button (up to the 120 s walk time) and joins; the result carries the credentials received.</summary>
        WifiJoinResult JoinByWps(int timeoutMs);

        /// <summary>Disconnects and erases the station credentials the platform keeps on its own (factory reset).</summary>
        void Forget();

        /// <summary>True while associated with an IP address.</summary>
        bool IsConnected { get; }
    }
}
