using System;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>Describes one transition of the provisioning machine.</summary>
    public sealed class StateChangedEventArgs : EventArgs
    {
        /// <summary>Creates the description.</summary>
        public StateChangedEventArgs(ProvisioningState from, ProvisioningState to, long elapsedMs, int attempt, string detail)
        {
            From = from;
            To = to;
            ElapsedMs = elapsedMs;
            Attempt = attempt;
            Detail = detail;
        }

        /// <summary>The state left.</summary>
        public ProvisioningState From { get; private set; }

        /// <summary>The state entered.</summary>
        public ProvisioningState To { get; private set; }

        /// <summary>Milliseconds since the run started (Boot).</summary>
        public long ElapsedMs { get; private set; }

        /// <summary>The attempt number within the current phase, 1-based.</summary>
        public int Attempt { get; private set; }

        /// <summary>Why, for retries and failures; never contains secrets; may be null.</summary>
        public string Detail { get; private set; }
    }
}
