using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Desktop.Crypto;
using Mqtt2Go.Device.Desktop.Json;
using Mqtt2Go.DeviceHost.Adapters;
using Mqtt2Go.Mosquitto;

namespace Mqtt2Go.Bench;

/// <summary>One simulated device wired exactly as <c>Mqtt2Go.DeviceHost.SimulatedDevice</c> (same desktop adapters, the
/// firmware's core unchanged), with pass-through decorators on the session, store and clock so the run can be split into
/// phases. No mDNS transport: the latency runs set <c>"local-gateway": false</c> and the probe is measured on its own.</summary>
internal sealed class BenchDevice : IDisposable
{
    /// <summary>Reads the flash folder (identity and settings.json) and builds the machine; throws on an invalid configuration.</summary>
    public BenchDevice(string name, string flashDirectory, MosquittoLoop loop, int seed)
    {
        Name = name;
        Store = new TimedStore(new FileStore(flashDirectory));
        Session = new MosquittoSession(loop);
        Timed = new TimedMqttSession(Session);
        Clock = new CountingClock(new SystemClock());
        Log = new CollectingLog(LogLevel.Warning);
        var json = new SystemTextJson();
        var certificates = new X509CertificateInspector();
        var configuration = new ConfigurationLoader(json, certificates).Load(Store);
        if (!configuration.IsValid)
        {
            throw new InvalidOperationException(name + ": invalid configuration: " + string.Join("; ", configuration.Problems));
        }

        var ports = new DevicePorts
        {
            Wifi = new SimulatedWifi("home-wifi", "correct horse battery staple"),
            Mdns = null,
            Mqtt = Timed,
            Json = json,
            Store = Store,
            Clock = Clock,
            Log = Log,
            Indicator = new ConsoleIndicator(),
            Certificates = certificates,
            Random = new Random(seed),
        };
        Machine = new ProvisioningMachine(configuration.Configuration, ports);
        Timeline.Attach(Machine);
    }

    /// <summary>The device's name.</summary>
    public string Name { get; }

    /// <summary>The firmware's state machine.</summary>
    public ProvisioningMachine Machine { get; }

    /// <summary>The libmosquitto adapter with its counters (TLS handshakes, publishes, subscribes, messages).</summary>
    public MosquittoSession Session { get; }

    /// <summary>The timing decorator around <see cref="Session"/>.</summary>
    public TimedMqttSession Timed { get; }

    /// <summary>The flash store with write timing.</summary>
    public TimedStore Store { get; }

    /// <summary>The clock with sleep counting.</summary>
    public CountingClock Clock { get; }

    /// <summary>Warnings and errors of the device.</summary>
    public CollectingLog Log { get; }

    /// <summary>State entry times.</summary>
    public StateTimeline Timeline { get; } = new();

    /// <summary>Runs provisioning until Operational or Failed.</summary>
    public ProvisioningState Provision() => Machine.RunUntilSettled();

    /// <summary>Closes the connection.</summary>
    public void Dispose() => Session.Dispose();
}
