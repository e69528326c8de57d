namespace Mqtt2Go.ReferenceBroker.Protocol;

/// <summary>Every MQTT2GO topic the reference side uses, built in one place (no leading slash, docs/profile.md).</summary>
public static class Topics
{
    /// <summary>The Discovery / gateway activation topic <c>&lt;activation_code&gt;/activation</c>.</summary>
    public static string Activation(string activationCode) => activationCode + "/activation";

    /// <summary>Filter matching every activation topic.</summary>
    public const string AllActivations = "+/activation";

    /// <summary>The guest-Wi-Fi topic <c>&lt;activation_code&gt;/wifi</c> (MQTT2GO 1.1, GET_WIFI_CREDENTIALS on the gateway).</summary>
    public static string Wifi(string activationCode) => activationCode + "/wifi";

    /// <summary>Filter matching every guest-Wi-Fi topic.</summary>
    public const string AllWifi = "+/wifi";

    /// <summary>The device's topic-negotiation topic <c>&lt;device_id&gt;/topics</c>.</summary>
    public static string DeviceTopics(string deviceId) => deviceId + "/topics";

    /// <summary>Filter matching every topics topic.</summary>
    public const string AllDeviceTopics = "+/topics";

    /// <summary>The controller's topic <c>&lt;home_id&gt;/&lt;gw_id&gt;/add_device</c>.</summary>
    public static string AddDevice(string homeId, string gatewayId) => homeId + "/" + gatewayId + "/add_device";

    /// <summary>Filter matching every add_device topic.</summary>
    public const string AllAddDevice = "+/+/add_device";

    /// <summary>
    /// Filter matching every add_device topic in the spelling of the standard's step 1, <c>/&lt;home_id&gt;/&lt;gw_id&gt;/add_device</c>
    /// (a leading slash: an empty first level). The services serve it too and answer on the spelling they received.
    /// </summary>
    public const string AllAddDeviceLeadingSlash = "/+/+/add_device";

    /// <summary>The controller's topic in the leading-slash spelling, <c>/&lt;home_id&gt;/&lt;gw_id&gt;/add_device</c>.</summary>
    public static string AddDeviceLeadingSlash(string homeId, string gatewayId) => "/" + AddDevice(homeId, gatewayId);

    /// <summary>The device topic <c>&lt;home&gt;/&lt;gw&gt;/&lt;group&gt;/&lt;type&gt;/&lt;device&gt;</c>.</summary>
    public static string Device(string homeId, string gatewayId, string groupId, string deviceType, string deviceId) =>
        $"{homeId}/{gatewayId}/{groupId}/{deviceType}/{deviceId}";

    /// <summary>The group topic <c>&lt;home&gt;/&lt;gw&gt;/&lt;group&gt;/&lt;type&gt;</c>.</summary>
    public static string Group(string homeId, string gatewayId, string groupId, string deviceType) =>
        $"{homeId}/{gatewayId}/{groupId}/{deviceType}";

    /// <summary>The controller's filter for the whole home <c>&lt;home_id&gt;/#</c>.</summary>
    public static string Home(string homeId) => homeId + "/#";

    /// <summary>The same in the leading-slash spelling, <c>/&lt;home_id&gt;/#</c> (the standard's step-1 topic lies under it).</summary>
    public static string HomeLeadingSlash(string homeId) => "/" + Home(homeId);

    /// <summary>Splits a topic into levels.</summary>
    public static string[] Levels(string topic) => topic.Split('/');
}
