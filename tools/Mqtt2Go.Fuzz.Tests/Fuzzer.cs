using System.Diagnostics;

namespace Mqtt2Go.Fuzz.Tests;

/// <summary>Runs one entry point over mutated inputs: no exception may escape and the property must hold.</summary>
internal static class Fuzzer
{
    /// <summary>Inputs per entry point: 100,000 in CI; MQTT2GO_FUZZ_INPUTS sets another count (README.md: 1,000,000).</summary>
    public static int Inputs
    {
        get
        {
            var text = Environment.GetEnvironmentVariable("MQTT2GO_FUZZ_INPUTS");
            return int.TryParse(text, out var n) && n > 0 ? n : 100_000;
        }
    }

    /// <summary>Seed of the mutator; MQTT2GO_FUZZ_SEED explores other inputs (the default is fixed so CI is repeatable).</summary>
    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("MQTT2GO_FUZZ_SEED"), out var s) ? s : 20261204;

    /// <summary>Feeds the regression inputs and seeds, then <see cref="Inputs"/> mutations of both, to <paramref name="check"/>,
    /// which returns null when the property holds or a description of what broke.</summary>
    public static void Run(string entryPoint, IEnumerable<byte[]> seeds, IEnumerable<byte[]> regressions, Func<byte[], string> check)
    {
        // The regression inputs are checked first and then join the corpus, so the mutations explore around them too.
        var seedList = regressions.Concat(seeds).ToList();
        foreach (var input in seedList)
        {
            Check(entryPoint, input, check);
        }

        var mutator = new Mutator(Seed ^ StableHash(entryPoint), seedList);
        var inputs = Inputs;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < inputs; i++)
        {
            Check(entryPoint, mutator.Next(), check);
        }

        watch.Stop();
        Console.WriteLine($"FUZZ {entryPoint}: {inputs} inputs in {watch.Elapsed.TotalSeconds:F1} s, {inputs / Math.Max(watch.Elapsed.TotalSeconds, 1e-6):F0} inputs/s (seed {Seed})");
    }

    // string.GetHashCode is randomised per process; the mutator's seed must not be.
    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c)) & 0x7FFFFFFF;

    private static void Check(string entryPoint, byte[] input, Func<byte[], string> check)
    {
        string broken;
        try
        {
            broken = check(input);
        }
        catch (Exception e)
        {
            broken = "threw " + e.GetType().Name + ": " + e.Message;
        }

        if (broken is not null)
        {
            Assert.Fail($"{entryPoint}: {broken}\ninput (base64): {Convert.ToBase64String(input)}");
        }
    }
}
