using System.Runtime.InteropServices;
using Mqtt2Go.ReferenceBroker.Hosting;

// Command line: serve [--workdir DIR] [--local-gateway] [--database CONNECTION_STRING|postgres] [--home HOME] [--discovery-port N] [--rest-port N] [--cloud-port N] [--gateway-port N] [--mdns-port N] [--standard-ports] [--home-wifi-ssid SSID --home-wifi-passphrase-file FILE] [--new-ports]
// or:           instance --workdir DIR [--name NAME] [--database CONNECTION_STRING] [--rest-port N]
if (args.Length > 0 && args[0] == "instance")
{
    return await RunInstanceAsync(args);
}

if (args.Length == 0 || args[0] != "serve")
{
    Console.Error.WriteLine("usage: Mqtt2Go.ReferenceBroker instance --workdir DIR [--name NAME] [--database CONNECTION_STRING] [--rest-port N]");
    Console.Error.WriteLine("usage: Mqtt2Go.ReferenceBroker serve [--workdir DIR] [--local-gateway] [--database CONNECTION_STRING|postgres] [--home HOME] [--discovery-port N] [--rest-port N] [--cloud-port N] [--gateway-port N] [--mdns-port N] [--standard-ports] [--home-wifi-ssid SSID --home-wifi-passphrase-file FILE] [--new-ports]");
    return 2;
}

// Options: embedded defaults, overridden by the flags.
string? homeWifiSsid = null;
string? homeWifiPassphrase = null;
var options = new ReferenceBrokerOptions { Log = line => Console.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {line}") };
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--workdir" when i + 1 < args.Length:
            options.WorkDir = Path.GetFullPath(args[++i]);
            break;
        case "--local-gateway":
            options.LocalGateway = true;
            break;
        case "--database" when i + 1 < args.Length:
            options.DatabaseConnectionString = args[++i];
            break;
        case "--home" when i + 1 < args.Length:
            options.ControllerHomes.Clear();
            options.ControllerHomes.Add(args[++i]);
            options.GatewayHomeId = options.ControllerHomes[0];
            break;
        case "--discovery-port" or "--rest-port" or "--cloud-port" or "--gateway-port" or "--mdns-port" when i + 1 < args.Length:
            if (!int.TryParse(args[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                Console.Error.WriteLine($"{args[i]} needs a port 1-65535, got {args[i + 1]}");
                return 2;
            }

            switch (args[i++])
            {
                case "--discovery-port": options.DiscoveryBrokerPort = port; break;
                case "--rest-port": options.DiscoveryRestPort = port; break;
                case "--cloud-port": options.CloudBrokerPort = port; break;
                case "--gateway-port": options.GatewayBrokerPort = port; break;
                default: options.MdnsPort = port; break;
            }

            break;
        case "--home-wifi-ssid" when i + 1 < args.Length:
            homeWifiSsid = args[++i];
            break;
        case "--home-wifi-passphrase-file" when i + 1 < args.Length:
            // From a file, not the command line: a passphrase in argv is visible to every user in /proc/<pid>/cmdline.
            try
            {
                homeWifiPassphrase = File.ReadAllText(args[++i]).TrimEnd('\r', '\n');
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"--home-wifi-passphrase-file: {e.Message}");
                return 2;
            }

            break;
        case "--standard-ports":
            // The cloud broker on 8883, for devices that read only broker_ip (docs/profile.md "What a standard-only device needs").
            options.CloudBrokerPort = ReferenceBrokerOptions.StandardMqttsPort;
            break;
        case "--new-ports":
            options.ReuseSavedPorts = false;
            break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}");
            return 2;
    }
}

if ((homeWifiSsid is null) != (homeWifiPassphrase is null))
{
    Console.Error.WriteLine("--home-wifi-ssid and --home-wifi-passphrase-file go together");
    return 2;
}

if (homeWifiSsid is not null)
{
    try
    {
        options.HomeWifi = new Mqtt2Go.ReferenceBroker.Gateway.HomeWifi(homeWifiSsid, homeWifiPassphrase!);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
}

// Start everything; a missing mosquitto (or PostgreSQL with --database postgres) is the common first-run problem.
ReferenceBrokerHost host;
try
{
    host = await ReferenceBrokerHost.StartAsync(options);
}
catch (FileNotFoundException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(e.Message.Contains("postgresql", StringComparison.Ordinal)
        ? "install PostgreSQL first: apt-get install postgresql"
        : "install the broker first: apt-get install mosquitto mosquitto-clients");
    return 1;
}

// Report what runs where.
var ep = host.Endpoints;
Console.WriteLine($"discovery broker  mqtts://127.0.0.1:{ep.DiscoveryBroker.Port} (pid {ep.DiscoveryBroker.Pid})");
Console.WriteLine($"discovery rest    {ep.DiscoveryRest}");
Console.WriteLine($"cloud broker      mqtts://127.0.0.1:{ep.CloudBroker.Port} (pid {ep.CloudBroker.Pid})");
if (ep.GatewayBroker is not null)
{
    Console.WriteLine($"gateway broker    mqtts://127.0.0.1:{ep.GatewayBroker.Port} (pid {ep.GatewayBroker.Pid}), mDNS on udp 127.0.0.1:{ep.MdnsPort}");
}

Console.WriteLine($"trust anchor      {ep.ServiceCa}");
Console.WriteLine($"controller cert   {ep.Controller.Certificate}");
Console.WriteLine($"endpoints file    {host.EndpointsPath}");
Console.WriteLine("Ctrl+C stops all brokers.");

// Wait for Ctrl+C or SIGTERM, then stop every broker by its PID.
var stop = new TaskCompletionSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
await stop.Task;
Console.WriteLine("stopping");
await host.DisposeAsync();
return 0;

// One more Discovery + cloud service instance next to a running `serve --database postgres` on the same work directory.
static async Task<int> RunInstanceAsync(string[] args)
{
    string? workDir = null;
    string? database = null;
    var name = "i" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    var restPort = 0;
    for (var i = 1; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--workdir" when i + 1 < args.Length:
                workDir = Path.GetFullPath(args[++i]);
                break;
            case "--name" when i + 1 < args.Length:
                name = args[++i];
                break;
            case "--database" when i + 1 < args.Length:
                database = args[++i];
                break;
            case "--rest-port" when i + 1 < args.Length:
                if (!int.TryParse(args[++i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out restPort) || restPort is < 1 or > 65535)
                {
                    Console.Error.WriteLine($"--rest-port needs a port 1-65535, got {args[i]}");
                    return 2;
                }

                break;
            default:
                Console.Error.WriteLine($"unknown argument {args[i]}");
                return 2;
        }
    }

    if (workDir is null)
    {
        Console.Error.WriteLine("instance needs --workdir (the work directory of the running serve)");
        return 2;
    }

    ServiceInstanceHost instance;
    try
    {
        instance = await ServiceInstanceHost.StartAsync(workDir, name, database, restPort, line => Console.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {line}"));
    }
    catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or System.Text.Json.JsonException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 1;
    }

    Console.WriteLine($"instance {instance.Name} ready (pid {Environment.ProcessId}); Ctrl+C stops it");
    var stop = new TaskCompletionSource();
    using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
    await stop.Task;
    await instance.DisposeAsync();
    return 0;
}
