namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>Outcome of a Wi-Fi join or WPS attempt.</summary>
    public enum WifiJoinStatus
    {
        /// <summary>Associated and got an IP address.</summary>
        Connected = 0,
        /// <summary>The access point rejected the passphrase.</summary>
        WrongPassphrase = 1,
        /// <summary>The SSID was not found.</summary>
        NetworkNotFound = 2,
        /// <summary>No association or DHCP lease in time.</summary>
        Timeout = 3,
        /// <summary>WPS push-button walk time (120 s) ended with no registrar.</summary>
        WpsTimeout = 4,
        /// <summary>WPS failed (registrar refused, WPA3-only AP, ...).</summary>
        WpsFailed = 5,
        /// <summary>More than one access point in push-button mode (WPS PBC overlap).</summary>
        WpsOverlap = 6,
        /// <summary>This firmware image has no WPS support.</summary>
        WpsNotSupported = 7,
        /// <summary>Any other failure.</summary>
        Failed = 8,
        /// <summary>The network is valid but the platform cannot store or use its credentials (WifiCredentialLimits); retrying
        /// cannot help.</summary>
        UnsupportedCredentials = 9
    }
}
