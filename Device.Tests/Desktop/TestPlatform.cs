using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Desktop.Crypto;
using Mqtt2Go.Device.Desktop.Json;
using Mqtt2Go.Device.Tests.Adapters;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Mqtt2Go.Device.Tests
{
    /// <summary>The desktop's platform services for the shared tests (the nanoFramework assemblies have their own).</summary>
    public static class TestPlatform
    {
        /// <summary>The JSON port as the desktop implements it.</summary>
        public static IJson CreateJson()
        {
            return new SystemTextJson();
        }

        /// <summary>Ends the calling test as skipped (MSTest: inconclusive) with the reason.</summary>
        public static void Skip(string reason)
        {
            Assert.Inconclusive(reason);
        }
    }

    /// <summary>The desktop's real certificate inspector and test PKI for the tests in Shared/Adapters.</summary>
    public static class CertificatePlatform
    {
        /// <summary>Fixed validity so that tests on a fake clock (which starts in 2023) see the certificates as valid.</summary>
        private static readonly DateTimeOffset NotBefore = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private static readonly DateTimeOffset NotAfter = new DateTimeOffset(2120, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>Null: .NET always has X.509.</summary>
        public static string UnavailableReason()
        {
            return null;
        }

        /// <summary>The certificate port as the desktop implements it.</summary>
        public static ICertificateInspector CreateInspector(TestCredentials credentials)
        {
            return new X509CertificateInspector();
        }

        /// <summary>Makes a throw-away ECDSA P-256 CA, device certificate + key and server certificate for this test run.</summary>
        public static TestCredentials CreateCredentials()
        {
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var caRequest = new CertificateRequest("O=Mqtt2Go Test, CN=Mqtt2Go Test CA", caKey, HashAlgorithmName.SHA256);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
            using var ca = caRequest.CreateSelfSigned(NotBefore, NotAfter);

            using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var deviceRequest = new CertificateRequest("O=Mqtt2Go Test, CN=dev-0001", deviceKey, HashAlgorithmName.SHA256);
            deviceRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            deviceRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            deviceRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, false));
            using var device = deviceRequest.Create(ca, NotBefore, NotAfter, new byte[] { 2 });

            using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var serverRequest = new CertificateRequest("O=Mqtt2Go Test, CN=localhost", serverKey, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            serverRequest.CertificateExtensions.Add(san.Build());
            serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            using var server = serverRequest.Create(ca, NotBefore, NotAfter, new byte[] { 3 });

            return new TestCredentials
            {
                CaCertificate = ca.RawData,
                DeviceCertificate = device.RawData,
                DeviceKeyPkcs8 = deviceKey.ExportPkcs8PrivateKey(),
                ServerCertificate = server.RawData,
                DeviceNotBeforeUnix = NotBefore.ToUnixTimeSeconds(),
                DeviceNotAfterUnix = NotAfter.ToUnixTimeSeconds(),
            };
        }
    }
}
