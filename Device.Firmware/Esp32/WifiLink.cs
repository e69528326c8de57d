using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Text;
using System.Threading;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Wps;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>The ESP32 station interface: joins with credentials (writing flash only when they change) or by WPS push-button.</summary>
    /// <remarks>
    /// Why not WifiNetworkHelper.ConnectDhcp: it calls Wireless80211Configuration.SaveConfiguration() on every call, one flash
    /// write per boot (nanoframework/System.Device.Wifi 282a906: System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs
    /// StoreWifiConfiguration). Here the stored station config (nanoFramework config block "WN1" on I:) is written only when
    /// SSID or passphrase differ, with AutoConnect so nanoCLR joins by itself at the next boot; when it already holds these
    /// credentials and the interface has an address, Join returns at once without touching the radio.
    /// WifiAdapter.Connect(string ssid, WifiReconnectionKind, string password) (System.Device.Wifi/WifiAdapter.cs) blocks in
    /// native code up to 20 s for association and does not save the config with WifiReconnectionKind.Automatic: the native
    /// side passes the enum as option bits where 1 = NETWORK_CONNECT_SAVE_CONFIG and Automatic = 0 (nf-interpreter a3e8139:
    /// targets/ESP32/_nanoCLR/System.Device.Wifi/sys_dev_wifi_native_System_Device_Wifi_WifiAdapter.cpp NativeConnect,
    /// targets/ESP32/_common/Target_Network.cpp Network_Interface_Start_Connect, src/PAL/Include/nanoPAL_Sockets.h).
    /// The address check is NetworkHelperInternal.CheckIP's: IPv4Address not starting with '0' (System.Net NetworkHelper).
    /// WPS goes through Mqtt2Go.Device.Wps.WpsClient (Device.Firmware/Wps/Mqtt2Go.Wps, docs/wps-interop.md).
    /// </remarks>
    public sealed class WifiLink : IWifiLink
    {
        /// <summary>How often the address and the WPS session are polled.</summary>
        public const int PollMs = 250;

        /// <summary>How long Join waits for nanoCLR's own boot-time join before reconnecting itself.</summary>
        public const int BootJoinGraceMs = 8000;

        private readonly ILog _log;

        /// <summary>Creates the link; nothing is done until Join or JoinByWps.</summary>
        public WifiLink(ILog log)
        {
            _log = log;
        }

        /// <summary>True while the station interface has an IPv4 address.</summary>
        public bool IsConnected
        {
            get { return HasAddress(FindStationInterface()); }
        }

        /// <summary>Joins the network and waits up to timeoutMs for an address.</summary>
        public WifiJoinResult Join(WifiCredentials credentials, int timeoutMs)
        {
            if (credentials == null || credentials.Ssid == null || credentials.Ssid.Length == 0 || credentials.Ssid.Length > 32)
            {
                return new WifiJoinResult(WifiJoinStatus.Failed, null, "no valid SSID");
            }

            long deadline = Environment.TickCount64 + (timeoutMs < 0 ? 0 : timeoutMs);
            try
            {
                NetworkInterface station = FindStationInterface();
                if (station == null)
                {
                    return new WifiJoinResult(WifiJoinStatus.Failed, null, "no Wi-Fi station interface in this image");
                }

                string passphrase = credentials.Passphrase == null ? string.Empty : credentials.Passphrase;
                bool alreadyStored = EnsureStored(station, credentials.Ssid, passphrase);
                if (alreadyStored)
                {
                    // nanoCLR joins with the stored config by itself at boot (AutoConnect): give it a few seconds before
                    // forcing a reconnect; no radio call and no flash write when it makes it.
                    long bootJoinDeadline = Environment.TickCount64 + BootJoinGraceMs;
                    if (WaitForAddress(bootJoinDeadline < deadline ? bootJoinDeadline : deadline))
                    {
                        return new WifiJoinResult(WifiJoinStatus.Connected, credentials, "joined " + credentials.Ssid + " with the stored configuration");
                    }
                }

                WifiAdapter adapter = WifiAdapter.FindAllAdapters()[0];
                WifiConnectionResult result = adapter.Connect(credentials.Ssid, WifiReconnectionKind.Automatic, passphrase);
                WifiJoinStatus status = FromConnectionStatus(result.ConnectionStatus);
                if (status != WifiJoinStatus.Connected)
                {
                    return new WifiJoinResult(status, null, "association failed: " + DescribeStatus(result.ConnectionStatus));
                }

                if (!WaitForAddress(deadline))
                {
                    return new WifiJoinResult(WifiJoinStatus.Timeout, null, "associated but no DHCP address in time");
                }

                return new WifiJoinResult(WifiJoinStatus.Connected, credentials, "joined " + credentials.Ssid);
            }
            catch (Exception ex)
            {
                // Native Wi-Fi calls report driver errors as exceptions (e.g. the station is disabled in the config block).
                return new WifiJoinResult(WifiJoinStatus.Failed, null, "Wi-Fi driver error: " + ex.GetType().Name);
            }
        }

        /// <summary>Runs WPS push-button until the router answers or timeoutMs passes, then joins with what it delivered.</summary>
        public WifiJoinResult JoinByWps(int timeoutMs)
        {
            if (!WpsClient.IsAvailable())
            {
                _log.Write(LogLevel.Warning, "wifi: WPS not in this firmware image, using stored credentials");
                return new WifiJoinResult(WifiJoinStatus.WpsNotSupported, null, "WPS not in this firmware image");
            }

            long deadline = Environment.TickCount64 + (timeoutMs < 0 ? 0 : timeoutMs);
            try
            {
                // Clears nanoCLR's reconnect flag, which would otherwise call esp_wifi_connect on every disconnect event and
                // fight the WPS scan (docs/wps-interop.md step 2; nf-interpreter targets/ESP32/_Network/NF_ESP32_Wireless.cpp).
                WifiAdapter.FindAllAdapters()[0].Disconnect();
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Warning, "wifi: disconnect before WPS failed: " + ex.GetType().Name);
            }

            int started = WpsClient.Start();
            if (started == WpsClient.StartAlreadyRunning)
            {
                WpsClient.Cancel();
                started = WpsClient.Start();
            }

            if (started != WpsClient.StartOk)
            {
                WpsClient.Cancel();
                return new WifiJoinResult(
                    started == WpsClient.StartNotSupported ? WifiJoinStatus.WpsNotSupported : WifiJoinStatus.WpsFailed,
                    null,
                    "WPS did not start, esp_err 0x" + started.ToString("X"));
            }

            _log.Write(LogLevel.Info, "wifi: WPS started, press the router's WPS button");
            WpsStatus status = WpsClient.Poll();
            while (status == WpsStatus.InProgress && Environment.TickCount64 < deadline)
            {
                Thread.Sleep(PollMs);
                status = WpsClient.Poll();
            }

            if (status != WpsStatus.Success)
            {
                WpsFailReason reason = WpsClient.GetFailReason();
                WpsClient.Cancel();
                return FromWpsStatus(status, reason);
            }

            WifiCredentials received = ReadWpsCredentials();
            WpsClient.Cancel();
            if (received == null)
            {
                return new WifiJoinResult(WifiJoinStatus.WpsFailed, null, "WPS succeeded without a usable credential");
            }

            long remaining = deadline - Environment.TickCount64;
            WifiJoinResult joined = Join(received, remaining < 20000 ? 20000 : (int)remaining);
            if (!joined.IsConnected)
            {
                return joined;
            }

            return new WifiJoinResult(WifiJoinStatus.Connected, received, "joined " + received.Ssid + " by WPS");
        }

        /// <summary>Disconnects and blanks the station entry of the config block (factory reset), one flash write.</summary>
        public void Forget()
        {
            try
            {
                WifiAdapter.FindAllAdapters()[0].Disconnect();
                NetworkInterface station = FindStationInterface();
                if (station != null)
                {
                    // Same lookup as EnsureStored; Options None keeps nanoCLR from auto-joining the erased network.
                    Wireless80211Configuration config = Wireless80211Configuration.GetAllWireless80211Configurations()[station.SpecificConfigId];
                    config.Ssid = string.Empty;
                    config.Password = string.Empty;
                    config.Options = Wireless80211Configuration.ConfigurationOptions.None;
                    config.SaveConfiguration();
                }

                _log.Write(LogLevel.Info, "wifi: stored credentials erased");
            }
            catch (Exception e)
            {
                // The platform refused; the core's own checkpoint is gone anyway, so the next boot asks for WPS.
                _log.Write(LogLevel.Warning, "wifi: could not erase the stored credentials: " + e.Message);
            }
        }

        private bool EnsureStored(NetworkInterface station, string ssid, string passphrase)
        {
            // Returns true when the config block already held these credentials.
            // GetAllWireless80211Configurations()[SpecificConfigId] is how WifiNetworkHelper finds the station's config.
            Wireless80211Configuration config = Wireless80211Configuration.GetAllWireless80211Configurations()[station.SpecificConfigId];
            bool same = config.Ssid == ssid && (config.Password == null ? string.Empty : config.Password) == passphrase;
            if (same)
            {
                return true;
            }

            config.Ssid = ssid;
            config.Password = passphrase;
            config.Options = Wireless80211Configuration.ConfigurationOptions.AutoConnect;
            config.SaveConfiguration();
            _log.Write(LogLevel.Info, "wifi: stored new credentials for " + ssid + " (one flash write)");
            return false;
        }

        private WifiCredentials ReadWpsCredentials()
        {
            byte[] ssidBytes = new byte[WpsClient.SsidBufferSize];
            byte[] passBytes = new byte[WpsClient.PassphraseBufferSize];
            try
            {
                int ssidLength = WpsClient.CopySsid(ssidBytes);
                int passLength = WpsClient.CopyPassphrase(passBytes);
                if (ssidLength <= 0 || passLength < 0)
                {
                    return null;
                }

                if (WpsClient.GetCredentialCount() > 1)
                {
                    _log.Write(LogLevel.Info, "wifi: the router offered several networks, using the first");
                }

                // Encoding.UTF8.GetString(byte[], int, int): the one-argument overload does not exist (reference §14).
                string ssid = Encoding.UTF8.GetString(ssidBytes, 0, ssidLength);
                string passphrase = passLength == 0 ? string.Empty : Encoding.UTF8.GetString(passBytes, 0, passLength);
                return new WifiCredentials(ssid, passphrase);
            }
            finally
            {
                Array.Clear(passBytes, 0, passBytes.Length);
            }
        }

        private bool WaitForAddress(long deadline)
        {
            while (true)
            {
                if (HasAddress(FindStationInterface()))
                {
                    return true;
                }

                if (Environment.TickCount64 >= deadline)
                {
                    return false;
                }

                Thread.Sleep(PollMs);
            }
        }

        private static NetworkInterface FindStationInterface()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    return interfaces[i];
                }
            }

            return null;
        }

        private static bool HasAddress(NetworkInterface station)
        {
            if (station == null)
            {
                return false;
            }

            string address = station.IPv4Address;
            return address != null && address.Length > 0 && address[0] != '0';
        }

        private static WifiJoinStatus FromConnectionStatus(WifiConnectionStatus status)
        {
            switch (status)
            {
                case WifiConnectionStatus.Success:
                    return WifiJoinStatus.Connected;
                case WifiConnectionStatus.InvalidCredential:
                    return WifiJoinStatus.WrongPassphrase;
                case WifiConnectionStatus.NetworkNotAvailable:
                    return WifiJoinStatus.NetworkNotFound;
                case WifiConnectionStatus.Timeout:
                    return WifiJoinStatus.Timeout;
                default:
                    return WifiJoinStatus.Failed;
            }
        }

        private static string DescribeStatus(WifiConnectionStatus status)
        {
            // The ESP32 driver maps WIFI_REASON_NO_AP_FOUND to NetworkNotAvailable and auth/handshake failures (also beacon
            // timeout) to InvalidCredential (sys_dev_wifi_native_System_Device_Wifi_WifiAdapter.cpp NativeConnect).
            switch (status)
            {
                case WifiConnectionStatus.InvalidCredential:
                    return "authentication failed (wrong passphrase or WPA3-only network)";
                case WifiConnectionStatus.NetworkNotAvailable:
                    return "network not found";
                case WifiConnectionStatus.Timeout:
                    return "no answer within 20 s";
                case WifiConnectionStatus.UnsupportedAuthenticationProtocol:
                    return "unsupported authentication";
                case WifiConnectionStatus.AccessRevoked:
                    return "access revoked";
                default:
                    return "unspecified failure";
            }
        }

        private static WifiJoinResult FromWpsStatus(WpsStatus status, WpsFailReason reason)
        {
            switch (status)
            {
                case WpsStatus.InProgress:
                case WpsStatus.Timeout:
                    return new WifiJoinResult(WifiJoinStatus.WpsTimeout, null, "no router answered WPS in time");
                case WpsStatus.PbcOverlap:
                    return new WifiJoinResult(WifiJoinStatus.WpsOverlap, null, "more than one router in WPS mode, retry later");
                case WpsStatus.NotSupported:
                    return new WifiJoinResult(WifiJoinStatus.WpsNotSupported, null, "WPS not in this firmware image");
                default:
                    return new WifiJoinResult(WifiJoinStatus.WpsFailed, null, "WPS failed, reason " + ((int)reason).ToString());
            }
        }
    }
}
