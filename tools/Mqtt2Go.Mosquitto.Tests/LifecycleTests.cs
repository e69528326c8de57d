using System.Collections.Concurrent;
using System.Diagnostics;
using Mqtt2Go.Mosquitto.Client;

namespace Mqtt2Go.Mosquitto.Tests;

[TestClass]
public sealed class LifecycleTests
{
    [TestMethod]
    public Task BrokerRestart_ClientSeesDisconnected_ThenReconnectsWithNewConnect() => BrokerTest.RunAsync(async env =>
    {
        await env.AllowAsync("dev-r", "r");
        var client = env.NewClient(env.TlsOptions("dev-r", env.IssueClient("dev-r")));
        var disconnected = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Disconnected += r => disconnected.TrySetResult(r);
        Assert.IsTrue((await client.ConnectAsync()).Success);
        int oldPid = env.Broker.Pid;

        env.Broker.Restart();
        int reason = await TestWait.Within(disconnected.Task, TestWait.Seconds(10), "Disconnected event");
        ConnectResult again = await client.ConnectAsync();
        int[] granted = await client.SubscribeAsync(["r/#"]);

        Console.WriteLine($"disconnect reason after broker restart: {reason} ({Libmosquitto.ErrorString(reason)})");
        Assert.AreNotEqual(oldPid, env.Broker.Pid);
        Assert.AreNotEqual(0, reason);
        Assert.IsTrue(again.Success, again.ToString());
        Assert.AreEqual(2, client.ConnectCount);
        CollectionAssert.AreEqual(new[] { 1 }, granted, "dynsec state survived the restart");
    });

    [TestMethod]
    public Task StartAfterTheOwnerDied_StopsTheLeftOverBrokerByItsPid_AndTakesItsPort() => BrokerTest.RunAsync(async env =>
    {
        await env.AllowAsync("dev-l", "l"); // in the dynsec file, which the next broker on this directory loads

        // The first owner "dies": its MosquittoBroker object is abandoned with the process still running (as when serve
        // is SIGKILLed). A new start on the same work directory and port must stop exactly that process and come up.
        int orphan = env.Broker.Pid;
        Assert.AreEqual(orphan.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(env.Broker.PidPath));
        var options = env.Broker.Options;
        options.Port = env.Broker.Port;
        using var second = MosquittoBroker.Start(options);

        Assert.AreEqual(orphan, second.LeftOverStopped);
        Assert.IsFalse(IsRunning(orphan), "the left-over broker still runs");
        Assert.AreNotEqual(orphan, second.Pid);
        var client = env.NewClient(env.TlsOptions("dev-l", env.IssueClient("dev-l")));
        Assert.IsTrue((await client.ConnectAsync()).Success, "the new broker serves the port");
    });

    [TestMethod]
    public Task StartWithAPidFileNamingAnotherProcess_LeavesThatProcessAlone() => BrokerTest.RunAsync(env =>
    {
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var options = env.Broker.Options;
            options.Port = 0;
            options.WorkDir = Path.Combine(env.Dir, "other");
            Directory.CreateDirectory(options.WorkDir);
            File.WriteAllText(Path.Combine(options.WorkDir, "mosquitto.pid"), sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var broker = MosquittoBroker.Start(options);

            Assert.AreEqual(0, broker.LeftOverStopped);
            Assert.IsFalse(sleeper.HasExited, "a process that is not this broker was signalled");
            Assert.AreEqual(broker.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(broker.PidPath));
        }
        finally
        {
            sleeper.Kill();
        }

        return Task.CompletedTask;
    });

    [TestMethod]
    public Task StartOnAFreePortTakenBeforeMosquittoBoundIt_PicksAnotherPort() => BrokerTest.RunAsync(env =>
    {
        // The race CI met: a port the kernel called free was bound by someone else before mosquitto bound it.
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        int taken = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        int asked = 0;
        var options = env.Broker.Options;
        options.Port = 0;
        options.AdminPort = 0;
        options.WorkDir = Path.Combine(env.Dir, "race");
        options.FreePort = () => ++asked == 1 ? taken : Broker.LoopbackPorts.GetFree();
        using var broker = MosquittoBroker.Start(options);

        Assert.AreNotEqual(taken, broker.Port);
        Assert.IsTrue(asked >= 3, $"ports asked for: {asked} (main + admin, then again after the taken one)");
        Assert.IsTrue(Broker.LoopbackPorts.Accepts(broker.Port, TimeSpan.FromSeconds(1)));
        return Task.CompletedTask;
    });

