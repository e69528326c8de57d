using System.Security.Cryptography;

namespace Mqtt2Go.Mosquitto;

/// <summary>Settings for a <see cref="MosquittoBroker"/> started from a generated mosquitto.conf.</summary>
public sealed class MosquittoBrokerOptions
{
    /// <summary>Directory for mosquitto.conf, the log and the dynamic-security JSON; created if missing.</summary>
    public string WorkDir { get; set; } = "";

    /// <summary>Main listener port on 127.0.0.1; 0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>PEM CA used to verify client certificates; the main listener uses TLS when this and the server files are set.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM server certificate.</summary>
    public string? CertFile { get; set; }

    /// <summary>PEM server private key.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Main listener requires a client certificate signed by <see cref="CaFile"/> (mutual TLS).</summary>
    public bool RequireCertificate { get; set; } = true;

    /// <summary>The client certificate's CN becomes the MQTT username and no password is checked.</summary>
    public bool UseIdentityAsUsername { get; set; } = true;

    /// <summary>Loads the dynamic security plugin (initialised with <c>mosquitto_ctrl dynsec init</c>).</summary>
    public bool DynamicSecurity { get; set; } = true;

    /// <summary>
    /// Loads the project's <c>mqtt2go_grants</c> plugin before dynsec (<see cref="Grants.GrantsAdmin"/>): per-client literal
    /// topic grants kept in a journal, a change costing the same whatever the number of clients. Clients it holds no
    /// grants for are left to dynsec.
    /// </summary>
    public bool DeviceGrants { get; set; }

    /// <summary>Each grant change is synced to disk before it is answered (plugin_opt_fsync); false: written, not synced.</summary>
    public bool DeviceGrantsFsync { get; set; } = true;

    /// <summary>Dynsec administrator username.</summary>
    public string AdminUser { get; set; } = "admin";

    /// <summary>Dynsec administrator password (random by default); a secret, never logged.</summary>
    public string AdminPassword { get; set; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Adds a second loopback listener without TLS where the administrator logs in with username/password (dynsec),
    /// because on a <see cref="UseIdentityAsUsername"/> listener the admin would need a client certificate with CN=admin.
    /// </summary>
    public bool AdminListener { get; set; } = true;

    /// <summary>Admin listener port on 127.0.0.1; 0 picks a free port.</summary>
    public int AdminPort { get; set; }

    /// <summary>Allows clients without credentials (global setting).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Optional mosquitto_passwd file for plain username/password authentication.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Minimum TLS version of the main listener.</summary>
    public string TlsVersion { get; set; } = "tlsv1.2";

    /// <summary>Lines appended verbatim to mosquitto.conf.</summary>
    public string ExtraConfig { get; set; } = "";

    /// <summary>Path of the broker binary.</summary>
    public string MosquittoPath { get; set; } = "/usr/sbin/mosquitto";

    /// <summary>Path or name of mosquitto_ctrl (package mosquitto-clients).</summary>
    public string MosquittoCtrlPath { get; set; } = "/usr/bin/mosquitto_ctrl";

    /// <summary>
    /// On the main (TLS) listener the client id is replaced by the username, which <see cref="UseIdentityAsUsername"/>
    /// makes the certificate CN: a client can no longer take over (disconnect) another client by using its client id.
    /// </summary>
    public bool UseUsernameAsClientId { get; set; }

    /// <summary>Largest MQTT packet in bytes any client may send (mosquitto <c>max_packet_size</c>; bigger: disconnected); 0 = no limit.</summary>
    public int MaxPacketSize { get; set; }

    /// <summary>
    /// The <c>log_type</c> lines of mosquitto.conf. The default includes <c>information</c> and <c>subscribe</c>, which log
    /// topic names (dynsec commands, SUBSCRIBE): leave them out when topics carry secrets.
    /// </summary>
    public string[] LogTypes { get; set; } = ["error", "warning", "notice", "information", "subscribe"];

    /// <summary>
    /// Where <see cref="MosquittoBroker.Start"/> gets a port when <see cref="Port"/> or <see cref="AdminPort"/> is 0:
    /// <see cref="Broker.LoopbackPorts.GetFree"/> unless a test replaces it.
    /// </summary>
    public Func<int> FreePort { get; set; } = Broker.LoopbackPorts.GetFree;

    /// <summary>How long <see cref="MosquittoBroker.Start"/> waits for the listeners to accept connections.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
