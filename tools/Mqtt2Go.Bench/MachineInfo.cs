using System.Diagnostics;

namespace Mqtt2Go.Bench;

/// <summary>What the numbers were measured on: commit, date, CPU, memory, mosquitto and .NET versions.</summary>
internal static class MachineInfo
{
    /// <summary>Writes the environment as a table.</summary>
    public static void Write(MarkdownReport report, string repositoryRoot)
    {
        var commit = Run("git", "-C " + repositoryRoot + " rev-parse --short HEAD")?.Trim() ?? "unknown";
        // The core is compiled from the work tree (Core.Net globs ../Core/**), so uncommitted files of the measured code count too.
        var dirty = (Run("git", "-C " + repositoryRoot + " status --porcelain -- Device.Firmware/Core tools/Mqtt2Go.DeviceHost tools/Mqtt2Go.ReferenceBroker tools/Mqtt2Go.Mosquitto tools/Mqtt2Go.Device.Desktop tools/Mqtt2Go.Identity") ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Length > 3 ? l[3..].Trim() : l.Trim())
            .ToList();
        var mosquitto = FirstLine(Run("mosquitto", "-h")) ?? "not found";
        report.Table(["what", "value"],
        [
            ["commit", commit + (dirty.Count > 0 ? " + uncommitted changes to " + string.Join(", ", dirty) + " (built from the work tree)" : " (clean work tree)")],
            ["date (UTC)", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)],
            ["CPU", CpuModel() + ", " + Environment.ProcessorCount + " logical cores (nproc)"],
            ["load average at start", LoadAverage() + " (the machine is shared: other work running during the benchmark shows in the p99 and max columns)"],
            ["memory", MemoryTotal()],
            ["OS", System.Runtime.InteropServices.RuntimeInformation.OSDescription],
            [".NET", Environment.Version.ToString() + (IsRelease() ? ", Release build" : ", DEBUG build (numbers are not representative)")],
            ["mosquitto", mosquitto],
        ]);
    }

    private static bool IsRelease()
    {
#if DEBUG
        return false;
#else
        return true;
#endif
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown CPU" : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string MemoryTotal()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
            if (line is null)
            {
                return "unknown";
            }

            var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            return (kb / 1024.0 / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " GiB";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string? FirstLine(string? text) => text?.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim();

    private static string? Run(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            // mosquitto -h prints its version on stdout and exits 3: both streams are read, the exit code is ignored.
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit(5000);
            return output.Result + error.Result;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
