using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Tests.Fixtures;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Mqtt2Go.Device.Tests.Configuration
{
    /// <summary>The platform's ICertificateInspector adapter with the golden test certificates.</summary>
    [TestClass]
    public class CertificateInspectorTests
    {
        [TestMethod]
        public void Inspect_DeviceCertificate_ReadsCommonNameIssuerAndValidity()
        {
            CertificateInfo info = TestPlatform.CreateCertificateInspector().Inspect(TestCertificates.DeviceCertificate);

            Assert.IsNotNull(info);
            Assert.AreEqual("dev-0001", info.SubjectCommonName);
            Assert.IsTrue(info.Issuer.IndexOf("Mqtt2Go Test CA") >= 0, info.Issuer);
            Assert.AreEqual(TestCertificates.DeviceNotBeforeUnix, info.NotBeforeUnix);
            Assert.AreEqual(TestCertificates.DeviceNotAfterUnix, info.NotAfterUnix);
        }

        [TestMethod]
        public void Inspect_CaAndServerCertificates_ReadTheirCommonNames()
        {
            ICertificateInspector inspector = TestPlatform.CreateCertificateInspector();

            Assert.AreEqual("Mqtt2Go Test CA", inspector.Inspect(TestCertificates.CaCertificate).SubjectCommonName);
            Assert.AreEqual("localhost", inspector.Inspect(TestCertificates.ServerCertificate).SubjectCommonName);
        }

        [TestMethod]
        public void Inspect_NonCertificates_ReturnNull()
        {
            ICertificateInspector inspector = TestPlatform.CreateCertificateInspector();
            byte[] truncated = new byte[100];
            System.Array.Copy(TestCertificates.DeviceCertificate, truncated, truncated.Length);

            Assert.IsNull(inspector.Inspect(null));
            Assert.IsNull(inspector.Inspect(new byte[0]));
            Assert.IsNull(inspector.Inspect(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 }));
            Assert.IsNull(inspector.Inspect(truncated));
            Assert.IsNull(inspector.Inspect(TestCertificates.ThrowAwayTestKeyPkcs8));
        }

        [TestMethod]
        public void IsValidPrivateKey_AcceptsPkcs8AndRejectsOtherBytes()
        {
            ICertificateInspector inspector = TestPlatform.CreateCertificateInspector();
            byte[] truncated = new byte[60];
            System.Array.Copy(TestCertificates.ThrowAwayTestKeyPkcs8, truncated, truncated.Length);

            Assert.IsTrue(inspector.IsValidPrivateKey(TestCertificates.ThrowAwayTestKeyPkcs8));
            Assert.IsFalse(inspector.IsValidPrivateKey(null));
            Assert.IsFalse(inspector.IsValidPrivateKey(new byte[0]));
            Assert.IsFalse(inspector.IsValidPrivateKey(truncated));
            Assert.IsFalse(inspector.IsValidPrivateKey(TestCertificates.DeviceCertificate));
            Assert.IsFalse(inspector.IsValidPrivateKey(new byte[] { 1, 2, 3, 4 }));
        }
    }
}
