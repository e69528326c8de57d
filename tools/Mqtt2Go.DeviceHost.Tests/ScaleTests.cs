using System.Diagnostics;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.ReferenceBroker.Controller;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>Many real cores provisioning at once against one reference broker.</summary>
[TestClass]
public sealed class ScaleTests
{
    private const int DeviceCount = 100;
    private const int LoopCount = 4;

    /// <summary>100 devices on 4 MQTT loops, each provisioning on its own thread: all operational, no cross-talk.</summary>
    [TestMethod]
    public Task GivenAHundredAddedDevices_WhenTheyAllProvisionAtOnce_ThenAllAreOperationalWithOnlyTheirOwnTopicsAndCommands() => E2eEnvironment.RunAsync(
        async env =>
        {
            var settings = new DeviceSettings { TimeoutSeconds = 20, RetryIntervalMs = 500, RetryMaxIntervalMs = 3000, RetryMaxAttempts = 20, DeadlineSeconds = 120 };
            var wall = Stopwatch.StartNew();
            var identities = Enumerable.Range(0, DeviceCount).Select(_ => env.Mint(settings)).ToArray();
            var minted = wall.Elapsed;
            var controller = await env.ControllerAsync();
            var timeout = TimeSpan.FromSeconds(90);
            var adds = await Task.WhenAll(identities.Select((id, i) => E2eEnvironment.AddAsync(controller, id, "room-" + (i % 10), timeout)));
            var addedAt = wall.Elapsed;

            var devices = identities.Select((id, i) => env.Boot(id, "dev" + i.ToString("D3"), loop: i % LoopCount)).ToArray();
            var finals = await Task.WhenAll(devices.Select(d => E2eEnvironment.ProvisionAsync(d, timeout)));
            var provisionedAt = wall.Elapsed;
            var results = await Task.WhenAll(adds).WaitAsync(timeout);
            Console.WriteLine($"{DeviceCount} devices: minted in {minted.TotalSeconds:0.0} s, added by {addedAt.TotalSeconds:0.0} s, " +
                              $"all settled {(provisionedAt - addedAt).TotalSeconds:0.0} s after boot; " +
                              $"handshakes {devices.Sum(d => d.Session.ConnectAttempts)} (minimum {2 * DeviceCount})");

            var failed = devices.Where(d => d.Machine.State != ProvisioningState.Operational).ToArray();
            Assert.AreEqual(0, failed.Length, string.Join("\n", failed.Select(d => $"{d.Name}: {d.Machine.State} {d.Machine.Failure} {d.Machine.FailureDetail}")));
            CollectionAssert.AreEqual(Enumerable.Repeat(ProvisioningState.Operational, DeviceCount).ToArray(), finals);

            // No cross-talk in the topics: each device got the controller's topics for itself, naming no other device.
            var ids = identities.Select(i => i.DeviceId).ToArray();
            for (var i = 0; i < DeviceCount; i++)
            {
                var topics = devices[i].Machine.Topics;
                CollectionAssert.AreEqual(new[] { results[i].DeviceTopic, results[i].GroupTopic }, topics, devices[i].Name);
                Assert.IsTrue(topics[0].EndsWith("/" + ids[i], StringComparison.Ordinal), topics[0]);
                foreach (var other in ids.Where(o => o != ids[i]))
                {
                    Assert.IsFalse(topics.Any(t => t.Contains(other, StringComparison.Ordinal)), $"{devices[i].Name} got a topic of {other}");
                }
            }

            // No cross-talk in commands: a set to device i switches device i only.
            foreach (var device in devices)
            {
                device.StartOperational();
            }

            var commandsAt = wall.Elapsed;
            foreach (var target in new[] { 7, 42, 93 })
            {
                await SetAndCheckAsync(controller, results[target], devices, target);
            }

            Console.WriteLine($"3 targeted sets checked in {(wall.Elapsed - commandsAt).TotalSeconds:0.0} s; total wall time {wall.Elapsed.TotalSeconds:0.0} s");
        },
        options => options.Discovery.RateLimitPermits = 10 * DeviceCount); // one cloud service registers all 100 within a second

    private static async Task SetAndCheckAsync(ControllerClient controller, AddDeviceResult added, SimulatedDevice[] devices, int target)
    {
        var response = controller.WaitForReportAsync(r => r.Topic == added.DeviceTopic && ControllerClient.IsStateAnswer(r), E2eEnvironment.StepTimeout);
        await controller.SetAsync(added.DeviceTopic, "on");
        Assert.AreEqual("On", (await response).Envelope.Value.GetString());
        await Task.Delay(200); // room for a wrongly routed command to land elsewhere
        var on = devices.Select((d, i) => (d, i)).Where(x => x.d.Indicator.Output).Select(x => x.i).ToArray();
        CollectionAssert.AreEqual(new[] { target }, on, "only the addressed device switched on");

        var off = controller.WaitForReportAsync(r => r.Topic == added.DeviceTopic && ControllerClient.IsStateAnswer(r), E2eEnvironment.StepTimeout);
        await controller.SetAsync(added.DeviceTopic, "off");
        Assert.AreEqual("Off", (await off).Envelope.Value.GetString());
        Assert.IsFalse(devices[target].Indicator.Output);
    }
}
