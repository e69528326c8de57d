using System;

namespace Mqtt2Go.Device.Tests.Fixtures
{
    /// <summary>The shared tests' certificates and key, made once per test run by the platform
    /// (<c>TestPlatform.CreateCredentials</c>): generated with .NET crypto on the desktop, read from files deployed to
    /// the board for the nanoFramework runner. No private key is committed to the repository.</summary>
    public static class TestCertificates
    {
        /// <summary>The device certificate's subject CN.</summary>
        public const string DeviceId = "dev-0001";

        private static readonly object Sync = new object();
        private static TestCredentials _credentials;

        /// <summary>notBefore of the device certificate, Unix seconds.</summary>
        public static long DeviceNotBeforeUnix
        {
            get { return Credentials.DeviceNotBeforeUnix; }
        }

        /// <summary>notAfter of the device certificate, Unix seconds.</summary>
        public static long DeviceNotAfterUnix
        {
            get { return Credentials.DeviceNotAfterUnix; }
        }

        /// <summary>The test CA certificate, DER (a fresh copy on every call).</summary>
        public static byte[] CaCertificate
        {
            get { return Copy(Credentials.CaCertificate); }
        }

        /// <summary>The device certificate (CN = dev-0001), DER (a fresh copy on every call).</summary>
        public static byte[] DeviceCertificate
        {
            get { return Copy(Credentials.DeviceCertificate); }
        }

        /// <summary>The server certificate (CN = localhost, IP SAN 127.0.0.1), DER (a fresh copy on every call).</summary>
        public static byte[] ServerCertificate
        {
            get { return Copy(Credentials.ServerCertificate); }
        }

        /// <summary>The device certificate's PKCS#8 DER key, made for this test run only.</summary>
        public static byte[] ThrowAwayTestKeyPkcs8
        {
            get { return Copy(Credentials.DeviceKeyPkcs8); }
        }

        /// <summary>The device certificate as standard base64, as it appears in JSON.</summary>
        public static string DeviceCertificateBase64
        {
            get { return Convert.ToBase64String(Credentials.DeviceCertificate); }
        }

        /// <summary>The CA certificate as standard base64.</summary>
        public static string CaCertificateBase64
        {
            get { return Convert.ToBase64String(Credentials.CaCertificate); }
        }

        /// <summary>The test key as standard base64.</summary>
        public static string ThrowAwayTestKeyBase64Text
        {
            get { return Convert.ToBase64String(Credentials.DeviceKeyPkcs8); }
        }

        private static TestCredentials Credentials
        {
            get
            {
                lock (Sync)
                {
                    if (_credentials == null)
                    {
                        _credentials = TestPlatform.CreateCredentials();
                    }

                    return _credentials;
                }
            }
        }

        private static byte[] Copy(byte[] source)
        {
            byte[] copy = new byte[source.Length];
            Array.Copy(source, copy, source.Length);
            return copy;
        }
    }
}
