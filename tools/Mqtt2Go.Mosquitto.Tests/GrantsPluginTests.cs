using System.Collections.Concurrent;
using System.Text;
using Mqtt2Go.Mosquitto.DynSec;
using Mqtt2Go.Mosquitto.Grants;

namespace Mqtt2Go.Mosquitto.Tests;

/// <summary>The project's mosquitto plugin mqtt2go_grants (tools/mosquitto-grants) in a real mosquitto 2.0 with dynsec.</summary>
[TestClass]
public sealed class GrantsPluginTests
{
    private const int NotAuthorized = 135;

    [TestMethod]
    public Task Grants_AllowExactlyTheGrantedLiteralTopics_AndLeaveOtherClientsToDynsec() => RunAsync(async (env, grants) =>
    {
        await grants.SetAsync("dev-a",
            new DynSecAcl("subscribeLiteral", "h/a"),
            new DynSecAcl("publishClientSend", "h/a"),
            new DynSecAcl("subscribeLiteral", "h/group"));
        await env.AllowAsync("dev-b", "h/b"); // a dynsec client: the plugin defers it
        var a = env.NewClient(env.TlsOptions("dev-a", env.IssueClient("dev-a")));
        var b = env.NewClient(env.TlsOptions("dev-b", env.IssueClient("dev-b")));
        var aReceived = new ConcurrentQueue<MqttMessage>();
        a.MessageReceived += aReceived.Enqueue;
        Assert.IsTrue((await a.ConnectAsync()).Success);
        Assert.IsTrue((await b.ConnectAsync()).Success);

        CollectionAssert.AreEqual(new[] { 1 }, await a.SubscribeAsync(["h/a"]));
        CollectionAssert.AreEqual(new[] { 1 }, await a.SubscribeAsync(["h/group"]));
        foreach (var filter in new[] { "h/#", "h/+", "#", "h/b", "h/a/x", "H/a" })
        {
            CollectionAssert.AreEqual(new[] { NotAuthorized }, await a.SubscribeAsync([filter]), filter);
        }

        Assert.IsTrue(await a.PublishAsync("h/a", [1]) is 0 or 16);
        Assert.AreEqual(NotAuthorized, await a.PublishAsync("h/b", [2]), "another client's topic");
        Assert.AreEqual(NotAuthorized, await a.PublishAsync("h/group", [3]), "subscribe-only");
        CollectionAssert.AreEqual(new[] { 1 }, await b.SubscribeAsync(["h/b/#"]), "dynsec still decides for its own clients");
        CollectionAssert.AreEqual(new[] { NotAuthorized }, await b.SubscribeAsync(["h/a"]));

        // Deliveries on the granted subscription arrive (a message from the admin on h/group).
        Assert.IsTrue(await env.AdminClient!.PublishAsync("h/group", [4]) is 0 or 16);
        await TestWait.UntilAsync(() => aReceived.Any(m => m.Topic == "h/group"), TimeSpan.FromSeconds(5), "delivery on a granted topic");
    });

