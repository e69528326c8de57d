using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Mqtt2Go.ReferenceBroker.Controller;
using Mqtt2Go.ReferenceBroker.Hosting;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Tests;

[TestClass]
public sealed class ResilienceTests
{
    private static readonly string[] Garbage = ["not json", "{", "[]", "{\"type\":\"command\"}", "{\"type\":\"command\",\"command_type\":\"x\",\"timestamp\":{}}", "{\"type\":42}"];

    [TestMethod]
    public Task MalformedMessages_OnEveryServiceTopic_AreAnsweredAndServicesKeepWorking() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var addTopic = Topics.AddDevice("home1", "gw1");

        // <home>/<gw>/add_device (cloud service): every malformed message gets an error report.
        foreach (var bad in Garbage.Concat([
            Messages.Command(TimeProvider.System, "activate_device", JsonValue.Create("x")) is var a ? System.Text.Encoding.UTF8.GetString(a) : "",
            "{\"type\":\"command\",\"command_type\":\"rename_device\",\"value\":{\"device_id\":\"nobody\",\"device_name\":\"n\",\"group_id\":\"g\"}}",
            "{\"type\":\"command\",\"command_type\":\"activate_device\",\"value\":{\"device_id\":\"a/b\",\"activation_code\":\"0000000000000\"}}",
        ]))
        {
            var error = controller.WaitForReportAsync(r => r.Topic == addTopic && r.Envelope.ReportType == "error", TimeSpan.FromSeconds(5));
            await controller.PublishAsync(addTopic, TestEnvironment.Utf8(bad));
            await error;
        }

        var device = await env.NewDeviceAsync("dev-m");
        var pending = controller.WaitForReportAsync(r => r.Envelope.Kind == "activate_device" && r.Json.Contains("dev-m", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var add = controller.AddDeviceAsync("gw1", "dev-m", device.Identity.ActivationCode, "M", "hall", TimeSpan.FromSeconds(20));
        await pending;

        // <code>/activation (Discovery service).
        Assert.IsTrue((await device.ConnectAsync(env.Host.Endpoints.DiscoveryBroker.Port, password: device.Identity.ActivationCode)).Success);
        var activation = Topics.Activation(device.Identity.ActivationCode);
        await device.SubscribeAsync(activation);
        foreach (var bad in Garbage.Append("{\"type\":\"command\",\"command_type\":\"mqtt_credentials\",\"value\":\"GET_SOMETHING\"}"))
        {
            await device.PublishAsync(activation, TestEnvironment.Utf8(bad));
            var report = device.WaitForReport(activation, "mqtt_credentials", TimeSpan.FromSeconds(5));
            Assert.IsNotNull(report, bad);
            Assert.AreEqual("error", report.ReportType, bad);
        }

        var data = await device.GetBrokerDataAsync(env.Host.Endpoints.DiscoveryBroker.Port);
        device.StoreOperationalCertificate(data.GetProperty("device_certificate").GetString()!);

        // <device_id>/topics (cloud service).
        await device.ConnectOperationalAsync(env.Host.Endpoints.CloudBroker.Port);
        var topicsTopic = Topics.DeviceTopics("dev-m");
        await device.SubscribeAsync(topicsTopic);
        foreach (var bad in Garbage.Append("{\"type\":\"command\",\"command_type\":\"topics\",\"value\":\"GET_DEVICE_TOPICS\",\"device_type\":\"a/b\"}"))
        {
            await device.PublishAsync(topicsTopic, TestEnvironment.Utf8(bad));
            var report = device.WaitForReport(topicsTopic, "topics", TimeSpan.FromSeconds(5));
            Assert.IsNotNull(report, bad);
            Assert.AreEqual("error", report.ReportType, bad);
        }

        var topics = await device.GetTopicsAsync(env.Host.Endpoints.CloudBroker.Port, () => add, TimeSpan.FromSeconds(20));
        Assert.AreEqual("home1/gw1/hall/switch/dev-m", topics[0]);
    });

    [TestMethod]
    public Task BrokerRestart_ServicesReconnectAndProvisioningStillWorks() => TestEnvironment.RunAsync(async env =>
    {
        env.Host.DiscoveryBroker.Broker.Restart();
        env.Host.CloudBroker.Broker.Restart();
        await TestEnvironment.WaitUntilAsync(() => Task.FromResult(env.Host.Discovery.ConnectCount >= 2 && env.Host.Cloud.ConnectCount >= 2), "services reconnected", 15);

        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-restart");
        var (added, topics) = await env.ProvisionAsync(controller, device);
        Assert.AreEqual(added.DeviceTopic, topics[0]);
    });

