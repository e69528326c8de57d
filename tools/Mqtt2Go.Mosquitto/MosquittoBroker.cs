using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Mqtt2Go.Mosquitto.Broker;
using Mqtt2Go.Mosquitto.Native;

namespace Mqtt2Go.Mosquitto;

/// <summary>A real mosquitto 2.0 broker process on loopback, with a generated config, for tests and the reference broker.</summary>
/// <remarks>
/// The process runs in the foreground (no <c>-d</c>) so its PID is known; it is only ever stopped by that PID.
/// The config sets <c>user</c> to the current user because Debian's mosquitto otherwise drops privileges to
/// <c>mosquitto</c> when started as root and can then no longer read the key files or write the log and dynsec JSON.
/// </remarks>
public sealed class MosquittoBroker : IDisposable
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    private readonly MosquittoBrokerOptions _options;
    private readonly ConcurrentQueue<string> _console = new();
    private Process? _process;

    private MosquittoBroker(MosquittoBrokerOptions options, int port, int adminPort)
    {
        _options = options;
        Port = port;
        AdminPort = adminPort;
        WorkDir = Path.GetFullPath(options.WorkDir);
        LogPath = Path.Combine(WorkDir, "mosquitto.log");
        ConfigPath = Path.Combine(WorkDir, "mosquitto.conf");
        DynSecPath = Path.Combine(WorkDir, "dynamic-security.json");
        GrantsPath = Path.Combine(WorkDir, "device-grants.journal");
    }

    /// <summary>The journal of the <c>mqtt2go_grants</c> plugin (when <see cref="MosquittoBrokerOptions.DeviceGrants"/> is set).</summary>
    public string GrantsPath { get; }

    /// <summary>Main listener port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Admin listener port (password login, no TLS) or 0 when there is none.</summary>
    public int AdminPort { get; }

    /// <summary>PID of the running broker process, or 0 when stopped.</summary>
    public int Pid => _process is { HasExited: false } p ? p.Id : 0;

    /// <summary>The broker's log file.</summary>
    public string LogPath { get; }

    /// <summary>The work directory holding config, log and dynsec state.</summary>
    public string WorkDir { get; }

    /// <summary>The generated mosquitto.conf.</summary>
    public string ConfigPath { get; }

    /// <summary>The dynamic security JSON (exists when <see cref="MosquittoBrokerOptions.DynamicSecurity"/> is set).</summary>
    public string DynSecPath { get; }

    /// <summary>The options the broker was started with.</summary>
    public MosquittoBrokerOptions Options => _options;

    /// <summary>
    /// PID of a mosquitto that an earlier owner of this work directory left running (it died without stopping it, e.g.
    /// <c>serve</c> SIGKILLed) and that the last start stopped, by that PID, before it started its own; 0 when there was none.
    /// </summary>
    public int LeftOverStopped { get; private set; }

    /// <summary>The file that records the running broker's PID (so a later start can stop a broker whose owner died).</summary>
    public string PidPath => Path.Combine(WorkDir, "mosquitto.pid");

    /// <summary>Writes the config, initialises dynsec, starts mosquitto and waits until its listeners accept connections.</summary>
    /// <exception cref="FileNotFoundException">mosquitto or mosquitto_ctrl is not installed.</exception>
    /// <exception cref="InvalidOperationException">The broker did not come up; the message holds the log tail.</exception>
    public static MosquittoBroker Start(MosquittoBrokerOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentException.ThrowIfNullOrEmpty(o.WorkDir, nameof(o.WorkDir));
        if (!File.Exists(o.MosquittoPath))
        {
            throw new FileNotFoundException($"mosquitto not found at {o.MosquittoPath}: apt-get install mosquitto", o.MosquittoPath);
        }

        Directory.CreateDirectory(o.WorkDir);
        bool anyPortChosenHere = o.Port == 0 || (o.DynamicSecurity && o.AdminListener && o.AdminPort == 0);
        for (int attempt = 1; ; attempt++)
        {
            int port = o.Port != 0 ? o.Port : o.FreePort();
            int adminPort = o.DynamicSecurity && o.AdminListener ? (o.AdminPort != 0 ? o.AdminPort : o.FreePort()) : 0;
            if (adminPort != 0 && adminPort == port)
            {
                continue; // the kernel handed out the same free port twice: pick again
            }

            var broker = new MosquittoBroker(o, port, adminPort);
            if (o.DynamicSecurity && !File.Exists(broker.DynSecPath))
            {
                broker.InitDynSec();
            }

            File.WriteAllText(broker.ConfigPath, broker.BuildConfig());
            try
            {
                broker.StartProcess();
                return broker;
            }
            catch (InvalidOperationException ex) when (anyPortChosenHere && attempt < PortAttempts && IsAddressInUse(ex))
            {
                // A free port from the kernel is free only until it is bound: another process (a client's ephemeral
                // port, a parallel test) took it before mosquitto did. Ports the caller chose are never changed.
            }
        }
    }

    /// <summary>How often <see cref="Start"/> picks new free ports when one it picked was taken before mosquitto bound it.</summary>
    public const int PortAttempts = 5;

    private static bool IsAddressInUse(Exception ex) => ex.Message.Contains("Address already in use", StringComparison.Ordinal);

    /// <summary>Stops the broker by its own PID (SIGTERM, then SIGKILL after 5 s) and waits for it to exit.</summary>
    public void Stop()
    {
        Process? p = _process;
        _process = null;
        if (p == null)
        {
            return;
        }

        using (p)
        {
            if (!p.HasExited)
            {
                NativeMethods.kill(p.Id, SigTerm);
                if (!p.WaitForExit(5000))
                {
                    p.Kill();
                    p.WaitForExit(5000);
                }
            }

            p.WaitForExit(); // flushes the redirected output readers
        }

        File.Delete(PidPath);
    }

    /// <summary>Kills the broker by its own PID with SIGKILL (a crash: no clean shutdown, no persistence flush) and waits for it.</summary>
    public void Kill()
    {
        Process? p = _process;
        _process = null;
        if (p == null)
        {
            return;
        }

        using (p)
        {
            if (!p.HasExited)
            {
                p.Kill();
            }

            p.WaitForExit();
        }

        File.Delete(PidPath);
    }

    /// <summary>Stops and starts the broker again on the same ports with the same config and dynsec state.</summary>
    public void Restart()
    {
        Stop();
        StartProcess();
    }

    /// <summary>The last <paramref name="lines"/> lines of the broker log plus anything it printed to the console.</summary>
    public string LogTail(int lines = 50)
    {
        var text = new StringBuilder();
        try
        {
            if (File.Exists(LogPath))
            {
                using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                string[] all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                foreach (string line in all.Skip(Math.Max(0, all.Length - lines)))
                {
                    text.AppendLine(line);
                }
            }
        }
        catch (IOException ex)
        {
            text.AppendLine($"(log not readable: {ex.Message})");
        }

        string[] console = _console.ToArray();
        if (console.Length > 0)
        {
            text.AppendLine("--- console ---");
            foreach (string line in console.Skip(Math.Max(0, console.Length - lines)))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    /// <summary>Stops the broker.</summary>
    public void Dispose() => Stop();

    private void StartProcess()
    {
        StopLeftOver();
        // Files left 0644 by an earlier version (or by mosquitto_ctrl) become owner-only before the broker reopens them.
        MakePrivate(DynSecPath);
        MakePrivate(LogPath);
        // Through sh only to set umask 077 before exec (same PID): mosquitto 2.0.11 writes its log and the dynsec JSON
        // (which names every ACL topic, e.g. activation topics) with the process umask, 0644 under the usual 022.
        var psi = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkDir,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("umask 077 && exec \"$0\" -c \"$1\"");
        psi.ArgumentList.Add(_options.MosquittoPath);
        psi.ArgumentList.Add(ConfigPath);
        var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => Remember(e.Data);
        p.ErrorDataReceived += (_, e) => Remember(e.Data);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _process = p;
        WritePidFile(p.Id); // sh execs mosquitto in the same process, so this is mosquitto's PID

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < _options.StartTimeout)
        {
            if (p.HasExited)
            {
                p.WaitForExit();
                _process = null;
                File.Delete(PidPath);
                string tail = LogTail();
                p.Dispose();
                throw new InvalidOperationException($"mosquitto exited during start-up (config {ConfigPath}):\n{tail}");
            }

            if (LoopbackPorts.Accepts(Port, TimeSpan.FromMilliseconds(200))
                && (AdminPort == 0 || LoopbackPorts.Accepts(AdminPort, TimeSpan.FromMilliseconds(200))))
            {
                return;
            }

            Thread.Sleep(20);
        }

        string log = LogTail();
        Stop();
        throw new InvalidOperationException($"mosquitto did not accept connections on 127.0.0.1:{Port} within {_options.StartTimeout.TotalSeconds:0.#} s:\n{log}");
    }

    // A broker this work directory's pid file names, still running with exactly this config (checked in /proc, so a
    // reused PID is never signalled), is stopped like Stop() does: SIGTERM, SIGKILL after 5 s. Without this, a start
    // after its owner was killed fails: the orphan still holds the ports.
    private void StopLeftOver()
    {
        LeftOverStopped = 0;
        int pid;
        try
        {
            if (!File.Exists(PidPath) || !int.TryParse(File.ReadAllText(PidPath).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pid))
            {
                return;
            }
        }
        catch (IOException)
        {
            return;
        }

        if (pid > 1 && IsThisBroker(pid))
        {
            NativeMethods.kill(pid, SigTerm);
            if (!WaitGone(pid, TimeSpan.FromSeconds(5)))
            {
                NativeMethods.kill(pid, SigKill);
                WaitGone(pid, TimeSpan.FromSeconds(5));
            }

            LeftOverStopped = pid;
        }

        File.Delete(PidPath);
    }

    private bool IsThisBroker(int pid)
    {
        string[] args;
        try
        {
            args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone, or not ours to read
        }

        return args.Length == 3 && Path.GetFileName(args[0]) == Path.GetFileName(_options.MosquittoPath) && args[1] == "-c" && args[2] == ConfigPath;
    }

    // Gone, or a zombie (an orphan's new parent may not reap it at once): /proc/<pid>/stat state Z or X.
    private static bool WaitGone(int pid, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return true;
            }

            int close = stat.LastIndexOf(')');
            if (close >= 0 && close + 2 < stat.Length && (stat[close + 2] == 'Z' || stat[close + 2] == 'X'))
            {
                return true;
            }

            Thread.Sleep(20);
        }
        while (clock.Elapsed < timeout);
        return false;
    }

    private void WritePidFile(int pid)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(new FileStream(PidPath, options));
        writer.Write(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private void Remember(string? line)
    {
        if (line == null)
        {
            return;
        }

        _console.Enqueue(line);
        while (_console.Count > 500 && _console.TryDequeue(out _))
        {
            // keep only the newest lines
        }
    }

    private void InitDynSec()
    {
        if (!File.Exists(_options.MosquittoCtrlPath))
        {
            throw new FileNotFoundException($"mosquitto_ctrl not found at {_options.MosquittoCtrlPath}: apt-get install mosquitto-clients", _options.MosquittoCtrlPath);
        }

        var psi = new ProcessStartInfo(_options.MosquittoCtrlPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string arg in new[] { "dynsec", "init", DynSecPath, _options.AdminUser, _options.AdminPassword })
        {
            psi.ArgumentList.Add(arg);
        }

        using Process p = Process.Start(psi)!;
        p.StandardInput.Close();
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(10_000))
        {
            p.Kill();
            throw new InvalidOperationException("mosquitto_ctrl dynsec init did not finish within 10 s");
        }

        if (p.ExitCode != 0 || !File.Exists(DynSecPath))
        {
            throw new InvalidOperationException($"mosquitto_ctrl dynsec init failed ({p.ExitCode}): {stdout.Result} {stderr.Result}");
        }

        MakePrivate(DynSecPath);
    }

    // Owner read/write only (the file holds password hashes and ACL topics).
    private static void MakePrivate(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private string BuildConfig()
    {
        var c = new StringBuilder();
        c.AppendLine("# Generated by Mqtt2Go.Mosquitto.MosquittoBroker; rewritten on every Start.");
        // Without this Debian's mosquitto started as root switches to user mosquitto and cannot read our files.
        c.AppendLine($"user {Environment.UserName}");
        c.AppendLine("per_listener_settings false");
        c.AppendLine($"allow_anonymous {(_options.AllowAnonymous ? "true" : "false")}");
        // Without TCP_NODELAY every mTLS connect took ~47 ms (Nagle + delayed ACK) instead of ~4 ms.
        c.AppendLine("set_tcp_nodelay true");
        c.AppendLine("persistence false");
        c.AppendLine($"log_dest file {LogPath}");
        foreach (string type in _options.LogTypes)
        {
            c.AppendLine($"log_type {type}");
        }

        if (_options.MaxPacketSize > 0)
        {
            c.AppendLine($"max_packet_size {_options.MaxPacketSize}");
        }
        c.AppendLine("log_timestamp_format %Y-%m-%dT%H:%M:%S");
        c.AppendLine("connection_messages true");
        if (_options.PasswordFile != null)
        {
            c.AppendLine($"password_file {Path.GetFullPath(_options.PasswordFile)}");
        }

        if (_options.DeviceGrants)
        {
            // Before dynsec: ACL checks go to the plugins in the order they are loaded, and this one defers every
            // client it holds no grants for. plugin_opt_* lines belong to the plugin line above them.
            c.AppendLine($"plugin {Grants.GrantsAdmin.FindPlugin()}");
            c.AppendLine($"plugin_opt_grants_file {GrantsPath}");
            c.AppendLine($"plugin_opt_fsync {(_options.DeviceGrantsFsync ? "true" : "false")}");
        }

        if (_options.DynamicSecurity)
        {
            c.AppendLine($"plugin {FindDynSecPlugin()}");
            c.AppendLine($"plugin_opt_config_file {DynSecPath}");
        }

        c.AppendLine();
        c.AppendLine($"listener {Port} 127.0.0.1");
        if (_options.CaFile != null && _options.CertFile != null && _options.KeyFile != null)
        {
            c.AppendLine($"cafile {Path.GetFullPath(_options.CaFile)}");
            c.AppendLine($"certfile {Path.GetFullPath(_options.CertFile)}");
            c.AppendLine($"keyfile {Path.GetFullPath(_options.KeyFile)}");
            c.AppendLine($"require_certificate {(_options.RequireCertificate ? "true" : "false")}");
            c.AppendLine($"use_identity_as_username {(_options.UseIdentityAsUsername ? "true" : "false")}");
            // A listener option (not a security one): it applies to this listener only, not to the admin listener.
            c.AppendLine($"use_username_as_clientid {(_options.UseUsernameAsClientId ? "true" : "false")}");
            c.AppendLine($"tls_version {_options.TlsVersion}");
        }

        if (AdminPort != 0)
        {
            c.AppendLine();
            c.AppendLine("# Admin listener: loopback only, dynsec username/password, no TLS.");
            c.AppendLine($"listener {AdminPort} 127.0.0.1");
        }

        if (!string.IsNullOrWhiteSpace(_options.ExtraConfig))
        {
            c.AppendLine();
            c.AppendLine(_options.ExtraConfig);
        }

        return c.ToString();
    }

    private static string FindDynSecPlugin()
    {
        foreach (string dir in new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/local/lib" })
        {
            string candidate = Path.Combine(dir, "mosquitto_dynamic_security.so");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("mosquitto_dynamic_security.so not found: apt-get install mosquitto");
    }
}
