using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;

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
    /// Time: Join's timeoutMs is the wait for a DHCP address counted from when Connect returned (WifiJoinBudget): one join
    /// takes at most the 8 s boot-join grace + Connect's native 20 s + timeoutMs.
    /// One WifiAdapter for the life of the link: FindAllAdapters() creates a new one per call, each registered in a static
    /// listener list and never disposed (System.Device.Wifi 282a906: WifiAdapter.cs FindAllAdapters, constructor
    /// s_eventListener.AddAdapter(this)), so calling it per retry leaked one adapter each time.
    /// Credentials nanoCLR cannot store (WifiCredentialLimits: SSID over 31 or passphrase over 63 UTF-8 bytes) are reported as
    /// UnsupportedCredentials before any radio call.
    /// WPS goes through WpsPushButton (Mqtt2Go.Wps interop, or nothing in the build for stock images, docs/wps-interop.md).
    /// </remarks>
    public sealed class WifiLink : IWifiLink
    {
        /// <summary>How often the address is polled.</summary>
        public const int PollMs = 250;

        /// <summary>How long Join waits for nanoCLR's own boot-time join before reconnecting itself.</summary>
        public const int BootJoinGraceMs = WifiJoinBudget.DefaultBootJoinGraceMs;

        /// <summary>DHCP wait after a WPS join, counted from when the association returned.</summary>
        public const int WpsAddressWaitMs = 20000;

        private readonly ILog _log;
        private readonly WpsPushButton _wps;
        private WifiAdapter _adapter;

        // True after a JoinTemporarily that connected, until the next join or LeaveTemporaryNetwork: the station is on a
        // network the config block does not hold, so an address says nothing about the stored one.
        private bool _temporary;

        /// <summary>Creates the link; nothing is done until Join or JoinByWps.</summary>
        public WifiLink(ILog log)
        {
            _log = log;
            _wps = new WpsPushButton(log);
        }

        /// <summary>True while the station interface has an IPv4 address.</summary>
        public bool IsConnected
        {
            get { return HasAddress(FindStationInterface()); }
        }

        /// <summary>Joins the network; waits up to timeoutMs for an address after the association returned.</summary>
        public WifiJoinResult Join(WifiCredentials credentials, int timeoutMs)
        {
            return Join(credentials, timeoutMs, true);
        }

        /// <summary>Joins without touching the stored configuration (the guest network): WifiAdapter.Connect with
        /// WifiReconnectionKind.Automatic passes options 0 to Network_Interface_Start_Connect (nf-interpreter
        /// targets/ESP32/_common/Target_Network.cpp: neither NETWORK_CONNECT_SAVE_CONFIG nor NETWORK_CONNECT_RECONNECT), so
        /// the config block keeps the home network (or none) and a reboot does not rejoin the guest network.</summary>
        public WifiJoinResult JoinTemporarily(WifiCredentials credentials, int timeoutMs)
        {
            return Join(credentials, timeoutMs, false);
        }

        private WifiJoinResult Join(WifiCredentials credentials, int timeoutMs, bool store)
        {
            string unsupported = WifiCredentialLimits.Problem(credentials);
            if (unsupported != null)
            {
                return new WifiJoinResult(WifiJoinStatus.UnsupportedCredentials, null, unsupported);
            }

            WifiJoinBudget budget = new WifiJoinBudget(timeoutMs, BootJoinGraceMs);
            try
            {
                NetworkInterface station = FindStationInterface();
                if (station == null)
                {
                    return new WifiJoinResult(WifiJoinStatus.Failed, null, "no Wi-Fi station interface in this image");
                }

                string passphrase = credentials.Passphrase == null ? string.Empty : credentials.Passphrase;
                bool alreadyStored = store && EnsureStored(station, credentials.Ssid, passphrase);
                bool wasTemporary = _temporary;
                _temporary = false;
                if (alreadyStored && !wasTemporary)
                {
                    // (Not after a temporary join: the address the station has then is the guest network's, and waiting for
                    // nanoCLR's boot-time join would report the home network joined while the device is still on the guest one.)
                    // nanoCLR joins with the stored config by itself at boot (AutoConnect): give it a few seconds before
                    // forcing a reconnect; no radio call and no flash write when it makes it.
                    if (WaitForAddress(budget.BootJoinDeadline(Environment.TickCount64)))
                    {
                        return new WifiJoinResult(WifiJoinStatus.Connected, credentials, "joined " + credentials.Ssid + " with the stored configuration");
                    }
                }

                // Blocks up to 20 s in native code (WifiJoinBudget.NativeConnectMaxMs); the address wait starts when it returns.
                WifiConnectionResult result = Adapter().Connect(credentials.Ssid, WifiReconnectionKind.Automatic, passphrase);
                long connectReturned = Environment.TickCount64;
                WifiJoinStatus status = FromConnectionStatus(result.ConnectionStatus);
                if (status != WifiJoinStatus.Connected)
                {
                    return new WifiJoinResult(status, null, "association failed: " + DescribeStatus(result.ConnectionStatus));
                }

                if (!WaitForAddress(budget.AddressDeadline(connectReturned)))
                {
                    return new WifiJoinResult(WifiJoinStatus.Timeout, null, "associated but no DHCP address within " + (timeoutMs / 1000).ToString() + " s");
                }

                _temporary = !store;
                return new WifiJoinResult(WifiJoinStatus.Connected, credentials, "joined " + credentials.Ssid);
            }
            catch (ArgumentException ex)
            {
                // SaveConfiguration refuses strings nanoCLR cannot hold with CLR_E_INVALID_PARAMETER (ArgumentException); the
                // byte check above should have caught it, so this names what the platform still refused.
                return new WifiJoinResult(WifiJoinStatus.UnsupportedCredentials, null, "nanoCLR refused the network settings: " + ex.GetType().Name);
            }
            catch (Exception ex)
            {
                // Native Wi-Fi calls report driver errors as exceptions (e.g. the station is disabled in the config block).
                return new WifiJoinResult(WifiJoinStatus.Failed, null, "Wi-Fi driver error: " + ex.GetType().Name);
            }
        }

        /// <summary>Leaves the network of the last JoinTemporarily (the guest network); nothing when the station is on the stored
        /// network or none. WifiAdapter.Disconnect (System.Device.Wifi 282a906: WifiAdapter.cs) ends in NF_ESP32_Wireless_Disconnect,
        /// which clears NF_ESP32_IsToConnect so the driver does not reconnect by itself, then esp_wifi_disconnect (nf-interpreter
        /// a3e8139: targets/ESP32/_Network/NF_ESP32_Wireless.cpp, targets/ESP32/_common/targetHAL_Network.cpp
        /// WIFI_EVENT_STA_DISCONNECTED); the config block is not written.</summary>
        public void LeaveTemporaryNetwork()
        {
            if (!_temporary)
            {
                return;
            }

            _temporary = false;
            try
            {
                Adapter().Disconnect();
                _log.Write(LogLevel.Info, "wifi: left the temporary network");
            }
            catch (Exception e)
            {
                // The next Connect replaces the association anyway (NF_ESP32_Wireless_Start_Connect disconnects first).
                _log.Write(LogLevel.Warning, "wifi: could not leave the temporary network: " + e.GetType().Name);
            }
        }

        /// <summary>Runs WPS push-button until the router answers or timeoutMs passes, then joins with what it delivered.</summary>
        public WifiJoinResult JoinByWps(int timeoutMs)
        {
            WifiAdapter adapter;
            try
            {
                adapter = Adapter();
            }
            catch (Exception ex)
            {
                return new WifiJoinResult(WifiJoinStatus.Failed, null, "no Wi-Fi adapter: " + ex.GetType().Name);
            }

            WifiCredentials received;
            WifiJoinResult failure = _wps.Run(timeoutMs, adapter, out received);
            if (failure != null)
            {
                return failure;
            }

            string unsupported = WifiCredentialLimits.Problem(received);
            if (unsupported != null)
            {
                return new WifiJoinResult(WifiJoinStatus.UnsupportedCredentials, null, unsupported);
            }

            // A fresh budget counted from now: the WPS walk time may have used the whole of timeoutMs.
            WifiJoinResult joined = Join(received, WpsAddressWaitMs);
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
                _temporary = false;
                Adapter().Disconnect();
                NetworkInterface station = FindStationInterface();
                if (station != null)
                {
                    // Same lookup as EnsureStored. Enable with an empty SSID: nanoCLR still starts the radio at boot (WPS and
                    // Connect need it) and joins nothing; None would leave Wi-Fi off for good (StationOptions).
                    Wireless80211Configuration config = Wireless80211Configuration.GetAllWireless80211Configurations()[station.SpecificConfigId];
                    config.Ssid = string.Empty;
                    config.Password = string.Empty;
                    config.Options = (Wireless80211Configuration.ConfigurationOptions)StationOptions.ForErasedNetwork();
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
            config.Options = (Wireless80211Configuration.ConfigurationOptions)StationOptions.ForStoredNetwork();
            config.SaveConfiguration();
            _log.Write(LogLevel.Info, "wifi: stored new credentials for " + ssid + " (one flash write)");
            return false;
        }

        private WifiAdapter Adapter()
        {
            // Created once (see remarks): the first adapter serves every later join, WPS and reset.
            if (_adapter == null)
            {
                _adapter = WifiAdapter.FindAllAdapters()[0];
            }

            return _adapter;
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
    }
}
