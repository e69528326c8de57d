using System.Diagnostics;

namespace Mqtt2Go.Mosquitto.Tests;

/// <summary>Prints numbers; asserts only that every connect worked (benchmarks are not pass/fail on time).</summary>
[TestClass]
public sealed class ConnectBenchmark
{
    [TestMethod]
    [TestCategory("Benchmark")]
    [DataRow("tlsv1.2")]
    [DataRow("tlsv1.3")]
    public Task MutualTlsConnect_MedianTime_IsPrinted(string tlsVersion) => BrokerTest.RunAsync(async env =>
    {
        const int rounds = 60;
        var cert = env.IssueClient("bench");
        var client = env.NewClient(env.TlsOptions("bench", cert));
        var times = new List<double>();
        for (int i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            ConnectResult r = await client.ConnectAsync();
            clock.Stop();
            Assert.IsTrue(r.Success, r.ToString());
            times.Add(clock.Elapsed.TotalMilliseconds);
            await client.DisconnectAsync();
        }

        times = times.Skip(5).OrderBy(t => t).ToList(); // first rounds warm up the JIT and OpenSSL
        double median = times[times.Count / 2];
        double p99 = times[(int)Math.Ceiling(times.Count * 0.99) - 1];
        Console.WriteLine($"mTLS connect→CONNACK (broker min {tlsVersion}, new handle each time): median {median:0.00} ms, p99 {p99:0.00} ms, n={times.Count}");
        Assert.AreEqual(rounds, client.ConnectCount);
    }, o => o.TlsVersion = tlsVersion, withAdmin: false);

    [TestMethod]
    [TestCategory("Benchmark")]
    public Task Qos1_PublishToPuback_MedianTime_IsPrinted() => BrokerTest.RunAsync(async env =>
    {
        await env.AllowAsync("bench-pub", "bp");
        var client = env.NewClient(env.TlsOptions("bench-pub", env.IssueClient("bench-pub")));
        Assert.IsTrue((await client.ConnectAsync()).Success);
        var times = new List<double>();
        for (int i = 0; i < 500; i++)
        {
            var clock = Stopwatch.StartNew();
            await client.PublishAsync("bp/x", new byte[64]);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        var pipelined = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 5000).Select(_ => client.PublishAsync("bp/x", new byte[64])));
        pipelined.Stop();
        times = times.Skip(50).OrderBy(t => t).ToList();
        Console.WriteLine($"QoS1 publish→PUBACK: median {times[times.Count / 2]:0.000} ms; pipelined 5000 x 64 B: {5000 / pipelined.Elapsed.TotalSeconds:0} msg/s");
        Assert.IsTrue(client.IsConnected);
    });
}
