using System.Diagnostics;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Mosquitto;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>
/// Fault suite, broker side: each broker (Discovery mosquitto, cloud mosquitto) is SIGKILLed by its PID while one device
/// stands right after EVERY transition of a full activation (the transition list comes from a reference run's log), then
/// restarted on the same port; every device must finish operational with the controller's one add (0 activations lost).
/// </summary>
[TestClass]
public sealed class BrokerKillFaultTests
{
    /// <summary>The Discovery broker killed with a device after every transition.</summary>
    [TestMethod]
    public Task GivenDevicesAfterEveryTransition_WhenTheDiscoveryBrokerIsKilledAndRestarted_ThenAllAreOperationalWithoutANewActivation() =>
        RunAsync(InProcess, env => KillBroker(env.Host.DiscoveryBroker.Broker, "Discovery broker"), "Discovery broker");

    /// <summary>The cloud broker killed with a device after every transition.</summary>
    [TestMethod]
    public Task GivenDevicesAfterEveryTransition_WhenTheCloudBrokerIsKilledAndRestarted_ThenAllAreOperationalWithoutANewActivation() =>
        RunAsync(InProcess, env => KillBroker(env.Host.CloudBroker.Broker, "cloud broker"), "cloud broker");

    private static Task InProcess(Func<E2eEnvironment, Task> test) =>
        E2eEnvironment.RunAsync(test, options => options.Discovery.RateLimitPermits = 1000, loops: 2);

    /// <summary>SIGKILLs one broker by its PID and restarts it on the same port, config and dynsec state.</summary>
    private static async Task<string> KillBroker(MosquittoBroker broker, string what)
    {
        var pid = broker.Pid;
        broker.Kill();
        await Task.Delay(300);
        broker.Restart();
        return $"{what} pid {pid} SIGKILLed, restarted as pid {broker.Pid}";
    }

    /// <summary>
    /// One reference activation records the transitions; then one device per transition is stopped right after it, the
    /// fault strikes (<paramref name="fault"/> returns what it did), and every device must end operational with the
    /// controller's one add and its topics.
    /// </summary>
    internal static Task RunAsync(Func<Func<E2eEnvironment, Task>, Task> world, Func<E2eEnvironment, Task<string>> fault, string what) => world(
        async env =>
        {
            var wall = Stopwatch.StartNew();
            var settings = new DeviceSettings { TimeoutSeconds = 3, RetryIntervalMs = 200, RetryMaxIntervalMs = 1000, RetryMaxAttempts = 40, DeadlineSeconds = 120 };
            var controller = await env.ControllerAsync();

            var reference = env.Mint(settings);
            var referenceAdd = await E2eEnvironment.AddAsync(controller, reference);
            var referenceDevice = env.Boot(reference, "reference");
            var referenceStates = new StateRecorder(referenceDevice.Machine);
            Assert.AreEqual(ProvisioningState.Operational, await E2eEnvironment.ProvisionAsync(referenceDevice));
            await referenceAdd.WaitAsync(E2eEnvironment.StepTimeout);
            var transitions = referenceStates.Snapshot().Select(e => (e.From, e.To)).ToArray();

            // One device per transition, each stopped right after it (all added first, as a user would).
            var identities = transitions.Select(_ => env.Mint(settings)).ToArray();
            var adds = await Task.WhenAll(identities.Select((id, i) => E2eEnvironment.AddAsync(controller, id, "room-" + i, TimeSpan.FromSeconds(90))));
            var devices = identities.Select((id, i) => env.Boot(id, "k" + i.ToString("D2"), loop: i % env.Loops.Length)).ToArray();
            var recorders = devices.Select(d => new StateRecorder(d.Machine)).ToArray();
            await Task.WhenAll(devices.Select((d, i) => E2eEnvironment.OnThread(d.Name + "-steps", () =>
            {
                while (recorders[i].Snapshot().Count < i + 1 && d.Machine.State != ProvisioningState.Failed)
                {
                    d.Machine.Step();
                }

                return 0;
            }).WaitAsync(TimeSpan.FromSeconds(60))));

            var done = await fault(env);
            Console.WriteLine($"{done}, with {devices.Length} devices after transitions {string.Join(", ", transitions.Select(t => t.From + "->" + t.To))}");

            var finals = await Task.WhenAll(devices.Select(d => E2eEnvironment.ProvisionAsync(d, TimeSpan.FromSeconds(90))));
            var lost = new List<string>();
            for (var i = 0; i < devices.Length; i++)
            {
                if (finals[i] != ProvisioningState.Operational)
                {
                    lost.Add($"after #{i + 1} {transitions[i].From}->{transitions[i].To}: {finals[i]} {devices[i].Machine.Failure} {devices[i].Machine.FailureDetail}: {recorders[i]}");
                    continue;
                }

                try
                {
                    var added = await adds[i].WaitAsync(TimeSpan.FromSeconds(60));
                    if (!devices[i].Machine.Topics.SequenceEqual(new[] { added.DeviceTopic, added.GroupTopic }))
                    {
                        lost.Add($"after #{i + 1}: topics {string.Join(",", devices[i].Machine.Topics)}");
                    }
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException)
                {
                    lost.Add($"after #{i + 1}: the controller's add did not complete: {e.Message}");
                }
            }

            Console.WriteLine($"{what} kill: {devices.Length} transitions covered, {devices.Length - lost.Count} operational, {lost.Count} activations lost; wall {wall.Elapsed.TotalSeconds:0.0} s");
            Assert.AreEqual(0, lost.Count, string.Join("\n", lost));
        });
}
