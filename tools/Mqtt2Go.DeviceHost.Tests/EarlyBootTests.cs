using System.Diagnostics;
using Mqtt2Go.Device.Core.Provisioning;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>MQTT2GO steps 1-2 run in parallel with the device: the device may reach Discovery before the controller added it.</summary>
[TestClass]
public sealed class EarlyBootTests
{
    /// <summary>The device boots first; the controller adds it a second later; the device must still get its broker data.</summary>
    /// <remarks>Run on MQTT 5 (refusal = SUBACK reason 0x87) and on 3.1.1 (refusal = SUBACK 0x80): both must be seen.</remarks>
    [TestMethod]
    [DataRow("5")]
    [DataRow("3.1.1")]
    public Task GivenTheDeviceBootsBeforeTheControllerAddsIt_WhenTheAddFollowsASecondLater_ThenTheDeviceStillBecomesOperational(string mqttVersion) => E2eEnvironment.RunAsync(async env =>
    {
        var identity = env.Mint(new DeviceSettings { TimeoutSeconds = 1, RetryMaxAttempts = 20, DeadlineSeconds = 40, MqttVersion = mqttVersion });
        var controller = await env.ControllerAsync();

        var device = env.Boot(identity);
        var states = new StateRecorder(device.Machine);
        var clock = Stopwatch.StartNew();
        var provisioning = E2eEnvironment.ProvisionAsync(device, TimeSpan.FromSeconds(45));
        await E2eEnvironment.WaitUntilAsync(() => states.Entered(ProvisioningState.AwaitBrokerData) || provisioning.IsCompleted, "the device at Discovery");
        await Task.Delay(1000);
        var adding = await E2eEnvironment.AddAsync(controller, identity);
        var final = await provisioning;
        Console.WriteLine($"{clock.ElapsedMilliseconds} ms: {states}");

        Assert.AreEqual(ProvisioningState.Operational, final, $"{device.Machine.Failure}: {device.Machine.FailureDetail}; {states}");
        var added = await adding.WaitAsync(E2eEnvironment.StepTimeout);
        CollectionAssert.AreEqual(new[] { added.DeviceTopic, added.GroupTopic }, device.Machine.Topics);
    });
}