    [TestMethod]
    public Task LocalGateway_MdnsThenGetCredentialsThenTopics() => TestEnvironment.RunAsync(
        async env =>
        {
            var ep = env.Host.Endpoints;
            Assert.IsNotNull(ep.GatewayBroker);

            // mDNS: _mqtt._tcp.local PTR -> SRV carries the gateway broker port (legacy unicast to our source port).
            using (var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            {
                byte[] ptr = [0, 9, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, .. "_mqtt"u8, 4, .. "_tcp"u8, 5, .. "local"u8, 0, 0, 12, 0x80, 1];
                await udp.SendAsync(ptr, new IPEndPoint(IPAddress.Loopback, ep.MdnsPort!.Value));
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                var reply = Convert.ToHexString((await udp.ReceiveAsync(cts.Token)).Buffer);
                StringAssert.Contains(reply, ep.GatewayBroker.Port.ToString("X4") + "076D717474");
            }

            await using var controller = await ControllerClient.ConnectAsync(env.DeviceLoop, ep, localGateway: true);
            var device = await env.NewDeviceAsync("dev-local");
            var pending = controller.WaitForReportAsync(r => r.Envelope.Kind == "activate_device", TimeSpan.FromSeconds(10));
            var add = controller.AddDeviceAsync("gw1", "dev-local", device.Identity.ActivationCode, "Local", "porch", TimeSpan.FromSeconds(20));
            Assert.AreEqual("command_response", (await pending).Envelope.ReportType);

            Assert.IsTrue((await device.ConnectAsync(ep.GatewayBroker.Port, password: device.Identity.ActivationCode)).Success);
            var activation = Topics.Activation(device.Identity.ActivationCode);
            Assert.AreEqual(1, (await device.SubscribeAsync(activation))[0]);
            await device.CommandAsync(activation, "mqtt_credentials", "GET_CREDENTIALS");
            var report = device.WaitForReport(activation, "mqtt_credentials", TimeSpan.FromSeconds(5));
            Assert.IsNotNull(report);
            Assert.AreEqual("command_response", report.ReportType);
            var certificate = device.StoreOperationalCertificate(report.Value.GetString()!);
            Assert.IsTrue(env.Host.Pki.Operational.HasIssued(certificate));

            var topics = await device.GetTopicsAsync(ep.GatewayBroker.Port, () => add, TimeSpan.FromSeconds(20));
            CollectionAssert.AreEqual(new[] { "home1/gw1/porch/switch/dev-local", "home1/gw1/porch/switch" }, topics);
        },
        o => o.LocalGateway = true);

    /// <summary>Issue 10 item 4: the Discovery broker down during activate_device leaves no entry behind and names the reason.</summary>
    [TestMethod]
    public Task ActivateDevice_WithTheDiscoveryBrokerDown_StoresNothingAnswersWhyAndTheRetrySucceeds() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-atomic");
        env.Host.DiscoveryBroker.Broker.Stop();

        var refused = controller.WaitForReportAsync(r => r.Envelope.Kind == "activate_device" && r.Json.Contains("dev-atomic", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await controller.PublishAsync(Topics.AddDevice("home1", "gw1"), Messages.Command(TimeProvider.System, "activate_device",
            new JsonObject { ["activation_code"] = device.Identity.ActivationCode, ["device_id"] = "dev-atomic" }));
        var report = await refused;
        Assert.AreEqual("error", report.Envelope.ReportType, report.Json);
        StringAssert.Contains(report.Json, "discovery_broker_unavailable");
        Assert.IsNull(await env.Host.Store.FindByDeviceAsync("dev-atomic"), "no entry without its grant (rolled back)");

        // The broker is back: the same add now succeeds (no already_pending) and the device gets its data.
        env.Host.DiscoveryBroker.Broker.Restart();
        await TestEnvironment.WaitUntilAsync(async () =>
        {
            var again = controller.WaitForReportAsync(r => r.Envelope.Kind == "activate_device" && r.Json.Contains("dev-atomic", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
            await controller.PublishAsync(Topics.AddDevice("home1", "gw1"), Messages.Command(TimeProvider.System, "activate_device",
                new JsonObject { ["activation_code"] = device.Identity.ActivationCode, ["device_id"] = "dev-atomic" }));
            var answer = await again;
            Assert.IsFalse(answer.Json.Contains("already_pending", StringComparison.Ordinal), answer.Json);
            return answer.Envelope.ReportType == "command_response";
        }, "activate_device accepted after the broker came back");
        var data = await device.GetBrokerDataAsync(env.Host.Endpoints.DiscoveryBroker.Port);
        Assert.IsTrue(data.TryGetProperty("device_certificate", out _));
    });

    /// <summary>Issue 10 item 5: serve on the same work dir keeps its ports across a restart (devices keep their broker data valid).</summary>
    [TestMethod]
    public async Task ServeRestartedOnTheSameWorkDir_KeepsEveryPort()
    {
        var dir = Path.Combine(Path.GetTempPath(), "m2g-rb-ports-" + Guid.NewGuid().ToString("N")[..10]);
        var log = new List<string>();
        ReferenceBrokerOptions Options() => new() { WorkDir = dir, LocalGateway = true, Log = l => { lock (log) { log.Add(l); } } };
        try
        {
            ReferenceBrokerEndpoints first;
            await using (var host = await ReferenceBrokerHost.StartAsync(Options()))
            {
                first = host.Endpoints;
            }

            await using (var host = await ReferenceBrokerHost.StartAsync(Options()))
            {
                var second = host.Endpoints;
                Assert.AreEqual(first.DiscoveryBroker.Port, second.DiscoveryBroker.Port, "Discovery broker");
                Assert.AreEqual(first.DiscoveryRest, second.DiscoveryRest, "Discovery REST");
                Assert.AreEqual(first.CloudBroker.Port, second.CloudBroker.Port, "cloud broker");
                Assert.AreEqual(first.GatewayBroker!.Port, second.GatewayBroker!.Port, "gateway broker");
                Assert.AreEqual(first.MdnsPort, second.MdnsPort, "mDNS");
            }

            // --new-ports: free ones again (the cloud broker's port, at least, is new).
            var fresh = Options();
            fresh.ReuseSavedPorts = false;
            await using (var host = await ReferenceBrokerHost.StartAsync(fresh))
            {
                Assert.AreNotEqual(first.CloudBroker.Port, host.Endpoints.CloudBroker.Port);
            }
        }
        catch (Exception)
        {
            lock (log)
            {
                log.ForEach(Console.WriteLine);
            }

            throw;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
