using System.Text.Json;
using Mqtt2Go.Mosquitto;

namespace Mqtt2Go.DeviceHost.Tests.Conformance;

/// <summary>
/// A controller (the user's app) written only from the MQTT2GO standard as docs/profile.md quotes it: steps 1, 10–11 of
/// "Setup via WPS with Remote Broker" and the switch's set/query, as JSON text in the given <see cref="Dialect"/>.
/// </summary>
public sealed class StandardController : StandardParty
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(20);

    private StandardController(string homeId, Dialect dialect)
    {
        HomeId = homeId;
        Dialect = dialect;
    }

    /// <summary>The home this controller manages.</summary>
    public string HomeId { get; }

    /// <summary>How it writes the standard.</summary>
    public Dialect Dialect { get; }

    /// <summary>Connects with the controller's certificate (CN = username = client id) and subscribes the home in its spelling.</summary>
    public static async Task<StandardController> ConnectAsync(MosquittoLoop loop, string host, int port, string caFile, string certFile, string keyFile, string clientId, string homeId, Dialect dialect)
    {
        var controller = new StandardController(homeId, dialect);
        await controller.ConnectAsync(loop, new MqttClientOptions
        {
            Host = host,
            Port = port,
            ClientId = clientId,
            CaFile = caFile,
            CertFile = certFile,
            KeyFile = keyFile,
            ProtocolVersion = 5,
        });
        // The home in the dialect's step-1 spelling, and the device and group topics, which never start with "/" (the
        // cloud builds them, step 12; docs/profile.md "Transport").
        string[] filters = dialect.LeadingSlash ? [dialect.HomeFilter(homeId), homeId + "/#"] : [dialect.HomeFilter(homeId)];
        await controller.SubscribeAsync(filters);
        return controller;
    }

    /// <summary>Step 1: <c>activate_device</c> with the scanned code and id; returns the broker's answer on the same topic.</summary>
    public async Task<StandardMessage> ActivateAsync(string gatewayId, string deviceId, string activationCode)
    {
        string topic = Dialect.AddDeviceTopic(HomeId, gatewayId);
        await PublishAsync(topic, Dialect.Command("activate_device",
            "{\"activation_code\":" + Dialect.Quote(activationCode) + ",\"device_id\":" + Dialect.Quote(deviceId) + "}"));
        return WaitFor(topic, m => m.Type == "report" && m.Name == "activate_device" && m.ValueField("device_id") == deviceId, Step, "activate_device answer");
    }

    /// <summary>Step 10: waits for the <c>rename_device</c> report that says the device asked for its topics; returns it.</summary>
    public StandardMessage AwaitRenameRequest(string gatewayId, string deviceId) =>
        WaitFor(Dialect.AddDeviceTopic(HomeId, gatewayId), m => m.Type == "report" && m.Name == "rename_device" && m.ValueField("device_id") == deviceId, Step, "rename_device report");

    /// <summary>Step 11: names the device and puts it in a group; returns the device topic the standard builds from them.</summary>
    public async Task<string> RenameAsync(string gatewayId, string deviceId, string deviceType, string name, string groupId)
    {
        await PublishAsync(Dialect.AddDeviceTopic(HomeId, gatewayId), Dialect.Command("rename_device",
            "{\"device_id\":" + Dialect.Quote(deviceId) + ",\"device_name\":" + Dialect.Quote(name) + ",\"group_id\":" + Dialect.Quote(groupId) + "}"));
        return HomeId + "/" + gatewayId + "/" + groupId + "/" + deviceType + "/" + deviceId;
    }

    /// <summary>Sends <c>set</c> with <paramref name="value"/> and returns the switch's <c>state</c> answer.</summary>
    public async Task<StandardMessage> SetAsync(string deviceTopic, string value)
    {
        await PublishAsync(deviceTopic, Dialect.Command("set", Dialect.Quote(value)));
        return AwaitState(deviceTopic);
    }

    /// <summary>Sends <c>query</c> (<c>QueryState</c>) and returns the switch's <c>state</c> answer.</summary>
    public async Task<StandardMessage> QueryAsync(string deviceTopic)
    {
        await PublishAsync(deviceTopic, Dialect.Command("query", Dialect.Quote("QueryState")));
        return AwaitState(deviceTopic);
    }

    /// <summary>The objects page's switch report: report_name <c>state</c>, On/Off, as a command_response.</summary>
    public StandardMessage AwaitState(string deviceTopic) =>
        WaitFor(deviceTopic, m => m.Type == "report" && m.ReportType == "command_response" && m.Name == "state", Step, "state answer");

    /// <summary>The On/Off of a state report (value or report field, a string).</summary>
    public static string? StateOf(StandardMessage report) => report.Value.ValueKind == JsonValueKind.String ? report.Value.GetString() : null;
}
