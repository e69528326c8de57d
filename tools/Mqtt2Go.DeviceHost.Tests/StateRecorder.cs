using Mqtt2Go.Device.Core.Provisioning;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>Records every transition of one provisioning machine (its <c>StateChanged</c> event), thread-safe for readers.</summary>
public sealed class StateRecorder
{
    private readonly object _gate = new();
    private readonly List<StateChangedEventArgs> _events = [];

    /// <summary>Starts recording the machine's transitions.</summary>
    public StateRecorder(ProvisioningMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        machine.StateChanged += (_, e) =>
        {
            lock (_gate)
            {
                _events.Add(e);
            }
        };
    }

    /// <summary>A copy of the transitions so far, in order.</summary>
    public IReadOnlyList<StateChangedEventArgs> Snapshot()
    {
        lock (_gate)
        {
            return _events.ToArray();
        }
    }

    /// <summary>How many logged transitions entered <paramref name="state"/> (retries that stay in it count too).</summary>
    public int CountEntered(ProvisioningState state) => Snapshot().Count(e => e.To == state);

    /// <summary>True when the machine ever entered <paramref name="state"/>.</summary>
    public bool Entered(ProvisioningState state) => CountEntered(state) > 0;

    /// <summary>The path as text, for assertion messages.</summary>
    public override string ToString() => string.Join(" > ", Snapshot().Select(e => e.To + (e.Attempt > 1 ? "#" + e.Attempt : "")));
}
