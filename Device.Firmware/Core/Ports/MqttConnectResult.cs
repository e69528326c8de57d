namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>Result of <see cref="IMqttSession.Connect"/>.</summary>
    public sealed class MqttConnectResult
    {
        /// <summary>Creates a result.</summary>
        public MqttConnectResult(MqttConnectStatus status, int code, string detail)
        {
            Status = status;
            Code = code;
            Detail = detail;
        }

        /// <summary>Bucketed outcome.</summary>
        public MqttConnectStatus Status { get; private set; }

        /// <summary>Raw CONNACK / reason / platform code, for the log.</summary>
        public int Code { get; private set; }

        /// <summary>Human-readable detail, never containing secrets.</summary>
        public string Detail { get; private set; }

        /// <summary>True when connected.</summary>
        public bool IsSuccess { get { return Status == MqttConnectStatus.Success; } }
    }
}
