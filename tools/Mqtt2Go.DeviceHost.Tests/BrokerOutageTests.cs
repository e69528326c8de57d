using System.Diagnostics;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Controller;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>Real broker outages (mosquitto stopped and restarted by PID) while the real core provisions or operates.</summary>
[TestClass]
public sealed class BrokerOutageTests
{
    /// <summary>Discovery down at boot, back after about a second: bounded backoff retries, then success inside the deadline.</summary>
    [TestMethod]
    public Task GivenTheDiscoveryBrokerIsDownAtBoot_WhenItComesBackAfterASecond_ThenTheDeviceRetriesWithBackoffAndSucceedsWithinTheDeadline() => E2eEnvironment.RunAsync(async env =>
    {
        var settings = new DeviceSettings { TimeoutSeconds = 2, RetryMaxAttempts = 30, DeadlineSeconds = 30 };
        var identity = env.Mint(settings);
        var controller = await env.ControllerAsync();
        var adding = await E2eEnvironment.AddAsync(controller, identity);

        // The REST registration (above) needs the Discovery broker for the dynsec grant, so it goes down only now.
        env.Host.DiscoveryBroker.Broker.Stop();
        var device = env.Boot(identity);
        var states = new StateRecorder(device.Machine);
        var clock = Stopwatch.StartNew();
        var provisioning = E2eEnvironment.ProvisionAsync(device);
        await Task.Delay(1000);
        Assert.IsFalse(provisioning.IsCompleted, "the device cannot finish while Discovery is down: " + states);
        env.Host.DiscoveryBroker.Broker.Restart(); // same port, config and dynsec state
        var final = await provisioning;
        var took = clock.Elapsed;
        Console.WriteLine($"operational {took.TotalMilliseconds:0} ms after boot: {states}");

        Assert.AreEqual(ProvisioningState.Operational, final, $"{device.Machine.Failure}: {device.Machine.FailureDetail}; {states}");
        var discoveryAttempts = states.CountEntered(ProvisioningState.ConnectDiscovery);
        Assert.IsTrue(discoveryAttempts > 1, $"more than one Discovery attempt expected, saw {discoveryAttempts}: {states}");
        Assert.IsTrue(discoveryAttempts < settings.RetryMaxAttempts, "bounded retries: " + states);
        Assert.IsTrue(took < TimeSpan.FromSeconds(settings.DeadlineSeconds), $"took {took}, deadline {settings.DeadlineSeconds} s");

        // Backoff, not a busy loop: consecutive retries are at least retry-interval apart.
        var retries = states.Snapshot().Where(e => e.To == ProvisioningState.ConnectDiscovery).Select(e => e.ElapsedMs).ToArray();
        for (var i = 1; i < retries.Length; i++)
        {
            Assert.IsTrue(retries[i] - retries[i - 1] >= settings.RetryIntervalMs, $"retry {i} came {retries[i] - retries[i - 1]} ms after the previous one");
        }

        var added = await adding.WaitAsync(E2eEnvironment.StepTimeout);
        CollectionAssert.AreEqual(new[] { added.DeviceTopic, added.GroupTopic }, device.Machine.Topics);
    });

    /// <summary>The cloud broker goes away right after the broker data arrived and again once operational: both times the core reconnects.</summary>
    [TestMethod]
    public Task GivenTheCloudBrokerRestarts_WhenTheDeviceHasBrokerDataAndAgainWhenOperational_ThenItReconnectsCompletesAndResubscribes() => E2eEnvironment.RunAsync(async env =>
    {
        var identity = env.Mint(new DeviceSettings { TimeoutSeconds = 2, RetryMaxAttempts = 30, DeadlineSeconds = 40 });
        var first = await env.ControllerAsync();
        var adding = await E2eEnvironment.AddAsync(first, identity, group: "office");

        var device = env.Boot(identity);
        var states = new StateRecorder(device.Machine);
        var cloud = env.Host.CloudBroker.Broker;
        var restart = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        device.Machine.StateChanged += (_, e) =>
        {
            if (e.To == ProvisioningState.ConnectBroker && e.From == ProvisioningState.AwaitBrokerData && !restart.Task.IsCompleted)
            {
                // On the machine's thread, before it connects: the cloud broker is gone for about a second.
                cloud.Stop();
                restart.SetResult(Task.Run(async () =>
                {
                    await Task.Delay(1000);
                    cloud.Restart();
                }));
            }
        };

        var provisioning = E2eEnvironment.ProvisionAsync(device, TimeSpan.FromSeconds(45));
        await await restart.Task.WaitAsync(E2eEnvironment.StepTimeout);

        // The controller lost its connection with the broker too; it reconnects, resubscribes and finishes the add (rename_device).
        var added = await adding.WaitAsync(E2eEnvironment.StepTimeout);
        var final = await provisioning;
        Console.WriteLine("mid-flow restart: " + states);
        Assert.AreEqual(ProvisioningState.Operational, final, $"{device.Machine.Failure}: {device.Machine.FailureDetail}; {states}");
        Assert.IsTrue(device.Session.ConnectAttempts > 2, "the cloud connect had to be retried: " + states);
        Assert.AreEqual(1, states.CountEntered(ProvisioningState.ConnectDiscovery), "no new activation: " + states);
        CollectionAssert.AreEqual(new[] { added.DeviceTopic, added.GroupTopic }, device.Machine.Topics);

        // Operational, then the broker restarts: the core reconnects and subscribes again (clean session).
        device.StartOperational();
        var before = states.CountEntered(ProvisioningState.Operational);
        cloud.Restart();
        await E2eEnvironment.WaitUntilAsync(() => states.CountEntered(ProvisioningState.Operational) > before, "the device operational again", 20);
        Console.WriteLine("operational restart: " + states);
        Assert.IsTrue(states.Entered(ProvisioningState.Reconnecting), states.ToString());
        Assert.IsTrue(states.Snapshot().Last(e => e.To == ProvisioningState.Operational).From == ProvisioningState.SubscribeTopics, states.ToString());

        var third = await env.ControllerAsync();
        var response = third.WaitForReportAsync(r => r.Topic == added.DeviceTopic && ControllerClient.IsStateAnswer(r), E2eEnvironment.StepTimeout);
        await third.SetAsync(added.DeviceTopic, "on");
        Assert.AreEqual("On", (await response).Envelope.Value.GetString());
        Assert.IsTrue(device.Indicator.Output, "a set after the restart reaches the re-subscribed device");
    });
}
