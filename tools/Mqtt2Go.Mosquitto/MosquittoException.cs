namespace Mqtt2Go.Mosquitto;

/// <summary>A libmosquitto call or an MQTT operation failed.</summary>
public sealed class MosquittoException : Exception
{
    /// <summary>Creates the exception with the libmosquitto return code or MQTT reason code that caused it.</summary>
    public MosquittoException(int code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The libmosquitto return code (<c>mosq_err_t</c>) or MQTT reason code, as stated in the message.</summary>
    public int Code { get; }
}
