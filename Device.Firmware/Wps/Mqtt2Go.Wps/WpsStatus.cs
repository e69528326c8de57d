namespace Mqtt2Go.Device.Wps
{
    /// <summary>State of the WPS push-button session as reported by the native code.</summary>
    /// <remarks>
    /// Keep in sync with wps_native_status_t in Device.Firmware/Wps/native/wps_native.h (same names, same values).
    /// </remarks>
    public enum WpsStatus
    {
        /// <summary>No session started, or the last one was cancelled or reset.</summary>
        Idle = 0,

        /// <summary>Waiting for the user to press the router's WPS button (ESP-IDF walk time 120 s).</summary>
        InProgress = 1,

        /// <summary>Credentials received and handed to the station; read them with WpsClient.GetCredentials.</summary>
        Success = 2,

        /// <summary>The registrar refused or the handshake broke; see WpsClient.GetFailReason.</summary>
        Failed = 3,

        /// <summary>No registrar answered within the 120 s walk time.</summary>
        Timeout = 4,

        /// <summary>More than one access point was in push-button mode; the user must retry later.</summary>
        PbcOverlap = 5,

        /// <summary>The running nanoCLR image has no Mqtt2Go.Wps native code; use stored credentials instead.</summary>
        NotSupported = 6
    }
}
