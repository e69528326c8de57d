using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.DeviceHost;
using Mqtt2Go.DeviceHost.Adapters;
using Mqtt2Go.Mosquitto;

namespace Mqtt2Go.Bench;

/// <summary>One <see cref="SimulatedDevice"/> (the device host's wiring, the firmware's core unchanged) with pass-through
/// decorators on the session, store and clock so the run can be split into phases. The latency runs set
/// <c>"local-gateway": false</c>, so its mDNS transport is never used; the probe is measured on its own.</summary>
internal sealed class BenchDevice : IDisposable
{
    private readonly SimulatedDevice _device;

    /// <summary>Reads the flash folder (identity and settings.json) and builds the machine; throws on an invalid configuration.</summary>
    public BenchDevice(string name, string flashDirectory, MosquittoLoop loop, int seed)
    {
        Name = name;
        Log = new CollectingLog(LogLevel.Warning);
        TimedStore? store = null;
        TimedMqttSession? timed = null;
        CountingClock? clock = null;
        _device = new SimulatedDevice(new SimulatedDeviceOptions
        {
            Name = name,
            FlashDirectory = flashDirectory,
            Loop = loop,
            Seed = seed,
            Log = Log,
            WrapStore = inner => store = new TimedStore(inner),
            WrapSession = inner => timed = new TimedMqttSession(inner),
            WrapClock = inner => clock = new CountingClock(inner),
        });
        if (_device.Machine == null)
        {
            _device.Dispose();
            throw new InvalidOperationException(name + ": invalid configuration: " + string.Join("; ", _device.Configuration.Problems));
        }

        // SimulatedDevice called each wrapper while building the machine.
        Store = store!;
        Timed = timed!;
        Clock = clock!;
        Timeline.Attach(Machine);
    }

    /// <summary>The device's name.</summary>
    public string Name { get; }

    /// <summary>The firmware's state machine.</summary>
    public ProvisioningMachine Machine => _device.Machine;

    /// <summary>The libmosquitto adapter with its counters (TLS handshakes, publishes, subscribes, messages).</summary>
    public MosquittoSession Session => _device.Session;

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
    public void Dispose() => _device.Dispose();
}
