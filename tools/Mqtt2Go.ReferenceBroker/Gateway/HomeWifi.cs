using System.Text;

namespace Mqtt2Go.ReferenceBroker.Gateway;

/// <summary>The home network the local gateway hands to a device on its guest network (GET_WIFI_CREDENTIALS).</summary>
public sealed class HomeWifi
{
    /// <summary>Checks the network against what the devices can store (nanoCLR's Wireless80211Configuration holds an SSID of
    /// at most 31 bytes and a passphrase of at most 63, firmware WifiCredentialLimits): SSID 1–31 UTF-8 bytes, passphrase
    /// 8–63 printable ASCII characters. A network a device would refuse is refused here, before its one answer is spent.</summary>
    /// <exception cref="ArgumentException">The SSID or passphrase is not usable; the message never holds the passphrase.</exception>
    public HomeWifi(string ssid, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(ssid);
        ArgumentNullException.ThrowIfNull(passphrase);
        int ssidBytes = Encoding.UTF8.GetByteCount(ssid);
        if (ssidBytes is < 1 or > MaxSsidBytes || ssid.Any(char.IsControl))
        {
            throw new ArgumentException($"the home Wi-Fi SSID must be 1-{MaxSsidBytes} bytes of UTF-8 without control characters (it has {ssidBytes} bytes)", nameof(ssid));
        }

        if (passphrase.Length is < 8 or > MaxPassphraseBytes || !passphrase.All(c => c is >= ' ' and <= '~'))
        {
            throw new ArgumentException($"the home Wi-Fi passphrase must be 8-{MaxPassphraseBytes} printable ASCII characters (it has {passphrase.Length} characters)", nameof(passphrase));
        }

        Ssid = ssid;
        Passphrase = passphrase;
    }

    /// <summary>The device's limit (firmware <c>WifiCredentialLimits.MaxSsidBytes</c>).</summary>
    public const int MaxSsidBytes = Mqtt2Go.Device.Core.Provisioning.WifiCredentialLimits.MaxSsidBytes;

    /// <summary>The device's limit (firmware <c>WifiCredentialLimits.MaxPassphraseBytes</c>).</summary>
    public const int MaxPassphraseBytes = Mqtt2Go.Device.Core.Provisioning.WifiCredentialLimits.MaxPassphraseBytes;

    /// <summary>The network name.</summary>
    public string Ssid { get; }

    /// <summary>The WPA2 passphrase (or PSK as 64 hex digits).</summary>
    public string Passphrase { get; }

    /// <summary>Never the passphrase.</summary>
    public override string ToString() => $"home Wi-Fi \"{Ssid}\"";
}
