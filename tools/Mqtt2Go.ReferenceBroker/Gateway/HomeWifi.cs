using System.Text;

namespace Mqtt2Go.ReferenceBroker.Gateway;

/// <summary>The home network the local gateway hands to a device on its guest network (GET_WIFI_CREDENTIALS).</summary>
public sealed class HomeWifi
{
    /// <summary>Checks the network against what WPA2 and the device's platform allow (ESP32 / nanoCLR: SSID 1–32 bytes,
    /// passphrase 8–63 printable ASCII characters or 64 hex digits).</summary>
    /// <exception cref="ArgumentException">The SSID or passphrase is not usable; the message never holds the passphrase.</exception>
    public HomeWifi(string ssid, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(ssid);
        ArgumentNullException.ThrowIfNull(passphrase);
        int ssidBytes = Encoding.UTF8.GetByteCount(ssid);
        if (ssidBytes is < 1 or > 32 || ssid.Any(char.IsControl))
        {
            throw new ArgumentException($"the home Wi-Fi SSID must be 1-32 bytes of UTF-8 without control characters (it has {ssidBytes} bytes)", nameof(ssid));
        }

        bool ascii = passphrase.Length is >= 8 and <= 63 && passphrase.All(c => c is >= ' ' and <= '~');
        bool hex = passphrase.Length == 64 && passphrase.All(char.IsAsciiHexDigit);
        if (!ascii && !hex)
        {
            throw new ArgumentException($"the home Wi-Fi passphrase must be 8-63 printable ASCII characters or 64 hex digits (it has {passphrase.Length} characters)", nameof(passphrase));
        }

        Ssid = ssid;
        Passphrase = passphrase;
    }

    /// <summary>The network name.</summary>
    public string Ssid { get; }

    /// <summary>The WPA2 passphrase (or PSK as 64 hex digits).</summary>
    public string Passphrase { get; }

    /// <summary>Never the passphrase.</summary>
    public override string ToString() => $"home Wi-Fi \"{Ssid}\"";
}
