namespace Mqtt2Go.Mosquitto;

/// <summary>Connection settings for one <see cref="MosquittoClient"/>.</summary>
public sealed class MqttClientOptions
{
    /// <summary>Broker host name or IP address; tests use loopback only.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Broker TCP port.</summary>
    public int Port { get; set; }

    /// <summary>MQTT client identifier; empty lets the broker assign one (clean session only).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Username for password authentication, or null.</summary>
    public string? Username { get; set; }

    /// <summary>Password for password authentication, or null; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>PEM file with the CA that signed the broker certificate; TLS is used when this is set.</summary>
    /// <remarks>libmosquitto accepts PEM only: DER files fail with MOSQ_ERR_TLS (8).</remarks>
    public string? CaFile { get; set; }

    /// <summary>PEM client certificate for mutual TLS, or null.</summary>
    public string? CertFile { get; set; }

    /// <summary>PEM (PKCS#8 or SEC1) private key of <see cref="CertFile"/>, or null.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Skips the broker host name check (the chain is still verified); for tests only.</summary>
    public bool TlsInsecure { get; set; }

    /// <summary>MQTT protocol version: 5 or 4 (= 3.1.1).</summary>
    public int ProtocolVersion { get; set; } = 5;

    /// <summary>Keep-alive interval in seconds (0 disables, otherwise at least 5 for libmosquitto).</summary>
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>Clean session (3.1.1) / clean start (5).</summary>
    public bool CleanSession { get; set; } = true;

    /// <summary>Last-will topic, or null for no will.</summary>
    public string? WillTopic { get; set; }

    /// <summary>Last-will payload (empty when null).</summary>
    public byte[]? WillPayload { get; set; }

    /// <summary>Last-will QoS.</summary>
    public int WillQos { get; set; } = 1;

    /// <summary>Last-will retain flag.</summary>
    public bool WillRetain { get; set; }

    /// <summary>How long <see cref="MosquittoClient.ConnectAsync"/> waits for CONNACK, TLS handshake included.</summary>
    /// <remarks>Needed because some TLS failures surface as nothing at all in libmosquitto 2.0.</remarks>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Optional sink for libmosquitto's log lines (prefixed with the client id); called on the loop thread, keep it fast.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>Also forwards libmosquitto DEBUG lines (one per packet) to <see cref="Log"/>.</summary>
    public bool LogDebug { get; set; }

    /// <summary>How long <see cref="MosquittoClient.DisconnectAsync"/> waits for the disconnect callback.</summary>
    public TimeSpan DisconnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Returns a shallow copy, so a client is not affected by later changes of the caller's instance.</summary>
    public MqttClientOptions Clone() => (MqttClientOptions)MemberwiseClone();
}
