using System.Globalization;
using System.Text.RegularExpressions;

namespace Mqtt2Go.Flash;

/// <summary>Reads the output of <c>nanoff --nanodevice --devicedetails</c>.</summary>
/// <remarks>nanoff prints the device's DeviceInfo (nanoframework/nanoFirmwareFlasher baccab8:
/// nanoFirmwareFlasher.Library/NanoDeviceOperations.cs GetDeviceDetails, <c>OutputWriter.WriteLine($"{nanoDevice.DeviceInfo}")</c>),
/// whose text has a "Native Assemblies:" block with one line per assembly, "  System.Net v100.2.0.14, checksum 0x8EFB9944",
/// and "  CLR Version: 1.x.y.z" under "Firmware build Info:".</remarks>
public static partial class DeviceDetails
{
    [GeneratedRegex(@"^\s+(?<name>\S+) v(?<version>[0-9.]+), checksum 0x(?<checksum>[0-9A-Fa-f]{1,8})\s*$")]
    private static partial Regex NativeLine();

    [GeneratedRegex(@"^\s*CLR Version:\s*(?<version>\S+)")]
    private static partial Regex ClrVersionLine();

    /// <summary>The native assemblies listed after "Native Assemblies:"; empty when the block is missing.</summary>
    public static IReadOnlyList<NativeAssembly> NativeAssemblies(string output)
    {
        var result = new List<NativeAssembly>();
        bool inBlock = false;
        foreach (var raw in Lines(output))
        {
            if (raw.Trim().Equals("Native Assemblies:", StringComparison.OrdinalIgnoreCase))
            {
                inBlock = true;
                continue;
            }

            if (!inBlock)
            {
                continue;
            }

            var match = NativeLine().Match(raw);
            if (!match.Success)
            {
                if (raw.Trim().Length == 0 && result.Count == 0)
                {
                    continue;
                }

                break;
            }

            result.Add(new NativeAssembly(
                match.Groups["name"].Value,
                match.Groups["version"].Value,
                uint.Parse(match.Groups["checksum"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        }

        return result;
    }

    /// <summary>The "CLR Version" of the firmware, or null.</summary>
    public static string? ClrVersion(string output)
    {
        foreach (var line in Lines(output))
        {
            var match = ClrVersionLine().Match(line);
            if (match.Success)
            {
                return match.Groups["version"].Value;
            }
        }

        return null;
    }

    internal static IEnumerable<string> Lines(string output)
    {
        // nanoff colours its console output; strip ANSI escapes in case they were captured.
        var clean = Regex.Replace(output, @"\x1B\[[0-9;]*m", string.Empty);
        return clean.Replace("\r\n", "\n").Split('\n');
    }
}
