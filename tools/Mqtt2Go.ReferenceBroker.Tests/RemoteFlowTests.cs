using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Tests;

[TestClass]
public sealed class RemoteFlowTests
{
    [TestMethod]
    public Task RemoteFlow_AllSteps_DeviceGetsOperationalCertificateForItsFactoryKeyAndItsTopics() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-a");

        var (added, topics) = await env.ProvisionAsync(controller, device, "gw1", "living");

        // Measured with mosquitto 2.0.11: addRoleACL at rename does not kick the device (0 here); newer dynsec versions do.
        Console.WriteLine($"device disconnects (not requested) during provisioning: {device.Disconnects}");

        // Step 12: device topic first, then the group topic (docs/profile.md).
        CollectionAssert.AreEqual(new[] { "home1/gw1/living/switch/dev-a", "home1/gw1/living/switch" }, topics);
        Assert.AreEqual("home1/gw1/living/switch/dev-a", added.DeviceTopic);
        Assert.AreEqual("switch", added.DeviceType);

        // The operational certificate: CN = device id, operational CA, the factory public key (no private key travelled).
        using var operational = X509Certificate2.CreateFromPem(File.ReadAllText(device.OperationalCertPath!));
        Assert.AreEqual("dev-a", operational.GetNameInfo(X509NameType.SimpleName, false));
        Assert.IsTrue(env.Host.Pki.Operational.HasIssued(operational));
        CollectionAssert.AreEqual(device.Identity.Certificate.PublicKey.ExportSubjectPublicKeyInfo(), operational.PublicKey.ExportSubjectPublicKeyInfo());

        // Step 13 and operation: subscribe to both topics, receive a set from the controller.
        Assert.IsTrue(device.Client.IsConnected || (await device.ConnectAsync(env.Host.Endpoints.CloudBroker.Port, device.OperationalCertPath)).Success);
        var granted = await device.SubscribeAsync(topics);
        Assert.IsTrue(granted.All(g => g < 0x80), "device may subscribe its topics: " + string.Join(",", granted));
        await controller.SetAsync(added.DeviceTopic, "on");
        var set = device.WaitForMessage(added.DeviceTopic, TimeSpan.FromSeconds(5));
        Assert.IsNotNull(set);
        Assert.IsTrue(Envelope.TryParse(set.Payload, out var command, out _) && command!.IsCommand && command.Kind == "set");

        // The device may report on its device topic (publishClientSend) and the controller sees it.
        var seen = controller.WaitForReportAsync(r => r.Topic == added.DeviceTopic && r.Envelope.Kind == "state", TimeSpan.FromSeconds(5));
        Assert.AreEqual(0, await device.PublishAsync(added.DeviceTopic, Messages.Report(TimeProvider.System, "status", "state", JsonValue.Create("on"))));
        Assert.AreEqual("on", (await seen).Envelope.Value.GetString());
    });
}
