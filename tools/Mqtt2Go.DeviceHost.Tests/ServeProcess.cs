using System.Collections.Concurrent;
using System.Diagnostics;
using Mqtt2Go.ReferenceBroker.Hosting;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>
/// The reference broker as a user runs it: <c>Mqtt2Go.ReferenceBroker serve --workdir DIR</c> in its own process (the
/// Discovery service, its REST API and the cloud service all live in it; the two mosquittos are its children). The fault
/// suite SIGKILLs it by its PID and starts it again on the same work directory.
/// </summary>
public sealed class ServeProcess : IDisposable
{
    private static readonly string[] BrokerDirs = ["discovery-broker", "cloud-broker", "gateway-broker"];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _killed;

    private ServeProcess(string workDir, Action<string> log)
    {
        WorkDir = workDir;
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Mqtt2Go.ReferenceBroker.dll"));
        psi.ArgumentList.Add("serve");
        psi.ArgumentList.Add("--workdir");
        psi.ArgumentList.Add(workDir);
        _process = new Process { StartInfo = psi };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            _output.Enqueue(line);
            log("serve: " + line);
            if (line.StartsWith("Ctrl+C stops all brokers", StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
        }

        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The work directory (PKI, database, broker folders, reference-broker.json).</summary>
    public string WorkDir { get; }

    /// <summary>The process id of <c>serve</c>.</summary>
    public int Pid => _process.Id;

    /// <summary>What runs where, as this start wrote it.</summary>
    public ReferenceBrokerEndpoints Endpoints { get; private set; } = null!;

    /// <summary>Everything serve printed so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Starts serve and waits until it says every part runs.</summary>
    public static async Task<ServeProcess> StartAsync(string workDir, Action<string> log, TimeSpan? timeout = null)
    {
        var serve = new ServeProcess(workDir, log);
        var finished = await Task.WhenAny(serve._ready.Task, serve._process.WaitForExitAsync(), Task.Delay(timeout ?? TimeSpan.FromSeconds(60)));
        if (finished != serve._ready.Task)
        {
            var exited = serve._process.HasExited ? $"exited with {serve._process.ExitCode}" : "did not get ready";
            serve.Dispose();
            throw new InvalidOperationException($"serve {exited}:\n{string.Join("\n", serve._output)}");
        }

        serve.Endpoints = ReferenceBrokerEndpoints.Load(Path.Combine(workDir, "reference-broker.json"));
        return serve;
    }

    /// <summary>SIGKILL by its PID: no clean shutdown; its mosquittos are left running, as after a crash (the next serve on
    /// the work directory stops them). After this, <see cref="Dispose"/> does nothing more.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(); // SIGKILL to this PID only (not the entire process tree)
        }

        _process.WaitForExit();
        _killed = true;
        _process.Dispose();
    }

    /// <summary>Stops serve as Ctrl+C does (it stops its brokers by their PIDs); a broker still left over is stopped by its PID file.</summary>
    public void Dispose()
    {
        if (_killed)
        {
            return;
        }

        _killed = true;
        if (!_process.HasExited)
        {
            // SIGINT, as Ctrl+C: serve stops its brokers by their PIDs.
            using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            if (!_process.WaitForExit(20_000))
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }

        _process.Dispose();
        StopLeftOverBrokers(WorkDir);
    }

    /// <summary>Stops, by the PID in its pid file, any mosquitto of <paramref name="workDir"/> still running with that directory's config.</summary>
    public static void StopLeftOverBrokers(string workDir)
    {
        foreach (var name in BrokerDirs)
        {
            var pidFile = Path.Combine(workDir, name, "mosquitto.pid");
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) || pid <= 1)
            {
                continue;
            }

            string cmdline;
            try
            {
                cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            }
            catch (IOException)
            {
                continue;
            }

            if (cmdline.Contains(Path.Combine(workDir, name, "mosquitto.conf"), StringComparison.Ordinal))
            {
                try
                {
                    using var orphan = Process.GetProcessById(pid);
                    orphan.Kill();
                }
                catch (ArgumentException)
                {
                    // already gone
                }
            }
        }
    }
}
