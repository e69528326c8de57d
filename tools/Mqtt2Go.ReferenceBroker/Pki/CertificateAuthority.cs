using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mqtt2Go.ReferenceBroker.Pki;

/// <summary>One ECDSA P-256 certificate authority persisted as PEM and DER files in a directory.</summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    private CertificateAuthority(string name, X509Certificate2 certificate, ECDsa key, string directory)
    {
        Name = name;
        Certificate = certificate;
        _key = key;
        CertificatePemPath = Path.Combine(directory, name + "-ca.pem");
        CertificateDerPath = Path.Combine(directory, name + "-ca.der");
    }

    /// <summary>Short name of the CA, also the file name prefix (e.g. "manufacturer").</summary>
    public string Name { get; }

    /// <summary>The self-signed CA certificate (public part only).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Path of the CA certificate in PEM.</summary>
    public string CertificatePemPath { get; }

    /// <summary>Path of the CA certificate in DER.</summary>
    public string CertificateDerPath { get; }

    /// <summary>Loads the CA from <paramref name="directory"/> or creates and persists it on first use.</summary>
    public static CertificateAuthority LoadOrCreate(string directory, string name, string commonName)
    {
        Directory.CreateDirectory(directory);
        var certPath = Path.Combine(directory, name + "-ca.pem");
        var keyPath = Path.Combine(directory, name + "-ca.key.pem");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var loaded = X509Certificate2.CreateFromPem(File.ReadAllText(certPath));
            var loadedKey = ECDsa.Create();
            loadedKey.ImportFromPem(File.ReadAllText(keyPath));
            if (loaded.NotAfter > DateTime.UtcNow.AddDays(1))
            {
                return new CertificateAuthority(name, loaded, loadedKey, directory);
            }

            loadedKey.Dispose();
        }

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + commonName + ", O=MQTT2GO Reference"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var withKey = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        var certificate = X509CertificateLoader.LoadCertificate(withKey.RawData);
        PemFiles.WriteCertificate(certPath, certificate);
        PemFiles.WritePrivateKey(keyPath, key);
        return new CertificateAuthority(name, certificate, key, directory);
    }

    /// <summary>Issues a leaf certificate for <paramref name="publicKey"/>; the subject's private key is never needed.</summary>
    public X509Certificate2 Issue(string commonName, PublicKey publicKey, CertificateUsage usage, TimeSpan validity)
    {
        var subject = new X500DistinguishedName("CN=" + EscapeCn(commonName));
        var request = new CertificateRequest(subject, publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        var eku = new OidCollection { new Oid(usage == CertificateUsage.Server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2") };
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(eku, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        if (usage == CertificateUsage.Server)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }

        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F; // positive INTEGER (RFC 5280 §4.1.2.2)
        serial[0] |= 0x01;
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + validity;
        if (notAfter > Certificate.NotAfter)
        {
            notAfter = Certificate.NotAfter;
        }

        var generator = X509SignatureGenerator.CreateForECDsa(_key);
        using var issued = request.Create(Certificate.SubjectName, generator, now.AddMinutes(-5), notAfter, serial);
        return X509CertificateLoader.LoadCertificate(issued.RawData);
    }

    /// <summary>True when <paramref name="certificate"/> was signed by this CA (signature and validity checked, no revocation).</summary>
    public bool HasIssued(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreWrongUsage;
        if (!chain.Build(certificate))
        {
            return false;
        }

        var root = chain.ChainElements[^1].Certificate;
        return root.RawData.AsSpan().SequenceEqual(Certificate.RawData);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }

    private static string EscapeCn(string value)
    {
        // Identifiers are [A-Za-z0-9_-]; anything else would need RFC 4514 escaping, which we refuse instead.
        foreach (var c in value)
        {
            if (c == ',' || c == '=' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';')
            {
                throw new ArgumentException("common name contains a distinguished-name special character", nameof(value));
            }
        }

        return value;
    }
}
