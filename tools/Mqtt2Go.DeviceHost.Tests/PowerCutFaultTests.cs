using System.Diagnostics;
using Mqtt2Go.Device.Core.Provisioning;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>
/// Fault suite, device side: a power cut at EVERY transition of a full activation. The transitions are not hand-picked: a
/// reference device provisions first and its transition log (StateChanged) is the list; then one fresh device per
/// transition (all in parallel, one world) is cut right after that transition and at a few milliseconds after it, a new
/// instance boots on the same flash, and it must reach Operational without a new activation (the controller adds once).
/// </summary>
[TestClass]
public sealed class PowerCutFaultTests
{
    private static readonly int[] CutDelaysMs = [0, 3, 15];

    /// <summary>Every transition × {0, 3, 15} ms: operational after the restart, 0 activations lost.</summary>
    [TestMethod]
    public Task GivenAFullActivation_WhenPowerIsCutAtEveryTransition_ThenTheRestartedDeviceIsOperationalWithoutANewActivation() => E2eEnvironment.RunAsync(
        async env =>
        {
            var wall = Stopwatch.StartNew();
            var settings = new DeviceSettings { TimeoutSeconds = 20, RetryIntervalMs = 200, RetryMaxIntervalMs = 1000, RetryMaxAttempts = 30, DeadlineSeconds = 120 };
            var controller = await env.ControllerAsync();

            // The reference run: its transition log is the list of cut points.
            var reference = env.Mint(settings);
            var referenceAdd = await E2eEnvironment.AddAsync(controller, reference);
            var referenceDevice = env.Boot(reference, "reference");
            var referenceStates = new StateRecorder(referenceDevice.Machine);
            Assert.AreEqual(ProvisioningState.Operational, await E2eEnvironment.ProvisionAsync(referenceDevice));
            await referenceAdd.WaitAsync(E2eEnvironment.StepTimeout);
            var transitions = referenceStates.Snapshot().Select(e => (e.From, e.To)).ToArray();
            Console.WriteLine($"reference activation: {transitions.Length} transitions: {referenceStates}");
            Assert.IsTrue(transitions.Length >= 5, referenceStates.ToString());

            var cases = (from index in Enumerable.Range(1, transitions.Length) from delay in CutDelaysMs select (index, delay)).ToArray();
            var results = await Task.WhenAll(cases.Select((c, n) => RunCaseAsync(env, controller, settings, transitions, c.index, c.delay, n)));
            var lost = results.Where(r => r is not null).ToArray();
            Console.WriteLine($"power cuts: {cases.Length} ({transitions.Length} transitions × {CutDelaysMs.Length} delays), " +
                              $"{cases.Length - lost.Length} operational after restart, {lost.Length} activations lost; wall {wall.Elapsed.TotalSeconds:0.0} s");
            Assert.AreEqual(0, lost.Length, string.Join("\n", lost));
        },
        options => options.Discovery.RateLimitPermits = 1000,
        loops: 4);

    // Returns null when the device came back operational with the one activation, otherwise what went wrong.
    private static async Task<string?> RunCaseAsync(E2eEnvironment env, Mqtt2Go.ReferenceBroker.Controller.ControllerClient controller, DeviceSettings settings,
        (ProvisioningState From, ProvisioningState To)[] transitions, int index, int delayMs, int n)
    {
        var label = $"cut after #{index} {transitions[index - 1].From}->{transitions[index - 1].To} +{delayMs} ms";
        try
        {
            var identity = env.Mint(settings);
            var adding = await E2eEnvironment.AddAsync(controller, identity, "room-" + (n % 10), TimeSpan.FromSeconds(90));
            var first = env.Boot(identity, "cut" + n.ToString("D3"), loop: n % env.Loops.Length);
            var firstStates = new StateRecorder(first.Machine);
            await E2eEnvironment.OnThread(first.Name + "-steps", () =>
            {
                while (firstStates.Snapshot().Count < index && first.Machine.State != ProvisioningState.Failed)
                {
                    first.Machine.Step();
                }

                return 0;
            }).WaitAsync(TimeSpan.FromSeconds(90));
            if (delayMs > 0)
            {
                await Task.Delay(delayMs); // the network keeps moving (a report in flight, Discovery handing over) while the device dies
            }

            first.Dispose(); // the power cut: no further step, nothing more written to flash

            var second = env.Boot(identity, "re" + n.ToString("D3"), loop: n % env.Loops.Length);
            var secondStates = new StateRecorder(second.Machine);
            var final = await E2eEnvironment.ProvisionAsync(second, TimeSpan.FromSeconds(90));
            if (final != ProvisioningState.Operational)
            {
                return $"{label}: first {firstStates}; after restart {final} {second.Machine.Failure} {second.Machine.FailureDetail}: {secondStates}";
            }

            var added = await adding.WaitAsync(TimeSpan.FromSeconds(90));
            if (!second.Machine.Topics.SequenceEqual(new[] { added.DeviceTopic, added.GroupTopic }))
            {
                return $"{label}: topics {string.Join(",", second.Machine.Topics)}";
            }

            return null;
        }
        catch (Exception e) when (e is TimeoutException or AssertFailedException or InvalidOperationException)
        {
            return $"{label}: {e.GetType().Name} {e.Message}";
        }
    }
}
