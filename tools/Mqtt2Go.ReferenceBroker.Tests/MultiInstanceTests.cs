using System.Diagnostics;
using System.Text.Json.Nodes;
using Mqtt2Go.ReferenceBroker.Controller;
using Mqtt2Go.ReferenceBroker.Hosting;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>
/// Issue 12 item 4: two instances of the Discovery and cloud services (this process's <c>serve</c> host and a second
/// process, <c>Mqtt2Go.ReferenceBroker instance</c>) on one PostgreSQL and the same brokers, with MQTT 5 shared
/// subscriptions. Each message is handled by one instance; killing one mid-flow loses no activation.
/// </summary>
[TestClass]
public sealed class MultiInstanceTests
{
    [TestMethod]
    public Task TwoInstances_ShareTheMessages_HandleEachOnce_AndSIGKILLOfOneMidFlowLosesNoActivation() => TestEnvironment.RunAsync(async env =>
    {
        await using var second = await InstanceProcess.StartAsync(env.Dir, "second");
        await using var controller = await env.ControllerAsync();

        // Both alive: 8 devices. Each request is sent once (every answer comes well within the 10 s after which the
        // controller and the devices would ask again), so each device must be activated, handed its broker data and
        // renamed exactly once, over both instances' logs.
        controller.ActivateRepeatInterval = TimeSpan.FromSeconds(10);
        var first = await NewDevicesAsync(env, "dev-a", 8);
        var results = await Task.WhenAll(first.Select(d => RunDeviceAsync(env, controller, d, TimeSpan.FromSeconds(10))));
        string[] Lines() => env.ServiceLog.Concat(second.Lines).ToArray();
        var lines = Lines();
        foreach (var (device, topics) in first.Zip(results))
        {
            var id = device.Identity.DeviceId;
            CollectionAssert.AreEqual(new[] { $"home1/gw1/multi/switch/{id}", "home1/gw1/multi/switch" }, topics);
            Assert.AreEqual(1, lines.Count(l => l.EndsWith($"broker data handed to {id}", StringComparison.Ordinal)), id + ": broker data handed once\n" + string.Join("\n", lines));
            Assert.AreEqual(0, lines.Count(l => l.Contains($"handed again to {id}", StringComparison.Ordinal)), id + ": not handed again");
            Assert.AreEqual(1, lines.Count(l => l.Contains($": {id} activated for", StringComparison.Ordinal)), id + ": activated once");
            Assert.AreEqual(1, lines.Count(l => l.Contains($": {id} renamed,", StringComparison.Ordinal)), id + ": renamed once");
        }

        // The broker shares the work: the second instance handled some of the messages, and so did this one.
        Assert.IsTrue(second.Lines.Any(l => l.Contains(": dev-a", StringComparison.Ordinal) && l.Contains("activated for", StringComparison.Ordinal)), "the second instance activated a device:\n" + string.Join("\n", second.Lines));
        Assert.IsTrue(env.ServiceLog.Any(l => l.Contains(": dev-a", StringComparison.Ordinal) && l.Contains("activated for", StringComparison.Ordinal)), "this instance activated a device");

        // 12 more devices at once, with the second instance hung (SIGSTOP): it stays subscribed, so the brokers keep handing
        // it its share of the requests, which it never handles; then it is SIGKILLed. What was handed to it is lost with
        // it: the controller and the devices ask again (every 2 s here), and the instance left completes every activation.
        second.Freeze();
        controller.ActivateRepeatInterval = TimeSpan.FromSeconds(2);
        var resentByController = 0;
        var resentByDevices = new System.Runtime.CompilerServices.StrongBox<int>();
        var next = await NewDevicesAsync(env, "dev-b", 12);
        var runs = next.Select(d => RunDeviceAsync(env, controller, d, TimeSpan.FromSeconds(2), resentByDevices,
            line => { if (line.Contains("sent again", StringComparison.Ordinal)) { Interlocked.Increment(ref resentByController); } })).ToArray();
        await TestEnvironment.WaitUntilAsync(() => Task.FromResult(env.ServiceLog.Count(l => l.Contains(": dev-b", StringComparison.Ordinal) && l.Contains("activated for", StringComparison.Ordinal)) >= 3), "3 activations by this instance", 60);
        await Task.Delay(1000);
        second.Kill();
        var done = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(120));
        foreach (var (device, topics) in next.Zip(done))
        {
            CollectionAssert.AreEqual(new[] { $"home1/gw1/multi/switch/{device.Identity.DeviceId}", "home1/gw1/multi/switch" }, topics);
        }

        Assert.IsTrue(second.HasExited, "the second instance was killed");
        Assert.IsFalse(second.Lines.Any(l => l.Contains("dev-b", StringComparison.Ordinal)), "the hung instance handled nothing of the second batch");
        // The brokers did hand the hung instance requests (round robin over the group's subscribers), and they were asked again.
        Assert.IsTrue(resentByController + resentByDevices.Value > 0, "nothing was asked again: the hung instance got no message");
        Console.WriteLine($"hung then killed instance: controller sent activate_device again {resentByController} time(s), devices asked again {resentByDevices.Value} time(s)");
    }, options =>
    {
        options.DatabaseConnectionString = ReferenceBrokerHost.OwnPostgreSql;
        options.Time = TimeProvider.System; // the second process runs on the real clock
    });

    [TestMethod]
    public Task AnInstanceKilledAfterDiscoveryStoredTheEntry_BeforeAnyGrant_TheRepeatedRequestCompletesTheActivation_ForThatHomeOnly() => TestEnvironment.RunAsync(async env =>
    {
        // What a cloud instance killed mid-activation leaves behind: its note of the attempt (home1, gw1, this code) and
        // Discovery's entry for the device, stored by a Discovery instance killed before it granted the activation topic.
        var device = await env.NewDeviceAsync("dev-half");
        var code = device.Identity.ActivationCode;
        var now = env.Clock.GetUtcNow();
        await new ReferenceBroker.Storage.ProvisioningRecordStore(env.Host.Database, "cloud").NoteAttemptAsync("dev-half", "home1", "gw1", ReferenceBroker.Discovery.ActivationCodeHash.Of(code), "killed-instance-request", now);
        using (var operational = env.Host.Pki.IssueOperational("dev-half", device.Identity.Certificate.PublicKey.ExportSubjectPublicKeyInfo()))
        {
            var data = new JsonObject
            {
                ["broker_ip"] = "127.0.0.1",
                ["broker_port"] = env.Host.Endpoints.CloudBroker.Port,
                ["device_certificate"] = Convert.ToBase64String(operational.RawData),
                ["ca_certificate"] = Convert.ToBase64String(env.Host.Pki.Service.Certificate.RawData),
            };
            Assert.AreEqual(ReferenceBroker.Storage.AddEntryResult.Added, await env.Host.Store.TryAddAsync(new ReferenceBroker.Storage.DiscoveryEntry(
                "dev-half", ReferenceBroker.Discovery.ActivationCodeHash.Of(code), data.ToJsonString(), now, now + TimeSpan.FromMinutes(15), null)));
        }

        // Another home that knows the code gets no share of it: already pending, and the device is granted nothing.
        await using (var other = await env.ControllerAsync("home2"))
        {
            var refused = other.WaitForReportAsync(r => r.Envelope.Kind == "activate_device" && r.Json.Contains("dev-half", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
            await other.PublishAsync(Topics.AddDevice("home2", "gw1"), Messages.Command(TimeProvider.System, "activate_device", new JsonObject { ["activation_code"] = code, ["device_id"] = "dev-half" }));
            var answer = await refused;
            Assert.AreEqual("error", answer.Envelope.ReportType, answer.Json);
            StringAssert.Contains(answer.Json, "already_pending");
        }

        // The controller of home1 asks again (its first request went to the killed instance): the instance left finds the
        // pending entry and its own note, grants, answers; the device fetches the first data and reaches its topics.
        await using var controller = await env.ControllerAsync();
        var (added, topics) = await env.ProvisionAsync(controller, device, "gw1", "hall");
        CollectionAssert.AreEqual(new[] { "home1/gw1/hall/switch/dev-half", "home1/gw1/hall/switch" }, topics);
        Assert.AreEqual("home1/gw1/hall/switch/dev-half", added.DeviceTopic);
        Assert.IsTrue(env.ServiceLog.Any(l => l.Contains("dev-half already pending for home1/gw1", StringComparison.Ordinal)), "completed as a repeated request");
    }, options => options.ControllerHomes.Add("home2"));

    [TestMethod]
    public async Task AnInstance_WithoutAPostgreSqlWorkDir_IsRefusedWithTheReason()
    {
        var dir = Path.Combine(Path.GetTempPath(), "m2g-instance-" + Guid.NewGuid().ToString("N")[..8]);
        var e = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => ServiceInstanceHost.StartAsync(dir, "x", null, 0, _ => { }));
        StringAssert.Contains(e.Message, "serve");
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => ServiceInstanceHost.StartAsync(dir, "Bad Name", null, 0, _ => { }));
    }

    [TestMethod]
    public Task AnInstance_OnASqliteWorkDir_IsRefused_BecauseInstancesShareOnePostgreSql() => TestEnvironment.RunAsync(async env =>
    {
        var e = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => ServiceInstanceHost.StartAsync(env.Dir, "x", null, 0, _ => { }));
        StringAssert.Contains(e.Message, "PostgreSQL");
    });

    private static async Task<FakeDevice[]> NewDevicesAsync(TestEnvironment env, string prefix, int count)
    {
        var devices = new FakeDevice[count];
        for (var i = 0; i < count; i++)
        {
            devices[i] = await env.NewDeviceAsync($"{prefix}{i + 1:00}");
        }

        return devices;
    }

    // The whole flow for one device, with the firmware's habit of asking again while no answer comes (every `repeat`) and of
    // retrying a subscription the broker refuses (its grant is not there yet).
    private static Task<string[]> RunDeviceAsync(TestEnvironment env, ControllerClient controller, FakeDevice device, TimeSpan repeat,
        System.Runtime.CompilerServices.StrongBox<int>? resent = null, Action<string>? progress = null) => Task.Run(async () =>
    {
        var id = device.Identity.DeviceId;
        var add = controller.AddDeviceAsync("gw1", id, device.Identity.ActivationCode, "Lamp " + id, "multi", TimeSpan.FromSeconds(100), progress);
        var deadline = DateTime.UtcNow.AddSeconds(100);

        var activation = Topics.Activation(device.Identity.ActivationCode);
        var data = await AskAsync(device, env.Host.Endpoints.DiscoveryBroker.Port, null, device.Identity.ActivationCode, activation, "mqtt_credentials", "GET_BROKER_DATA", repeat, deadline, resent);
        device.StoreOperationalCertificate(Envelope.GetString(data.Value, "device_certificate")!);
        await device.DisconnectAsync();

        var topicsTopic = Topics.DeviceTopics(id);
        var topics = await AskAsync(device, env.Host.Endpoints.CloudBroker.Port, device.OperationalCertPath, null, topicsTopic, "topics", "GET_DEVICE_TOPICS", repeat, deadline, resent);
        await add;
        await device.DisconnectAsync();
        return topics.Value.EnumerateArray().Select(t => t.GetString()!).ToArray();
    });

    private static async Task<Envelope> AskAsync(FakeDevice device, int port, string? certificate, string? password, string topic, string kind, string command, TimeSpan repeat, DateTime deadline,
        System.Runtime.CompilerServices.StrongBox<int>? resent)
    {
        var sent = 0;
        while (DateTime.UtcNow < deadline)
        {
            if (!device.IsConnected && !(await device.ConnectAsync(port, certificate, password)).Success)
            {
                await Task.Delay(200);
                continue;
            }

            if ((await device.SubscribeAsync(topic))[0] >= 0x80)
            {
                await Task.Delay(200); // not granted yet
                continue;
            }

            while (DateTime.UtcNow < deadline && device.IsConnected)
            {
                if (sent++ > 0 && resent is not null)
                {
                    Interlocked.Increment(ref resent.Value);
                }

                await device.CommandAsync(topic, kind, command, ("device_type", JsonValue.Create("switch")));
                var report = await device.WaitForReportAsync(topic, kind, repeat);
                if (report is { ReportType: "command_response" })
                {
                    return report;
                }

                if (report is not null)
                {
                    await Task.Delay(500); // an error report: ask again a little later, as the firmware's backoff does
                }
            }
        }

        throw new TimeoutException($"{device.Identity.DeviceId}: no answer to {command}");
    }

    /// <summary>The second instance: <c>dotnet Mqtt2Go.ReferenceBroker.dll instance</c>, its stdout collected, stopped by its PID.</summary>
    private sealed class InstanceProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];

        private InstanceProcess(Process process) => _process = process;

        public string[] Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToArray();
                }
            }
        }

        public bool HasExited => _process.HasExited;

        public static async Task<InstanceProcess> StartAsync(string workDir, string name)
        {
            var dll = typeof(ServiceInstanceHost).Assembly.Location;
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
            var info = new ProcessStartInfo(dotnet, [dll, "instance", "--workdir", workDir, "--name", name])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var instance = new InstanceProcess(Process.Start(info)!);
            instance._process.OutputDataReceived += (_, e) => instance.Add(e.Data);
            instance._process.ErrorDataReceived += (_, e) => instance.Add(e.Data);
            instance._process.BeginOutputReadLine();
            instance._process.BeginErrorReadLine();
            await instance.WaitForLineAsync(l => l.StartsWith($"instance {name} ready", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            return instance;
        }

        public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!Lines.Any(match))
            {
                if (DateTime.UtcNow > deadline || _process.HasExited)
                {
                    throw new TimeoutException($"instance process (exited: {_process.HasExited}): no such line; it wrote:\n{string.Join("\n", Lines)}");
                }

                await Task.Delay(20);
            }
        }

        /// <summary>SIGSTOP: the process hangs, its connections stay open.</summary>
        public void Freeze()
        {
            if (Kill(_process.Id, 19) != 0) // SIGSTOP on Linux
            {
                throw new InvalidOperationException("SIGSTOP failed: " + System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
            }
        }

        /// <summary>SIGKILL: no goodbye to the brokers, nothing flushed.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            Console.WriteLine("---- second instance ----\n" + string.Join("\n", Lines));
            _process.Dispose();
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);

        private void Add(string? line)
        {
            if (line is not null)
            {
                lock (_lines)
                {
                    _lines.Add(line);
                }
            }
        }
    }
}
