using System.Diagnostics;
using Mqtt2Go.Identity;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.Mosquitto.DynSec;
using Mqtt2Go.ReferenceBroker.Controller;
using Mqtt2Go.ReferenceBroker.Hosting;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.Bench;

/// <summary>The other side of every provisioning benchmark: one reference broker (Discovery + cloud, real mosquitto on
/// loopback), the factory's identity minter and one controller client, all in a private temporary folder.</summary>
internal sealed class BrokerFixture : IAsyncDisposable
{
    /// <summary>The gateway id the controller adds devices under.</summary>
    public const string GatewayId = "gw1";

    private readonly MosquittoLoop _controllerLoop;
    private readonly FactoryIdentityMinter _minter;

    private BrokerFixture(string workDirectory, ReferenceBrokerHost host, FactoryIdentityMinter minter, MosquittoLoop controllerLoop, ControllerClient controller)
    {
        WorkDirectory = workDirectory;
        Host = host;
        _minter = minter;
        _controllerLoop = controllerLoop;
        Controller = controller;
    }

    /// <summary>The private temporary folder (broker files and device flash folders).</summary>
    public string WorkDirectory { get; }

    /// <summary>The reference broker.</summary>
    public ReferenceBrokerHost Host { get; }

    /// <summary>The controller (the user's app), connected to the cloud broker.</summary>
    public ControllerClient Controller { get; }

    /// <summary>Starts the reference broker (remote flow only) and connects the controller.</summary>
    public static async Task<BrokerFixture> StartAsync(string name)
    {
        var workDirectory = Directory.CreateTempSubdirectory("mqtt2go-bench-" + name + "-").FullName;
        var host = await ReferenceBrokerHost.StartAsync(new ReferenceBrokerOptions
        {
            WorkDir = Path.Combine(workDirectory, "reference-broker"),
            LocalGateway = false,
        }).ConfigureAwait(false);
        var minter = new FactoryIdentityMinter(host.Pki, host.Registry)
        {
            DefaultDiscoveryHost = host.Endpoints.DiscoveryBroker.Host,
            DefaultDiscoveryPort = host.Endpoints.DiscoveryBroker.Port,
        };
        var loop = new MosquittoLoop("bench-controller");
        var controller = await ControllerClient.ConnectAsync(loop, host.Endpoints).ConfigureAwait(false);
        return new BrokerFixture(workDirectory, host, minter, loop, controller);
    }

    /// <summary>Mints one unit into a new flash folder (registered in the manufacturer registry) and adds settings.json.</summary>
    public MintedIdentity Mint(string folderName, string settingsJson)
    {
        var flash = Path.Combine(WorkDirectory, "devices", folderName);
        var identity = _minter.MintDevice(new MintOptions { OutputDirectory = flash, WriteLabelPng = false });
        File.WriteAllText(Path.Combine(flash, Device.Core.Configuration.StoreNames.SettingsJson), settingsJson);
        return identity;
    }

    /// <summary>Starts adding a device: returns when the cloud service answered activate_device (pending or error), and the
    /// AddDeviceAsync task that completes after rename_device (once the device has asked for its topics).</summary>
    public (Task<ControllerReport> Pending, Task<AddDeviceResult> Added) StartAdd(MintedIdentity identity, TimeSpan timeout)
    {
        var addTopic = Topics.AddDevice(Controller.HomeId, GatewayId);
        // Registered before AddDeviceAsync publishes (WaitForReportAsync adds its waiter synchronously).
        var pending = Controller.WaitForReportAsync(
            r => r.Topic == addTopic && r.Envelope.Kind == "activate_device" && Envelope.GetString(r.Envelope.Value, "device_id") == identity.DeviceId,
            timeout);
        var added = Controller.AddDeviceAsync(GatewayId, identity.DeviceId, identity.ActivationCode, "Lamp " + identity.DeviceId, "bench", timeout);
        return (pending, added);
    }

    /// <summary>CPU time used so far by the Discovery broker, the cloud broker and this process (services, controller and devices).</summary>
    public (TimeSpan Discovery, TimeSpan Cloud, TimeSpan Process) CpuTimes()
    {
        return (CpuOf(Host.Endpoints.DiscoveryBroker.Pid), CpuOf(Host.Endpoints.CloudBroker.Pid), Process.GetCurrentProcess().TotalProcessorTime);
    }

    /// <summary>Mean time of one dynsec command on the cloud broker (createRole / deleteRole pairs, each answered before the
    /// next is sent, as ProvisioningService sends them); every such command makes mosquitto rewrite its whole dynsec JSON.</summary>
    public async Task<double> DynsecCommandMsAsync(int pairs)
    {
        var client = new MosquittoClient(_controllerLoop, Host.CloudBroker.ServiceOptions("bench-dynsec-probe"));
        try
        {
            var connected = await client.ConnectAsync().ConfigureAwait(false);
            if (!connected.Success)
            {
                return double.NaN;
            }

            using var admin = new DynSecAdmin(client);
            await admin.DeleteRoleAsync("bench-probe-warmup").ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < pairs; i++)
            {
                await admin.CreateRoleAsync("bench-probe-" + i).ConfigureAwait(false);
                await admin.DeleteRoleAsync("bench-probe-" + i).ConfigureAwait(false);
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds / (2 * pairs);
            await client.DisconnectAsync().ConfigureAwait(false);
            return elapsed;
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Size of the cloud broker's dynsec JSON (the file mosquitto rewrites on every dynsec change), in bytes.</summary>
    public long CloudDynsecBytes()
    {
        var folder = Path.Combine(Host.Options.WorkDir, "cloud-broker");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Select(f => new FileInfo(f).Length).DefaultIfEmpty(0).Max()
            : 0;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Controller.DisposeAsync().ConfigureAwait(false);
        _controllerLoop.Dispose();
        _minter.Dispose();
        await Host.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine("could not remove " + WorkDirectory + ": " + e.Message);
        }
    }

    private static TimeSpan CpuOf(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return TimeSpan.Zero; // the broker is gone
        }
    }
}
