using System.Text;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>What nanoCLR's station configuration can hold: an SSID of 1-31 and a passphrase of at most 63 UTF-8 bytes.</summary>
    /// <remarks>
    /// nanoCLR keeps the station in HAL_Configuration_Wireless80211 { Ssid[32]; Password[64] } as NUL-terminated C strings and
    /// refuses a string whose byte length is &gt;= the array size: Wireless80211Configuration.SaveConfiguration fails with
    /// CLR_E_INVALID_PARAMETER (nf-interpreter a3e8139: src/DeviceInterfaces/System.Net/
    /// sys_net_native_System_Net_NetworkInformation_Wireless80211Configuration.cpp UpdateConfiguration, "len >= sizeof"),
    /// and WifiAdapter.Connect copies with hal_strcpy_s into the same arrays (targets/ESP32/_common/Target_Network.cpp).
    /// 802.11 allows a 32-byte SSID and WPA2 a 64-hex-digit PSK, and WPS can deliver both (docs/wps-interop.md): such a
    /// network is valid but this platform cannot store it, so it is reported as unsupported instead of retried.
    /// Lengths are UTF-8 bytes, not characters: "Café" is 4 characters and 5 bytes.
    /// </remarks>
    public static class WifiCredentialLimits
    {
        /// <summary>Longest SSID nanoCLR stores, in UTF-8 bytes (Ssid[32] with its NUL).</summary>
        public const int MaxSsidBytes = 31;

        /// <summary>Longest passphrase nanoCLR stores, in UTF-8 bytes (Password[64] with its NUL).</summary>
        public const int MaxPassphraseBytes = 63;

        /// <summary>Counts the UTF-8 bytes of text as the platform's own encoder writes them, which is what the native
        /// Wi-Fi configuration receives.</summary>
        /// <remarks>Not counted character by character: nanoCLR keeps strings as UTF-8 and its indexer does not return the
        /// second half of a surrogate pair (<c>"\uD83D\uDE00"[1]</c> is 0xD83D there, docs/platform-differences.md), so a walk
        /// over the characters would count an emoji as 6 bytes on the device and 4 on the desktop.</remarks>
        public static int Utf8ByteCount(string text)
        {
            return text == null ? 0 : Encoding.UTF8.GetBytes(text).Length;
        }

        /// <summary>Returns why nanoCLR cannot use these credentials, or null when it can; never contains the passphrase.</summary>
        public static string Problem(WifiCredentials credentials)
        {
            if (credentials == null || credentials.Ssid == null || credentials.Ssid.Length == 0)
            {
                return "no SSID";
            }

            int ssidBytes = Utf8ByteCount(credentials.Ssid);
            if (ssidBytes > MaxSsidBytes)
            {
                return "the SSID is " + ssidBytes.ToString() + " bytes long; nanoCLR stores at most " + MaxSsidBytes.ToString()
                    + ": rename the network (at most " + MaxSsidBytes.ToString() + " bytes)";
            }

            int passphraseBytes = Utf8ByteCount(credentials.Passphrase);
            if (passphraseBytes > MaxPassphraseBytes)
            {
                return "the passphrase is " + passphraseBytes.ToString() + " bytes long (a 64-digit hex PSK?); nanoCLR stores at most "
                    + MaxPassphraseBytes.ToString() + ": set a passphrase of 8-63 characters on the router";
            }

            return null;
        }
    }
}
