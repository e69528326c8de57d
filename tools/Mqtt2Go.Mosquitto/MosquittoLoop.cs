using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Mqtt2Go.Mosquitto.Client;
using Mqtt2Go.Mosquitto.Native;

namespace Mqtt2Go.Mosquitto;

/// <summary>One background thread that drives many <see cref="MosquittoClient"/>s with poll(2).</summary>
/// <remarks>
/// Replaces <c>mosquitto_loop_start</c>, whose select() fails silently for descriptors of 1024 and above (about 330
/// clients, as each libmosquitto client holds three descriptors). Every libmosquitto call for the clients of this loop
/// runs on this thread: other threads post commands and wake the poll through an eventfd. Thousands of clients per
/// loop are fine; the descriptor limit (ulimit -n) is the bound.
/// </remarks>
public sealed unsafe class MosquittoLoop : IDisposable
{
    private static readonly TimeSpan MiscInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2);

    private readonly ConcurrentQueue<Action> _commands = new();
    private readonly List<NativeSession> _sessions = new();
    private readonly Thread _thread;
    private readonly int _wakeFd;
    private PollFd[] _pollFds = new PollFd[64];
    private NativeSession?[] _polled = new NativeSession?[64];
    private long _nextMisc;
    private int _clientCount;
    private volatile bool _stopRequested;
    private int _disposed;

    /// <summary>Starts the loop thread.</summary>
    /// <param name="name">Thread name, for debuggers and dumps.</param>
    public MosquittoLoop(string name = "mqtt-loop")
    {
        Libmosquitto.EnsureInitialized();
        _wakeFd = NativeMethods.eventfd(0, NativeMethods.EfdNonBlock | NativeMethods.EfdCloExec);
        if (_wakeFd < 0)
        {
            throw new InvalidOperationException("eventfd failed: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }

        _thread = new Thread(Run) { Name = name, IsBackground = true };
        _thread.Start();
    }

    /// <summary>Number of clients created on this loop and not yet disposed.</summary>
    public int ClientCount => Volatile.Read(ref _clientCount);

    /// <summary>Optional sink for loop-level errors (a command that threw, a failed poll).</summary>
    public Action<string>? Log { get; set; }

    internal bool IsLoopThread => Thread.CurrentThread == _thread;

    internal void AddClient()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        Interlocked.Increment(ref _clientCount);
    }

    internal void RemoveClient() => Interlocked.Decrement(ref _clientCount);

    /// <summary>Queues an action for the loop thread; false once the loop is stopping.</summary>
    internal bool Post(Action action)
    {
        if (_stopRequested)
        {
            return false;
        }

        _commands.Enqueue(action);
        Wake();
        return true;
    }

    /// <summary>Adds a session to the poll set (loop thread).</summary>
    internal void Register(NativeSession session) => _sessions.Add(session);

    /// <summary>Removes a session from the poll set (loop thread).</summary>
    internal void Unregister(NativeSession session) => _sessions.Remove(session);

    /// <summary>Disconnects the remaining clients (bounded), frees their handles and stops the thread.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopRequested = true;
        Wake();
        if (!IsLoopThread && !_thread.Join(TimeSpan.FromSeconds(10)))
        {
            Log?.Invoke("mqtt loop: thread did not stop within 10 s");
            return; // leave the eventfd open: the thread may still poll it
        }

        NativeMethods.close(_wakeFd);
    }

    private void Wake()
    {
        ulong one = 1;
        NativeMethods.write(_wakeFd, (byte*)&one, sizeof(ulong));
    }

    private void Run()
    {
        _nextMisc = Stopwatch.GetTimestamp();
        while (!_stopRequested)
        {
            RunCommands();
            if (_stopRequested)
            {
                break;
            }

            PollOnce(_commands.IsEmpty ? MillisecondsUntilMisc() : 0);
        }

        Shutdown();
    }

    private void Shutdown()
    {
        RunCommands();
        foreach (NativeSession s in _sessions.ToArray())
        {
            Guard(s.BeginDisconnect);
        }

        // Give queued DISCONNECT packets a moment to leave (they are usually written inside mosquitto_disconnect).
        long deadline = Stopwatch.GetTimestamp() + (long)(ShutdownGrace.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && _sessions.Exists(s => s.State == SessionState.Disconnecting && s.HasSocket))
        {
            RunCommands();
            PollOnce(50);
        }

        RunCommands();
        foreach (NativeSession s in _sessions.ToArray())
        {
            Guard(s.Destroy);
        }

        // Commands posted before the stop flag was seen but after the last drain.
        while (_commands.TryDequeue(out Action? late))
        {
            Guard(late);
        }
    }

    private void RunCommands()
    {
        // Bounded so a flood of commands (e.g. 500 connects) cannot starve network I/O of the others.
        for (int i = 0; i < 64 && _commands.TryDequeue(out Action? command); i++)
        {
            Guard(command);
        }
    }

    private void PollOnce(int timeoutMs)
    {
        int count = BuildPollSet();
        int n;
        fixed (PollFd* fds = _pollFds)
        {
            n = NativeMethods.poll(fds, (nuint)count, timeoutMs);
        }

        if (n < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != 4)
            {
                // Not EINTR: report and back off instead of spinning.
                Log?.Invoke("mqtt loop: poll failed: " + Marshal.GetPInvokeErrorMessage(errno));
                Thread.Sleep(10);
            }

            return;
        }

        if ((_pollFds[0].REvents & NativeMethods.PollIn) != 0)
        {
            ulong value;
            NativeMethods.read(_wakeFd, (byte*)&value, sizeof(ulong));
        }

        for (int i = 1; i < count && n > 0; i++)
        {
            short events = _pollFds[i].REvents;
            NativeSession s = _polled[i]!;
            _polled[i] = null;
            if (events != 0)
            {
                Guard(() => Service(s, events));
            }
        }

        if (Stopwatch.GetTimestamp() >= _nextMisc)
        {
            _nextMisc = Stopwatch.GetTimestamp() + (long)(MiscInterval.TotalSeconds * Stopwatch.Frequency);
            foreach (NativeSession s in _sessions.ToArray())
            {
                Guard(() => Misc(s));
            }
        }
    }

    private int BuildPollSet()
    {
        int needed = _sessions.Count + 1;
        if (_pollFds.Length < needed)
        {
            int size = Math.Max(needed, _pollFds.Length * 2);
            _pollFds = new PollFd[size];
            _polled = new NativeSession?[size];
        }

        _pollFds[0] = new PollFd { Fd = _wakeFd, Events = NativeMethods.PollIn };
        int count = 1;
        foreach (NativeSession s in _sessions)
        {
            if (s.Handle == IntPtr.Zero || s.State == SessionState.Closed)
            {
                continue;
            }

            int fd = NativeMethods.mosquitto_socket(s.Handle);
            if (fd < 0)
            {
                continue;
            }

            short events = NativeMethods.PollIn;
            if (NativeMethods.mosquitto_want_write(s.Handle) != 0)
            {
                events |= NativeMethods.PollOut;
            }

            _pollFds[count] = new PollFd { Fd = fd, Events = events };
            _polled[count] = s;
            count++;
        }

        return count;
    }

    private static void Service(NativeSession s, short events)
    {
        const short readable = NativeMethods.PollIn | NativeMethods.PollErr | NativeMethods.PollHup | NativeMethods.PollNval;
        if ((events & readable) != 0 && s.HasSocket)
        {
            // During the TLS handshake loop_read drives SSL_connect (lib/loop.c, want_connect).
            s.AfterIo(NativeMethods.mosquitto_loop_read(s.Handle, 1));
        }

        if ((events & NativeMethods.PollOut) != 0 && s.HasSocket && s.State != SessionState.Closed)
        {
            if (s.State == SessionState.Connecting)
            {
                // A handshake that wanted to write (SSL_ERROR_WANT_WRITE) only progresses through loop_read.
                s.AfterIo(NativeMethods.mosquitto_loop_read(s.Handle, 1));
            }

            if (s.HasSocket && s.State != SessionState.Closed)
            {
                s.AfterIo(NativeMethods.mosquitto_loop_write(s.Handle, 1));
            }
        }

        if ((events & (NativeMethods.PollHup | NativeMethods.PollErr | NativeMethods.PollNval)) != 0)
        {
            // SSL_ERROR_SYSCALL during the handshake leaves want_connect set and the socket readable forever.
            s.OnHangUpWhileConnecting();
        }
    }

    private static void Misc(NativeSession s)
    {
        if (s.State == SessionState.Closed || !s.HasSocket)
        {
            return;
        }

        // Keep-alive PINGREQ and its timeout; libmosquitto wants this about once a second.
        s.AfterIo(NativeMethods.mosquitto_loop_misc(s.Handle));
        s.DrainWakePipe();
    }

    private int MillisecondsUntilMisc()
    {
        long ticks = _nextMisc - Stopwatch.GetTimestamp();
        if (ticks <= 0)
        {
            return 0;
        }

        return (int)Math.Min(1000, (ticks * 1000 / Stopwatch.Frequency) + 1);
    }

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            // One client's failure must not stop the loop for all others.
            try
            {
                Log?.Invoke("mqtt loop: " + ex);
            }
            catch (Exception sinkFailure)
            {
                Trace.WriteLine($"mqtt loop: {ex.Message}; log sink failed: {sinkFailure.Message}");
            }
        }
    }
}
