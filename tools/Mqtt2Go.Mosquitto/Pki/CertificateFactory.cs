using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mqtt2Go.Mosquitto.Pki;

/// <summary>Creates a small throw-away ECDSA P-256 PKI for tests: a CA, server certificates and client certificates.</summary>
/// <remarks>Certificates made this way work with mosquitto 2.0 / OpenSSL 3 for mutual TLS (TLS 1.2 and 1.3).</remarks>
public static class CertificateFactory
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>Creates a self-signed CA (basicConstraints CA:true, keyCertSign).</summary>
    public static IssuedCertificate CreateCa(string commonName = "Mqtt2Go Test CA", int validDays = 3650)
    {
        ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        X509Certificate2 certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(validDays));
        return new IssuedCertificate(certificate, key);
    }

    /// <summary>Creates a server certificate (EKU serverAuth) with SAN DNS:localhost and IP:127.0.0.1 unless others are given.</summary>
    public static IssuedCertificate CreateServer(IssuedCertificate ca, string commonName = "localhost", IEnumerable<string>? dnsNames = null, IEnumerable<IPAddress>? addresses = null, int validDays = 825)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (string dns in dnsNames ?? ["localhost"])
        {
            san.AddDnsName(dns);
        }

        foreach (IPAddress ip in addresses ?? [IPAddress.Loopback])
        {
            san.AddIpAddress(ip);
        }

        return Issue(ca, commonName, ServerAuth, san.Build(), validDays);
    }

    /// <summary>Creates a client certificate (EKU clientAuth) whose CN is <paramref name="commonName"/> (the MQTT username with use_identity_as_username).</summary>
    public static IssuedCertificate CreateClient(IssuedCertificate ca, string commonName, int validDays = 825) =>
        Issue(ca, commonName, ClientAuth, null, validDays);

    private static IssuedCertificate Issue(IssuedCertificate ca, string commonName, Oid usage, X509Extension? san, int validDays)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentException.ThrowIfNullOrEmpty(commonName);
        ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca.Certificate, true, false));
        if (san != null)
        {
            request.CertificateExtensions.Add(san);
        }

        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive INTEGER (RFC 5280 §4.1.2.2)
        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateTimeOffset notAfter = now.AddDays(validDays);
        if (notAfter > ca.Certificate.NotAfter)
        {
            notAfter = ca.Certificate.NotAfter;
        }

        using X509Certificate2 publicOnly = request.Create(ca.Certificate, now.AddMinutes(-5), notAfter, serial);
        X509Certificate2 certificate = publicOnly.CopyWithPrivateKey(key);
        return new IssuedCertificate(certificate, key);
    }

    private static X500DistinguishedName Subject(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        return builder.Build();
    }
}
