namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>Something a fake does when its scheduled time comes (non-generic, as nanoFramework needs).</summary>
    public delegate void FakeAction();
}
