using Mqtt2Go.Device.Core.Provisioning;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>Power loss right after each checkpoint: a new device instance on the same flash resumes without a new activation.</summary>
[TestClass]
public sealed class CheckpointResumeTests
{
    /// <summary>Stops the first boot in the state entered right after a checkpoint was written, then boots a new instance.</summary>
    /// <param name="stopAt">AwaitClock (after wifi.ckpt), ConnectBroker (after broker.ckpt) or SubscribeTopics (after topics.ckpt).</param>
    [TestMethod]
    [DataRow(ProvisioningState.AwaitClock, DisplayName = "after the Wi-Fi checkpoint")]
    [DataRow(ProvisioningState.ConnectBroker, DisplayName = "after the broker checkpoint")]
    [DataRow(ProvisioningState.SubscribeTopics, DisplayName = "after the topics checkpoint")]
    public Task GivenTheDeviceLostPowerRightAfterACheckpoint_WhenANewInstanceBootsOnTheSameFlash_ThenItResumesWithoutANewActivation(ProvisioningState stopAt) => E2eEnvironment.RunAsync(async env =>
    {
        var identity = env.Mint();
        var controller = await env.ControllerAsync();
        var adding = await E2eEnvironment.AddAsync(controller, identity);

        // First boot: step the real machine until the checkpoint is on flash, then "pull the plug".
        var first = env.Boot(identity, "first-boot");
        var firstStates = new StateRecorder(first.Machine);
        await E2eEnvironment.StepUntilAsync(first, stopAt);
        first.Dispose();
        var checkpoints = new[] { "wifi.ckpt", "broker.ckpt", "topics.ckpt" }.Where(n => File.Exists(Path.Combine(identity.OutputDirectory, n))).ToArray();
        Console.WriteLine($"first boot stopped in {stopAt}: {firstStates}; on flash: {string.Join(", ", checkpoints)}");
        var expected = stopAt switch
        {
            ProvisioningState.AwaitClock => new[] { "wifi.ckpt" },
            ProvisioningState.ConnectBroker => new[] { "wifi.ckpt", "broker.ckpt" },
            _ => new[] { "wifi.ckpt", "broker.ckpt", "topics.ckpt" },
        };
        CollectionAssert.AreEqual(expected, checkpoints, "the checkpoints written before " + stopAt);

        // Second boot: a NEW instance (new adapters, new machine) on the same flash folder.
        var second = env.Boot(identity, "second-boot");
        var secondStates = new StateRecorder(second.Machine);
        var final = await E2eEnvironment.ProvisionAsync(second);
        Console.WriteLine("second boot: " + secondStates);
        Assert.AreEqual(ProvisioningState.Operational, final, $"{second.Machine.Failure}: {second.Machine.FailureDetail}; {secondStates}");
        Assert.IsFalse(secondStates.Entered(ProvisioningState.AwaitWps), "Wi-Fi comes from wifi.ckpt, not from WPS: " + secondStates);
        Assert.AreEqual(0, second.Wifi.WpsRuns);
        if (stopAt == ProvisioningState.AwaitClock)
        {
            // Nothing was asked of Discovery yet: the second boot does the one and only activation.
            Assert.AreEqual(1, secondStates.CountEntered(ProvisioningState.ConnectDiscovery), secondStates.ToString());
        }
        else
        {
            Assert.IsFalse(secondStates.Entered(ProvisioningState.ConnectDiscovery), "no new activation after the broker checkpoint: " + secondStates);
        }

        if (stopAt == ProvisioningState.SubscribeTopics)
        {
            Assert.IsFalse(secondStates.Entered(ProvisioningState.AwaitTopics), "topics come from topics.ckpt: " + secondStates);
        }

        // Discovery's side: exactly one hand-over, and no second GET_BROKER_DATA (it would be answered already_used).
        await E2eEnvironment.WaitUntilAsync(() => env.CountServiceLog("broker data handed to " + identity.DeviceId) == 1, "the one hand-over in the service log", 5);
        Assert.AreEqual(0, env.CountServiceLog("GET_BROKER_DATA for"), string.Join("\n", env.ServiceLog));

        var added = await adding.WaitAsync(E2eEnvironment.StepTimeout);
        CollectionAssert.AreEqual(new[] { added.DeviceTopic, added.GroupTopic }, second.Machine.Topics);
        second.StartOperational();
        var response = controller.WaitForReportAsync(r => r.Topic == added.DeviceTopic && ControllerClient.IsStateAnswer(r), E2eEnvironment.StepTimeout);
        await controller.SetAsync(added.DeviceTopic, "on");
        Assert.AreEqual("On", (await response).Envelope.Value.GetString());
        Assert.IsTrue(second.Indicator.Output);
    });
}
