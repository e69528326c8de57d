using System.Globalization;

namespace Mqtt2Go.Bench;

/// <summary>The command line: <c>[latency|throughput|alloc|all] [--runs N] [--devices N] [--threads N] [--loops N] [--out FILE]</c>.</summary>
internal sealed class BenchOptions
{
    /// <summary>latency, throughput, alloc or all.</summary>
    public string Command { get; private set; } = "all";

    /// <summary>Sequential latency runs.</summary>
    public int Runs { get; private set; } = 200;

    /// <summary>Devices activated concurrently in the throughput benchmark.</summary>
    public int Devices { get; private set; } = 1000;

    /// <summary>Devices registered on the cloud broker before the second throughput run (0: one run only).</summary>
    public int Registered { get; private set; } = 10_000;

    /// <summary>Provisioning threads in the throughput benchmark.</summary>
    public int Threads { get; private set; } = 64;

    /// <summary>MosquittoLoops (one thread each, doing the TLS work) in the throughput benchmark.</summary>
    public int Loops { get; private set; } = 4;

    /// <summary>Commands per measurement in the allocation benchmark.</summary>
    public int Commands { get; private set; } = 10_000;

    /// <summary>The markdown output file, or null for the default.</summary>
    public string? Output { get; private set; }

    /// <summary>The usage text.</summary>
    public static string Usage =>
        "usage: Mqtt2Go.Bench [latency|throughput|alloc|all] [--runs N (200)] [--devices N (1000)] [--registered N (10000; 0 = no second run)] [--threads N (64)] [--loops N (4)] [--commands N (10000)] [--out FILE (artifacts/bench/results.md)]";

    /// <summary>Parses the arguments; null with a message on stderr when they are wrong.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "latency":
                case "throughput":
                case "alloc":
                case "all":
                    options.Command = arg;
                    break;
                case "--runs":
                    options.Runs = Number(args, ref i);
                    break;
                case "--devices":
                    options.Devices = Number(args, ref i);
                    break;
                case "--registered":
                    options.Registered = Number(args, ref i);
                    break;
                case "--threads":
                    options.Threads = Number(args, ref i);
                    break;
                case "--loops":
                    options.Loops = Number(args, ref i);
                    break;
                case "--commands":
                    options.Commands = Number(args, ref i);
                    break;
                case "--out":
                    if (i + 1 >= args.Length)
                    {
                        Console.Error.WriteLine("--out needs a file name");
                        return null;
                    }

                    options.Output = args[++i];
                    break;
                default:
                    Console.Error.WriteLine("unknown argument '" + arg + "'");
                    return null;
            }
        }

        if (options.Registered < 0 || options.Runs < 1 || options.Devices < 1 || options.Threads < 1 || options.Loops < 1 || options.Commands < 1)
        {
            Console.Error.WriteLine("every count must be a positive number");
            return null;
        }

        return options;
    }

    private static int Number(string[] args, ref int i)
    {
        if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            i++;
            return value;
        }

        return -1;
    }
}
