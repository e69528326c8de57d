using System.Text;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Mqtt;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>Issue 10 item 7: broker packet limit and the services' size check, against real mosquitto.</summary>
[TestClass]
public sealed class MessageSizeTests
{
    [TestMethod]
    public Task OversizePublish_DisconnectsTheDevice_AndIsNeitherRetainedNorDelivered() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-big");
        var (added, _) = await env.ProvisionAsync(controller, device);
        var cloud = env.Host.Endpoints.CloudBroker.Port;

        // The largest payload a service or the firmware accepts passes the broker (with the device topic, the longest topic).
        await device.ConnectOperationalAsync(cloud);
        var largest = Encoding.ASCII.GetBytes(new string('x', Envelope.MaxSize));
        Assert.AreEqual(0, await device.Client.PublishAsync(added.DeviceTopic, largest, 1, retain: true));

        await device.DisconnectAsync();

        // 64 KiB retained on its own topic over MQTT 3.1.1 (an MQTT 5 client library already refuses to send a packet
        // over the maximum the CONNACK announced): the broker disconnects the device and keeps the earlier message.
        using (var v311 = new MosquittoClient(env.DeviceLoop, new MqttClientOptions
        {
            Host = "127.0.0.1",
            Port = cloud,
            ClientId = "dev-big",
            CaFile = env.Host.Endpoints.ServiceCa,
            CertFile = device.OperationalCertPath,
            KeyFile = device.KeyPath,
            ProtocolVersion = 4,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        }))
        {
            Assert.IsTrue((await v311.ConnectAsync()).Success);
            var disconnected = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            v311.Disconnected += reason => disconnected.TrySetResult(reason);
            try
            {
                _ = await v311.PublishAsync(added.DeviceTopic, new byte[64 * 1024], 1, retain: true);
            }
            catch (Exception e) when (e is MosquittoException or TimeoutException or InvalidOperationException)
            {
                // the connection was closed under the publish: expected
            }

            Assert.AreNotEqual(0, await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10)), "the broker closes the oversize sender");
        }

        await device.ConnectOperationalAsync(cloud);
        Assert.IsTrue((await device.SubscribeAsync(added.DeviceTopic))[0] < 0x80);
        var retained = device.WaitForMessage(added.DeviceTopic, TimeSpan.FromSeconds(5));
        Assert.IsNotNull(retained, "the earlier retained message");
        Assert.AreEqual(Envelope.MaxSize, retained.Payload.Length, "the oversize message was not retained");
        Console.WriteLine($"broker max_packet_size {ManagedBroker.MaxPacketSize} bytes; largest accepted payload {Envelope.MaxSize} bytes on a {added.DeviceTopic.Length}-byte topic");
    });

    [TestMethod]
    public Task PayloadOverTheServiceLimit_IsDroppedBeforeParsing_AndGetsNoAnswer() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-big2");
        await env.ProvisionAsync(controller, device);
        await device.ConnectOperationalAsync(env.Host.Endpoints.CloudBroker.Port);
        var topic = Topics.DeviceTopics("dev-big2");
        Assert.IsTrue((await device.SubscribeAsync(topic))[0] < 0x80);
        while (device.WaitForMessage(topic, TimeSpan.FromMilliseconds(300)) is not null)
        {
            // the retained topics report
        }

        // Under the broker's packet limit but over the services' payload limit: dropped on arrival, never parsed.
        var dropped = env.Host.Cloud.OversizeDropped;
        Assert.AreEqual(0, await device.PublishAsync(topic, Encoding.ASCII.GetBytes("{" + new string(' ', Envelope.MaxSize + 100) + "}")));
        await TestEnvironment.WaitUntilAsync(() => Task.FromResult(env.Host.Cloud.OversizeDropped == dropped + 1), "the cloud service drops it");
        Assert.AreEqual(0, await device.PublishAsync(topic, TestEnvironment.Utf8("{")));
        await TestEnvironment.WaitUntilAsync(() => Task.FromResult(
            device.WaitForMessage(topic, TimeSpan.FromMilliseconds(200)) is { } m && Encoding.UTF8.GetString(m.Payload).Contains("\"report_type\":\"error\"", StringComparison.Ordinal)),
            "the service still answers a small malformed message");
        Assert.AreEqual(dropped + 1, env.Host.Cloud.OversizeDropped);
    });

    [TestMethod]
    public Task LargestLegitimateMessage_TheBrokerDataReport_FitsTheLimits() => TestEnvironment.RunAsync(async env =>
    {
        // Broker data with every optional field at its maximum: 253-character host, 256-character login and password.
        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-size-" + new string('x', 55));
        var pending = controller.WaitForReportAsync(r => r.Envelope.Kind == "activate_device", TimeSpan.FromSeconds(10));
        await controller.PublishAsync(Topics.AddDevice("home1", "gw1"), Messages.Command(TimeProvider.System, "activate_device",
            new System.Text.Json.Nodes.JsonObject { ["activation_code"] = device.Identity.ActivationCode, ["device_id"] = device.Identity.DeviceId }));
        Assert.AreEqual("command_response", (await pending).Envelope.ReportType);
        var data = await device.GetBrokerDataAsync(env.Host.Endpoints.DiscoveryBroker.Port);
        var report = Messages.Report(TimeProvider.System, Messages.ReportTypes.CommandResponse, "mqtt_credentials",
            System.Text.Json.Nodes.JsonNode.Parse(data.GetRawText()));
        var worst = report.Length + 253 + 256 + 256 + 64;
        Console.WriteLine($"broker data report: {report.Length} bytes as sent; with a 253-character host and 256-character login and password about {worst} bytes; limit {Envelope.MaxSize}");
        Assert.IsTrue(worst < Envelope.MaxSize);
    });
}
