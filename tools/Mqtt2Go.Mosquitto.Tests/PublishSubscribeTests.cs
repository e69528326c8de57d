using System.Collections.Concurrent;
using System.Text;

namespace Mqtt2Go.Mosquitto.Tests;

[TestClass]
public sealed class PublishSubscribeTests
{
    [TestMethod]
    [DataRow(5)]
    [DataRow(4)]
    public Task PublishQos1_ToOwnSubscription_IsReceivedWithPayload(int protocol) => BrokerTest.RunAsync(async env =>
    {
        await env.AllowAsync("dev-rt", "rt");
        var client = env.NewClient(env.TlsOptions("dev-rt", env.IssueClient("dev-rt"), protocol));
        var received = new TaskCompletionSource<MqttMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.MessageReceived += m => received.TrySetResult(m);
        Assert.IsTrue((await client.ConnectAsync()).Success);

        int[] granted = await client.SubscribeAsync(["rt/in"], 1);
        int puback = await client.PublishAsync("rt/in", Encoding.UTF8.GetBytes("hello"), 1);
        MqttMessage message = await TestWait.Within(received.Task, TestWait.Seconds(5), "message");

        CollectionAssert.AreEqual(new[] { 1 }, granted);
        Assert.AreEqual(0, puback);
        Assert.AreEqual("rt/in", message.Topic);
        Assert.AreEqual("hello", Encoding.UTF8.GetString(message.Payload));
        Assert.AreEqual(1, message.Qos);
        Assert.IsFalse(message.Retain);
    });

    [TestMethod]
    public Task PublishQos0_And_Unsubscribe_Work() => BrokerTest.RunAsync(async env =>
    {
        await env.AllowAsync("dev-q0", "q0");
        var client = env.NewClient(env.TlsOptions("dev-q0", env.IssueClient("dev-q0")));
        var received = new ConcurrentQueue<MqttMessage>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.MessageReceived += m =>
        {
            received.Enqueue(m);
            first.TrySetResult();
        };
        Assert.IsTrue((await client.ConnectAsync()).Success);
        await client.SubscribeAsync(["q0/#"], 0);

        int sent = await client.PublishAsync("q0/a", [1, 2, 3], 0);
        await TestWait.Within(first.Task, TestWait.Seconds(5), "qos0 message");
        await client.UnsubscribeAsync(["q0/#"]);
        await client.PublishAsync("q0/b", [4], 1);
        await Task.Delay(200);

        Assert.AreEqual(0, sent);
        Assert.AreEqual(1, received.Count, "no message after unsubscribe");
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, received.Single().Payload);
    });

    [TestMethod]
    public Task PublishQos1_WithoutSubscribers_ReturnsReason16OnMqtt5() => BrokerTest.RunAsync(async env =>
    {
        await env.AllowAsync("dev-ns", "ns");
        var client = env.NewClient(env.TlsOptions("dev-ns", env.IssueClient("dev-ns")));
        Assert.IsTrue((await client.ConnectAsync()).Success);

        int reason = await client.PublishAsync("ns/nobody", [1], 1);

        Console.WriteLine($"PUBACK without subscribers: {reason}");
        Assert.IsTrue(reason is 0 or 16, reason.ToString());
    });

    [TestMethod]
    public Task MessageHandler_ThatThrows_DoesNotStopDelivery() => BrokerTest.RunAsync(async env =>
    {
        await env.AllowAsync("dev-throw", "th");
        var client = env.NewClient(env.TlsOptions("dev-throw", env.IssueClient("dev-throw")));
        var count = 0;
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.MessageReceived += _ =>
        {
            if (Interlocked.Increment(ref count) == 2)
            {
                second.TrySetResult();
            }

            throw new InvalidOperationException("handler failure on purpose");
        };
        Assert.IsTrue((await client.ConnectAsync()).Success);
        await client.SubscribeAsync(["th/x"]);

        await client.PublishAsync("th/x", [1]);
        await client.PublishAsync("th/x", [2]);
        await TestWait.Within(second.Task, TestWait.Seconds(5), "second message");

        Assert.IsTrue(client.IsConnected);
        lock (env.ClientLog)
        {
            Assert.IsTrue(env.ClientLog.Any(l => l.Contains("handler failure on purpose")), "handler error logged");
        }
    });

    [TestMethod]
    public Task Publish_WhenNotConnected_Throws() => BrokerTest.RunAsync(async env =>
    {
        var client = env.NewClient(env.TlsOptions("dev-nc", env.IssueClient("dev-nc")));

        await Assert.ThrowsExceptionAsync<InvalidOperationException>(() => client.PublishAsync("x", [1]));
    }, withAdmin: false);
}
