using System;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Tests.Fakes;

namespace Mqtt2Go.Device.Tests.Fixtures
{
    /// <summary>The byte blobs the core's tests use where a device has certificates and keys, and the fake inspector that
    /// describes them. The core sees certificates only through <see cref="ICertificateInspector"/>, so its logic is tested
    /// without a certificate parser: no X.509 natives, no file system, no private key anywhere. Only the tests of the real
    /// inspectors (Shared/Adapters) parse real certificates, made at run time (<see cref="RealCertificates"/>).</summary>
    public static class TestCertificates
    {
        /// <summary>The device certificate's subject CN.</summary>
        public const string DeviceId = "dev-0001";

        /// <summary>CN of the test CA.</summary>
        public const string CaCommonName = "Mqtt2Go Test CA";

        /// <summary>Issuer of the device and server certificates, as a platform prints it.</summary>
        public const string CaIssuer = "O=Mqtt2Go Test, CN=Mqtt2Go Test CA";

        /// <summary>notBefore of the device certificate, Unix seconds (2020-01-01T00:00:00Z).</summary>
        public const long DeviceNotBeforeUnix = 1577836800;

        /// <summary>notAfter of the device certificate, Unix seconds (2120-01-01T00:00:00Z).</summary>
        public const long DeviceNotAfterUnix = 4733510400;

        /// <summary>The CA certificate blob (a fresh copy on every call).</summary>
        public static byte[] CaCertificate
        {
            get { return Blob("test CA certificate"); }
        }

        /// <summary>The device certificate blob, CN = dev-0001 (a fresh copy on every call).</summary>
        public static byte[] DeviceCertificate
        {
            get { return Blob("test device certificate CN=dev-0001"); }
        }

        /// <summary>A server certificate blob, CN = localhost: a certificate, but not the CA (a fresh copy on every call).</summary>
        public static byte[] ServerCertificate
        {
            get { return Blob("test server certificate CN=localhost"); }
        }

        /// <summary>The device key blob that the fake inspector accepts as a PKCS#8 key (a fresh copy on every call).</summary>
        public static byte[] ThrowAwayTestKeyPkcs8
        {
            get { return Blob("test device key (not a key)"); }
        }

        /// <summary>The device certificate as standard base64, as it appears in JSON.</summary>
        public static string DeviceCertificateBase64
        {
            get { return Convert.ToBase64String(DeviceCertificate); }
        }

        /// <summary>The CA certificate as standard base64.</summary>
        public static string CaCertificateBase64
        {
            get { return Convert.ToBase64String(CaCertificate); }
        }

        /// <summary>The key blob as standard base64.</summary>
        public static string ThrowAwayTestKeyBase64Text
        {
            get { return Convert.ToBase64String(ThrowAwayTestKeyPkcs8); }
        }

        /// <summary>An inspector that knows the three certificates and the key above, and nothing else.</summary>
        public static FakeCertificateInspector CreateInspector()
        {
            FakeCertificateInspector inspector = new FakeCertificateInspector();
            inspector.AddCertificate(CaCertificate, new CertificateInfo(CaCommonName, CaIssuer, DeviceNotBeforeUnix, DeviceNotAfterUnix));
            inspector.AddCertificate(DeviceCertificate, new CertificateInfo(DeviceId, CaIssuer, DeviceNotBeforeUnix, DeviceNotAfterUnix));
            inspector.AddCertificate(ServerCertificate, new CertificateInfo("localhost", CaIssuer, DeviceNotBeforeUnix, DeviceNotAfterUnix));
            inspector.AddKey(ThrowAwayTestKeyPkcs8);
            return inspector;
        }

        /// <summary>A 96-byte blob: a DER SEQUENCE header, then the label repeated. Distinct labels give distinct blobs.</summary>
        public static byte[] Blob(string label)
        {
            byte[] blob = new byte[96];
            blob[0] = 0x30;
            blob[1] = 0x5E;
            for (int i = 2; i < blob.Length; i++)
            {
                blob[i] = (byte)label[(i - 2) % label.Length];
            }

            return blob;
        }
    }
}
