using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Mqtt2Go.Mosquitto.Broker;
using Npgsql;

namespace Mqtt2Go.ReferenceBroker.Storage;

/// <summary>
/// A PostgreSQL server of its own for the tests and <c>serve --database postgres</c>: <c>initdb</c> in a directory of
/// its own (on first use), listening only on 127.0.0.1 on a free port, its Unix socket in that directory, password
/// (SCRAM) authentication for every connection with a generated password, started as a child process and stopped by
/// its own PID.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root. Started by root, <c>initdb</c> and <c>postgres</c> run as the <c>postgres</c>
/// account through <c>setpriv</c> (which execs, so the PID is the postmaster's), the directory is given to that
/// account, and every directory above it must be traversable by it (the system temp folder is). Layout:
/// <c>&lt;dir&gt;/data</c> (PGDATA), <c>&lt;dir&gt;/password</c> (0600), <c>&lt;dir&gt;/.s.PGSQL.&lt;port&gt;</c>.
/// </remarks>
public sealed class PostgresServer : IDisposable
{
    private const int SigInt = 2;
    private const int SigKill = 9;
    private const int PortAttempts = 5;
    private const string User = "mqtt2go";
    private readonly ConcurrentQueue<string> _console = new();
    private readonly bool _deleteOnStop;
    private Process? _process;

    private PostgresServer(string directory, string binDirectory, bool deleteOnStop)
    {
        Directory = directory;
        BinDirectory = binDirectory;
        _deleteOnStop = deleteOnStop;
        DataDirectory = System.IO.Path.Combine(directory, "data");
        Password = File.ReadAllText(PasswordPath).Trim();
    }

    /// <summary>The server's own directory (data, password file, socket).</summary>
    public string Directory { get; }

    /// <summary>PGDATA.</summary>
    public string DataDirectory { get; }

    /// <summary>The directory holding <c>initdb</c> and <c>postgres</c>.</summary>
    public string BinDirectory { get; }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The generated password of the <c>mqtt2go</c> superuser.</summary>
    public string Password { get; }

    /// <summary>PID of the postmaster, or 0 when stopped.</summary>
    public int Pid => _process is { HasExited: false } p ? p.Id : 0;

    private string PasswordPath => System.IO.Path.Combine(Directory, "password");

    /// <summary>
    /// The <c>bin</c> directory of the newest PostgreSQL under <c>/usr/lib/postgresql</c> (Debian's layout) or the one
    /// <c>MQTT2GO_PG_BIN</c> names; null when none has <c>initdb</c> and <c>postgres</c>.
    /// </summary>
    public static string? FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("MQTT2GO_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return HasBinaries(configured) ? configured : null;
        }

        const string root = "/usr/lib/postgresql";
        if (!System.IO.Directory.Exists(root))
        {
            return null;
        }

