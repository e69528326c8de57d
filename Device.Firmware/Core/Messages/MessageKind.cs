namespace Mqtt2Go.Device.Core.Messages
{
    /// <summary>What a decoded MQTT2GO payload turned out to be.</summary>
    public enum MessageKind
    {
        /// <summary>Not a valid MQTT2GO envelope; <see cref="Mqtt2GoMessage.Error"/> says why.</summary>
        Invalid = 0,
        /// <summary>An envelope with <c>"type":"command"</c>.</summary>
        Command = 1,
        /// <summary>An envelope with <c>"type":"report"</c>.</summary>
        Report = 2
    }
}
