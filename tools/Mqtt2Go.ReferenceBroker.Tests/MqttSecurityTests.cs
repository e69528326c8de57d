using Mqtt2Go.Mosquitto;
using System.Text.Json.Nodes;
using Mqtt2Go.ReferenceBroker.Controller;
using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Tests;

[TestClass]
public sealed class MqttSecurityTests
{
    private static async Task ActivateOnlyAsync(ControllerClient controller, FakeDevice device)
    {
        var pending = controller.WaitForReportAsync(r => r.Envelope.Kind == "activate_device" && r.Json.Contains(device.Identity.DeviceId, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await controller.PublishAsync(Topics.AddDevice("home1", "gw1"), Messages.Command(TimeProvider.System, "activate_device",
            new JsonObject { ["activation_code"] = device.Identity.ActivationCode, ["device_id"] = device.Identity.DeviceId }));
        Assert.AreEqual("command_response", (await pending).Envelope.ReportType);
    }

    [TestMethod]
    public Task UsedActivation_SameDeviceBeforeItsBroker_GetsTheSameDataAgain_AfterItsBroker_GetsNothing() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-replay");
        await ActivateOnlyAsync(controller, device);
        var first = await device.GetBrokerDataAsync(env.Host.Endpoints.DiscoveryBroker.Port);
        Assert.IsTrue(first.TryGetProperty("device_certificate", out var issued));

        // Power cut before the broker checkpoint: the same device (its factory certificate) asks again and gets the same data.
        var again = await device.GetBrokerDataAsync(env.Host.Endpoints.DiscoveryBroker.Port);
        Assert.AreEqual(issued.GetString(), again.GetProperty("device_certificate").GetString(), "the same broker data again");
        // The service logs after publishing, so the device may have the report before the line is written.
        await TestEnvironment.WaitUntilAsync(
            () => Task.FromResult(env.ServiceLog.Count(l => l.Contains("broker data handed again to dev-replay", StringComparison.Ordinal)) == 1),
            "the second hand-over in the service log");

        // The device reaches the cloud broker (GET_DEVICE_TOPICS there): Discovery closes the entry and revokes the topic.
        device.StoreOperationalCertificate(issued.GetString()!);
        await device.ConnectOperationalAsync(env.Host.Endpoints.CloudBroker.Port);
        var topicsTopic = Topics.DeviceTopics(device.Identity.DeviceId);
        Assert.IsTrue((await device.SubscribeAsync(topicsTopic))[0] < 0x80);
        await device.CommandAsync(topicsTopic, "topics", "GET_DEVICE_TOPICS", ("device_type", JsonValue.Create("switch")));
        var topic = Topics.Activation(device.Identity.ActivationCode);
        await TestEnvironment.WaitUntilAsync(async () =>
        {
            try
            {
                var r = await device.ConnectAsync(env.Host.Endpoints.DiscoveryBroker.Port, password: device.Identity.ActivationCode);
                return r.Success && (await device.SubscribeAsync(topic))[0] == 135;
            }
            catch (Exception e) when (e is MosquittoException or InvalidOperationException)
            {
                // The revocation kicks a connection made just before it (reason 152), possibly before its SUBSCRIBE.
                return false;
            }
        }, "activation access revoked");
    });

    [TestMethod]
    public Task PendingEntry_After15Minutes_ConnectedDeviceGetsExpiredAndLosesAccess() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-exp");
        await ActivateOnlyAsync(controller, device);
        Assert.IsTrue((await device.ConnectAsync(env.Host.Endpoints.DiscoveryBroker.Port, password: device.Identity.ActivationCode)).Success);
        var topic = Topics.Activation(device.Identity.ActivationCode);
        Assert.AreEqual(1, (await device.SubscribeAsync(topic))[0]);

