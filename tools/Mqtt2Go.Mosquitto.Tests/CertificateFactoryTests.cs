using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mqtt2Go.Mosquitto.Pki;

namespace Mqtt2Go.Mosquitto.Tests;

[TestClass]
public sealed class CertificateFactoryTests
{
    [TestMethod]
    public void ClientCertificate_DerAndPkcs8_RoundTripToIdenticalPem()
    {
        using IssuedCertificate ca = CertificateFactory.CreateCa();
        using IssuedCertificate device = CertificateFactory.CreateClient(ca, "dev-42");

        byte[] der = device.CertificateDer;
        byte[] keyDer = device.PrivateKeyPkcs8Der;
        using X509Certificate2 reloaded = X509CertificateLoader.LoadCertificate(der);
        using ECDsa key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(keyDer, out int read);

        Console.WriteLine($"device cert DER {der.Length} B, PKCS#8 key DER {keyDer.Length} B");
        Assert.AreEqual(device.CertificatePem, reloaded.ExportCertificatePem());
        Assert.AreEqual(device.PrivateKeyPem, key.ExportPkcs8PrivateKeyPem());
        Assert.AreEqual(keyDer.Length, read);
        Assert.AreEqual("dev-42", device.CommonName);
        Assert.IsTrue(der.Length < 600);
    }

    [TestMethod]
    public void Certificates_ChainToCa_WithExpectedUsages()
    {
        using IssuedCertificate ca = CertificateFactory.CreateCa();
        using IssuedCertificate server = CertificateFactory.CreateServer(ca);
        using IssuedCertificate client = CertificateFactory.CreateClient(ca, "dev-1");
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        bool serverOk = chain.Build(server.Certificate);
        string san = server.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().Format(false);
        string serverEku = server.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages[0].Value!;
        string clientEku = client.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages[0].Value!;

        Assert.IsTrue(serverOk, string.Join(",", chain.ChainStatus.Select(s => s.StatusInformation)));
        StringAssert.Contains(san, "localhost");
        StringAssert.Contains(san, "127.0.0.1");
        Assert.AreEqual("1.3.6.1.5.5.7.3.1", serverEku);
        Assert.AreEqual("1.3.6.1.5.5.7.3.2", clientEku);
        Assert.IsTrue(ca.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void WritePemFiles_KeyFile_IsOwnerOnly()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mqtt2go-pki-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using IssuedCertificate ca = CertificateFactory.CreateCa();
            (string certFile, string keyFile) = ca.WritePemFiles(dir, "ca");

            StringAssert.StartsWith(File.ReadAllText(certFile), "-----BEGIN CERTIFICATE-----");
            StringAssert.StartsWith(File.ReadAllText(keyFile), "-----BEGIN PRIVATE KEY-----");
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
