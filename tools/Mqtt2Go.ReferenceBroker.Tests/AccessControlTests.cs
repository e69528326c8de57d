using System.Text.Json.Nodes;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Controller;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>Issue 10 items 1 and 2 against real mosquitto: device ids vs the services' accounts, client-id takeover.</summary>
[TestClass]
public sealed class AccessControlTests
{
    private static readonly byte[] ListClients = TestEnvironment.Utf8("""{"commands":[{"command":"listClients"}]}""");

    private static async Task ActivateOnlyAsync(ControllerClient controller, FakeDevice device)
    {
        var pending = controller.WaitForReportAsync(r => r.Envelope.Kind == "activate_device" && r.Json.Contains(device.Identity.DeviceId, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await controller.PublishAsync(Topics.AddDevice("home1", "gw1"), Messages.Command(TimeProvider.System, "activate_device",
            new JsonObject { ["activation_code"] = device.Identity.ActivationCode, ["device_id"] = device.Identity.DeviceId }));
        var report = await pending;
        Assert.AreEqual("command_response", report.Envelope.ReportType, report.Json);
    }

    private static MosquittoClient RawClient(TestEnvironment env, FakeDevice certificateOwner, string certPath, int port, string clientId) => new(env.DeviceLoop, new MqttClientOptions
    {
        Host = "127.0.0.1",
        Port = port,
        ClientId = clientId,
        Username = clientId,
        CaFile = env.Host.Endpoints.ServiceCa,
        CertFile = certPath,
        KeyFile = certificateOwner.KeyPath,
        ProtocolVersion = 5,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });

    [TestMethod]
    public Task FactoryCertificatesNamedLikeOldServiceAccounts_GetNoDynsecControlAndNoActivationTopics() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var victim = await env.NewDeviceAsync("dev-victim");
        await ActivateOnlyAsync(controller, victim);
        var port = env.Host.Endpoints.DiscoveryBroker.Port;

        // "admin" and "mqtt2go-service" were the dynsec administrator and the service account; a plain device that was
        // never activated must get exactly as little.
        foreach (var id in ServiceIdentities.LegacyAccounts.Append("dev-plain"))
        {
            var attacker = await env.NewDeviceAsync(id);
            Assert.IsTrue((await attacker.ConnectAsync(port)).Success, id);
            Assert.AreEqual(135, await attacker.PublishAsync("$CONTROL/dynamic-security/v1", ListClients), id + ": listClients");
            Assert.AreEqual(135, (await attacker.SubscribeAsync("$CONTROL/dynamic-security/v1/response"))[0], id + ": dynsec responses");
            Assert.AreEqual(135, (await attacker.SubscribeAsync(Topics.AllActivations))[0], id + ": +/activation");
            Assert.AreEqual(135, (await attacker.SubscribeAsync(Topics.Activation(victim.Identity.ActivationCode)))[0], id + ": the victim's topic");
            await attacker.DisconnectAsync();
        }

        // The same certificates on the cloud broker: not even a connection (factory certificates are not trusted there).
        var admin = await env.NewDeviceAsync("admin-cloud");
        Assert.IsFalse((await admin.ConnectAsync(env.Host.Endpoints.CloudBroker.Port)).Success);

        // The victim's activation is untouched.
        Assert.IsTrue((await victim.GetBrokerDataAsync(port)).TryGetProperty("device_certificate", out _));
    });

    [TestMethod]
    public Task ServiceAccountNames_CannotBeDeviceIds_NoCertificateCanBeMintedRegisteredOrIssued() => TestEnvironment.RunAsync(async env =>
    {
        var other = env.Host.Pki.MintFactoryIdentity("dev-other");
        foreach (var name in new[] { ServiceIdentities.Admin, ServiceIdentities.Service, ServiceIdentities.Controller("home1"), env.Host.Endpoints.Controller.CommonName })
        {
            Assert.IsFalse(Identifiers.IsValid(name), name);
            Assert.ThrowsException<ArgumentException>(() => env.Host.Pki.MintFactoryIdentity(name), name);
            Assert.ThrowsException<ArgumentException>(() => env.Host.Pki.IssueOperational(name, other.Certificate.PublicKey.ExportSubjectPublicKeyInfo()), name);
            Assert.ThrowsException<ArgumentException>(() => env.Host.Registry.Register(name, other.Certificate.RawData, other.ActivationCode), name);
        }

        // The REST body and activate_device refuse them too.
        using var client = env.RestClient();
        var (status, body) = await env.PostAsync(client, TestEnvironment.Utf8(new JsonObject
        {
            ["device_id"] = ServiceIdentities.Service,
            ["activation_code"] = other.ActivationCode,
            ["broker_host"] = "127.0.0.1",
            ["device_certificate"] = Convert.ToBase64String(other.Certificate.RawData),
        }.ToJsonString()));
        Assert.AreEqual(400, status, body);
        StringAssert.Contains(body, "invalid_device_id");

        await using var controller = await env.ControllerAsync();
        var refused = controller.WaitForReportAsync(r => r.Envelope.Kind == "activate_device" && r.Envelope.ReportType == "error", TimeSpan.FromSeconds(10));
        await controller.PublishAsync(Topics.AddDevice("home1", "gw1"), Messages.Command(TimeProvider.System, "activate_device",
            new JsonObject { ["activation_code"] = other.ActivationCode, ["device_id"] = ServiceIdentities.Controller("home1") }));
        StringAssert.Contains((await refused).Json, "invalid_device_id");
    });

