namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>The status LED and the device's switch output.</summary>
    public interface IIndicator
    {
        /// <summary>Shows a status pattern.</summary>
        void Show(IndicatorPattern pattern);

        /// <summary>Drives the switch output (the board LED for the default "switch" device type).</summary>
        void SetOutput(bool on);
    }
}
