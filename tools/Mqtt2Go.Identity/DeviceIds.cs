using System.Security.Cryptography;
using Mqtt2Go.Device.Core.Messages;

namespace Mqtt2Go.Identity;

/// <summary>Device ids: generated as <c>m2g-</c> + 8 random lower-case Crockford base32 characters, validated as the firmware does.</summary>
public static class DeviceIds
{
    /// <summary>Prefix of generated device ids.</summary>
    public const string Prefix = "m2g-";

    /// <summary>Number of random characters after the prefix (8 × 5 = 40 random bits).</summary>
    public const int RandomLength = 8;

    // Crockford base32 in lower case (no i, l, o, u): nothing on a label that reads as another character.
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>A new random device id, e.g. <c>m2g-7k3q9d2a</c>.</summary>
    public static string NewDeviceId() => Prefix + new string(RandomNumberGenerator.GetItems<char>(Alphabet, RandomLength));

    /// <summary>Why <paramref name="deviceId"/> is not a valid device id, or null when it is one.</summary>
    public static string? FindProblem(string? deviceId)
    {
        // Same rule as the firmware (Topics.IsValidIdentifier) and docs/profile.md "Identifiers": it becomes a topic level and the CN.
        if (Topics.IsValidIdentifier(deviceId))
        {
            return null;
        }

        if (string.IsNullOrEmpty(deviceId))
        {
            return "device id is empty: it must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'";
        }

        return deviceId.Length > 64
            ? $"device id is {deviceId.Length} characters long: at most 64 characters of A-Z, a-z, 0-9, '_' or '-' are allowed"
            : $"device id '{deviceId}' contains a character other than A-Z, a-z, 0-9, '_' or '-' (it becomes an MQTT topic level and the certificate CN)";
    }
}
