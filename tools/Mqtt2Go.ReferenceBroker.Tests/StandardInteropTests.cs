using System.Text.Json.Nodes;
using Mqtt2Go.ReferenceBroker.Controller;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>Issue 11: the reference side speaks the MQTT2GO standard's messages as the standard writes them.</summary>
[TestClass]
public sealed class StandardInteropTests
{
    [TestMethod]
    public Task RenameDeviceReport_HasTheStandardsReportType_CommandResponse() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-rn");
        var rename = controller.WaitForReportAsync(r => r.Envelope.Kind == "rename_device", TimeSpan.FromSeconds(20));

        await env.ProvisionAsync(controller, device);

        // MQTT2GO 1.0 "Setup via WPS with Remote Broker", report (6): "report_type":"command_response", "report_name": "rename_device".
        var report = await rename;
        Assert.AreEqual("command_response", report.Envelope.ReportType, report.Json);
        Assert.AreEqual("dev-rn", Envelope.GetString(report.Envelope.Value, "device_id"));
        Assert.AreEqual("switch", Envelope.GetString(report.Envelope.Value, "device_type"));
    });

    [TestMethod]
    public Task ControllerQuery_ReadsTheAnswerOfADeviceThatFollowsTheStandard() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-std");
        var (added, topics) = await env.ProvisionAsync(controller, device);
        Assert.IsTrue((await device.SubscribeAsync(topics)).All(g => g < 0x80));

        // A device written from the standard alone: it answers a query with the switch report of the objects page
        // (report_name "state", report On/Off), typed here as text, not built by the project's codecs.
        var answering = Task.Run(async () =>
        {
            var query = device.WaitForMessage(added.DeviceTopic, TimeSpan.FromSeconds(10));
            Assert.IsNotNull(query, "the device got no query");
            StringAssert.Contains(System.Text.Encoding.UTF8.GetString(query.Payload), "\"query\"");
            await device.PublishAsync(added.DeviceTopic, TestEnvironment.Utf8(
                "{\"type\":\"report\",\"report_type\":\"command_response\",\"timestamp\":1567677956,\"report_name\":\"state\",\"value\":\"On\"}"));
        });

        var answer = await controller.QueryAsync(added.DeviceTopic, TimeSpan.FromSeconds(10));
        await answering;
        Assert.AreEqual("state", answer.Envelope.Kind, answer.Json);
        Assert.AreEqual("On", ControllerClient.StateOf(answer));
    });

    [TestMethod]
    [DataRow("{\"type\":\"command\",\"timestamp\":\"soon\",\"command_type\":\"activate_device\",\"value\":{\"device_id\":\"dev-ts\",\"activation_code\":\"0000000000000\"}}", "activate_device", "invalid_timestamp", "dev-ts")]
    [DataRow("{\"type\":\"command\",\"command_type\":\"rename_device\",\"value\":{\"device_id\":\"dev-s\",\"device_name\":\"\\ud800\"}}", "rename_device", "invalid_string", "dev-s")]
    [DataRow("{\"type\":\"command\",\"command_ty", "add_device", "invalid_json", null)]
    [DataRow("[1,2]", "add_device", "not_an_object", null)]
    [DataRow("{\"type\":\"command\",\"value\":{\"device_id\":\"dev-k\"}}", "add_device", "missing_command_type", "dev-k")]
    public Task MalformedControllerMessage_GetsTheProfilesErrorReport_NamedForTheCommandWhenReadable(string payload, string reportName, string reason, string? deviceId) => TestEnvironment.RunAsync(async env =>
    {
        // docs/profile.md "Every report the reference side sends": report_name = the command_type when readable, else
        // add_device; device_id when value.device_id is readable.
        await using var controller = await env.ControllerAsync();
        var topic = Topics.AddDevice("home1", "gw1");
        var error = controller.WaitForReportAsync(r => r.Topic == topic && r.Envelope.ReportType == "error", TimeSpan.FromSeconds(10));
        await controller.PublishAsync(topic, TestEnvironment.Utf8(payload));
        var report = await error;

        Assert.AreEqual(reportName, report.Envelope.Kind, report.Json);
        Assert.AreEqual(reason, Envelope.GetString(report.Envelope.Value, "reason"), report.Json);
        Assert.AreEqual(deviceId, Envelope.GetString(report.Envelope.Value, "device_id"), report.Json);
    });

    [TestMethod]
    public Task AdminSecret_LogsInAsTheDynsecAdministrator_NotAsTheServiceAccount() => TestEnvironment.RunAsync(async env =>
    {
        // Issue 11 item 10: the README once said the services log in as the service account with admin.secret (CONNACK 5).
        var broker = env.Host.CloudBroker.Broker;
        string secret = File.ReadAllText(Path.Combine(broker.WorkDir, "admin.secret")).Trim();
        async Task<Mqtt2Go.Mosquitto.ConnectResult> LoginAsync(string user)
        {
            using var client = new Mqtt2Go.Mosquitto.MosquittoClient(env.DeviceLoop, new Mqtt2Go.Mosquitto.MqttClientOptions
            {
                Port = broker.AdminPort,
                ClientId = "readme-check-" + user,
                Username = user,
                Password = secret,
            });
            var result = await client.ConnectAsync();
            if (result.Success)
            {
                await client.DisconnectAsync();
            }

            return result;
        }

        Assert.IsTrue((await LoginAsync(ServiceIdentities.Admin)).Success, "mqtt2go.admin with admin.secret");
        var service = await LoginAsync(ServiceIdentities.Service);
        Assert.IsFalse(service.Success, "the service account's password is not admin.secret");
        Console.WriteLine($"{ServiceIdentities.Service} with admin.secret: {service.Code} {service.Reason}");
    });
}
