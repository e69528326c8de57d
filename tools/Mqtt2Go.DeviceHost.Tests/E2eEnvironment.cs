using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Identity;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Controller;
using Mqtt2Go.ReferenceBroker.Hosting;
using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Storage;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>
/// One test's world, wired like tools/Mqtt2Go.DeviceHost/Demo.cs: its own temp folder, the reference broker (real mosquitto
/// processes on free loopback ports) with a hand-moved clock, the factory minter, controllers, and simulated devices running
/// the firmware's portable core. On failure it prints the service log, the broker log tails and every device's log;
/// disposal stops devices, controllers and the brokers (by their PID, through the host's DisposeAsync).
/// </summary>
public sealed class E2eEnvironment : IAsyncDisposable
{
    /// <summary>The default bound on one step of a test (a provisioning run, a controller round trip).</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<string> _serviceLog = new();
    private readonly ConcurrentQueue<string> _deviceLog = new();
    private readonly ConcurrentBag<SimulatedDevice> _devices = [];
    private readonly ConcurrentBag<ControllerClient> _controllers = [];
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private FactoryIdentityMinter? _minter;
    private ReferenceBrokerOptions? _options;
    private ReferencePki? _pki;
    private int _flashCounter;

    private E2eEnvironment(string dir, int loops)
    {
        Dir = dir;
        Loops = Enumerable.Range(0, loops).Select(i => new MosquittoLoop("e2e-devices-" + i)).ToArray();
    }

    /// <summary>The test's temporary folder (broker work dir and device flash folders).</summary>
    public string Dir { get; }

    /// <summary>The reference broker's clock.</summary>
    public FakeTimeProvider Time { get; } = new();

    /// <summary>The running reference broker (in this process; null in a world started by <see cref="RunOnServeAsync"/>).</summary>
    public ReferenceBrokerHost Host { get; private set; } = null!;

    /// <summary>The reference broker as its own <c>serve</c> process, or null.</summary>
    public ServeProcess? Serve { get; private set; }

    /// <summary>What runs where (the in-process host's, or what the current serve process wrote).</summary>
    public ReferenceBrokerEndpoints Endpoints => Serve?.Endpoints ?? Host.Endpoints;

    /// <summary>The loops that drive the devices' and controllers' MQTT connections.</summary>
    public MosquittoLoop[] Loops { get; }

    /// <summary>The service log lines so far (Discovery, cloud and gateway services).</summary>
    public IReadOnlyList<string> ServiceLog => _serviceLog.ToArray();

    /// <summary>Starts a world, runs the test in it, prints all logs when it throws, and always tears the world down.</summary>
    public static async Task RunAsync(Func<E2eEnvironment, Task> test, Action<ReferenceBrokerOptions>? configure = null, int loops = 1)
    {
        var dir = Path.Combine(Path.GetTempPath(), "m2g-e2e-" + Guid.NewGuid().ToString("N")[..10]);
        var env = new E2eEnvironment(dir, loops);
        var options = new ReferenceBrokerOptions
        {
            WorkDir = Path.Combine(dir, "reference-broker"),
            Time = env.Time,
            Log = env.LogService,
        };
        configure?.Invoke(options);
        env._options = options;
        await RunInAsync(env, test, async () =>
        {
            env.Host = await ReferenceBrokerHost.StartAsync(options);
            return (env.Host.Pki, env.Host.Registry);
        });
    }

    /// <summary>
    /// Like <see cref="RunAsync"/>, with the reference broker as a user runs it: <c>serve</c> in its own process on the
    /// world's work directory (real clock), so a test can SIGKILL it (<see cref="RestartServeAsync"/>).
    /// </summary>
    public static async Task RunOnServeAsync(Func<E2eEnvironment, Task> test, int loops = 1)
    {
        var dir = Path.Combine(Path.GetTempPath(), "m2g-e2e-" + Guid.NewGuid().ToString("N")[..10]);
        var env = new E2eEnvironment(dir, loops);
        var workDir = Path.Combine(dir, "reference-broker");
        await RunInAsync(env, test, async () =>
        {
            env.Serve = await ServeProcess.StartAsync(workDir, env.LogService);
            // The factory side opens the same PKI and registry as serve (SQLite in WAL mode takes both processes).
            env._pki = ReferencePki.OpenOrCreate(Path.Combine(workDir, "pki"));
            return (env._pki, new ManufacturerRegistry(ReferenceDatabase.ForSqliteFile(Path.Combine(workDir, "reference.db")), env._pki.Manufacturer, TimeProvider.System));
        });
    }

