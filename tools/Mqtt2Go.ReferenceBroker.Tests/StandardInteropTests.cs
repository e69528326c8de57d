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
}
