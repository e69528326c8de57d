namespace Mqtt2Go.Device.Core.Configuration
{
    /// <summary>The outcome of loading the configuration: a usable configuration, or every problem found.</summary>
    public sealed class ConfigurationResult
    {
        /// <summary>Creates a result; any problem makes it invalid and drops the configuration (nothing is half-used).</summary>
        public ConfigurationResult(DeviceConfiguration configuration, string[] problems)
        {
            Problems = problems ?? new string[0];
            IsValid = Problems.Length == 0 && configuration != null;
            Configuration = IsValid ? configuration : null;
        }

        /// <summary>True when there is no problem.</summary>
        public bool IsValid { get; private set; }

        /// <summary>The configuration, or null unless valid.</summary>
        public DeviceConfiguration Configuration { get; private set; }

        /// <summary>Every problem, each "file: key: what is wrong"; empty when valid. Never contains secrets.</summary>
        public string[] Problems { get; private set; }
    }
}
