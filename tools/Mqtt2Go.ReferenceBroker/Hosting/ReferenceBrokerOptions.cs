using Mqtt2Go.ReferenceBroker.Discovery;

namespace Mqtt2Go.ReferenceBroker.Hosting;

/// <summary>Settings of <see cref="ReferenceBrokerHost"/>; every default works out of the box on loopback.</summary>
public sealed class ReferenceBrokerOptions
{
    /// <summary>Working directory (PKI, database, broker configs and logs, reference-broker.json); created if missing.</summary>
    public string WorkDir { get; set; } = Path.Combine(Path.GetTempPath(), "mqtt2go-reference-broker");

    /// <summary>Also start the local gateway (broker, mDNS responder, GET_CREDENTIALS service).</summary>
    public bool LocalGateway { get; set; }

    /// <summary>Database connection string; null = SQLite file reference.db in <see cref="WorkDir"/>, <c>Host=…</c> = PostgreSQL, <c>postgres</c> = a PostgreSQL server of the host's own in <c>&lt;workdir&gt;/postgres</c>.</summary>
    public string? DatabaseConnectionString { get; set; }

    /// <summary>Homes whose controller gets a certificate (CN <c>controller-&lt;home&gt;</c>) and a dynsec role for <c>&lt;home&gt;/#</c>.</summary>
    public IList<string> ControllerHomes { get; } = ["home1"];

    /// <summary>The clock for expiry and timestamps (tests pass a fake one).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Discovery tunables (lifetime, rate limit, lockout).</summary>
    public DiscoveryOptions Discovery { get; set; } = new();

    /// <summary>Log sink; secrets are never passed to it.</summary>
    public Action<string> Log { get; set; } = _ => { };

    /// <summary>
    /// Ports left at 0 are taken from the work dir's reference-broker.json of an earlier start (same ports across restarts);
    /// false (serve --new-ports) picks free ones again.
    /// </summary>
    public bool ReuseSavedPorts { get; set; } = true;

    /// <summary>Discovery broker port (0 = saved or free).</summary>
    public int DiscoveryBrokerPort { get; set; }

    /// <summary>Discovery broker's loopback service listener (password login of the services; 0 = saved or free).</summary>
    public int DiscoveryServicePort { get; set; }

    /// <summary>Cloud broker's loopback service listener (0 = saved or free).</summary>
    public int CloudServicePort { get; set; }

    /// <summary>Discovery REST port (0 = saved or free).</summary>
    public int DiscoveryRestPort { get; set; }

    /// <summary>Cloud broker port (0 = saved or free; <c>serve --standard-ports</c> sets <see cref="StandardMqttsPort"/>).</summary>
    public int CloudBrokerPort { get; set; }

    /// <summary>
    /// 8883, the IANA port of MQTT over TLS: where a device that reads only the standard's <c>broker_ip</c> (not the
    /// profile's <c>broker_port</c> extension) dials its cloud broker.
    /// </summary>
    public const int StandardMqttsPort = 8883;

    /// <summary>Local gateway broker port (0 = saved or free).</summary>
    public int GatewayBrokerPort { get; set; }

    /// <summary>mDNS responder UDP port on 127.0.0.1 (0 = saved or free; the real mDNS port 5353 needs the LAN, which tests never use).</summary>
    public int MdnsPort { get; set; }

    /// <summary>
    /// The home network the local gateway hands out with GET_WIFI_CREDENTIALS to a device it has an activation for (the
    /// guest-Wi-Fi variant; <c>serve --home-wifi-ssid S --home-wifi-passphrase-file F</c>); null = not configured.
    /// </summary>
    public Gateway.HomeWifi? HomeWifi { get; set; }

    /// <summary>Home and gateway the local gateway serves.</summary>
    public string GatewayHomeId { get; set; } = "home1";
}
