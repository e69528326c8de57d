using System;
using System.Linq;

namespace Mqtt2Go.DeviceHost;

/// <summary>Entry point: <c>demo</c> (default) or <c>run</c>.</summary>
public static class Program
{
    /// <summary>Runs the command named by the first argument.</summary>
    public static int Main(string[] args)
    {
        var command = args.Length > 0 ? args[0] : "demo";
        var keep = args.Contains("--keep");
        switch (command)
        {
            case "demo":
                return Demo.RunAsync(keep, localGateway: args.Contains("--local-gateway"), verbose: args.Contains("--verbose"), noWps: args.Contains("--no-wps"), accessPoint: args.Contains("--access-point"))
                    .GetAwaiter().GetResult();
            case "run":
                return RunCommand.Run(args);
            case "-h":
            case "--help":
                Console.WriteLine("usage: Mqtt2Go.DeviceHost [demo [--local-gateway] [--no-wps] [--access-point] [--verbose] [--keep]]");
                Console.WriteLine("       Mqtt2Go.DeviceHost run --flash DIR [--mdns-port N] [--verbose]");
                return 0;
            default:
                Console.Error.WriteLine($"unknown command '{command}' (try --help)");
                return 2;
        }
    }
}
