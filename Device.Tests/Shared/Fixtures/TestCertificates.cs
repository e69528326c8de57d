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

        /// <summary>The device key: a PKCS#8 EC P-256 structure with its public key, as the core's PrivateKeyCheck wants it,
        /// whose numbers are filler (so it is no key at all); the fake inspector accepts it (a fresh copy on every call).</summary>
        public static byte[] ThrowAwayTestKeyPkcs8
        {
            get { return EcKeyShape((byte)'k'); }
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

        /// <summary>A PKCS#8 EC (prime256v1) private-key structure with the optional public key, filled with one byte.</summary>
        public static byte[] EcKeyShape(byte filler)
        {
            byte[] ecPublicKey = { 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };
            byte[] prime256v1 = { 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
            byte[] point = new byte[66];
            point[0] = 0x00;
            point[1] = 0x04;
            for (int i = 2; i < point.Length; i++)
            {
                point[i] = filler;
            }

            byte[] secret = new byte[32];
            for (int i = 0; i < secret.Length; i++)
            {
                secret[i] = filler;
            }

            byte[] ecPrivateKey = Tlv(0x30, Join(Join(new byte[] { 0x02, 0x01, 0x01 }, Tlv(0x04, secret)),
                Join(Tlv(0xA0, prime256v1), Tlv(0xA1, Tlv(0x03, point)))));
            byte[] algorithm = Tlv(0x30, Join(ecPublicKey, prime256v1));
            return Tlv(0x30, Join(Join(new byte[] { 0x02, 0x01, 0x00 }, algorithm), Tlv(0x04, ecPrivateKey)));
        }

        private static byte[] Tlv(int tag, byte[] content)
        {
            int header = content.Length < 0x80 ? 2 : 3;
            byte[] result = new byte[header + content.Length];
            result[0] = (byte)tag;
            if (header == 2)
            {
                result[1] = (byte)content.Length;
            }
            else
            {
                result[1] = 0x81;
                result[2] = (byte)content.Length;
            }

            Array.Copy(content, 0, result, header, content.Length);
            return result;
        }

        private static byte[] Join(byte[] a, byte[] b)
        {
            byte[] result = new byte[a.Length + b.Length];
            Array.Copy(a, 0, result, 0, a.Length);
            Array.Copy(b, 0, result, a.Length, b.Length);
            return result;
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