        env.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.IsNull(device.WaitForReport(topic, "mqtt_credentials", TimeSpan.FromMilliseconds(700)), "nothing before 15 minutes");
        env.Clock.Advance(TimeSpan.FromMinutes(1));
        var report = device.WaitForReport(topic, "mqtt_credentials", TimeSpan.FromSeconds(5));
        Assert.IsNotNull(report);
        Assert.AreEqual("error", report.ReportType);
        Assert.AreEqual("expired", report.Value.GetProperty("reason").GetString());
        Assert.IsNull(await env.Host.Store.FindByDeviceAsync("dev-exp"));
        await TestEnvironment.WaitUntilAsync(async () =>
        {
            var r = await device.ConnectAsync(env.Host.Endpoints.DiscoveryBroker.Port, password: device.Identity.ActivationCode);
            return r.Success && (await device.SubscribeAsync(topic))[0] == 135;
        }, "access removed after expiry");
    });

    [TestMethod]
    public Task ForeignCaCertificate_IsRejectedByDiscoveryAndCloudBrokers() => TestEnvironment.RunAsync(async env =>
    {
        using var foreign = ReferencePki.OpenOrCreate(Path.Combine(env.Dir, "foreign-pki"));
        var identity = foreign.MintFactoryIdentity("dev-foreign");
        var device = new FakeDevice(env.DeviceLoop, identity, Path.Combine(env.Dir, "foreign-device"), env.Host.Endpoints.ServiceCa);
        await using (device)
        {
            Assert.IsFalse((await device.ConnectAsync(env.Host.Endpoints.DiscoveryBroker.Port, password: identity.ActivationCode)).Success);
            Assert.IsFalse((await device.ConnectAsync(env.Host.Endpoints.CloudBroker.Port)).Success);
        }

        // The registry refuses a factory certificate the manufacturer CA did not sign.
        Assert.ThrowsException<ArgumentException>(() => env.Host.Registry.Register("dev-foreign", identity.Certificate.RawData));
    });

    [TestMethod]
    public Task OtherDevice_CannotUseAPendingActivationTopic() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var victim = await env.NewDeviceAsync("dev-victim");
        var attacker = await env.NewDeviceAsync("dev-attacker");
        await ActivateOnlyAsync(controller, victim);

        // The attacker knows the victim's code (password = code is not checked: use_identity_as_username), but its
        // certificate CN is its own id and only the victim's dynsec role grants <code>/activation.
        Assert.IsTrue((await attacker.ConnectAsync(env.Host.Endpoints.DiscoveryBroker.Port, password: victim.Identity.ActivationCode)).Success);
        var topic = Topics.Activation(victim.Identity.ActivationCode);
        Assert.AreEqual(135, (await attacker.SubscribeAsync(topic))[0]);
        Assert.AreEqual(135, await attacker.CommandAsync(topic, "mqtt_credentials", "GET_BROKER_DATA"));

        // The victim still gets its data afterwards.
        var data = await victim.GetBrokerDataAsync(env.Host.Endpoints.DiscoveryBroker.Port);
        Assert.IsTrue(data.TryGetProperty("device_certificate", out _));
    });

    [TestMethod]
    public Task DeviceA_CannotSubscribeOrPublishOnDeviceBTopics() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var a = await env.NewDeviceAsync("dev-a");
        var b = await env.NewDeviceAsync("dev-b");
        var (addedA, topicsA) = await env.ProvisionAsync(controller, a, "gw1", "kitchen");
        var (addedB, topicsB) = await env.ProvisionAsync(controller, b, "gw1", "bedroom");

        await a.ConnectOperationalAsync(env.Host.Endpoints.CloudBroker.Port);
        Assert.IsTrue((await a.SubscribeAsync(topicsA)).All(g => g < 0x80));
        foreach (var topic in topicsB.Append(Topics.DeviceTopics("dev-b")).Append("home1/#").Append("#"))
        {
            Assert.AreEqual(135, (await a.SubscribeAsync(topic))[0], "subscribe " + topic);
        }

        Assert.AreEqual(135, await a.PublishAsync(addedB.DeviceTopic, Messages.Command(TimeProvider.System, "set", JsonValue.Create("on"))));
        Assert.AreEqual(135, await a.PublishAsync(addedB.GroupTopic, Messages.Command(TimeProvider.System, "set", JsonValue.Create("on"))));
        Assert.AreEqual(135, await a.PublishAsync(Topics.AddDevice("home1", "gw1"), TestEnvironment.Utf8("{}")));
        Assert.AreEqual(135, await a.PublishAsync(addedA.GroupTopic, TestEnvironment.Utf8("{}")), "group topics are command-only for devices");
    });

    [TestMethod]
    public Task ActivateDeviceWithAWrongCode_ForAnOperationalDevice_LeavesItsAccessUntouched() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-victim");
        var (added, topics) = await env.ProvisionAsync(controller, device, "gw1", "kitchen");

        // Anyone who knows the device id sends activate_device with a wrong code (valid check character): Discovery refuses
        // it, and the device must keep its cloud access.
        var wrongCode = ActivationCodes.Generate(System.Security.Cryptography.RandomNumberGenerator.Create());
        var addTopic = Topics.AddDevice("home1", "gw9");
        var refused = controller.WaitForReportAsync(r => r.Topic == addTopic && r.Envelope.ReportType == "error", TimeSpan.FromSeconds(10));
        await controller.PublishAsync(addTopic, Messages.Command(TimeProvider.System, "activate_device",
            new JsonObject { ["activation_code"] = wrongCode, ["device_id"] = "dev-victim" }));
        Assert.AreEqual("error", (await refused).Envelope.ReportType);

        await device.ConnectOperationalAsync(env.Host.Endpoints.CloudBroker.Port);
        Assert.IsTrue((await device.SubscribeAsync(topics)).All(g => g < 0x80), "the device's own topics are still granted");
        Assert.AreNotEqual(135, await device.PublishAsync(added.DeviceTopic, Messages.Report(TimeProvider.System, "status", "state", JsonValue.Create("on"))));
    });
}
