using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mqtt2Go.ReferenceBroker.Pki;

/// <summary>Writes certificates and keys as PEM and DER files with owner-only permissions for keys.</summary>
public static class PemFiles
{
    /// <summary>Writes <paramref name="certificate"/> as PEM to <paramref name="pemPath"/> and as DER next to it (".der").</summary>
    public static void WriteCertificate(string pemPath, X509Certificate2 certificate)
    {
        File.WriteAllText(pemPath, certificate.ExportCertificatePem() + "\n");
        File.WriteAllBytes(Path.ChangeExtension(pemPath, ".der"), certificate.RawData);
    }

    /// <summary>Writes several certificates into one PEM bundle (e.g. a mosquitto cafile with two CAs).</summary>
    public static void WriteBundle(string pemPath, params X509Certificate2[] certificates)
    {
        File.WriteAllText(pemPath, string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n")));
    }

    /// <summary>Writes an ECDSA private key as PKCS#8 PEM and as PKCS#8 DER (".der" next to it), readable by the owner only.</summary>
    public static void WritePrivateKey(string pemPath, ECDsa key)
    {
        WriteSecret(pemPath, System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem() + "\n"));
        WriteSecret(Path.ChangeExtension(pemPath, ".der"), key.ExportPkcs8PrivateKey());
    }

    private static void WriteSecret(string path, byte[] content)
    {
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(content);
        }
    }
}
