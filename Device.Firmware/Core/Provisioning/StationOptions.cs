namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>The option bits the station configuration is saved with; values of nanoFramework's
    /// Wireless80211Configuration.ConfigurationOptions (keep in sync: System.Net NetworkInformation/Wireless80211Configuration.cs).</summary>
    /// <remarks>
    /// nanoCLR starts the Wi-Fi radio at boot only when the station entry has the Enable bit (nf-interpreter a3e8139:
    /// targets/ESP32/_Network/NF_ESP32_Wireless.cpp NF_ESP32_CheckExpectedWifiMode picks WIFI_MODE_STA only on Enable; Wi-Fi starts only
    /// from Network_Interface_Open). Saving None would leave the radio off after the next reboot: no WPS and no Connect until
    /// someone redeploys a network configuration. NF_ESP32_Wireless_Open joins by itself when (Options &amp; AutoConnect) != 0
    /// and the SSID is not empty, so an erased entry keeps Enable with an empty SSID.
    /// </remarks>
    public static class StationOptions
    {
        /// <summary>ConfigurationOptions.Disable.</summary>
        public const int Disable = 1;

        /// <summary>ConfigurationOptions.Enable: the radio starts at boot.</summary>
        public const int Enable = 2;

        /// <summary>ConfigurationOptions.AutoConnect = 4 | Enable: the radio starts and joins the stored SSID at boot.</summary>
        public const int AutoConnect = 4 | Enable;

        /// <summary>Options for an entry that holds the network to join at boot.</summary>
        public static int ForStoredNetwork()
        {
            return AutoConnect;
        }

        /// <summary>Options for an erased entry (factory reset): radio on at boot, nothing to join, so WPS can run.</summary>
        public static int ForErasedNetwork()
        {
            return Enable;
        }

        /// <summary>True when nanoCLR starts the station radio at boot with these options.</summary>
        public static bool StartsRadio(int options)
        {
            return (options & Enable) != 0 && (options & Disable) == 0;
        }
    }
}