    [TestMethod]
    public Task SetGrants_AppliesLive_DeleteGrants_DisconnectsAndLeavesNothing() => RunAsync(async (env, grants) =>
    {
        await grants.SetAsync("dev-c", new DynSecAcl("subscribeLiteral", "c/one"));
        var c = env.NewClient(env.TlsOptions("dev-c", env.IssueClient("dev-c")));
        var disconnected = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Disconnected += reason => disconnected.TrySetResult(reason);
        Assert.IsTrue((await c.ConnectAsync()).Success);
        CollectionAssert.AreEqual(new[] { 1 }, await c.SubscribeAsync(["c/one"]));

        await grants.SetAsync("dev-c", new DynSecAcl("subscribeLiteral", "c/two"), new DynSecAcl("publishClientSend", "c/two"));
        Assert.IsFalse(disconnected.Task.IsCompleted, "a change disconnects no one");
        CollectionAssert.AreEqual(new[] { NotAuthorized }, await c.SubscribeAsync(["c/one"]), "replaced, not added");
        CollectionAssert.AreEqual(new[] { 1 }, await c.SubscribeAsync(["c/two"]));
        var got = await grants.GetAsync("dev-c");
        Assert.IsNotNull(got);
        CollectionAssert.AreEqual(new[] { "subscribeLiteral c/two", "publishClientSend c/two" }, got.Select(g => g.AclType + " " + g.Topic).ToArray());

        await grants.DeleteAsync("dev-c");
        await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.IsNull(await grants.GetAsync("dev-c"));
        await grants.DeleteAsync("dev-c"); // again: no error
        Assert.IsTrue((await c.ConnectAsync()).Success, "TLS still admits the certificate");
        CollectionAssert.AreEqual(new[] { NotAuthorized }, await c.SubscribeAsync(["c/two"]), "no grants, no dynsec client: denied");
    });

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public Task Journal_SurvivesRestart_BlanksWhatWasReplacedOrDeleted_SkipsATornLine_AndIsOwnerOnly() => RunAsync(async (env, grants) =>
    {
        await grants.SetAsync("dev-k", new DynSecAcl("subscribeLiteral", "secret-code-1/activation"));
        await grants.SetAsync("dev-k", new DynSecAcl("subscribeLiteral", "k/device"));
        await grants.SetAsync("dev-gone", new DynSecAcl("subscribeLiteral", "secret-code-2/activation"));
        await grants.DeleteAsync("dev-gone");
        await grants.SetAsync("dev-stay", new DynSecAcl("publishClientSend", "s/device"));

        var journal = env.Broker.GrantsPath;
        var text = Encoding.UTF8.GetString(ReadShared(journal));
        Assert.IsFalse(text.Contains("secret-code-1", StringComparison.Ordinal), "a replaced grant is blanked");
        Assert.IsFalse(text.Contains("secret-code-2", StringComparison.Ordinal), "a deleted grant is blanked");
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(journal));

        env.Broker.Kill(); // no clean shutdown
        File.AppendAllText(journal, "{\"client\":\"dev-torn\",\"grants\":[{\"acltype\":\"subscribeLi"); // a write cut short
        env.Broker.Restart();
        using var admin = await env.ReconnectAdminAsync();
        using var again = new GrantsAdmin(admin);
        CollectionAssert.AreEqual(new[] { "k/device" }, (await again.GetAsync("dev-k"))!.Select(g => g.Topic).ToArray());
        CollectionAssert.AreEqual(new[] { "s/device" }, (await again.GetAsync("dev-stay"))!.Select(g => g.Topic).ToArray());
        Assert.IsNull(await again.GetAsync("dev-gone"));
        Assert.IsNull(await again.GetAsync("dev-torn"));
        StringAssert.Contains(env.Broker.LogTail(200), "skipped (not a complete grant record)");
        var compacted = File.ReadAllLines(journal);
        Assert.AreEqual(2, compacted.Length, string.Join("\n", compacted)); // one line per client after the start
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(journal));
    });

    [TestMethod]
    public Task InvalidCommands_AreRefusedWithAReason_AndChangeNothing() => RunAsync(async (env, grants) =>
    {
        await grants.SetAsync("dev-v", new DynSecAcl("subscribeLiteral", "v/ok"));
        var invalid = new (string Client, DynSecAcl[] Grants, string Error)[]
        {
            ("dev-v", [new DynSecAcl("subscribeLiteral", "v/#")], "Invalid grant"),
            ("dev-v", [new DynSecAcl("subscribeLiteral", "v/+/x")], "Invalid grant"),
            ("dev-v", [new DynSecAcl("publishClientSend", "$CONTROL/mqtt2go-grants/v1")], "Invalid grant"),
            ("dev-v", [new DynSecAcl("subscribePattern", "v/ok")], "Invalid grant"),
            ("dev-v", [new DynSecAcl("subscribeLiteral", "")], "Invalid grant"),
            ("dev-v", Enumerable.Range(0, 65).Select(i => new DynSecAcl("subscribeLiteral", "v/" + i)).ToArray(), "Invalid grants"),
            ("", [new DynSecAcl("subscribeLiteral", "v/ok")], "Invalid client"),
            ("dev\nv", [new DynSecAcl("subscribeLiteral", "v/ok")], "Invalid client"),
        };
        foreach (var (client, acls, error) in invalid)
        {
            var refused = await Assert.ThrowsExceptionAsync<DynSecException>(() => grants.SetAsync(client, acls));
            Assert.AreEqual(error, refused.Error, $"{client}: {string.Join(",", acls.Select(a => a.AclType + " " + a.Topic))}");
        }

        var unknown = await Assert.ThrowsExceptionAsync<DynSecException>(() => grants.ExecuteAsync(new System.Text.Json.Nodes.JsonObject { ["command"] = "listClients" }));
        Assert.AreEqual("Unknown command", unknown.Error);
        CollectionAssert.AreEqual(new[] { "v/ok" }, (await grants.GetAsync("dev-v"))!.Select(g => g.Topic).ToArray(), "nothing changed");

        // Not JSON, not an object, too large: answered, the broker keeps running.
        var responses = new ConcurrentQueue<string>();
        env.AdminClient!.MessageReceived += m =>
        {
            if (m.Topic == GrantsAdmin.ResponseTopic)
            {
                responses.Enqueue(Encoding.UTF8.GetString(m.Payload));
            }
        };
        foreach (var payload in new[] { Encoding.UTF8.GetBytes("{\"commands\":"), Encoding.UTF8.GetBytes("[1,2]"), new byte[300 * 1024] })
        {
            Assert.IsTrue(await env.AdminClient.PublishAsync(GrantsAdmin.CommandTopic, payload) is 0 or 16);
        }

        await TestWait.UntilAsync(() => responses.Count >= 3, TimeSpan.FromSeconds(5), "three error responses");
        Assert.IsTrue(responses.Any(r => r.Contains("Payload too large", StringComparison.Ordinal)), string.Join("\n", responses));
        Assert.IsTrue(responses.Count(r => r.Contains("Invalid/missing commands", StringComparison.Ordinal)) >= 2, string.Join("\n", responses));
        Assert.IsNotNull(await grants.GetAsync("dev-v"), "still answering");
    });

    [TestMethod]
    public Task ADeviceOrAClientWithoutTheAdminRole_CannotChangeOrReadGrants() => RunAsync(async (env, grants) =>
    {
        await grants.SetAsync("dev-x", new DynSecAcl("subscribeLiteral", "x/own"));
        await env.AllowAsync("dev-y", "y"); // a dynsec client without the control topics
        foreach (var id in new[] { "dev-x", "dev-y", "dev-z" })
        {
            var attacker = env.NewClient(env.TlsOptions(id, env.IssueClient(id)));
            Assert.IsTrue((await attacker.ConnectAsync()).Success);
            var command = Encoding.UTF8.GetBytes("{\"commands\":[{\"command\":\"setGrants\",\"client\":\"" + id + "\",\"grants\":[{\"acltype\":\"subscribeLiteral\",\"topic\":\"x/secret\"}]}]}");
            Assert.AreEqual(NotAuthorized, await attacker.PublishAsync(GrantsAdmin.CommandTopic, command), id + ": command");
            CollectionAssert.AreEqual(new[] { NotAuthorized }, await attacker.SubscribeAsync([GrantsAdmin.ResponseTopic]), id + ": responses");
        }

        CollectionAssert.AreEqual(new[] { "x/own" }, (await grants.GetAsync("dev-x"))!.Select(g => g.Topic).ToArray());
        Assert.IsNull(await grants.GetAsync("dev-y"));
        Assert.IsNull(await grants.GetAsync("dev-z"));
    });

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // A broker with the plugin before dynsec; the dynsec administrator gets the plugin's control topics.
    private static Task RunAsync(Func<BrokerEnvironment, GrantsAdmin, Task> body) => BrokerTest.RunAsync(async env =>
    {
        // One modifyRole (addRoleACL would disconnect the administrator: mosquitto 2.0.11 kicks a role's clients then).
        await env.Admin!.ModifyRoleAclsAsync("admin",
            new DynSecAcl("publishClientSend", "$CONTROL/dynamic-security/#"),
            new DynSecAcl("publishClientReceive", "$CONTROL/dynamic-security/#"),
            new DynSecAcl("subscribePattern", "$CONTROL/dynamic-security/#"),
            new DynSecAcl("publishClientSend", "$CONTROL/mqtt2go-grants/#"),
            new DynSecAcl("publishClientReceive", "$CONTROL/mqtt2go-grants/#"),
            new DynSecAcl("subscribePattern", "$CONTROL/mqtt2go-grants/#"),
            new DynSecAcl("publishClientSend", "#"),
            new DynSecAcl("publishClientReceive", "#"),
            new DynSecAcl("subscribePattern", "#"));

        using var grants = new GrantsAdmin(env.AdminClient!);
        await body(env, grants);
    }, o => o.DeviceGrants = true);
}
