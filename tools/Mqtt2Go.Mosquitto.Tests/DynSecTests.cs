using System.Collections.Concurrent;
using Mqtt2Go.Mosquitto.DynSec;

namespace Mqtt2Go.Mosquitto.Tests;

[TestClass]
public sealed class DynSecTests
{
    [TestMethod]
    public Task ClientA_OnClientBTopic_IsDeniedPublishAndSubscribe_V5() => BrokerTest.RunAsync(async env =>
    {
        await env.AllowAsync("dev-a", "dev/a");
        await env.AllowAsync("dev-b", "dev/b");
        var a = env.NewClient(env.TlsOptions("dev-a", env.IssueClient("dev-a")));
        var b = env.NewClient(env.TlsOptions("dev-b", env.IssueClient("dev-b")));
        var bReceived = new ConcurrentQueue<MqttMessage>();
        b.MessageReceived += bReceived.Enqueue;
        Assert.IsTrue((await a.ConnectAsync()).Success);
        Assert.IsTrue((await b.ConnectAsync()).Success);
        await b.SubscribeAsync(["dev/b/#"]);

        int[] own = await a.SubscribeAsync(["dev/a/#"]);
        int[] foreign = await a.SubscribeAsync(["dev/b/#"]);
        int ownPublish = await a.PublishAsync("dev/a/state", [1]);
        int foreignPublish = await a.PublishAsync("dev/b/cmd", [2]);
        await b.PublishAsync("dev/b/probe", [3]); // ordered after A's publish: when B has its own probe, A's would have arrived
        for (int i = 0; i < 50 && !bReceived.Any(m => m.Topic == "dev/b/probe"); i++)
        {
            await Task.Delay(20);
        }

        CollectionAssert.AreEqual(new[] { 1 }, own);
        CollectionAssert.AreEqual(new[] { 135 }, foreign); // 0x87 Not authorized
        Assert.IsTrue(ownPublish is 0 or 16, ownPublish.ToString());
        Assert.AreEqual(135, foreignPublish);
        Assert.IsFalse(bReceived.Any(m => m.Topic == "dev/b/cmd"), "denied message must not reach B");
        Assert.IsTrue(bReceived.Any(m => m.Topic == "dev/b/probe"));
    });

    [TestMethod]
    public Task ClientA_OnClientBTopic_IsSilentlyDropped_V311() => BrokerTest.RunAsync(async env =>
    {
        await env.AllowAsync("dev-a3", "d3/a");
        await env.AllowAsync("dev-b3", "d3/b");
        var a = env.NewClient(env.TlsOptions("dev-a3", env.IssueClient("dev-a3"), 4));
        var b = env.NewClient(env.TlsOptions("dev-b3", env.IssueClient("dev-b3"), 4));
        var bReceived = new ConcurrentQueue<MqttMessage>();
        b.MessageReceived += bReceived.Enqueue;
        Assert.IsTrue((await a.ConnectAsync()).Success);
        Assert.IsTrue((await b.ConnectAsync()).Success);
        await b.SubscribeAsync(["d3/b/#"]);

        int[] foreign = await a.SubscribeAsync(["d3/b/#"]);
        int foreignPublish = await a.PublishAsync("d3/b/cmd", [2]);
        await b.PublishAsync("d3/b/probe", [3]);
        for (int i = 0; i < 50 && !bReceived.Any(m => m.Topic == "d3/b/probe"); i++)
        {
            await Task.Delay(20);
        }

        Console.WriteLine($"3.1.1 denied subscribe -> {foreign[0]}, denied publish PUBACK -> {foreignPublish}");
        CollectionAssert.AreEqual(new[] { 0x80 }, foreign);
        Assert.AreEqual(0, foreignPublish); // 3.1.1 PUBACK has no reason code
        Assert.IsFalse(bReceived.Any(m => m.Topic == "d3/b/cmd"));
    });

    [TestMethod]
    public Task CreateClient_Twice_ThrowsWithPluginErrorText() => BrokerTest.RunAsync(async env =>
    {
        await env.Admin!.CreateClientAsync("dup", null);

        DynSecException error = await Assert.ThrowsExceptionAsync<DynSecException>(() => env.Admin.CreateClientAsync("dup", null));

        Console.WriteLine(error.Message);
        Assert.AreEqual("createClient", error.Command);
        StringAssert.Contains(error.Error, "already exists");
    });

    [TestMethod]
    public Task DeleteRole_DisableClient_SetDefaultAcl_DeleteClient_Succeed() => BrokerTest.RunAsync(async env =>
    {
        await env.AllowAsync("dev-x", "x");
        var client = env.NewClient(env.TlsOptions("dev-x", env.IssueClient("dev-x")));
        var disconnected = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Disconnected += r => disconnected.TrySetResult(r);
        Assert.IsTrue((await client.ConnectAsync()).Success);

        await env.Admin!.SetDefaultAclAccessAsync(false, true, false, true);
        await env.Admin.DisableClientAsync("dev-x");
        int reason = await TestWait.Within(disconnected.Task, TestWait.Seconds(5), "kick after disableClient");
        await env.Admin.DeleteClientAsync("dev-x");
        await env.Admin.DeleteRoleAsync("role-dev-x");
        await Assert.ThrowsExceptionAsync<DynSecException>(() => env.Admin.DeleteClientAsync("dev-x"));

        Console.WriteLine($"disableClient kicked the connected client with reason {reason}");
        Assert.AreNotEqual(0, reason);
    });
}