    [TestMethod]
    public Task ActivatingDevicesNamedLikeOldServiceAccounts_LeavesTheServicesAndTheControllerWorking() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();

        // Before the namespaces were separated, activating "mqtt2go-service" deleted the Discovery service's own account
        // (every later activation failed) and activating "controller-home1" replaced the controller's account.
        foreach (var id in new[] { "mqtt2go-service", "controller-home1", "admin" })
        {
            await ActivateOnlyAsync(controller, await env.NewDeviceAsync(id));
        }

        // Services and controller still work: a full provisioning, then the controller drives the device.
        var device = await env.NewDeviceAsync("dev-after");
        var (added, topics) = await env.ProvisionAsync(controller, device);
        await device.ConnectOperationalAsync(env.Host.Endpoints.CloudBroker.Port);
        Assert.IsTrue((await device.SubscribeAsync(topics)).All(g => g < 0x80));
        Assert.AreEqual(0, await controller.SetAsync(added.DeviceTopic, "on"));
        Assert.IsNotNull(device.WaitForMessage(added.DeviceTopic, TimeSpan.FromSeconds(5)), "the controller's set reaches the device");
    });

    [TestMethod]
    public Task AnotherDevicesCertificate_WithMyClientId_DoesNotKickMe_OnDiscoveryAndCloud() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var a = await env.NewDeviceAsync("dev-a");
        var b = await env.NewDeviceAsync("dev-b");
        var (addedB, topicsB) = await env.ProvisionAsync(controller, b);
        await env.ProvisionAsync(controller, a);

        var discovery = env.Host.Endpoints.DiscoveryBroker.Port;
        var cloud = env.Host.Endpoints.CloudBroker.Port;
        await AssertNoTakeoverAsync(env, a, a.FactoryCertPath, b, () => b.ConnectAsync(discovery), discovery, expectedPuback: 135);
        await AssertNoTakeoverAsync(env, a, a.OperationalCertPath!, b, async () =>
        {
            await b.ConnectOperationalAsync(cloud);
            return new ConnectResult(true, 0, "");
        }, cloud, expectedPuback: 0, ownTopic: addedB.DeviceTopic);
        Assert.IsTrue(topicsB.Length > 0);
    });

    [TestMethod]
    public Task AnotherDevicesCertificate_WithMyClientId_DoesNotKickMe_OnTheLocalGateway() => TestEnvironment.RunAsync(async env =>
    {
        var a = await env.NewDeviceAsync("dev-a");
        var b = await env.NewDeviceAsync("dev-b");
        var gateway = env.Host.Endpoints.GatewayBroker!.Port;
        await AssertNoTakeoverAsync(env, a, a.FactoryCertPath, b, () => b.ConnectAsync(gateway), gateway, expectedPuback: 135);
    }, options => options.LocalGateway = true);

    // B is connected; A connects three times with its own certificate and B's client id. B must stay connected (a PUBACK
    // on B's session after A's CONNACK proves the broker did not close it) and A must get a session of its own.
    private static async Task AssertNoTakeoverAsync(TestEnvironment env, FakeDevice a, string aCert, FakeDevice b, Func<Task<ConnectResult>> connectB, int port, int expectedPuback, string ownTopic = "dev-b/probe")
    {
        var connected = await connectB();
        Assert.IsTrue(connected.Success, $"B connects: {connected.Code}");
        var disconnectsBefore = b.Disconnects;
        for (var i = 0; i < 3; i++)
        {
            using var attacker = RawClient(env, a, aCert, port, b.Identity.DeviceId);
            var result = await attacker.ConnectAsync();
            Assert.IsTrue(result.Success, $"A connects with its own certificate: {result.Code}");
            Assert.IsTrue(b.Client.IsConnected, $"B still connected after A's connect #{i + 1} on port {port}");
            Assert.AreEqual(expectedPuback, await b.PublishAsync(ownTopic, TestEnvironment.Utf8("{}")), "B's session answers");
            await attacker.DisconnectAsync();
        }

        Assert.AreEqual(disconnectsBefore, b.Disconnects, "B was never disconnected");
        await b.DisconnectAsync();
    }
}
