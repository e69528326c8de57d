namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>Severity of a log line.</summary>
    public enum LogLevel
    {
        /// <summary>Detail for developers.</summary>
        Debug = 0,
        /// <summary>Normal progress, one line per state transition.</summary>
        Info = 1,
        /// <summary>Something went wrong and will be retried.</summary>
        Warning = 2,
        /// <summary>Something failed for good.</summary>
        Error = 3
    }
}
