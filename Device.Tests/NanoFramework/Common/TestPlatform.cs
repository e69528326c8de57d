using System.IO;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Esp32;
using Mqtt2Go.Device.Tests.Fixtures;

namespace Mqtt2Go.Device.Tests
{
    /// <summary>The nanoFramework platform services for the shared tests (the desktop twin has its own TestPlatform).</summary>
    /// <remarks>nanoFramework cannot generate keys, so the throw-away test PKI is made on a PC and deployed with the test
    /// run to the board's internal drive (see Device.Tests/NanoFramework/README.md). The certificate tests need a real
    /// board anyway: the virtual nanoCLR has no System.Net (X509Certificate).</remarks>
    public static class TestPlatform
    {
        /// <summary>Folder on the board's internal drive holding the test PKI.</summary>
        public const string CredentialsFolder = "I:\\m2g-test\\";

        /// <summary>The JSON port as the device implements it.</summary>
        public static IJson CreateJson()
        {
            return new NanoJson();
        }

        /// <summary>The certificate port as the device implements it.</summary>
        public static ICertificateInspector CreateCertificateInspector()
        {
            return new NanoCertificateInspector(TestCertificates.CaCertificate);
        }

        /// <summary>Reads the test PKI deployed to the board; throws with the missing file's name when it is not there.</summary>
        public static TestCredentials CreateCredentials()
        {
            TestCredentials credentials = new TestCredentials();
            credentials.CaCertificate = ReadRequired("ca.der");
            credentials.DeviceCertificate = ReadRequired("device.der");
            credentials.DeviceKeyPkcs8 = ReadRequired("device-key.der");
            credentials.ServerCertificate = ReadRequired("server.der");
            // Validity the PC-side generator uses (Device.Tests/NanoFramework/make-test-pki.sh): 2020-01-01 .. 2120-01-01 UTC.
            credentials.DeviceNotBeforeUnix = 1577836800;
            credentials.DeviceNotAfterUnix = 4733510400;
            return credentials;
        }

        private static byte[] ReadRequired(string name)
        {
            string path = CredentialsFolder + name;
            if (!File.Exists(path))
            {
                throw new IOException("test PKI file missing on the board: " + path + " (see Device.Tests/NanoFramework/README.md)");
            }

            return File.ReadAllBytes(path);
        }
    }
}
