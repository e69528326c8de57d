namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>Writes log lines; callers never pass secrets (see <c>Redact</c>).</summary>
    public interface ILog
    {
        /// <summary>Writes one line at the given level.</summary>
        void Write(LogLevel level, string message);
    }
}
