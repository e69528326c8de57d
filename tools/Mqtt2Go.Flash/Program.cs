using Mqtt2Go.Flash;

// Two checks for tools/flash/flash.sh and flash.ps1; exit 0 = go on, 1 = refuse (the reason on stderr), 2 = usage.
//   check-natives --device-details FILE --pe-dir DIR [--pe-dir DIR ...] [--target T] [--port P] [--fwversion V]
//   check-files   --deploy-json FILE --nanoff-output FILE
var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
for (int i = 1; i + 1 < args.Length; i += 2)
{
    if (!options.TryGetValue(args[i], out var values))
    {
        options[args[i]] = values = new List<string>();
    }

    values.Add(args[i + 1]);
}

string? One(string name) => options.TryGetValue(name, out var v) ? v[^1] : null;

try
{
    switch (args.Length > 0 ? args[0] : string.Empty)
    {
        case "check-natives":
        {
            var details = File.ReadAllText(One("--device-details") ?? throw new ArgumentException("--device-details is required"));
            var device = DeviceDetails.NativeAssemblies(details);
            if (device.Count == 0)
            {
                Console.Error.WriteLine("flash: nanoff --devicedetails listed no native assemblies; is nanoCLR running on the board?");
                return 1;
            }

            var pes = (options.TryGetValue("--pe-dir", out var dirs) ? dirs : throw new ArgumentException("--pe-dir is required"))
                .SelectMany(PeAssembly.ReadFolder).ToList();
            var problems = NativeCheck.Problems(pes, device);
            if (problems.Count > 0)
            {
                Console.Error.WriteLine(NativeCheck.Advice(problems, DeviceDetails.ClrVersion(details), One("--fwversion"), One("--target") ?? "<TARGET>", One("--port") ?? "<PORT>"));
                return 1;
            }

            Console.WriteLine($"flash: the board's native assemblies match all {pes.Count} .pe files");
            return 0;
        }

        case "check-files":
        {
            var destinations = FileDeploymentCheck.Destinations(File.ReadAllText(One("--deploy-json") ?? throw new ArgumentException("--deploy-json is required")));
            var failed = FileDeploymentCheck.Failed(File.ReadAllText(One("--nanoff-output") ?? throw new ArgumentException("--nanoff-output is required")), destinations);
            if (failed.Count > 0)
            {
                Console.Error.WriteLine($"flash: nanoff did not confirm {failed.Count} of {destinations.Count} file(s) on the board: {string.Join(", ", failed)}");
                Console.Error.WriteLine("flash: the identity is incomplete; run the file step again (with --verbosity normal to see nanoff's exception)");
                return 1;
            }

            Console.WriteLine($"flash: nanoff confirmed all {destinations.Count} file(s)");
            return 0;
        }

        default:
            Console.Error.WriteLine("usage: Mqtt2Go.Flash check-natives --device-details FILE --pe-dir DIR [--target T --port P --fwversion V]");
            Console.Error.WriteLine("       Mqtt2Go.Flash check-files --deploy-json FILE --nanoff-output FILE");
            return 2;
    }
}
catch (Exception e) when (e is ArgumentException or IOException or FormatException or System.Text.Json.JsonException or KeyNotFoundException)
{
    Console.Error.WriteLine("flash: " + e.Message);
    return 2;
}
