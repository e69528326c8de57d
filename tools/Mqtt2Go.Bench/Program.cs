using System.Diagnostics;

namespace Mqtt2Go.Bench;

/// <summary>Entry point: runs the chosen benchmarks, prints the tables and writes them as markdown.</summary>
internal static class Program
{
    /// <summary>Returns 0 when every benchmark ran (whatever its numbers), 1 when one crashed, 2 on bad arguments.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("-h") || args.Contains("--help"))
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        var root = RepositoryRoot();
        var output = options.Output ?? Path.Combine(root, "artifacts", "bench", "results.md");
        var report = new MarkdownReport();
        report.Heading(1, "Mqtt2Go benchmark results");
        report.Line($"Command: `Mqtt2Go.Bench {string.Join(' ', args)}` — numbers, not pass/fail; see docs/benchmarks.md for what each one measures.");
        report.Line(string.Empty);
        MachineInfo.Write(report, root);

        var total = Stopwatch.StartNew();
        var crashed = false;
        var all = options.Command == "all";
        if (all || options.Command == "latency")
        {
            crashed |= !await GuardAsync(report, "latency", () => LatencyBenchmark.RunAsync(report, options.Runs)).ConfigureAwait(false);
        }

        if (all || options.Command == "throughput")
        {
            crashed |= !await GuardAsync(report, "throughput", () => ThroughputBenchmark.RunAsync(report, options.Devices, options.Threads, options.Loops)).ConfigureAwait(false);
            if (options.Registered > 0)
            {
                // Issue 12: the rate with that many devices already registered on the cloud broker (target ≥ 80 % of the first).
                crashed |= !await GuardAsync(report, "throughput", () => ThroughputBenchmark.RunAsync(report, options.Devices, options.Threads, options.Loops, options.Registered)).ConfigureAwait(false);
            }
        }

        if (all || options.Command == "alloc")
        {
            crashed |= !await GuardAsync(report, "alloc", () => AllocationBenchmark.RunAsync(report, options.Commands)).ConfigureAwait(false);
        }

        report.Line($"Total benchmark time {total.Elapsed.TotalSeconds:0} s.");
        report.Save(output);
        Console.WriteLine("written to " + output);
        return crashed ? 1 : 0;
    }

    // A crashed benchmark is reported in the output and makes the exit code 1; the others still run.
    private static async Task<bool> GuardAsync(MarkdownReport report, string name, Func<Task> benchmark)
    {
        try
        {
            await benchmark().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            report.Line($"**{name} CRASHED:** {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine(e);
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Mqtt2Go.Device.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
