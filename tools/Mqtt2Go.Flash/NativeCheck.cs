namespace Mqtt2Go.Flash;

/// <summary>Compares the .pe files about to be deployed with the board's native assemblies, the way Visual Studio's deploy does
/// (nf-Visual-Studio-extension f2057022: vs-extension.shared/DeployProvider/DeployProvider.cs) and nanoCLR does at load
/// (nf-interpreter: src/CLR/Startup/CLRStartup.cpp, "Invalid native checksum"): a PE with a non-zero native checksum needs a
/// native assembly of the same name and checksum in the image.</summary>
public static class NativeCheck
{
    /// <summary>One line per PE the board cannot run; empty when all match.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<PeAssembly> pes, IReadOnlyList<NativeAssembly> device)
    {
        var problems = new List<string>();
        foreach (var pe in pes)
        {
            if (pe.NativeChecksum == 0)
            {
                continue;
            }

            var native = device.FirstOrDefault(n => n.Name == pe.Name);
            if (native is null)
            {
                problems.Add(pe.Name == "Mqtt2Go.Wps"
                    ? "Mqtt2Go.Wps: this image has no WPS natives; flash the WPS image (docs/wps-interop.md) or deploy the stock build (Device.Firmware/Stock)"
                    : $"{pe.Name}: the image has no native {pe.Name} (needs checksum 0x{pe.NativeChecksum:X8})");
            }
            else if (native.Checksum != pe.NativeChecksum)
            {
                problems.Add($"{pe.Name}: the package needs native checksum 0x{pe.NativeChecksum:X8}, the image has v{native.Version} checksum 0x{native.Checksum:X8}");
            }
        }

        return problems;
    }

    /// <summary>The refusal text: what does not match and which nanoCLR to flash.</summary>
    public static string Advice(IReadOnlyList<string> problems, string? clrVersion, string? firmwareVersion, string target, string port)
    {
        var lines = new List<string>
        {
            $"The board's nanoCLR{(clrVersion is null ? string.Empty : " " + clrVersion)} cannot run this application:",
        };
        lines.AddRange(problems.Select(p => "  " + p));
        var version = string.IsNullOrEmpty(firmwareVersion) ? "<version>" : firmwareVersion;
        lines.Add("Flash the nanoCLR built for these packages, then deploy again:");
        lines.Add($"  nanoff --update --target {target} --serialport {port} --fwversion {version}");
        if (string.IsNullOrEmpty(firmwareVersion))
        {
            lines.Add("  <version>: no nanoCLR version is pinned yet for this package set (tools/flash/nanoclr-version); pick the stable");
            lines.Add("  release published with or after the packages of Device.Firmware/packages.config: nanoff --listtargets --platform esp32");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
