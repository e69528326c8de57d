using System;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>Writes log lines to the nanoFramework console (the debugger channel on the board's USB serial port).</summary>
    /// <remarks>
    /// Console.WriteLine is used, not Debug.WriteLine: Debug.WriteLine is [Conditional("DEBUG")] and disappears from Release
    /// builds, Console.WriteLine is not (nanoframework/CoreLibrary v1.17.11: System/Diagnostics/Debug.cs, System/Console.cs).
    /// Both end in Debug.WriteLineNative, which a terminal on the serial port at 921600 baud also shows
    /// (nanoframework.github.io: content/getting-started-guides/troubleshooting-device-connection.md).
    /// Callers never pass secrets (style rule 13).
    /// </remarks>
    public sealed class DebugLog : ILog
    {
        private readonly LogLevel _minimumLevel;

        /// <summary>Creates a log that drops lines below minimumLevel.</summary>
        public DebugLog(LogLevel minimumLevel)
        {
            _minimumLevel = minimumLevel;
        }

        /// <summary>The lowest level written.</summary>
        public LogLevel MinimumLevel
        {
            get { return _minimumLevel; }
        }

        /// <summary>Writes one line as "[elapsed s] LEVEL message".</summary>
        public void Write(LogLevel level, string message)
        {
            if (level < _minimumLevel)
            {
                return;
            }

            // Milliseconds since boot keep lines ordered even before SNTP has set the wall clock.
            long ms = Environment.TickCount64;
            Console.WriteLine("[" + (ms / 1000).ToString() + "." + (ms % 1000).ToString("D3") + "] " + LevelName(level) + " " + message);
        }

        private static string LevelName(LogLevel level)
        {
            // Enum.ToString() returns the number on nanoFramework (reference §8), so the names are spelled out.
            switch (level)
            {
                case LogLevel.Debug:
                    return "DEBUG";
                case LogLevel.Info:
                    return "INFO ";
                case LogLevel.Warning:
                    return "WARN ";
                default:
                    return "ERROR";
            }
        }
    }
}
