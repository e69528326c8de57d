namespace Mqtt2Go.ReferenceBroker.Controller;

/// <summary>Outcome of <see cref="ControllerClient.AddDeviceAsync"/>.</summary>
/// <param name="DeviceId">The device id.</param>
/// <param name="DeviceType">The type the device announced (from rename_device).</param>
/// <param name="Name">The name given to it.</param>
/// <param name="DeviceTopic">Its device topic <c>&lt;home&gt;/&lt;gw&gt;/&lt;group&gt;/&lt;type&gt;/&lt;id&gt;</c>.</param>
/// <param name="GroupTopic">Its group topic <c>&lt;home&gt;/&lt;gw&gt;/&lt;group&gt;/&lt;type&gt;</c>.</param>
public sealed record AddDeviceResult(string DeviceId, string DeviceType, string Name, string DeviceTopic, string GroupTopic);