        return System.IO.Directory.GetDirectories(root)
            .Select(d => (Version: int.TryParse(System.IO.Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1, Bin: System.IO.Path.Combine(d, "bin")))
            .Where(d => d.Version >= 0 && HasBinaries(d.Bin))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Bin)
            .FirstOrDefault();
    }

    /// <summary>
    /// Starts a server on <paramref name="directory"/> (created and initialised when it holds no cluster yet; an existing
    /// one is reused with its password) and waits until it answers a query.
    /// </summary>
    /// <param name="directory">The server's own directory.</param>
    /// <param name="durable">False for tests: no fsync (a crash of the machine may lose the last commits).</param>
    /// <param name="deleteOnStop">True removes <paramref name="directory"/> when the server stops (a throw-away server).</param>
    /// <param name="startTimeout">How long to wait for the server to answer; default 60 s.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="FileNotFoundException">No PostgreSQL binaries (message says <c>apt-get install postgresql</c>).</exception>
    /// <exception cref="InvalidOperationException">initdb failed or the server did not come up; the message holds its output.</exception>
    public static async Task<PostgresServer> StartAsync(string directory, bool durable = true, bool deleteOnStop = false, TimeSpan? startTimeout = null, CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory() ?? throw new FileNotFoundException(
            "PostgreSQL not found (no initdb and postgres under /usr/lib/postgresql/<version>/bin, nor MQTT2GO_PG_BIN): apt-get install postgresql");
        directory = System.IO.Path.GetFullPath(directory);
        Prepare(directory, bin, durable);
        var server = new PostgresServer(directory, bin, deleteOnStop);
        try
        {
            server.StopLeftOver();
            for (var attempt = 1; ; attempt++)
            {
                server.Port = LoopbackPorts.GetFree();
                try
                {
                    await server.StartProcessAsync(durable, startTimeout ?? TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
                    return server;
                }
                catch (InvalidOperationException e) when (attempt < PortAttempts && e.Message.StartsWith("postgres exited", StringComparison.Ordinal) && e.Message.Contains("Address already in use", StringComparison.Ordinal))
                {
                    // The free port was taken before the postmaster bound it; pick another.
                }
            }
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> over TCP on 127.0.0.1.</summary>
    public string ConnectionString(string database = "postgres") => Builder(database).ToString();

    private NpgsqlConnectionStringBuilder Builder(string database) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Password = Password,
        Database = database,
        Pooling = true,
    };

    /// <summary>Creates database <paramref name="name"/> (lower-case letters, digits, underscores) unless it exists and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (name.Length is 0 or > 63 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new ArgumentException("database name: 1-63 of a-z, 0-9, _", nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return ConnectionString(name);
    }

    /// <summary>The last <paramref name="lines"/> lines the server printed.</summary>
    public string LogTail(int lines = 40)
    {
        var all = _console.ToArray();
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>Stops the server by its PID: SIGINT (fast shutdown: open sessions are ended), SIGKILL after 10 s.</summary>
    public void Stop()
    {
        var p = _process;
        _process = null;
        if (p is not null)
        {
            using (p)
            {
                if (!p.HasExited)
                {
                    _ = kill(p.Id, SigInt);
                    if (!p.WaitForExit(10_000))
                    {
                        p.Kill();
                    }
                }

                p.WaitForExit();
            }
        }

        // Pooled connections to a stopped server are dead.
        NpgsqlConnection.ClearAllPools();
        if (_deleteOnStop && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, true);
        }
    }

    /// <summary>Stops the server.</summary>
    public void Dispose() => Stop();

    private static bool HasBinaries(string bin) => File.Exists(System.IO.Path.Combine(bin, "initdb")) && File.Exists(System.IO.Path.Combine(bin, "postgres"));

    // Root: the server runs as the postgres account (PostgreSQL refuses root).
    private static bool AsPostgresAccount => !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    // Creates the directory (0700) with a generated password and runs initdb, unless a cluster is already there.
    private static void Prepare(string directory, string bin, bool durable)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the PostgreSQL helper runs the server the Debian way (Linux)");
        }

        var data = System.IO.Path.Combine(directory, "data");
        if (File.Exists(System.IO.Path.Combine(data, "PG_VERSION")) && File.Exists(System.IO.Path.Combine(directory, "password")))
        {
            return;
        }

        if (System.IO.Directory.Exists(data))
        {
            System.IO.Directory.Delete(data, true); // an initdb that did not finish
        }

        System.IO.Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var passwordPath = System.IO.Path.Combine(directory, "password");
        using (var file = new FileStream(passwordPath, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        {
            file.Write(Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(24)) + "\n"));
        }

        if (AsPostgresAccount)
        {
            Run("chown", ["-R", "postgres:postgres", directory], TimeSpan.FromSeconds(30));
        }

        List<string> args = ["-D", data, "-U", User, "--auth=scram-sha-256", "--pwfile=" + passwordPath, "-E", "UTF8", "--no-locale"];
        if (!durable)
        {
            args.Add("--no-sync");
        }

        var (code, output) = Run(System.IO.Path.Combine(bin, "initdb"), args, TimeSpan.FromMinutes(2), AsPostgresAccount);
        if (code != 0)
        {
            var hint = AsPostgresAccount ? $" (run as the postgres account: every directory above {directory} must be traversable by it)" : "";
            throw new InvalidOperationException($"initdb failed ({code}){hint}:\n{output}");
        }
    }

    private async Task StartProcessAsync(bool durable, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var postgres = System.IO.Path.Combine(BinDirectory, "postgres");
        var psi = new ProcessStartInfo(AsPostgresAccount ? "setpriv" : postgres)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory,
        };
        if (AsPostgresAccount)
        {
            // setpriv execs postgres: the PID we hold is the postmaster's.
            foreach (var a in new[] { "--reuid=postgres", "--regid=postgres", "--init-groups", "--", postgres })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in new[] { "-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", Directory,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "logging_collector=off" })
        {
            psi.ArgumentList.Add(a);
        }

        if (!durable)
        {
            foreach (var a in new[] { "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off" })
            {
                psi.ArgumentList.Add(a);
            }
        }

        _console.Clear();
        var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => Remember(e.Data);
        p.ErrorDataReceived += (_, e) => Remember(e.Data);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _process = p;

        var clock = Stopwatch.StartNew();
        var lastError = "";
        while (clock.Elapsed < timeout)
        {
            if (p.HasExited)
            {
                p.WaitForExit();
                _process = null;
                p.Dispose();
                throw new InvalidOperationException($"postgres exited during start-up (port {Port}):\n{LogTail()}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString()) { Pooling = false, Timeout = 2 }.ToString());
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                lastError = e.Message; // not listening yet, or "the database system is starting up"
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"postgres did not answer on 127.0.0.1:{Port} within {timeout.TotalSeconds:0} s (last: {lastError}):\n{LogTail()}");
    }

    // A postmaster that an earlier owner of this directory left running (it was killed): named by data/postmaster.pid
    // and still running on this data directory (checked in /proc, so a reused PID is never signalled).
    private void StopLeftOver()
    {
        var pidFile = System.IO.Path.Combine(DataDirectory, "postmaster.pid");
        int pid;
        try
        {
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault()?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out pid) || pid <= 1)
            {
                return;
            }
        }
        catch (IOException)
        {
            return;
        }

        string[] args;
        try
        {
            args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // gone: postgres itself removes a stale pid file
        }

        if (args.Length < 3 || System.IO.Path.GetFileName(args[0]) != "postgres" || args[1] != "-D" || args[2] != DataDirectory)
        {
            return;
        }

        _ = kill(pid, SigInt);
        var clock = Stopwatch.StartNew();
        while (File.Exists($"/proc/{pid}/cmdline") && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(50);
        }

        if (File.Exists($"/proc/{pid}/cmdline"))
        {
            _ = kill(pid, SigKill);
            Thread.Sleep(500);
        }
    }

    private static (int Code, string Output) Run(string file, IEnumerable<string> args, TimeSpan timeout, bool asPostgres = false)
    {
        var psi = new ProcessStartInfo(asPostgres ? "setpriv" : file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var a in new[] { "--reuid=postgres", "--regid=postgres", "--init-groups", "--", file })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill();
            p.WaitForExit();
            return (-1, $"{file} did not finish within {timeout.TotalSeconds:0} s");
        }

        p.WaitForExit();
        if (p.ExitCode != 0 && file == "chown")
        {
            throw new InvalidOperationException($"chown failed: {stderr.Result}");
        }

        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _console.Enqueue(line);
        while (_console.Count > 500 && _console.TryDequeue(out _))
        {
            // keep only the newest lines
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
