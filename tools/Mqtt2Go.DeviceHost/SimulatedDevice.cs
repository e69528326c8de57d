using System;
using System.Net;
using System.Threading;
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Desktop.Crypto;
using Mqtt2Go.Device.Desktop.Json;
using Mqtt2Go.DeviceHost.Adapters;

namespace Mqtt2Go.DeviceHost;

/// <summary>One device: the firmware's portable core, unchanged, on desktop adapters — the same wiring as the ESP32's Program.cs.</summary>
public sealed class SimulatedDevice : IDisposable
{
    private static int _seedCounter = Environment.ProcessId;
    private readonly UdpMdnsTransport _mdns;
    private Thread _operational;
    private volatile bool _stopping;

    /// <summary>Boots the device far enough to read and validate its configuration.</summary>
    public SimulatedDevice(SimulatedDeviceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = options.Name;
        Log = options.Log ?? new ConsoleLog(options.Name, options.MinimumLevel, options.LogSink);
        Store = new FileStore(options.FlashDirectory);
        Clock = new SystemClock();
        Wifi = new SimulatedWifi(options.Ssid, options.Passphrase);
        AccessPoint = options.AccessPoint ? new SimulatedAccessPoint() : null;
        Indicator = new ConsoleIndicator(line => Log.Write(LogLevel.Debug, line));
        Session = new MosquittoSession(options.Loop, Log);
        // Nobody listens on the discard port of loopback: a probe there hears silence, as on a LAN without a gateway.
        _mdns = new UdpMdnsTransport(options.MdnsResponder ?? new IPEndPoint(IPAddress.Loopback, 9));
        var json = new SystemTextJson();
        var certificates = new X509CertificateInspector();

        // What the core sees: the adapters, or measuring decorators around them (the benchmarks).
        IStore store = options.WrapStore?.Invoke(Store) ?? Store;
        IMqttSession session = options.WrapSession?.Invoke(Session) ?? Session;
        IClock clock = options.WrapClock?.Invoke(Clock) ?? Clock;

        // Read configuration exactly as the firmware does at boot: all problems or nothing.
        Configuration = new ConfigurationLoader(json, certificates).Load(store);
        if (!Configuration.IsValid)
        {
            return;
        }
        var ports = new DevicePorts
        {
            Wifi = Wifi,
            Mdns = _mdns,
            AccessPoint = AccessPoint,
            Mqtt = session,
            Json = json,
            Store = store,
            Clock = clock,
            Log = Log,
            Indicator = Indicator,
            Certificates = certificates,
            Random = new Random(options.Seed ?? Interlocked.Increment(ref _seedCounter)),
        };
        Machine = new ProvisioningMachine(Configuration.Configuration, ports);
    }

    /// <summary>The device's own access point (simulated over loopback TCP), or null when the options left it out.</summary>
    public SimulatedAccessPoint AccessPoint { get; }

    /// <summary>The device's name.</summary>
    public string Name { get; }

    /// <summary>The configuration as read at boot; when invalid, <see cref="Machine"/> is null.</summary>
    public ConfigurationResult Configuration { get; }

    /// <summary>The firmware's state machine, or null when the configuration is invalid.</summary>
    public ProvisioningMachine Machine { get; }

    /// <summary>The MQTT adapter, with its handshake and packet counters.</summary>
    public MosquittoSession Session { get; }

    /// <summary>The flash store.</summary>
    public FileStore Store { get; }

    /// <summary>The simulated radio.</summary>
    public SimulatedWifi Wifi { get; }

    /// <summary>LED and switch output.</summary>
    public ConsoleIndicator Indicator { get; }

    /// <summary>The device's monotonic clock.</summary>
    public SystemClock Clock { get; }

    /// <summary>The device's log.</summary>
    public ILog Log { get; }

    /// <summary>Runs provisioning until the device is operational or has failed for good.</summary>
    public ProvisioningState Provision()
    {
        if (Machine == null)
        {
            throw new InvalidOperationException("invalid configuration: " + string.Join("; ", Configuration.Problems));
        }
        return Machine.RunUntilSettled();
    }

    /// <summary>Serves the operational phase on a background thread until <see cref="Dispose"/>.</summary>
    public void StartOperational()
    {
        if (Machine == null || _operational != null) return;
        _operational = new Thread(() =>
        {
            while (!_stopping)
            {
                Machine.RunOperational(Clock.NowMs + 100);
            }
        })
        {
            IsBackground = true,
            Name = Name + "-operational",
        };
        _operational.Start();
    }

    /// <summary>Stops the firmware and closes its connection; the flash folder stays, so a new instance resumes from it.</summary>
    public void Dispose()
    {
        _stopping = true;
        _operational?.Join(TimeSpan.FromSeconds(5));
        Session.Dispose();
        _mdns.Dispose();
        AccessPoint?.Dispose();
    }
}
