namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>An SSID and its passphrase (WPA2 PSK: 8-63 characters, or 64 hex digits).</summary>
    public sealed class WifiCredentials
    {
        /// <summary>Creates credentials.</summary>
        public WifiCredentials(string ssid, string passphrase)
        {
            Ssid = ssid;
            Passphrase = passphrase;
        }

        /// <summary>Network name, 1-32 bytes.</summary>
        public string Ssid { get; private set; }

        /// <summary>Passphrase; never logged.</summary>
        public string Passphrase { get; private set; }
    }
}
