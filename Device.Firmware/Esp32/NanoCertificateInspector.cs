using System;
using System.Security.Cryptography.X509Certificates;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>The device's <see cref="ICertificateInspector"/> over nanoFramework System.Net's X509 classes (mbedTLS).</summary>
    /// <remarks>
    /// Facts from nanoframework/System.Net @713b02c (2026-06-29), nanoFramework.System.Net/X509Certificates/*.cs, and
    /// nanoframework/nf-interpreter src/DeviceInterfaces/System.Net/sys_net_native_System_Security_Cryptography_X509Certificates_X509Certificate{,2}.cpp:
    /// - <c>X509Certificate(byte[] certificate)</c> stores the bytes as they are and parses them natively
    ///   (ParseCertificate -> mbedtls_x509_crt_parse); members used: <c>Subject</c>, <c>Issuer</c>,
    ///   <c>GetEffectiveDate()</c>, <c>GetExpirationDate()</c>. Subject and issuer are mbedtls_x509_dn_gets text such as
    ///   "O=Mqtt2Go Test, CN=dev-0001" (src/PAL/COM/sockets/ssl/MbedTLS/ssl_parse_certificate_internal.cpp).
    /// - There is no key-only API: the key is checked by <c>X509Certificate2(byte[] rawData, byte[] key, string password)</c>,
    ///   whose DecodePrivateKeyNative(key, password) runs mbedtls_pk_parse_key on the key alone
    ///   (ssl_decode_private_key_internal.cpp); rawData must still be a certificate that parses, so the inspector is given
    ///   any valid certificate (the trust anchor on the device) as the carrier. mbedtls_pk_parse_key also accepts SEC1 and
    ///   PKCS#1 keys, so the device is slightly more lenient than the desktop adapter (PKCS#8 only).
    /// - A parse failure leaves the native call with CLR_E_INVALID_PARAMETER, which the CLR raises as ArgumentException
    ///   (nf-interpreter src/CLR/CorLib/corlib_native_System_Exception.cpp, c_ExceptionLookup:
    ///   CLR_E_INVALID_PARAMETER -> m_ArgumentException).
    /// - mbedtls_x509_crt_parse also accepts PEM and chains; the port carries one DER certificate, so only input starting
    ///   with an ASN.1 SEQUENCE (0x30) is passed on.
    /// </remarks>
    public sealed class NanoCertificateInspector : ICertificateInspector
    {
        private readonly byte[] _carrierCertificate;

        /// <summary>Creates the inspector; carrierCertificateDer is any DER certificate that parses (used only to check keys).</summary>
        public NanoCertificateInspector(byte[] carrierCertificateDer)
        {
            _carrierCertificate = carrierCertificateDer;
        }

        /// <summary>Parses a DER certificate; returns null when it is not one.</summary>
        public CertificateInfo Inspect(byte[] der)
        {
            if (der == null || der.Length == 0 || der[0] != 0x30)
            {
                return null;
            }

            try
            {
                X509Certificate certificate = new X509Certificate(der);
                return new CertificateInfo(
                    CommonName(certificate.Subject),
                    certificate.Issuer,
                    certificate.GetEffectiveDate().ToUnixTimeSeconds(),
                    certificate.GetExpirationDate().ToUnixTimeSeconds());
            }
            catch (Exception)
            {
                // The bytes come from the network. ParseCertificate refuses them with ArgumentException
                // (CLR_E_INVALID_PARAMETER); since nf-interpreter #3468 parse errors may also surface as
                // CryptographicException. Either way: not a certificate, and nothing may escape into the core.
                return null;
            }
        }

        /// <summary>True when mbedTLS parses the bytes as an unencrypted private key.</summary>
        public bool IsValidPrivateKey(byte[] pkcs8Der)
        {
            if (pkcs8Der == null || pkcs8Der.Length == 0 || _carrierCertificate == null)
            {
                return false;
            }

            try
            {
                // Constructed for its side effect: the constructor throws when mbedtls_pk_parse_key fails.
                X509Certificate2 probe = new X509Certificate2(_carrierCertificate, pkcs8Der, null);
                return probe.HasPrivateKey;
            }
            catch (Exception)
            {
                // DecodePrivateKeyNative fails with CLR_E_INVALID_PARAMETER (ArgumentException) or, on newer firmware,
                // CryptographicException: not a key we can use.
                return false;
            }
        }

        private static string CommonName(string subject)
        {
            // mbedtls_x509_dn_gets separates RDNs with ", " and writes "CN=<value>".
            if (subject == null)
            {
                return string.Empty;
            }

            string[] parts = subject.Split(',');
            for (int i = 0; i < parts.Length; i++)
            {
                string part = parts[i].Trim();
                if (part.Length >= 3 && part.Substring(0, 3) == "CN=")
                {
                    return part.Substring(3);
                }
            }

            return string.Empty;
        }
    }
}
