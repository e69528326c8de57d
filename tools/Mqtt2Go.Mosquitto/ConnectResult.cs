namespace Mqtt2Go.Mosquitto;

/// <summary>Outcome of <see cref="MosquittoClient.ConnectAsync"/>.</summary>
/// <param name="Success">True when the broker accepted the connection (CONNACK 0).</param>
/// <param name="Code">
/// The CONNACK return code (MQTT 3.1.1) or reason code (MQTT 5) when the broker answered; a negative libmosquitto error
/// (<c>-mosq_err_t</c>, e.g. -8 TLS, -14 errno, -27 timeout) for a transport or TLS failure.
/// </param>
/// <param name="Reason">Human readable cause, e.g. "tls: unknown ca", "connack 135 Not authorized", "timeout".</param>
public sealed record ConnectResult(bool Success, int Code, string Reason)
{
    /// <summary>Code used for a connect that got no CONNACK within <see cref="MqttClientOptions.ConnectTimeout"/> (-MOSQ_ERR_TIMEOUT).</summary>
    public const int TimeoutCode = -27;
}
