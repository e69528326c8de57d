using System.Security.Cryptography.X509Certificates;

namespace Mqtt2Go.ReferenceBroker.Pki;

/// <summary>A certificate with its private key written to disk as PEM (for mosquitto, libmosquitto and Kestrel).</summary>
/// <param name="CommonName">The certificate's subject CN.</param>
/// <param name="Certificate">The certificate (public part).</param>
/// <param name="CertificatePemPath">PEM certificate path (a ".der" sibling holds the DER form).</param>
/// <param name="KeyPemPath">PKCS#8 PEM private key path (a ".der" sibling holds PKCS#8 DER).</param>
public sealed record IssuedCredential(string CommonName, X509Certificate2 Certificate, string CertificatePemPath, string KeyPemPath);
