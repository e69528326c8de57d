namespace Mqtt2Go.Device.Core.Operation
{
    /// <summary>What the device behaviour did with one received message.</summary>
    public enum CommandOutcome
    {
        /// <summary>Not for the device (a report, its own echo, another topic).</summary>
        Ignored = 0,
        /// <summary>A command was executed and answered.</summary>
        Handled = 1,
        /// <summary>A malformed or unsupported command was answered with an error report.</summary>
        Rejected = 2,
        /// <summary>remove_device was answered; the caller wipes the activation and restarts provisioning.</summary>
        RemoveRequested = 3
    }
}
