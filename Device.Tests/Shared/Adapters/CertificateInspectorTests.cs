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
    }
}
