using System.Diagnostics;

namespace Mqtt2Go.Portability.Tests;

/// <summary>The CI guard itself: the real core and shared tests are clean, and the check demonstrably fails on a planted violation.</summary>
[TestClass]
public sealed class RepositoryTests
{
    private static string RepositoryRoot =>
        RepositoryLocator.FindRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);

    private static string[] GuardedFolders => RepositoryLocator.DefaultFolders.Select(f => Path.Combine(RepositoryRoot, f)).ToArray();

    /// <summary>Device.Firmware/Core and Device.Tests/Shared exist, hold C# files, and stay inside the nanoFramework 1.x subset.</summary>
    [TestMethod]
    public void Check_RealCoreAndSharedTests_NoViolations()
    {
        foreach (var folder in GuardedFolders)
        {
            Assert.IsTrue(Directory.Exists(folder), $"missing folder {folder}");
            Assert.IsTrue(Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Any(), $"no .cs file in {folder}");
        }

        var context = RepositoryLocator.DefaultContext.Select(f => Path.Combine(RepositoryRoot, f)).Where(File.Exists);
        var result = PortabilityChecker.CreateDefault().CheckPaths(GuardedFolders, context);

        Assert.IsTrue(result.FileCount > 0);
        Assert.IsFalse(result.HasViolations, CheckerRunner.Describe(result));
    }

    /// <summary>A copy of the real core plus one file using List&lt;int&gt; fails: proof that the CI check can fail.</summary>
    [TestMethod]
    public void Check_RealCoreWithPlantedGenericList_Fails()
    {
        var temp = Path.Combine(Path.GetTempPath(), "mqtt2go-portability-" + Guid.NewGuid().ToString("N"));
        try
        {
            var core = Path.Combine(temp, "Core");
            CopyDirectory(GuardedFolders[0], core);
            var cleanResult = PortabilityChecker.CreateDefault().CheckPaths(new[] { core });
            File.WriteAllText(Path.Combine(core, "Planted.cs"), """
                namespace Mqtt2Go.Device.Core
                {
                    public sealed class Planted
                    {
                        public System.Collections.Generic.List<int> Values = new System.Collections.Generic.List<int>();
                    }
                }
                """);

            var result = PortabilityChecker.CreateDefault().CheckPaths(new[] { core });

            Assert.IsFalse(cleanResult.HasViolations, "the copied core must be clean before planting:\n" + CheckerRunner.Describe(cleanResult));
            Assert.IsTrue(result.HasViolations);
            Assert.IsTrue(result.Violations.Any(v => v.Rule == RuleIds.GenericUse && v.Path.EndsWith("Planted.cs", StringComparison.Ordinal) && v.Line == 5),
                CheckerRunner.Describe(result));
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>The command line prints path:line: rule: message and a summary, with exit code 1 on a violation.</summary>
    [TestMethod]
    public void Cli_FileWithViolation_ExitCodeOneAndReport()
    {
        var file = Path.Combine(Path.GetTempPath(), "mqtt2go-portability-" + Guid.NewGuid().ToString("N") + ".cs");
        File.WriteAllText(file, "namespace S { public class C { public int? N; } }\n");
        try
        {
            var (exitCode, output) = RunCli(file);

            Assert.AreEqual(1, exitCode, output);
            Assert.IsTrue(output.Contains(file + ":1: nullable-value-type: ", StringComparison.Ordinal), output);
            Assert.IsTrue(output.Contains("1 violation(s) in 1 file(s)", StringComparison.Ordinal), output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A clean file gives exit code 0.</summary>
    [TestMethod]
    public void Cli_CleanFile_ExitCodeZero()
    {
        var file = Path.Combine(Path.GetTempPath(), "mqtt2go-portability-" + Guid.NewGuid().ToString("N") + ".cs");
        File.WriteAllText(file, "namespace S { public class C { public int N; } }\n");
        try
        {
            var (exitCode, output) = RunCli(file);

            Assert.AreEqual(0, exitCode, output);
            Assert.IsTrue(output.Contains("OK, 1 file(s) checked", StringComparison.Ordinal), output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A missing path and an unknown option are usage errors (exit code 2).</summary>
    [TestMethod]
    [DataRow("/nonexistent/mqtt2go/portability")]
    [DataRow("--bogus")]
    public void Cli_UsageError_ExitCodeTwo(string argument)
    {
        var (exitCode, output) = RunCli(argument);

        Assert.AreEqual(2, exitCode, output);
    }

    private static (int ExitCode, string Output) RunCli(string argument)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Mqtt2Go.Portability.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            throw new TimeoutException("the checker did not finish within 120 s");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
