using System.Diagnostics;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Mqtt2Go.Flash.Tests;

/// <summary>tools/flash/flash.sh with a fake nanoff on PATH that replays recorded output: the script refuses to deploy onto
/// a mismatching image and reports a failed identity write although nanoff exits 0.</summary>
[TestClass]
public sealed class FlashScriptTests
{
    private const string FakeNanoff = """
        #!/usr/bin/env bash
        echo "$*" >> "$FAKE_NANOFF_LOG"
        case "$*" in
          *--devicedetails*) cat "$FAKE_DEVICEDETAILS" ;;
          *--filedeployment*) cat "$FAKE_FILEDEPLOYMENT" ;;
        esac
        exit 0
        """;

    [TestMethod]
    public void FileStep_NanoffReportsAnError_ScriptFailsAndNamesTheFile()
    {
        var run = Run("filedeployment-error.txt", "--step", "files", "--deploy-json", SamplePath("deploy.json"));
        Assert.AreEqual(1, run.ExitCode, run.Output);
        StringAssert.Contains(run.Output, @"I:\factory-cert.der");
        StringAssert.Contains(run.Output, "NOT all on the board");
    }

    [TestMethod]
    public void FileStep_AllConfirmed_ScriptSucceeds()
    {
        var run = Run("filedeployment-ok.txt", "--step", "files", "--deploy-json", SamplePath("deploy.json"));
        Assert.AreEqual(0, run.ExitCode, run.Output);
    }

    [TestMethod]
    public void AppStep_WpsBuildOnStockImage_RefusesBeforeDeploying()
    {
        using var temp = new TempDir();
        var image = Path.Combine(temp.Path, "Mqtt2Go.Device.Firmware.bin");
        File.WriteAllBytes(image, new byte[16]);
        File.WriteAllBytes(Path.Combine(temp.Path, "mscorlib.pe"), NativeCheckTests.Pe(0x1549C856));
        File.WriteAllBytes(Path.Combine(temp.Path, "Mqtt2Go.Wps.pe"), NativeCheckTests.Pe(0x2A7C5E11));

        var run = Run("filedeployment-ok.txt", "--step", "app", "--target", "ESP32_REV0", "--image", image, "--fwversion", "1.14.2.120");

        Assert.AreEqual(1, run.ExitCode, run.Output);
        StringAssert.Contains(run.Output, "Mqtt2Go.Wps");
        StringAssert.Contains(run.Output, "--fwversion 1.14.2.120");
        Assert.IsFalse(run.NanoffCalls.Any(c => c.Contains("--deploy")), string.Join("\n", run.NanoffCalls));
    }

    [TestMethod]
    public void AppStep_MatchingImage_Deploys()
    {
        using var temp = new TempDir();
        var image = Path.Combine(temp.Path, "Mqtt2Go.Device.Firmware.bin");
        File.WriteAllBytes(image, new byte[16]);
        File.WriteAllBytes(Path.Combine(temp.Path, "mscorlib.pe"), NativeCheckTests.Pe(0x1549C856));
        File.WriteAllBytes(Path.Combine(temp.Path, "System.Net.pe"), NativeCheckTests.Pe(0x8EFB9944));

        var run = Run("filedeployment-ok.txt", "--step", "app", "--target", "ESP32_REV0", "--image", image);

        Assert.AreEqual(0, run.ExitCode, run.Output);
        Assert.IsTrue(run.NanoffCalls.Any(c => c.StartsWith("--nanodevice --deploy", StringComparison.Ordinal)), string.Join("\n", run.NanoffCalls));
    }

    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    private static ScriptRun Run(string fileDeployment, params string[] args)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("flash.sh needs bash");
        }

        using var temp = new TempDir();
        var bin = Directory.CreateDirectory(Path.Combine(temp.Path, "bin")).FullName;
        var nanoff = Path.Combine(bin, "nanoff");
        File.WriteAllText(nanoff, FakeNanoff.Replace("\r\n", "\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(nanoff, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var log = Path.Combine(temp.Path, "nanoff.log");
        File.WriteAllText(log, string.Empty);

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tools", "flash", "flash.sh"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("/dev/ttyFAKE0");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE_NANOFF_LOG"] = log;
        start.Environment["FAKE_DEVICEDETAILS"] = SamplePath("devicedetails-esp32-rev0.txt");
        start.Environment["FAKE_FILEDEPLOYMENT"] = SamplePath(fileDeployment);
        start.Environment["MQTT2GO_FLASH_CHECK"] = "dotnet " + Path.Combine(AppContext.BaseDirectory, "Mqtt2Go.Flash.dll");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.IsTrue(process.WaitForExit(120_000), "flash.sh did not finish");
        return new ScriptRun(process.ExitCode, stdout.Result + stderr.Result, File.ReadAllLines(log));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mqtt2Go.Device.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private sealed record ScriptRun(int ExitCode, string Output, string[] NanoffCalls);

    private sealed class TempDir : IDisposable
    {
        public TempDir() => Path = Directory.CreateTempSubdirectory("m2g-flash-").FullName;

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, true);
    }
}