    [TestMethod]
    public Task StartOnAPortTheCallerChose_ThatIsTaken_FailsWithTheReason() => BrokerTest.RunAsync(env =>
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var options = env.Broker.Options;
        options.Port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        options.AdminPort = 0;
        options.WorkDir = Path.Combine(env.Dir, "fixed");
        var ex = Assert.ThrowsException<InvalidOperationException>(() => MosquittoBroker.Start(options).Dispose());
        StringAssert.Contains(ex.Message, "Address already in use");
        return Task.CompletedTask;
    });

    private static bool IsRunning(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            char state = stat[stat.LastIndexOf(')') + 2];
            return state != 'Z' && state != 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }

    [TestMethod]
    public Task FiveHundredClients_OnOneLoop_ConnectSubscribePublishReceive() => BrokerTest.RunAsync(async env =>
    {
        const int count = 500;
        await env.AllowAsync("load", "load");
        var cert = env.IssueClient("load"); // one identity, 500 client ids
        var received = new ConcurrentDictionary<int, bool>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = new MosquittoClient[count];
        for (int i = 0; i < count; i++)
        {
            int index = i;
            MqttClientOptions options = env.TlsOptions($"load-{i}", cert);
            options.ConnectTimeout = TimeSpan.FromSeconds(30);
            clients[i] = env.NewClient(options);
            clients[i].MessageReceived += m =>
            {
                if (m.Topic == $"load/{index}" && received.TryAdd(index, true) && received.Count == count)
                {
                    all.TrySetResult();
                }
            };
        }

        var clock = Stopwatch.StartNew();
        ConnectResult[] connects = await Task.WhenAll(clients.Select(c => c.ConnectAsync()));
        TimeSpan connected = clock.Elapsed;
        await Task.WhenAll(clients.Select((c, i) => c.SubscribeAsync([$"load/{i}"])));
        await Task.WhenAll(clients.Select((c, i) => c.PublishAsync($"load/{i}", BitConverter.GetBytes(i))));
        await TestWait.Within(all.Task, TestWait.Seconds(30), "all 500 messages");
        clock.Stop();

        Console.WriteLine($"{count} clients: connected in {connected.TotalMilliseconds:0} ms, connect+sub+pub+receive in {clock.Elapsed.TotalMilliseconds:0} ms; " +
            $"process fds {Directory.GetFiles("/proc/self/fd").Length}, wake-pipe bytes drained so far {Interlocked.Read(ref WakePipe.DrainedBytes)}");
        Assert.AreEqual(count, connects.Count(r => r.Success), string.Join("; ", connects.Where(r => !r.Success).Take(3)));
        Assert.AreEqual(count + 1, env.Loop.ClientCount); // + the admin client
        Assert.IsTrue(Directory.GetFiles("/proc/self/fd").Length > 1024, "test must exceed select()'s FD_SETSIZE to mean anything");
        Assert.AreEqual(count, received.Count);
    });

    [TestMethod]
    public Task FiftyClients_DisconnectAndDispose_FinishWithoutHang() => BrokerTest.RunAsync(async env =>
    {
        const int count = 50;
        var cert = env.IssueClient("shut");
        var reasons = new ConcurrentBag<int>();
        var clients = Enumerable.Range(0, count).Select(i =>
        {
            var c = env.NewClient(env.TlsOptions($"shut-{i}", cert));
            c.Disconnected += reasons.Add;
            return c;
        }).ToArray();
        ConnectResult[] results = await Task.WhenAll(clients.Select(c => c.ConnectAsync()));
        Assert.IsTrue(results.All(r => r.Success));

        var clock = Stopwatch.StartNew();
        await TestWait.Within(Task.WhenAll(clients.Select(c => c.DisconnectAsync())), TestWait.Seconds(10), "50 disconnects");
        foreach (MosquittoClient c in clients)
        {
            c.Dispose();
        }

        clock.Stop();
        for (int i = 0; i < 50 && reasons.Count < count; i++)
        {
            await Task.Delay(20);
        }

        Console.WriteLine($"50 clean disconnects + disposes: {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.IsTrue(clients.All(c => !c.IsConnected));
        Assert.AreEqual(count, reasons.Count);
        Assert.IsTrue(reasons.All(r => r == 0), "requested disconnects report 0");
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(10));
    });

    [TestMethod]
    public Task LoopDispose_WithFiftyConnectedClients_DisconnectsThemCleanly() => BrokerTest.RunAsync(async env =>
    {
        var cert = env.IssueClient("ld");
        using var loop = new MosquittoLoop("disposable-loop");
        var clients = Enumerable.Range(0, 50).Select(i =>
        {
            MqttClientOptions o = env.TlsOptions($"ld-{i}", cert);
            return new MosquittoClient(loop, o);
        }).ToArray();
        ConnectResult[] results = await Task.WhenAll(clients.Select(c => c.ConnectAsync()));
        Assert.IsTrue(results.All(r => r.Success));

        var clock = Stopwatch.StartNew();
        loop.Dispose();
        clock.Stop();
        await Task.Delay(200);
        foreach (MosquittoClient c in clients)
        {
            c.Dispose();
        }

        string log = env.Broker.LogTail(400);
        int clean = log.Split('\n').Count(l => l.Contains("Client ld-") && l.Contains("disconnected.") && !l.Contains("closed its connection"));
        Console.WriteLine($"loop dispose with 50 connected clients: {clock.Elapsed.TotalMilliseconds:0} ms, clean DISCONNECTs seen by broker: {clean}");
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.IsTrue(clients.All(c => !c.IsConnected));
        Assert.AreEqual(50, clean);
    });
}
