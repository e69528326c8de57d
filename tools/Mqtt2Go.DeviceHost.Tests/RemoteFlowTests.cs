using System.Diagnostics;
using System.Text.Json;
using Mqtt2Go.Device.Core.Provisioning;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>The remote-broker branch (profile "Remote-broker flow"): the real core against Discovery and the cloud broker.</summary>
[TestClass]
public sealed class RemoteFlowTests
{
    /// <summary>Steps 1-13 with two TLS handshakes, the controller's topics, then set and query served by the core.</summary>
    [TestMethod]
    [DataRow("5")]
    [DataRow("3.1.1")]
    public Task GivenAnAddedDevice_WhenItBoots_ThenItIsOperationalAfterTwoHandshakesWithTheControllersTopicsAndObeysSetAndQuery(string mqttVersion) => E2eEnvironment.RunAsync(async env =>
    {
        var identity = env.Mint(new DeviceSettings { MqttVersion = mqttVersion });
        var controller = await env.ControllerAsync();
        var adding = await E2eEnvironment.AddAsync(controller, identity);

        var device = env.Boot(identity);
        var states = new StateRecorder(device.Machine);
        var clock = Stopwatch.StartNew();
        var final = await E2eEnvironment.ProvisionAsync(device);
        Console.WriteLine($"operational after {clock.ElapsedMilliseconds} ms: {states}");

        Assert.AreEqual(ProvisioningState.Operational, final, $"{device.Machine.Failure}: {device.Machine.FailureDetail}");
        Assert.AreEqual(2, device.Session.ConnectAttempts, "one handshake with Discovery, one with the cloud broker: " + states);
        Assert.AreEqual(mqttVersion == "3.1.1" ? 4 : 5, device.Session.LastProtocolLevel, "settings.json mqtt-version reaches the wire");
        var added = await adding.WaitAsync(E2eEnvironment.StepTimeout);
        CollectionAssert.AreEqual(new[] { added.DeviceTopic, added.GroupTopic }, device.Machine.Topics);
        Assert.IsFalse(states.Entered(ProvisioningState.Failed) || states.Entered(ProvisioningState.Reconnecting), states.ToString());

        device.StartOperational();
        var response = controller.WaitForReportAsync(r => r.Topic == added.DeviceTopic && ControllerClient.IsStateAnswer(r), E2eEnvironment.StepTimeout);
        await controller.SetAsync(added.DeviceTopic, "on");
        var set = await response;
        Assert.AreEqual("command_response", set.Envelope.ReportType, set.Json);
        Assert.AreEqual("state", set.Envelope.Kind, set.Json);
        Assert.AreEqual("On", set.Envelope.Value.GetString(), set.Json);
        Assert.IsTrue(device.Indicator.Output, "the switch output follows the set");

        var query = await controller.QueryAsync(added.DeviceTopic, E2eEnvironment.StepTimeout);
        Assert.AreEqual("state", query.Envelope.Kind, query.Json);
        Assert.AreEqual("On", query.Envelope.Value.GetString(), query.Json);
    });
}
