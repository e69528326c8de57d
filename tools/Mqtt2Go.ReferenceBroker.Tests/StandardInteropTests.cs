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
}
