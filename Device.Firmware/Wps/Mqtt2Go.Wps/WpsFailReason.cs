namespace Mqtt2Go.Device.Wps
{
    /// <summary>Why the last WPS session failed.</summary>
    /// <remarks>
    /// Values 0..2 mirror ESP-IDF's wifi_event_sta_wps_fail_reason_t (esp_wifi_types_generic.h, v5.5.4).
    /// Keep in sync with wps_native_fail_reason_t in Device.Firmware/Wps/native/wps_native.h.
    /// </remarks>
    public enum WpsFailReason
    {
        /// <summary>The session did not fail.</summary>
        None = -1,

        /// <summary>Generic failure (WPS_FAIL_REASON_NORMAL).</summary>
        Normal = 0,

        /// <summary>The registrar answered with M2D, i.e. it refused to enroll this device (WPS_FAIL_REASON_RECV_M2D).</summary>
        ReceivedM2D = 1,

        /// <summary>The access point deauthenticated the device during the handshake (WPS_FAIL_REASON_RECV_DEAUTH).</summary>
        ReceivedDeauth = 2,

        /// <summary>ESP-IDF reported success but no usable credential (empty SSID or unreadable station config).</summary>
        NoCredentials = 100,

        /// <summary>A value this assembly does not know (native code newer than the managed contract).</summary>
        Unknown = 101
    }
}
