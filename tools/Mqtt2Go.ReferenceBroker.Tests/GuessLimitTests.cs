using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mqtt2Go.ReferenceBroker.Controller;
using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>Issue 10 item 6 end to end: guessing is limited per requester (home) and overall, never by locking the device.</summary>
[TestClass]
public sealed class GuessLimitTests
{
    private static async Task<ControllerReport> ActivateAsync(ControllerClient controller, string homeId, string deviceId, string code)
    {
        var topic = Topics.AddDevice(homeId, "gw1");
        var answer = controller.WaitForReportAsync(r => r.Topic == topic && r.Envelope.Kind == "activate_device", TimeSpan.FromSeconds(10));
        await controller.PublishAsync(topic, Messages.Command(TimeProvider.System, "activate_device", new JsonObject { ["activation_code"] = code, ["device_id"] = deviceId }));
        return await answer;
    }

    private static string WrongCode()
    {
        using var rng = RandomNumberGenerator.Create();
        return ActivationCodes.Generate(rng);
    }

    [TestMethod]
    public Task FiveWrongCodesFromOneHome_LockThatHomeOut_TheOwnerStillActivatesTheDevice() => TestEnvironment.RunAsync(async env =>
    {
        await using var attacker = await env.ControllerAsync();
        await using var owner = await env.ControllerAsync("home2");
        var device = await env.NewDeviceAsync("dev-victim");
        for (var i = 0; i < 5; i++)
        {
            StringAssert.Contains((await ActivateAsync(attacker, "home1", "dev-victim", WrongCode())).Json, "wrong_activation_code");
        }

        // The guessing home is out of guesses (also for other devices), the device is not locked for its owner.
        StringAssert.Contains((await ActivateAsync(attacker, "home1", "dev-victim", device.Identity.ActivationCode)).Json, "locked_out");
        var accepted = await ActivateAsync(owner, "home2", "dev-victim", device.Identity.ActivationCode);
        Assert.AreEqual("command_response", accepted.Envelope.ReportType, accepted.Json);
        Assert.IsTrue((await device.GetBrokerDataAsync(env.Host.Endpoints.DiscoveryBroker.Port)).TryGetProperty("device_certificate", out _));
    }, options => options.ControllerHomes.Add("home2"));

    [TestMethod]
    public Task TheLockOutOfAHome_SurvivesARestartOfTheReferenceSide() => TestEnvironment.RunAsync(async env =>
    {
        var device = await env.NewDeviceAsync("dev-victim");
        await using (var attacker = await env.ControllerAsync())
        {
            for (var i = 0; i < 5; i++)
            {
                StringAssert.Contains((await ActivateAsync(attacker, "home1", "dev-victim", WrongCode())).Json, "wrong_activation_code");
            }
        }

        await env.RestartHostAsync();
        await using (var attacker = await env.ControllerAsync())
        {
            StringAssert.Contains((await ActivateAsync(attacker, "home1", "dev-victim", device.Identity.ActivationCode)).Json, "locked_out");
            env.Clock.Advance(TimeSpan.FromMinutes(15));
            Assert.AreEqual("command_response", (await ActivateAsync(attacker, "home1", "dev-victim", device.Identity.ActivationCode)).Envelope.ReportType);
        }
    });

    [TestMethod]
    public Task ManyHomesGuessing_HitTheOverallLimit() => TestEnvironment.RunAsync(async env =>
    {
        await env.NewDeviceAsync("dev-victim");
        var homes = new[] { "home1", "home2", "home3" };
        foreach (var home in homes)
        {
            await using var controller = await env.ControllerAsync(home);
            for (var i = 0; i < 2; i++)
            {
                StringAssert.Contains((await ActivateAsync(controller, home, "dev-victim", WrongCode())).Json, "wrong_activation_code");
            }
        }

        await using var fourth = await env.ControllerAsync("home4");
        StringAssert.Contains((await ActivateAsync(fourth, "home4", "dev-victim", WrongCode())).Json, "too_many_attempts");
    }, options =>
    {
        foreach (var home in new[] { "home2", "home3", "home4" })
        {
            options.ControllerHomes.Add(home);
        }

        options.Discovery.MaxWrongCodesOverall = 6;
    });
}
