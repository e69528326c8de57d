using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Desktop.Crypto
{
    /// <summary>The desktop <see cref="ICertificateInspector"/>: .NET's X509CertificateLoader, ECDsa and RSA.</summary>
    public sealed class X509CertificateInspector : ICertificateInspector
    {
        private const string CommonNameOid = "2.5.4.3";

        /// <summary>Parses a DER certificate; returns null for anything else (PEM included: the port carries DER).</summary>
        public CertificateInfo Inspect(byte[] der)
        {
            // A DER certificate is an ASN.1 SEQUENCE (0x30); LoadCertificate would also accept PEM, which the device does not.
            if (der == null || der.Length == 0 || der[0] != 0x30)
            {
                return null;
            }

            try
            {
                using (X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(der))
                {
                    return new CertificateInfo(
                        CommonName(certificate.SubjectName),
                        certificate.Issuer,
                        new DateTimeOffset(certificate.NotBefore.ToUniversalTime()).ToUnixTimeSeconds(),
                        new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds());
                }
            }
            catch (Exception e) when (IsBadInput(e))
            {
                // Not a certificate (or one the platform cannot represent): the port's contract is a null result.
                return null;
            }
        }

        /// <summary>True when the bytes are exactly one PKCS#8 DER private key (EC or RSA).</summary>
        public bool IsValidPrivateKey(byte[] pkcs8Der)
        {
            if (pkcs8Der == null || pkcs8Der.Length == 0)
            {
                return false;
            }

            return CanImport(ECDsa.Create(), pkcs8Der) || CanImport(RSA.Create(), pkcs8Der);
        }

        private static bool CanImport(AsymmetricAlgorithm algorithm, byte[] pkcs8Der)
        {
            using (algorithm)
            {
                try
                {
                    int read;
                    algorithm.ImportPkcs8PrivateKey(pkcs8Der, out read);
                    return read == pkcs8Der.Length;
                }
                catch (Exception e) when (IsBadInput(e))
                {
                    // Wrong algorithm, not a key, or a curve / parameter set this platform does not support
                    // (PlatformNotSupportedException, issue 10 item 9): report false.
                    return false;
                }
            }
        }

        /// <summary>What .NET throws for bytes that are not a usable certificate or key: CryptographicException, and for
        /// well-formed ASN.1 naming something unsupported PlatformNotSupportedException, NotSupportedException,
        /// ArgumentException or FormatException (issue 10 item 9). Only resource exhaustion is let through.</summary>
        private static bool IsBadInput(Exception e)
        {
            return e is not OutOfMemoryException and not StackOverflowException and not ThreadAbortException;
        }

        private static string CommonName(X500DistinguishedName name)
        {
            foreach (X500RelativeDistinguishedName part in name.EnumerateRelativeDistinguishedNames())
            {
                if (!part.HasMultipleElements && part.GetSingleElementType().Value == CommonNameOid)
                {
                    return part.GetSingleElementValue() ?? string.Empty;
                }
            }

            return string.Empty;
        }
    }
}
