using System.Security.Cryptography;
using System.Text;

namespace Mqtt2Go.ReferenceBroker.Pki;

/// <summary>
/// MQTT2GO activation codes per docs/profile.md: 12 Crockford base32 symbols (60 random bits, most significant first)
/// plus one check symbol = value mod 37 from the Crockford check alphabet; same algorithm as the firmware.
/// </summary>
public static class ActivationCodes
{
    /// <summary>Number of characters of a canonical code (12 data symbols + 1 check symbol).</summary>
    public const int Length = 13;

    // Crockford base32 (no I, L, O, U) followed by the five extra check symbols; index = value.
    private const string Symbols = "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";

    /// <summary>Creates a new random code (canonical form, 13 characters, upper case, no dashes).</summary>
    public static string Generate(RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var bytes = new byte[8];
        rng.GetBytes(bytes);
        var value = BitConverter.ToUInt64(bytes) & ((1UL << 60) - 1);
        return Encode(value);
    }

    /// <summary>Encodes a 60-bit value as the 12 data symbols followed by its check symbol.</summary>
    public static string Encode(ulong value)
    {
        if (value >= 1UL << 60)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "an activation code carries 60 bits");
        }

        var chars = new char[Length];
        for (var i = 11; i >= 0; i--)
        {
            chars[i] = Symbols[(int)((value >> ((11 - i) * 5)) & 31)];
        }

        chars[12] = Symbols[(int)(value % 37)];
        return new string(chars);
    }

    /// <summary>Normalises user input (lower case, dashes, O→0, I/L→1) and checks the check symbol; false for anything invalid.</summary>
    public static bool TryNormalize(string? input, out string code)
    {
        code = "";
        if (input is null || input.Length > 32)
        {
            return false;
        }

        var sb = new StringBuilder(Length);
        foreach (var raw in input)
        {
            if (raw == '-')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw);
            c = c switch { 'O' => '0', 'I' => '1', 'L' => '1', _ => c };
            sb.Append(c);
        }

        if (sb.Length != Length)
        {
            return false;
        }

        ulong value = 0;
        for (var i = 0; i < 12; i++)
        {
            var index = Symbols.IndexOf(sb[i]);
            if (index < 0 || index >= 32)
            {
                return false;
            }

            value = (value << 5) | (uint)index;
        }

        if (Symbols.IndexOf(sb[12]) != (int)(value % 37))
        {
            return false;
        }

        code = sb.ToString();
        return true;
    }

    /// <summary>True when <paramref name="code"/> is already in canonical form (as on the wire and in topics) with a valid check symbol.</summary>
    public static bool IsCanonical(string? code) => TryNormalize(code, out var normalized) && normalized == code;

    /// <summary>Formats a canonical code for labels as <c>XXXX-XXXX-XXXX-X</c>.</summary>
    public static string Format(string code) =>
        code.Length == Length ? $"{code[..4]}-{code[4..8]}-{code[8..12]}-{code[12]}" : throw new ArgumentException("not a canonical activation code", nameof(code));

    /// <summary>The label / QR text <c>MQTT2GO:1:&lt;device_id&gt;:&lt;activation_code&gt;</c>.</summary>
    public static string QrText(string deviceId, string code) => $"MQTT2GO:1:{deviceId}:{code}";

    /// <summary>Parses a label / QR text; false when it is not <c>MQTT2GO:1:&lt;id&gt;:&lt;code&gt;</c> with a valid id and code.</summary>
    public static bool TryParseQr(string? text, out string deviceId, out string code)
    {
        deviceId = "";
        code = "";
        var parts = text?.Trim().Split(':');
        if (parts is null || parts.Length != 4 || parts[0] != "MQTT2GO" || parts[1] != "1" || !Protocol.Identifiers.IsValid(parts[2]))
        {
            return false;
        }

        deviceId = parts[2];
        return TryNormalize(parts[3], out code);
    }
}
