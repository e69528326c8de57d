using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Pki;

/// <summary>
/// The reference broker's three CAs, persisted under one directory and reused across starts: the manufacturer CA (factory
/// device certificates), the service CA (the devices' trust anchor: broker and REST server certificates, service and
/// controller client certificates) and the operational CA (device certificates issued by the cloud broker).
/// </summary>
public sealed class ReferencePki : IDisposable
{
    private ReferencePki(string directory)
    {
        Directory = directory;
        Manufacturer = CertificateAuthority.LoadOrCreate(directory, "manufacturer", "MQTT2GO Reference Manufacturer CA");
        Service = CertificateAuthority.LoadOrCreate(directory, "service", "MQTT2GO Reference Service CA");
        Operational = CertificateAuthority.LoadOrCreate(directory, "operational", "MQTT2GO Reference Operational CA");
    }

    /// <summary>The directory holding all CA and leaf files.</summary>
    public string Directory { get; }

    /// <summary>Signs factory device certificates (CN = device id, EKU clientAuth).</summary>
    public CertificateAuthority Manufacturer { get; }

    /// <summary>The trust anchor devices hold: signs every server certificate and the services' client certificates.</summary>
    public CertificateAuthority Service { get; }

    /// <summary>Signs operational device certificates issued by the cloud broker or the local gateway.</summary>
    public CertificateAuthority Operational { get; }

    /// <summary>Lifetime of issued device certificates.</summary>
    public TimeSpan DeviceCertificateValidity { get; set; } = TimeSpan.FromDays(365 * 5);

    /// <summary>Opens the PKI in <paramref name="directory"/>, creating missing CAs.</summary>
    public static ReferencePki OpenOrCreate(string directory) => new(directory);

    /// <summary>Issues an operational device certificate for the given public key (DER SubjectPublicKeyInfo); no private key travels.</summary>
    public X509Certificate2 IssueOperational(string deviceId, byte[] subjectPublicKeyInfoDer)
    {
        if (!Identifiers.IsValid(deviceId))
        {
            throw new ArgumentException("device id must match [A-Za-z0-9_-]{1,64}", nameof(deviceId));
        }

        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(subjectPublicKeyInfoDer, out var read);
        if (read != subjectPublicKeyInfoDer.Length)
        {
            throw new ArgumentException("trailing bytes after SubjectPublicKeyInfo", nameof(subjectPublicKeyInfoDer));
        }

        return Operational.Issue(deviceId, publicKey, CertificateUsage.Client, DeviceCertificateValidity);
    }

    /// <summary>Mints a factory identity: new P-256 key, activation code and manufacturer-signed certificate (CN = device id).</summary>
    public FactoryIdentity MintFactoryIdentity(string deviceId, RandomNumberGenerator? rng = null)
    {
        if (!Identifiers.IsValid(deviceId))
        {
            throw new ArgumentException("device id must match [A-Za-z0-9_-]{1,64}", nameof(deviceId));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = new PublicKey(key);
        var certificate = Manufacturer.Issue(deviceId, publicKey, CertificateUsage.Client, DeviceCertificateValidity);
        var code = rng is null ? ActivationCodes.Generate(RandomNumberGenerator.Create()) : ActivationCodes.Generate(rng);
        return new FactoryIdentity(deviceId, code, key.ExportPkcs8PrivateKey(), certificate);
    }

    /// <summary>Issues (or reuses, while valid for another day) a server certificate from the service CA, SAN localhost + 127.0.0.1.</summary>
    public IssuedCredential GetOrIssueServer(string name) => GetOrIssue(Service, name, name, CertificateUsage.Server);

    /// <summary>Issues (or reuses) a client certificate from <paramref name="authority"/> with CN <paramref name="commonName"/>.</summary>
    public IssuedCredential GetOrIssueClient(CertificateAuthority authority, string fileName, string commonName) =>
        GetOrIssue(authority, fileName, commonName, CertificateUsage.Client);

    /// <summary>Writes a PEM bundle of the given CAs (a mosquitto cafile) and returns its path.</summary>
    public string WriteCaBundle(string fileName, params CertificateAuthority[] authorities)
    {
        var path = Path.Combine(Directory, fileName);
        PemFiles.WriteBundle(path, authorities.Select(a => a.Certificate).ToArray());
        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Manufacturer.Dispose();
        Service.Dispose();
        Operational.Dispose();
    }

    private IssuedCredential GetOrIssue(CertificateAuthority authority, string fileName, string commonName, CertificateUsage usage)
    {
        var certPath = Path.Combine(Directory, fileName + ".crt.pem");
        var keyPath = Path.Combine(Directory, fileName + ".key.pem");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var existing = X509Certificate2.CreateFromPem(File.ReadAllText(certPath));
            if (existing.NotAfter > DateTime.UtcNow.AddDays(1) && existing.GetNameInfo(X509NameType.SimpleName, false) == commonName && authority.HasIssued(existing))
            {
                return new IssuedCredential(commonName, existing, certPath, keyPath);
            }

            existing.Dispose();
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var certificate = authority.Issue(commonName, new PublicKey(key), usage, TimeSpan.FromDays(825));
        PemFiles.WriteCertificate(certPath, certificate);
        PemFiles.WritePrivateKey(keyPath, key);
        return new IssuedCredential(commonName, certificate, certPath, keyPath);
    }
}