    /// <summary>SIGKILLs the serve process by its PID (services die mid-flow, its mosquittos are orphaned) and starts it again on the same work directory.</summary>
    public async Task<(int Killed, int Started)> RestartServeAsync(TimeSpan pause)
    {
        var old = Serve ?? throw new InvalidOperationException("this world runs the reference broker in-process");
        var killed = old.Pid;
        old.Kill();
        await Task.Delay(pause);
        Serve = await ServeProcess.StartAsync(old.WorkDir, LogService);
        return (killed, Serve.Pid);
    }

    /// <summary>Stops every in-process service and broker and starts them again on the same work directory (same ports):
    /// what they held only in memory is gone.</summary>
    public async Task RestartHostAsync()
    {
        var options = _options ?? throw new InvalidOperationException("this world runs the reference broker as serve");
        await Host.DisposeAsync();
        Host = null!;
        Host = await ReferenceBrokerHost.StartAsync(options);
    }

    private void LogService(string line) => _serviceLog.Enqueue($"[{_elapsed.Elapsed.TotalSeconds,7:0.000}s] {line}");

    private static async Task RunInAsync(E2eEnvironment env, Func<E2eEnvironment, Task> test, Func<Task<(ReferencePki Pki, ManufacturerRegistry Registry)>> start)
    {
        try
        {
            var (pki, registry) = await start();
            env._minter = new FactoryIdentityMinter(pki, registry)
            {
                DefaultDiscoveryHost = env.Endpoints.DiscoveryBroker.Host,
                DefaultDiscoveryPort = env.Endpoints.DiscoveryBroker.Port,
            };
            await test(env);
        }
        catch (Exception)
        {
            env.PrintLogs();
            throw;
        }
        finally
        {
            await env.DisposeAsync();
        }
    }

    /// <summary>Mints one unit's identity into a fresh flash folder (registered with the manufacturer) and writes its settings.json.</summary>
    public MintedIdentity Mint(DeviceSettings? settings = null)
    {
        var flash = Path.Combine(Dir, "flash-" + Interlocked.Increment(ref _flashCounter).ToString("D3"));
        MintedIdentity identity;
        lock (_minter!)
        {
            identity = _minter.MintDevice(new MintOptions { OutputDirectory = flash, WriteLabelPng = false });
        }

        File.WriteAllText(Path.Combine(flash, "settings.json"), (settings ?? new DeviceSettings()).ToJson());
        return identity;
    }

    /// <summary>Boots a simulated device on the identity's flash folder (a new instance resumes from its checkpoints).</summary>
    public SimulatedDevice Boot(MintedIdentity identity, string name = "device", int loop = 0, bool answerMdns = false, bool accessPoint = false)
    {
        IPEndPoint? responder = null;
        if (answerMdns)
        {
            responder = new IPEndPoint(IPAddress.Loopback, Endpoints.MdnsPort ?? throw new InvalidOperationException("no local gateway running"));
        }

        var device = new SimulatedDevice(new SimulatedDeviceOptions
        {
            Name = name,
            FlashDirectory = identity.OutputDirectory,
            Loop = Loops[loop % Loops.Length],
            MdnsResponder = responder,
            AccessPoint = accessPoint,
            LogSink = line => _deviceLog.Enqueue(line),
            MinimumLevel = LogLevel.Info,
        });
        _devices.Add(device);
        Assert.IsNotNull(device.Machine, "the device's configuration is invalid: " + string.Join("; ", device.Configuration.Problems));
        return device;
    }

