using System.Text.Json.Nodes;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>Issue 10, fault suite on the service side: what the services knew must survive their process.</summary>
[TestClass]
public sealed class ServiceRestartTests
{
    [TestMethod]
    public Task ServicesRestartedBetweenActivationAndTopics_TheCloudStillKnowsTheDevice_AndTheAddCompletes() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-restart");
        var pending = controller.WaitForReportAsync(r => r.Envelope.Kind == "activate_device" && r.Json.Contains("dev-restart", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var add = controller.AddDeviceAsync("gw1", "dev-restart", device.Identity.ActivationCode, "Porch lamp", "porch", TimeSpan.FromSeconds(60));
        Assert.AreEqual("command_response", (await pending).Envelope.ReportType);
        var data = await device.GetBrokerDataAsync(env.Host.Endpoints.DiscoveryBroker.Port);
        device.StoreOperationalCertificate(data.GetProperty("device_certificate").GetString()!);

        // Every service stops and starts again (same work directory, same ports): nothing they held in memory is left.
        await env.RestartHostAsync();

        // The device asks for its topics and, like the firmware, asks again while no answer comes (the controller may still
        // be reconnecting when the first rename_device request goes out). Without the stored record the cloud answered
        // unknown_device and the activation was lost.
        var topicsTopic = Topics.DeviceTopics("dev-restart");
        await device.ConnectOperationalAsync(env.Host.Endpoints.CloudBroker.Port);
        Assert.IsTrue((await device.SubscribeAsync(topicsTopic))[0] < 0x80);
        string[]? topics = null;
        for (var attempt = 0; attempt < 15 && topics is null; attempt++)
        {
            await device.CommandAsync(topicsTopic, "topics", "GET_DEVICE_TOPICS", ("device_type", JsonValue.Create("switch")));
            var report = device.WaitForReport(topicsTopic, "topics", TimeSpan.FromSeconds(2));
            if (report is not null)
            {
                Assert.AreEqual("command_response", report.ReportType, "after the restart: " + report.Value.GetRawText());
                topics = report.Value.EnumerateArray().Select(t => t.GetString()!).ToArray();
            }
        }

        Assert.IsNotNull(topics, "no topics report after the restart");
        var added = await add;
        CollectionAssert.AreEqual(new[] { added.DeviceTopic, added.GroupTopic }, topics);
        Assert.AreEqual("home1/gw1/porch/switch/dev-restart", added.DeviceTopic);
    });

    [TestMethod]
    public Task ARepeatedRenameRequest_IsAnsweredAgainByTheController_WithTheSameNameAndGroup() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-again");
        var (added, _) = await env.ProvisionAsync(controller, device, "gw1", "hall");

        // A cloud service killed before the controller's answer reached it asks again when the device repeats
        // GET_DEVICE_TOPICS; here the test plays that service on the cloud broker's service listener.
        var addTopic = Topics.AddDevice("home1", "gw1");
        using var service = new MosquittoClient(env.DeviceLoop, env.Host.CloudBroker.ServiceOptions("test-service"));
        Assert.IsTrue((await service.ConnectAsync()).Success);
        var answer = new TaskCompletionSource<Envelope>(TaskCreationOptions.RunContinuationsAsynchronously);
        service.MessageReceived += m =>
        {
            if (m.Topic == addTopic && Envelope.TryParse(m.Payload, out var e, out _) && e!.IsCommand && e.Kind == "rename_device")
            {
                answer.TrySetResult(e);
            }
        };
        Assert.IsTrue((await service.SubscribeAsync([addTopic]))[0] < 0x80);
        await service.PublishAsync(addTopic, Messages.Report(TimeProvider.System, Messages.ReportTypes.CommandResponse, "rename_device",
            new JsonObject { ["device_type"] = "switch", ["device_id"] = "dev-again" }));

        var rename = await answer.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.AreEqual("dev-again", Envelope.GetString(rename.Value, "device_id"));
        Assert.AreEqual("hall", Envelope.GetString(rename.Value, "group_id"));
        Assert.AreEqual("Lamp dev-again", Envelope.GetString(rename.Value, "device_name"));
        Assert.AreEqual("home1/gw1/hall/switch/dev-again", added.DeviceTopic);
        await service.DisconnectAsync();
    });
}
