using Mqtt2Go.ReferenceBroker.Storage;
using Mqtt2Go.Mosquitto.Grants;
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

    /// <summary>Mean time of one device grant change on the cloud broker (setGrants / deleteGrants pairs of a renamed
    /// device's 6 grants, each answered before the next is sent, as the services send them).</summary>
    public async Task<double> GrantCommandMsAsync(int pairs)
    {
        var client = new MosquittoClient(_controllerLoop, Host.CloudBroker.ServiceOptions("bench-grants-probe"));
        try
        {
            var connected = await client.ConnectAsync().ConfigureAwait(false);
            if (!connected.Success)
            {
                return double.NaN;
            }

            using var grants = new GrantsAdmin(client);
            await grants.DeleteAsync("bench-probe-warmup").ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < pairs; i++)
            {
                await grants.SetAsync("bench-probe-" + i, RenamedDeviceGrants("bench-probe-" + i)).ConfigureAwait(false);
                await grants.DeleteAsync("bench-probe-" + i).ConfigureAwait(false);
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

    /// <summary>
    /// Gives the cloud broker <paramref name="count"/> devices as activation leaves them (issue 12's "registered"): the
    /// grants of a renamed device in the plugin (6 literal topics) and a cloud record with topics in the database,
    /// written the way the cloud service writes them, 64 at a time. Returns the time it took.
    /// </summary>
    public async Task<TimeSpan> PreRegisterAsync(int count)
    {
        var started = Stopwatch.StartNew();
        var client = new MosquittoClient(_controllerLoop, Host.CloudBroker.ServiceOptions("bench-pre-register"));
        try
        {
            var connected = await client.ConnectAsync().ConfigureAwait(false);
            if (!connected.Success)
            {
                throw new InvalidOperationException("pre-register: cloud admin login failed: " + connected.Reason);
            }

            using var grants = new GrantsAdmin(client) { Timeout = TimeSpan.FromSeconds(60) };
            var records = new ProvisioningRecordStore(Host.Database, "cloud");
            var expires = DateTimeOffset.UtcNow.AddMinutes(15);
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    var id = "reg-" + i;
                    await grants.SetAsync(id, RenamedDeviceGrants(id)).ConfigureAwait(false);
                    await records.SaveAsync(new ProvisioningRecordStore.Row(id, "home1", "gw1", null, expires, "switch", id,
                        [Topics.Device("home1", "gw1", "g1", "switch", id), Topics.Group("home1", "gw1", "g1", "switch")])).ConfigureAwait(false);
                }
            })).ConfigureAwait(false);
            await client.DisconnectAsync().ConfigureAwait(false);
        }
        finally
        {
            client.Dispose();
        }

        return started.Elapsed;
    }

    /// <summary>Size of the cloud broker's device grants journal, in bytes.</summary>
    public long CloudGrantsBytes()
    {
        var path = Host.CloudBroker.Broker.GrantsPath;
        return File.Exists(path) ? new FileInfo(path).Length : 0;
    }

    private static DynSecAcl[] RenamedDeviceGrants(string id)
    {
        var topics = Topics.DeviceTopics(id);
        var device = Topics.Device("home1", "gw1", "g1", "switch", id);
        return
        [
            new DynSecAcl("subscribeLiteral", topics),
            new DynSecAcl("publishClientSend", topics),
            new DynSecAcl("publishClientReceive", topics),
            new DynSecAcl("subscribeLiteral", device),
            new DynSecAcl("publishClientSend", device),
            new DynSecAcl("subscribeLiteral", Topics.Group("home1", "gw1", "g1", "switch")),
        ];
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