    /// <summary>Connects a controller to the cloud broker (or the local gateway); it is disposed with the world.</summary>
    public async Task<ControllerClient> ControllerAsync(bool localGateway = false)
    {
        var controller = await ControllerClient.ConnectAsync(Loops[0], Endpoints, localGateway);
        _controllers.Add(controller);
        return controller;
    }

    /// <summary>
    /// The user scans the label: the controller publishes activate_device and this waits for the service's acknowledgement
    /// (Discovery entry stored, access granted); returns the rest of the add (rename_device once the device asks for topics).
    /// </summary>
    public static async Task<Task<AddDeviceResult>> AddAsync(ControllerClient controller, MintedIdentity identity, string group = "living", TimeSpan? timeout = null)
    {
        var pending = controller.WaitForReportAsync(
            r => r.Envelope.Kind == "activate_device" && r.Json.Contains(identity.DeviceId, StringComparison.Ordinal), timeout ?? StepTimeout);
        var add = controller.AddDeviceAsync("gw1", identity.DeviceId, identity.ActivationCode, "Lamp " + identity.DeviceId, group, timeout ?? StepTimeout);
        var ack = await pending;
        Assert.AreEqual("command_response", ack.Envelope.ReportType, "activate_device was refused: " + ack.Json);
        return add;
    }

    /// <summary>Runs <paramref name="work"/> on its own thread (the device's blocking calls never starve the thread pool).</summary>
    public static Task<T> OnThread<T>(string name, Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>Runs the device's provisioning on its own thread, bounded by <paramref name="timeout"/>.</summary>
    public static Task<ProvisioningState> ProvisionAsync(SimulatedDevice device, TimeSpan? timeout = null) =>
        OnThread(device.Name + "-provision", device.Provision).WaitAsync(timeout ?? StepTimeout);

    /// <summary>Steps the machine (on its own thread) until it enters <paramref name="target"/>; fails if it settles elsewhere first.</summary>
    public static Task StepUntilAsync(SimulatedDevice device, ProvisioningState target, TimeSpan? timeout = null) =>
        OnThread(device.Name + "-steps", () =>
        {
            var machine = device.Machine;
            while (machine.State != target)
            {
                if (machine.State == ProvisioningState.Failed || (machine.State == ProvisioningState.Operational && target != ProvisioningState.Operational))
                {
                    throw new AssertFailedException($"{device.Name} settled in {machine.State} before reaching {target}: {machine.Failure} {machine.FailureDetail}");
                }

                machine.Step();
            }

            return 0;
        }).WaitAsync(timeout ?? StepTimeout);

    /// <summary>Polls <paramref name="condition"/> every 20 ms until true; throws TimeoutException naming <paramref name="what"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, double seconds = 15)
    {
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > end)
            {
                throw new TimeoutException("waiting for " + what);
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Counts service log lines containing <paramref name="text"/>.</summary>
    public int CountServiceLog(string text) => _serviceLog.Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Device log lines (every simulated device of this world) that contain the text.</summary>
    public int CountDeviceLog(string text) => _deviceLog.Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Prints the service log, the brokers' log tails and every device's log.</summary>
    public void PrintLogs()
    {
        Console.WriteLine("---- service log ----");
        foreach (var line in _serviceLog)
        {
            Console.WriteLine(line);
        }

        if (Host is not null)
        {
            Console.WriteLine(Host.LogTails());
        }

        Console.WriteLine("---- device log ----");
        foreach (var line in _deviceLog)
        {
            Console.WriteLine(line);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var device in _devices)
        {
            device.Dispose();
        }

        foreach (var controller in _controllers)
        {
            try
            {
                await controller.DisposeAsync();
            }
            catch (MosquittoException e)
            {
                Console.WriteLine("controller disconnect: " + e.Message); // its broker may already be gone
            }
        }

        _minter?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        Serve?.Dispose();
        _pki?.Dispose();

        foreach (var loop in Loops)
        {
            loop.Dispose();
        }

        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException e)
        {
            Console.WriteLine($"temp folder {Dir} not removed: {e.Message}");
        }
    }
}
