namespace Mqtt2Go.Mosquitto.Tests;

/// <summary>Pins mosquitto 2.0.11 behaviour that the project's design relies on (recorded in the README).</summary>
[TestClass]
public sealed class BrokerFactsTests
{
    [TestMethod]
    public Task WithoutIdentityAsUsername_CertificateClient_StillNeedsDynSecPassword() => BrokerTest.RunAsync(async env =>
    {
        await env.Admin!.CreateRoleAsync("pw-role", new DynSec.DynSecAcl("subscribePattern", "pw/#"));
        await env.Admin.CreateClientAsync("dev-pw", "right-password", "pw-role");
        var cert = env.IssueClient("dev-pw");

        MqttClientOptions good = env.TlsOptions("dev-pw-1", cert);
        good.Username = "dev-pw";
        good.Password = "right-password";
        MqttClientOptions wrong = env.TlsOptions("dev-pw-2", cert);
        wrong.Username = "dev-pw";
        wrong.Password = "wrong-password";
        MqttClientOptions none = env.TlsOptions("dev-pw-3", cert);
        MqttClientOptions otherUser = env.TlsOptions("dev-pw-4", cert);
        otherUser.Username = "admin";
        otherUser.Password = env.Broker.Options.AdminPassword;

        ConnectResult rGood = await env.NewClient(good).ConnectAsync();
        ConnectResult rWrong = await env.NewClient(wrong).ConnectAsync();
        ConnectResult rNone = await env.NewClient(none).ConnectAsync();
        ConnectResult rOther = await env.NewClient(otherUser).ConnectAsync();

        Console.WriteLine($"require_certificate, no use_identity_as_username: right pw {rGood}; wrong pw {rWrong}; no username {rNone}; cert CN dev-pw logging in as admin {rOther}");
        Assert.IsTrue(rGood.Success);
        Assert.AreEqual(135, rWrong.Code);
        Assert.AreEqual(135, rNone.Code);
        Assert.IsTrue(rOther.Success, "the certificate CN is not tied to the username without use_identity_as_username");
    }, o => o.UseIdentityAsUsername = false);

    [TestMethod]
    public Task IdentityAsUsername_CnWithoutDynSecEntry_ConnectsButIsDeniedEverything() => BrokerTest.RunAsync(async env =>
    {
        var client = env.NewClient(env.TlsOptions("dev-unknown", env.IssueClient("dev-unknown")));

        ConnectResult connect = await client.ConnectAsync();
        int[] sub = connect.Success ? await client.SubscribeAsync(["dev-unknown/#"]) : [];
        int pub = connect.Success ? await client.PublishAsync("dev-unknown/x", [1]) : -1;

        Console.WriteLine($"CN without dynsec client: connect {connect}; subscribe {string.Join(",", sub)}; publish {pub}");
        Assert.IsTrue(connect.Success, "use_identity_as_username skips authentication");
        CollectionAssert.AreEqual(new[] { 135 }, sub);
        Assert.AreEqual(135, pub);
    });
}
