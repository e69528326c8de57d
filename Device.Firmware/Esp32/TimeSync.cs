using System;
using System.Net.NetworkInformation;
using Mqtt2Go.Device.Core.Ports;
using nanoFramework.Networking;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>Makes sure SNTP runs once the station has an address, so the core's AwaitClock state can end before TLS.</summary>
    /// <remarks>
    /// On ESP32 nanoCLR already starts SNTP on IP_EVENT_STA_GOT_IP (0.pool.ntp.org, 1.pool.ntp.org; nf-interpreter
    /// targets/ESP32/_common/targetHAL_Network.cpp initialize_sntp); this is the managed safety net for images or builds where
    /// it did not. API: static Sntp.Start(), Sntp.IsStarted (nanoframework/nanoFramework.Networking.Sntp v1.6.42:
    /// nanoFramework.Networking.Sntp/Sntp.cs), NetworkChange.NetworkAddressChanged (System.Net 713b02c:
    /// NetworkInformation/NetworkChange.cs). The wall clock is judged by SystemClock.IsWallClockValid.
    /// </remarks>
    public sealed class TimeSync
    {
        private readonly ILog _log;

        /// <summary>Creates the helper and starts SNTP now if an address is already there.</summary>
        public TimeSync(ILog log)
        {
            _log = log;
            NetworkChange.NetworkAddressChanged += OnAddressChanged;
            EnsureStarted();
        }

        /// <summary>Starts SNTP when an address is present and SNTP is not running; never throws.</summary>
        public void EnsureStarted()
        {
            try
            {
                if (!HasStationAddress() || Sntp.IsStarted)
                {
                    return;
                }

                Sntp.Start();
                _log.Write(LogLevel.Info, "clock: SNTP started (" + Sntp.Server1 + ")");
            }
            catch (Exception ex)
            {
                // An image built without the SNTP API throws NotSupportedException here; AwaitClock then reports ClockNotSet.
                _log.Write(LogLevel.Warning, "clock: SNTP could not be started: " + ex.GetType().Name);
            }
        }

        private void OnAddressChanged(object sender, EventArgs e)
        {
            EnsureStarted();
        }

        private static bool HasStationAddress()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                string address = interfaces[i].IPv4Address;
                if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211 && address != null && address.Length > 0 && address[0] != '0')
                {
                    return true;
                }
            }

            return false;
        }
    }
}
