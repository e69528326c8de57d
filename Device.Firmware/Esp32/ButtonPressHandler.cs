namespace Mqtt2Go.Device.Esp32
{
    /// <summary>Handles a recognised press of the board button.</summary>
    public delegate void ButtonPressHandler(object sender, ButtonPressEventArgs e);
}
