namespace Mqtt2Go.Device.Tests.Adapters
{
    /// <summary>A throw-away test PKI made at run time by the platform (<c>CertificatePlatform.CreateCredentials</c>):
    /// a CA, a device certificate (CN = <see cref="TestCertificates.DeviceId"/>) with its PKCS#8 key, and a server
    /// certificate for localhost / 127.0.0.1. Nothing of it is stored in the repository.</summary>
    public sealed class TestCredentials
    {
        /// <summary>The CA certificate, DER.</summary>
        public byte[] CaCertificate { get; set; }

        /// <summary>The device certificate, DER.</summary>
        public byte[] DeviceCertificate { get; set; }

        /// <summary>The device certificate's private key, PKCS#8 DER.</summary>
        public byte[] DeviceKeyPkcs8 { get; set; }

        /// <summary>The server certificate, DER.</summary>
        public byte[] ServerCertificate { get; set; }

        /// <summary>notBefore of the device certificate, Unix seconds.</summary>
        public long DeviceNotBeforeUnix { get; set; }

        /// <summary>notAfter of the device certificate, Unix seconds.</summary>
        public long DeviceNotAfterUnix { get; set; }
    }
}
