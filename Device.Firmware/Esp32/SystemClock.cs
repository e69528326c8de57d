using System;
using System.Threading;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>Monotonic time from the CLR tick counter and wall-clock time from the RTC that SNTP sets.</summary>
    public sealed class SystemClock : IClock
    {
        /// <summary>First year accepted as a set clock; before SNTP the ESP32 RTC starts near 1970.</summary>
        public const int FirstValidYear = 2024;

        /// <summary>Milliseconds since boot, never going backwards.</summary>
        /// <remarks>Environment.TickCount64 comes from nanoFramework.Runtime.Native (System/Environment.cs, v1.7.11), not mscorlib;
        /// M2Mqtt uses the same property since its PR #444.</remarks>
        public long NowMs
        {
            get { return Environment.TickCount64; }
        }

        /// <summary>Unix time in seconds (UTC).</summary>
        /// <remarks>DateTime.ToUnixTimeSeconds exists in CoreLibrary v1.17.11 (System/DateTime.cs); DateTime.Now does not (reference §14).</remarks>
        public long UnixSeconds
        {
            get { return DateTime.UtcNow.ToUnixTimeSeconds(); }
        }

        /// <summary>True once the year is at least <see cref="FirstValidYear"/>, i.e. SNTP has run; mbedTLS checks certificate dates.</summary>
        public bool IsWallClockValid
        {
            get { return DateTime.UtcNow.Year >= FirstValidYear; }
        }

        /// <summary>Blocks until the signal is set or ms milliseconds pass; returns true when signalled.</summary>
        /// <remarks>WaitHandle.WaitOne(int, bool) is the overload nanoFramework's mscorlib has
        /// (nanoframework/CoreLibrary: nanoFramework.CoreLibrary/System/Threading/WaitHandle.cs).</remarks>
        public bool Wait(WaitHandle signal, int ms)
        {
            return signal.WaitOne(ms < 0 ? 0 : ms, false);
        }

        /// <summary>Blocks the calling thread for ms milliseconds (other managed threads keep running).</summary>
        public void Sleep(int ms)
        {
            if (ms > 0)
            {
                Thread.Sleep(ms);
            }
        }
    }
}
