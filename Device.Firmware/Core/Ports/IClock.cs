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
    }
}
