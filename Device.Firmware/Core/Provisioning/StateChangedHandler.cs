namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>Receives the provisioning machine's transitions (called on the machine's thread).</summary>
    public delegate void StateChangedHandler(object sender, StateChangedEventArgs e);
}
