using System.Threading;

namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>Monotonic and wall-clock time for the core; tests use a fake that advances instantly.</summary>
    public interface IClock
    {
        /// <summary>Milliseconds from an arbitrary origin, never going backwards.</summary>
        long NowMs { get; }

        /// <summary>Unix time in seconds (UTC).</summary>
        long UnixSeconds { get; }

        /// <summary>True once the wall clock has been set (SNTP); TLS needs it.</summary>
        bool IsWallClockValid { get; }

        /// <summary>Blocks for ms milliseconds (the fake advances its time instead).</summary>
        void Sleep(int ms);

        /// <summary>Blocks until the signal is set or ms milliseconds pass; returns true when signalled.</summary>
        /// <remarks>This is how the core waits for a reply without polling: a message arriving on the adapter's thread
        /// sets the signal and the wait ends at once. A fake clock advances its time by ms instead (running what is due),
        /// then reports whether the signal was set.</remarks>
        bool Wait(WaitHandle signal, int ms);
    }
}
