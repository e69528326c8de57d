using System.Diagnostics;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Identity;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Controller;
using Mqtt2Go.ReferenceBroker.Protocol;
using Mqtt2Go.ReferenceBroker.Storage;
using static Mqtt2Go.Bench.MarkdownReport;

namespace Mqtt2Go.Bench;

/// <summary>(b) Many devices activated at once through one reference broker: identities minted and controller adds done
/// first (timed separately), then every device started together on a bounded pool of provisioning threads.</summary>
internal static class ThroughputBenchmark
{
    private static readonly TimeSpan AddTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs the benchmark and writes its section.</summary>
    public static async Task RunAsync(MarkdownReport report, int deviceCount, int threadCount, int loopCount, int preRegistered = 0)
    {
        report.Heading(2, preRegistered == 0
            ? $"(b) Throughput: {deviceCount} devices activated concurrently"
            : $"(b) Throughput: {deviceCount} devices activated concurrently, {preRegistered} already registered");
        await using var broker = await BrokerFixture.StartAsync("throughput").ConfigureAwait(false);
        var dynsecEmpty = (await broker.GrantCommandMsAsync(20).ConfigureAwait(false), broker.CloudGrantsBytes());
        var preRegistering = preRegistered > 0 ? await broker.PreRegisterAsync(preRegistered).ConfigureAwait(false) : TimeSpan.Zero;
        if (preRegistered > 0)
        {
            report.Line($"{preRegistered} devices registered first (grants and cloud record of an activated device each, 64 at a time, untimed for the rate): {preRegistering.TotalSeconds:0.0} s ({preRegistered / preRegistering.TotalSeconds:0} /s).");
        }

        // 1. Factory: mint every identity (not part of any rate).
        var mint = Stopwatch.StartNew();
        var identities = new MintedIdentity[deviceCount];
        for (var i = 0; i < deviceCount; i++)
        {
            identities[i] = broker.Mint("dev-" + i, LatencyBenchmark.Settings);
        }

        mint.Stop();

        // 2. Controller: every activate_device published at once (AddDeviceAsync is asynchronous, so 1,000 run concurrently
        //    on the one controller connection); timed until the last "pending" answer, separately from the activations.
        var addClock = Stopwatch.StartNew();
        var pendings = new Task<ControllerReport>[deviceCount];
        var added = new Task<AddDeviceResult>[deviceCount];
        for (var i = 0; i < deviceCount; i++)
        {
            (pendings[i], added[i]) = broker.StartAdd(identities[i], AddTimeout);
        }

        // A refused add (the cloud service passes Discovery's 429 "rate_limited" on as an activate_device error) is sent
        // again after a second, as a controller honouring Retry-After would; every refusal is counted in the output.
        var refusals = new Dictionary<string, int>();
        var todo = Enumerable.Range(0, deviceCount).ToList();
        for (var round = 0; round < 5 && todo.Count > 0; round++)
        {
            if (round > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                foreach (var i in todo)
                {
                    _ = added[i].ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                    (pendings[i], added[i]) = broker.StartAdd(identities[i], AddTimeout);
                }
            }

            await Task.WhenAll(todo.Select(i => pendings[i])).ConfigureAwait(false);
            var again = new List<int>();
            foreach (var i in todo)
            {
                var answer = pendings[i].Result;
                if (answer.Envelope.ReportType != Messages.ReportTypes.CommandResponse)
                {
                    var reason = Envelope.GetString(answer.Envelope.Value, "reason") ?? "?";
                    refusals[reason] = refusals.GetValueOrDefault(reason) + 1;
                    again.Add(i);
                }
            }

            todo = again;
        }

        addClock.Stop();
        var refused = refusals.Select(r => $"{r.Key} × {r.Value} (sent again after 1 s)").ToList();
        if (todo.Count > 0)
        {
            refused.Add($"{todo.Count} still refused after 5 rounds (their devices will fail)");
        }

        // 3. Boot every device (configuration read, machine built; not timed), spread over the MosquittoLoops.
        var loops = Enumerable.Range(0, loopCount).Select(i => new MosquittoLoop("bench-loop-" + i)).ToArray();
        var devices = new BenchDevice[deviceCount];
        for (var i = 0; i < deviceCount; i++)
        {
            devices[i] = new BenchDevice("dev-" + i, identities[i].OutputDirectory, loops[i % loopCount], seed: i + 1);
        }

        // 4. Start all devices at once: each pool thread provisions devices one after another until none are left.
        var cpuBefore = broker.CpuTimes();
        var finals = new ProvisioningState[deviceCount];
        var settled = new long[deviceCount];
        var crashes = new Exception?[deviceCount];
        var next = -1;
        using var go = new ManualResetEventSlim(false);
        var threads = Enumerable.Range(0, threadCount).Select(t => new Thread(() =>
        {
            go.Wait();
            int i;
            while ((i = Interlocked.Increment(ref next)) < deviceCount)
            {
                try
                {
                    finals[i] = devices[i].Provision();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    crashes[i] = e;
                    finals[i] = ProvisioningState.Failed;
                }

                settled[i] = Stopwatch.GetTimestamp();
            }
        })
        { IsBackground = true, Name = "provision-" + t }).ToList();
        threads.ForEach(t => t.Start());

        // Devices already activated on this cloud broker (their topics stored) when the start signal fires: the
        // "registered" of the BENCH line; a fresh broker has none.
        var registered = (await new ProvisioningRecordStore(broker.Host.Database, "cloud").LoadAsync().ConfigureAwait(false)).Count(r => r.Topics is not null);
        broker.Host.Cloud.TakeHandledLatencies();
        broker.Host.Discovery.TakeHandledLatencies();
        var start = Stopwatch.GetTimestamp();
        go.Set();
        threads.ForEach(t => t.Join());
        var wall = Stopwatch.GetElapsedTime(start, settled.Max());
        var cpuAfter = broker.CpuTimes();
        var cloudHandled = new Percentiles(broker.Host.Cloud.TakeHandledLatencies());
        var discoveryHandled = new Percentiles(broker.Host.Discovery.TakeHandledLatencies());
        var dynsecFull = (await broker.GrantCommandMsAsync(20).ConfigureAwait(false), broker.CloudGrantsBytes());

        // The controller's rename_device for every operational device has been sent by now; collect the stragglers.
        var renamed = 0;
        for (var i = 0; i < deviceCount; i++)
        {
            if (finals[i] == ProvisioningState.Operational && await Task.WhenAny(added[i], Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false) == added[i] && added[i].IsCompletedSuccessfully)
            {
                renamed++;
            }
        }

        Write(report, new Summary(devices, finals, settled, crashes, start, wall, mint.Elapsed, addClock.Elapsed, refused, renamed, threadCount, loopCount,
            cpuAfter.Discovery - cpuBefore.Discovery, cpuAfter.Cloud - cpuBefore.Cloud, cpuAfter.Process - cpuBefore.Process, dynsecEmpty, dynsecFull));
        report.Line(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Server side (a message's arrival at the service's connection → its handler done, queue wait included), during the activations: cloud service {cloudHandled.Count} messages, p50 {cloudHandled.Median:0.0} / p99 {cloudHandled.P99:0.0} / max {cloudHandled.Max:0.0} ms; Discovery service {discoveryHandled.Count} messages, p50 {discoveryHandled.Median:0.0} / p99 {discoveryHandled.P99:0.0} / max {discoveryHandled.Max:0.0} ms."));
        var operational = finals.Count(f => f == ProvisioningState.Operational);
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"BENCH activations_per_s devices={deviceCount} registered={registered} value={operational / wall.TotalSeconds:0.0} failed={deviceCount - operational}"));
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"BENCH server_handled_ms_p99 service=cloud registered={registered} value={cloudHandled.P99:0.0}"));
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"BENCH server_handled_ms_p99 service=discovery registered={registered} value={discoveryHandled.P99:0.0}"));

        // Teardown (not timed): close every connection in parallel, then the loops.
        Parallel.ForEach(devices, new ParallelOptions { MaxDegreeOfParallelism = 16 }, d => d.Dispose());
        foreach (var loop in loops)
        {
            loop.Dispose();
        }

        foreach (var task in added.Where(t => !t.IsCompleted))
        {
            // Devices that never asked for topics leave their AddDeviceAsync waiting; it times out on its own.
            _ = task.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
    }

    private static void Write(MarkdownReport report, Summary s)
    {
        var n = s.Devices.Length;
        var ok = Enumerable.Range(0, n).Where(i => s.Finals[i] == ProvisioningState.Operational).ToList();
        var rate = ok.Count / s.Wall.TotalSeconds;
        var own = new Percentiles(ok.Select(i => s.Devices[i].Timeline.Between(ProvisioningState.AwaitClock, ProvisioningState.Operational)));
        var queued = new Percentiles(ok.Select(i => Stopwatch.GetElapsedTime(s.Start, s.Settled[i]).TotalMilliseconds));
        report.Line($"{s.ThreadCount} provisioning threads, {s.LoopCount} MosquittoLoops (one thread each, doing the TLS work), one reference broker (one Discovery mosquitto, one cloud mosquitto, the Discovery and cloud services and the controller in this process).");
        report.Line(string.Empty);
        report.Table(["measure", "value", "target / note"],
        [
            ["minting identities (setup, untimed)", $"{s.MintTime.TotalSeconds:0.0} s ({n / s.MintTime.TotalSeconds:0} /s)", "ECDSA P-256 key + certificate + registry row + files, sequential"],
            ["controller adds (timed separately)", $"{s.AddTime.TotalSeconds:0.0} s ({n / s.AddTime.TotalSeconds:0} /s)", $"{n} concurrent AddDeviceAsync; until every activate_device was answered; refused: {(s.Refused.Count == 0 ? "none" : string.Join(", ", s.Refused))}"],
            ["**activations per second**", $"**{Num(rate)}** ({ok.Count} operational in {s.Wall.TotalSeconds:0.00} s)", "target ≥ 100 /s; devices operational / wall time from the start signal to the last device settled"],
            ["per-device latency p50 / p99 / max", $"{Ms(own.Median)} / {Ms(own.P99)} / {Ms(own.Max)} ms", "Wi-Fi up → Operational of each device, under load"],
            ["start signal → operational p50 / p99", $"{Ms(queued.Median)} / {Ms(queued.P99)} ms", "includes waiting for a free provisioning thread"],
            ["failures", FailureText(s, n - ok.Count), "target 0"],
            ["controller rename_device answered", $"{s.Renamed} of {ok.Count}", "AddDeviceAsync completed"],
            ["TLS handshakes per device", Distribution(ok.Select(i => s.Devices[i].Session.ConnectAttempts)), "2 = no retries"],
            ["retried transitions", Distribution(ok.Select(i => s.Devices[i].Timeline.Retries)), "per device"],
            ["one device grant change on the cloud broker", $"{Ms(s.DynsecEmpty.Ms)} ms with a {s.DynsecEmpty.Bytes / 1024.0:0} KiB grants journal → {Ms(s.DynsecFull.Ms)} ms with {s.DynsecFull.Bytes / 1024.0:0} KiB", "mqtt2go_grants: one journal line (append, blank the old line, fdatasync) per change, whatever the number of devices; an activation costs 2 on the cloud broker (setGrants at activate_device and at rename_device)"],
            ["CPU during activations", $"Discovery mosquitto {s.DiscoveryCpu.TotalSeconds:0.0} s, cloud mosquitto {s.CloudCpu.TotalSeconds:0.0} s, this process {s.ProcessCpu.TotalSeconds:0.0} s", $"of {s.Wall.TotalSeconds * Environment.ProcessorCount:0.0} core-seconds available ({Environment.ProcessorCount} cores × wall)"],
        ]);

        var rows = new List<string[]>();
        void Phase(string label, ProvisioningState from, ProvisioningState to)
        {
            var p = new Percentiles(ok.Select(i => s.Devices[i].Timeline.Between(from, to)).Where(v => !double.IsNaN(v)));
            rows.Add([label, Ms(p.Median), Ms(p.P90), Ms(p.P99), Ms(p.Max)]);
        }

        Phase("Discovery connect", ProvisioningState.ConnectDiscovery, ProvisioningState.AwaitBrokerData);
        Phase("broker data wait", ProvisioningState.AwaitBrokerData, ProvisioningState.ConnectBroker);
        Phase("cloud connect", ProvisioningState.ConnectBroker, ProvisioningState.AwaitTopics);
        Phase("topics wait (incl. controller rename)", ProvisioningState.AwaitTopics, ProvisioningState.SubscribeTopics);
        Phase("subscribe", ProvisioningState.SubscribeTopics, ProvisioningState.Operational);
        report.Line("Where the time goes under load (ms per device):");
        report.Line(string.Empty);
        report.Table(["phase", "median", "p90", "p99", "max"], rows);
        report.Line($"Target ≥ 100 activations/s with 0 failures: **{(rate >= 100 && ok.Count == n ? "met" : "MISSED")}**.");
        report.Line(string.Empty);
    }

    private static string FailureText(Summary s, int failed)
    {
        if (failed == 0)
        {
            return "0";
        }

        var groups = Enumerable.Range(0, s.Devices.Length)
            .Where(i => s.Finals[i] != ProvisioningState.Operational)
            .GroupBy(i => s.Crashes[i] is not null ? "crash " + s.Crashes[i]!.GetType().Name : s.Devices[i].Machine.Failure.ToString())
            .Select(g => $"{g.Key} × {g.Count()} (e.g. {string.Join(" / ", s.Crashes[g.First()]?.Message is { } m ? [m] : s.Devices[g.First()].Log.Lines.TakeLast(2))})");
        return failed + ": " + string.Join("; ", groups);
    }

    private static string Distribution(IEnumerable<int> values) =>
        string.Join(", ", values.GroupBy(v => v).OrderBy(g => g.Key).Select(g => g.Key + " × " + g.Count()));

    private sealed record Summary(
        BenchDevice[] Devices,
        ProvisioningState[] Finals,
        long[] Settled,
        Exception?[] Crashes,
        long Start,
        TimeSpan Wall,
        TimeSpan MintTime,
        TimeSpan AddTime,
        List<string> Refused,
        int Renamed,
        int ThreadCount,
        int LoopCount,
        TimeSpan DiscoveryCpu,
        TimeSpan CloudCpu,
        TimeSpan ProcessCpu,
        (double Ms, long Bytes) DynsecEmpty,
        (double Ms, long Bytes) DynsecFull);
}
