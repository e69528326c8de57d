namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>
/// Fault suite, service side: the reference broker's services (Discovery service and REST API, cloud service) run in the
/// one <c>serve</c> process a user starts. It is SIGKILLed by its PID while one device stands right after EVERY transition
/// of a full activation, and started again on the same work directory (its orphaned mosquittos are stopped by their PIDs
/// and started anew on the saved ports); every device must finish operational with the controller's one add.
/// </summary>
[TestClass]
public sealed class ServiceKillFaultTests
{
    /// <summary>serve killed with a device after every transition.</summary>
    [TestMethod]
    public Task GivenDevicesAfterEveryTransition_WhenServeIsKilledAndStartedAgain_ThenAllAreOperationalWithoutANewActivation() =>
        BrokerKillFaultTests.RunAsync(
            test => E2eEnvironment.RunOnServeAsync(test, loops: 2),
            async env =>
            {
                var (killed, started) = await env.RestartServeAsync(TimeSpan.FromMilliseconds(300));
                return $"serve pid {killed} (Discovery service + REST, cloud service) SIGKILLed, started again as pid {started}";
            },
            "serve");
}
