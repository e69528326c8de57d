using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mqtt2Go.Mosquitto.Pki;

/// <summary>A certificate with its ECDSA P-256 private key, exportable as PEM files or ESP32-style DER blobs.</summary>
public sealed class IssuedCertificate : IDisposable
{
    internal IssuedCertificate(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        Key = key;
    }

    /// <summary>The certificate, with the private key attached so it can sign (CA) or be used by .NET TLS.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The private key.</summary>
    public ECDsa Key { get; }

    /// <summary>The subject common name.</summary>
    public string CommonName => Certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);

    /// <summary>The certificate as PEM ("-----BEGIN CERTIFICATE-----").</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>The private key as unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"); a secret, never log it.</summary>
    public string PrivateKeyPem => Key.ExportPkcs8PrivateKeyPem();

    /// <summary>The certificate as DER bytes (about 420 bytes for a P-256 leaf).</summary>
    public byte[] CertificateDer => Certificate.RawData;

    /// <summary>The private key as unencrypted PKCS#8 DER bytes (about 140 bytes); a secret.</summary>
    public byte[] PrivateKeyPkcs8Der => Key.ExportPkcs8PrivateKey();

    /// <summary>Writes the certificate and key as PEM files (key readable by the owner only) and returns their paths.</summary>
    public (string CertFile, string KeyFile) WritePemFiles(string directory, string baseName)
    {
        Directory.CreateDirectory(directory);
        string certFile = Path.Combine(directory, baseName + ".crt.pem");
        string keyFile = Path.Combine(directory, baseName + ".key.pem");
        File.WriteAllText(certFile, CertificatePem);
        File.WriteAllText(keyFile, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(keyFile, PrivateKeyPem);
        return (certFile, keyFile);
    }

    /// <summary>Writes only the certificate as a PEM file (e.g. a CA file for trust) and returns its path.</summary>
    public string WriteCertificatePem(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, CertificatePem);
        return path;
    }

    /// <summary>Disposes the certificate and the key.</summary>
    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }
}
