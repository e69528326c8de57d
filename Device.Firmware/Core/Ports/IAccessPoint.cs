namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>The device's own WPA2 access point, for homes without a gateway (docs/profile.md "Device access point"): a
    /// phone joins it with the activation code on the label and sends the home network in one small TCP request.</summary>
    public interface IAccessPoint
    {
        /// <summary>Opens the access point with this SSID and WPA2 passphrase and listens for the phone; false with a reason
        /// (no secret in it) when the platform cannot.</summary>
        bool Open(string ssid, string passphrase, out string problem);

        /// <summary>Waits up to timeoutMs for the phone's connection; null when none came in time or the access point is closed.</summary>
        ISetupConnection Accept(int timeoutMs);

        /// <summary>Stops listening and closes the access point (nothing when it is not open).</summary>
        void Close();

        /// <summary>True between a successful <see cref="Open"/> and <see cref="Close"/>.</summary>
        bool IsOpen { get; }
    }
}
