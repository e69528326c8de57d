using System;
using System.Security.Cryptography.X509Certificates;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Esp32;

namespace Mqtt2Go.Device.Tests.Adapters
{
    /// <summary>nanoFramework's real certificate inspector and test PKI for the tests in Shared/Adapters.</summary>
    /// <remarks>nanoFramework cannot generate keys, so the throw-away PKI is generated on the PC at build time into
    /// Generated/TestPki.g.cs (Device.Tests/NanoFramework/make-test-pki.sh; git-ignored, never committed). The POSIX
    /// nanoCLR has no System.Net natives: there X509Certificate throws NotSupportedException and the tests are skipped.</remarks>
    public static class CertificatePlatform
    {
        /// <summary>Why the real inspector cannot be tested here, or null when it can.</summary>
        public static string UnavailableReason()
        {
            try
            {
                // Not a certificate: a platform with the natives refuses it with ArgumentException/CryptographicException.
                new X509Certificate(new byte[] { 0x30, 0x00 });
            }
            catch (NotSupportedException)
            {
                return "this nanoCLR has no System.Net X509Certificate natives (the POSIX host has none; run on a board)";
            }
            catch (Exception)
            {
                // The natives exist and refused the bytes, as they should.
            }

#if HAS_TEST_PKI
            return null;
#else
            return "no test PKI compiled in: run Device.Tests/NanoFramework/make-test-pki.sh before building";
#endif
        }

        /// <summary>The certificate port as the device implements it.</summary>
        public static ICertificateInspector CreateInspector(TestCredentials credentials)
        {
            return new NanoCertificateInspector(credentials.CaCertificate);
        }

        /// <summary>The generated test PKI.</summary>
        public static TestCredentials CreateCredentials()
        {
            TestCredentials credentials = new TestCredentials();
#if HAS_TEST_PKI
            credentials.CaCertificate = GeneratedTestPki.CaCertificate();
            credentials.DeviceCertificate = GeneratedTestPki.DeviceCertificate();
            credentials.DeviceKeyPkcs8 = GeneratedTestPki.DeviceKeyPkcs8();
            credentials.ServerCertificate = GeneratedTestPki.ServerCertificate();
#endif
            // Validity make-test-pki.sh gives the device certificate: 2020-01-01 .. 2120-01-01 UTC.
            credentials.DeviceNotBeforeUnix = 1577836800;
            credentials.DeviceNotAfterUnix = 4733510400;
            return credentials;
        }
    }
}
