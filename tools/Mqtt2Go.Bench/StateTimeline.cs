using System.Diagnostics;
using Mqtt2Go.Device.Core.Provisioning;

namespace Mqtt2Go.Bench;

/// <summary>When the machine first entered each state (Stopwatch ticks, from <see cref="ProvisioningMachine.StateChanged"/>),
/// and how many transitions were retries.</summary>
internal sealed class StateTimeline
{
    private readonly long[] _firstEntry = new long[Enum.GetValues<ProvisioningState>().Length];

    /// <summary>Transitions that carried an attempt number above 1 (a backoff and retry happened).</summary>
    public int Retries { get; private set; }

    /// <summary>Subscribes to the machine's transitions.</summary>
    public void Attach(ProvisioningMachine machine)
    {
        machine.StateChanged += (_, e) =>
        {
            var now = Stopwatch.GetTimestamp();
            var index = (int)e.To;
            if (_firstEntry[index] == 0)
            {
                _firstEntry[index] = now;
            }

            if (e.Attempt > 1)
            {
                Retries++;
            }
        };
    }

    /// <summary>First entry into the state (Stopwatch ticks), or 0 when never entered.</summary>
    public long Entry(ProvisioningState state) => _firstEntry[(int)state];

    /// <summary>Milliseconds between the first entries of two states, NaN when either was not reached.</summary>
    public double Between(ProvisioningState from, ProvisioningState to)
    {
        var a = Entry(from);
        var b = Entry(to);
        return a == 0 || b == 0 ? double.NaN : Stopwatch.GetElapsedTime(a, b).TotalMilliseconds;
    }
}
