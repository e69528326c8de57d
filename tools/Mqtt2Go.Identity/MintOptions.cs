namespace Mqtt2Go.Identity;

/// <summary>What to mint for one unit; every property except <see cref="OutputDirectory"/> has a working default.</summary>
public sealed class MintOptions
{
    /// <summary>Folder the device files are written to (created if missing, mode 0700); must lie outside any git work tree.</summary>
    public string OutputDirectory { get; set; } = "";

    /// <summary>The device id, or null for <c>m2g-</c> + 8 random lower-case Crockford base32 characters.</summary>
    public string? DeviceId { get; set; }

    /// <summary>The device type written to identity.json (an identifier; default "switch").</summary>
    public string DeviceType { get; set; } = "switch";

    /// <summary>Discovery broker host, or null for the one in the broker working directory's reference-broker.json.</summary>
    public string? DiscoveryHost { get; set; }

    /// <summary>Discovery broker port, or null for reference-broker.json's (or 8883 when a host is given).</summary>
    public int? DiscoveryPort { get; set; }

    /// <summary>The reference broker working directory (PKI in <c>pki/</c>, registry in <c>reference.db</c>); used by the static <see cref="FactoryIdentityMinter.Mint"/>.</summary>
    public string? BrokerWorkDir { get; set; }

    /// <summary>Database connection string of the registry when it is not the working directory's SQLite file (e.g. PostgreSQL).</summary>
    public string? DatabaseConnectionString { get; set; }

    /// <summary>Register the factory certificate and the activation code's hash in the manufacturer registry.</summary>
    public bool Register { get; set; } = true;

    /// <summary>Replace identity files already in the output folder and a registry entry of the same device id.</summary>
    public bool Overwrite { get; set; }

    /// <summary>Also write label.png next to label.svg.</summary>
    public bool WriteLabelPng { get; set; } = true;

    /// <summary>Serial port written into deploy.json (<c>"SerialPort"</c>), or null to leave it to nanoff's command line.</summary>
    public string? SerialPort { get; set; }

    /// <summary>Lifetime of the factory certificate, or null for the reference PKI's device certificate validity.</summary>
    public TimeSpan? CertificateValidity { get; set; }
}
