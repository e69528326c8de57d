using Mqtt2Go.Device.Core.Ports;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Mqtt2Go.Device.Tests.Adapters
{
    /// <summary>The platform's real ICertificateInspector adapter (X509CertificateInspector on the desktop, NanoCertificateInspector
    /// on nanoFramework) with a test PKI made for this run. Skipped, with the reason, where the platform has no X.509 natives.</summary>
    [TestClass]
    public class CertificateInspectorTests
    {
        [TestMethod]
        public void Inspect_DeviceCertificate_ReadsCommonNameIssuerAndValidity()
        {
            TestCredentials pki = RealCertificates.Require();
            CertificateInfo info = CertificatePlatform.CreateInspector(pki).Inspect(pki.DeviceCertificate);

            Assert.IsNotNull(info);
            Assert.AreEqual("dev-0001", info.SubjectCommonName);
            Assert.IsTrue(info.Issuer.IndexOf("Mqtt2Go Test CA") >= 0, info.Issuer);
            Assert.AreEqual(pki.DeviceNotBeforeUnix, info.NotBeforeUnix);
            Assert.AreEqual(pki.DeviceNotAfterUnix, info.NotAfterUnix);
        }

        [TestMethod]
        public void Inspect_CaAndServerCertificates_ReadTheirCommonNames()
        {
            TestCredentials pki = RealCertificates.Require();
            ICertificateInspector inspector = CertificatePlatform.CreateInspector(pki);

            Assert.AreEqual("Mqtt2Go Test CA", inspector.Inspect(pki.CaCertificate).SubjectCommonName);
            Assert.AreEqual("localhost", inspector.Inspect(pki.ServerCertificate).SubjectCommonName);
        }

        [TestMethod]
        public void Inspect_NonCertificates_ReturnNull()
        {
            TestCredentials pki = RealCertificates.Require();
            ICertificateInspector inspector = CertificatePlatform.CreateInspector(pki);
            byte[] truncated = new byte[100];
            System.Array.Copy(pki.DeviceCertificate, truncated, truncated.Length);

            Assert.IsNull(inspector.Inspect(null));
            Assert.IsNull(inspector.Inspect(new byte[0]));
            Assert.IsNull(inspector.Inspect(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 }));
            Assert.IsNull(inspector.Inspect(truncated));
            Assert.IsNull(inspector.Inspect(pki.DeviceKeyPkcs8));
        }

        [TestMethod]
        public void IsValidPrivateKey_AcceptsPkcs8AndRejectsOtherBytes()
        {
            TestCredentials pki = RealCertificates.Require();
            ICertificateInspector inspector = CertificatePlatform.CreateInspector(pki);
            byte[] truncated = new byte[60];
            System.Array.Copy(pki.DeviceKeyPkcs8, truncated, truncated.Length);

            Assert.IsTrue(inspector.IsValidPrivateKey(pki.DeviceKeyPkcs8));
            Assert.IsFalse(inspector.IsValidPrivateKey(null));
            Assert.IsFalse(inspector.IsValidPrivateKey(new byte[0]));
            Assert.IsFalse(inspector.IsValidPrivateKey(truncated));
            Assert.IsFalse(inspector.IsValidPrivateKey(pki.DeviceCertificate));
            Assert.IsFalse(inspector.IsValidPrivateKey(new byte[] { 1, 2, 3, 4 }));
        }

        [TestMethod]
        public void IsValidPrivateKey_EcKeyNamingAnUnknownCurve_IsFalseAndDoesNotThrow()
        {
            // Fuzz finding (issue 10 item 9): PKCS#8 PrivateKeyInfo { 0, { id-ecPublicKey, 1.3.6.1.4.1.99999.1 },
            // ECPrivateKey { 1, 32 x 0x01 } }. .NET threw PlatformNotSupportedException for the unknown curve.
            TestCredentials pki = RealCertificates.Require();
            ICertificateInspector inspector = CertificatePlatform.CreateInspector(pki);

            Assert.IsFalse(inspector.IsValidPrivateKey(UnknownCurveKey()));
        }

        /// <summary>A PKCS#8 EC private key whose curve OID no platform knows.</summary>
        internal static byte[] UnknownCurveKey()
        {
            byte[] head = new byte[]
            {
                0x30, 0x42, 0x02, 0x01, 0x00,
                0x30, 0x14, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01,
                0x06, 0x09, 0x2B, 0x06, 0x01, 0x04, 0x01, 0x86, 0x8D, 0x1F, 0x01,
                0x04, 0x27, 0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20
            };
            byte[] key = new byte[head.Length + 32];
            System.Array.Copy(head, key, head.Length);
            for (int i = head.Length; i < key.Length; i++)
            {
                key[i] = 0x01;
            }

            return key;
        }
    }
}
