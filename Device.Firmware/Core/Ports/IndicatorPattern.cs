namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>What the status LED shows; the adapter maps each to a blink pattern.</summary>
    public enum IndicatorPattern
    {
        /// <summary>LED off.</summary>
        Off = 0,
        /// <summary>Waiting for the WPS button on the router (slow blink).</summary>
        AwaitingWps = 1,
        /// <summary>Joining Wi-Fi or provisioning (fast blink).</summary>
        Provisioning = 2,
        /// <summary>Provisioned and connected (the switch state drives the LED).</summary>
        Operational = 3,
        /// <summary>Connection lost, reconnecting (double blink).</summary>
        Reconnecting = 4,
        /// <summary>Terminal failure, needs the user (SOS).</summary>
        Failed = 5,
        /// <summary>No WPS in this firmware image (triple blink).</summary>
        WpsUnavailable = 6
    }
}
