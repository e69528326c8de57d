using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Desktop.Crypto;
using Mqtt2Go.Device.Desktop.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Mqtt2Go.Identity.Tests;

[TestClass]
public sealed class MintedFilesTests
{
    [TestMethod]
    public void FactoryKeyParsesAndMatchesTheFactoryCertificate()
    {
        using var temp = new TempFolder();
        var minted = FactoryIdentityMinter.Mint(Fixture.Options(temp));

        using var certificate = X509CertificateLoader.LoadCertificate(File.ReadAllBytes(Path.Combine(minted.OutputDirectory, StoreNames.FactoryCertificate)));
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(File.ReadAllBytes(Path.Combine(minted.OutputDirectory, StoreNames.FactoryKey)), out var read);
        Assert.AreEqual(new FileInfo(Path.Combine(minted.OutputDirectory, StoreNames.FactoryKey)).Length, read);
        Assert.AreEqual(256, key.KeySize);

        using var publicKey = certificate.GetECDsaPublicKey()!;
        CollectionAssert.AreEqual(publicKey.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfo());
        var data = "proof of possession"u8.ToArray();
        Assert.IsTrue(publicKey.VerifyData(data, key.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
        CollectionAssert.AreEqual(minted.FactoryCertificateDer, certificate.RawData);
    }

    [TestMethod]
    public void FactoryCertificateNamesTheDeviceAndIsForClientAuthentication()
    {
        using var temp = new TempFolder();
        var options = Fixture.Options(temp);
        options.DeviceId = "kitchen_switch-01";
        var minted = FactoryIdentityMinter.Mint(options);

        using var certificate = minted.LoadFactoryCertificate();
        Assert.AreEqual("kitchen_switch-01", certificate.GetNameInfo(X509NameType.SimpleName, false));
        Assert.AreEqual("CN=kitchen_switch-01", certificate.Subject);
        var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.AreEqual(1, eku.EnhancedKeyUsages.Count);
        Assert.AreEqual("1.3.6.1.5.5.7.3.2", eku.EnhancedKeyUsages[0].Value);
        Assert.IsFalse(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.IsTrue(certificate.NotAfter > DateTime.UtcNow.AddYears(1));
    }

    [TestMethod]
    public void FactoryCertificateChainsToTheManufacturerCaAndNotToTheTrustAnchor()
    {
        using var temp = new TempFolder();
        var minted = FactoryIdentityMinter.Mint(Fixture.Options(temp));
        using var certificate = minted.LoadFactoryCertificate();
        using var manufacturer = X509CertificateLoader.LoadCertificate(File.ReadAllBytes(Path.Combine(temp.Sub("broker"), "pki", "manufacturer-ca.der")));
        CollectionAssert.AreEqual(manufacturer.RawData, minted.ManufacturerCaDer);

        Assert.IsTrue(Chains(certificate, manufacturer));
        using var trustAnchor = X509CertificateLoader.LoadCertificate(minted.TrustAnchorDer);
        Assert.IsFalse(Chains(certificate, trustAnchor));
    }

    [TestMethod]
    public void TrustAnchorIsTheServiceCaOfTheBrokerWorkingDirectory()
    {
        using var temp = new TempFolder();
        var minted = FactoryIdentityMinter.Mint(Fixture.Options(temp));
        var serviceCa = File.ReadAllBytes(Path.Combine(temp.Sub("broker"), "pki", "service-ca.der"));

        CollectionAssert.AreEqual(serviceCa, File.ReadAllBytes(Path.Combine(minted.OutputDirectory, StoreNames.TrustAnchor)));
        using var anchor = X509CertificateLoader.LoadCertificate(serviceCa);
        Assert.IsTrue(anchor.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [TestMethod]
    public void IdentityJsonHasExactlyTheKeysTheFirmwareReads()
    {
        using var temp = new TempFolder();
        var options = Fixture.Options(temp);
        options.DeviceType = "plug";
        var minted = FactoryIdentityMinter.Mint(options);

        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(minted.OutputDirectory, StoreNames.IdentityJson)));
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        CollectionAssert.AreEqual(new[] { "device_id", "activation_code", "device_type", "discovery_host", "discovery_port" }, keys);
        Assert.AreEqual(minted.DeviceId, json.RootElement.GetProperty("device_id").GetString());
        Assert.AreEqual(minted.ActivationCode, json.RootElement.GetProperty("activation_code").GetString());
        Assert.AreEqual(13, minted.ActivationCode.Length);
        Assert.AreEqual("plug", json.RootElement.GetProperty("device_type").GetString());
        Assert.AreEqual(Fixture.DiscoveryHost, json.RootElement.GetProperty("discovery_host").GetString());
        Assert.AreEqual(Fixture.DiscoveryPort, json.RootElement.GetProperty("discovery_port").GetInt32());
    }

    [TestMethod]
    public void FirmwareConfigurationLoaderAcceptsTheOutputFolder()
    {
        using var temp = new TempFolder();
        var minted = FactoryIdentityMinter.Mint(Fixture.Options(temp));

        var result = new ConfigurationLoader(new SystemTextJson(), new X509CertificateInspector()).Load(new FolderStore(minted.OutputDirectory));

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Problems));
        var identity = result.Configuration.Identity;
        Assert.AreEqual(minted.DeviceId, identity.DeviceId);
        Assert.AreEqual(minted.ActivationCode, identity.ActivationCode);
        Assert.AreEqual("switch", identity.DeviceType);
        Assert.AreEqual(Fixture.DiscoveryHost, identity.DiscoveryHost);
        Assert.AreEqual(Fixture.DiscoveryPort, identity.DiscoveryPort);
        CollectionAssert.AreEqual(minted.TrustAnchorDer, identity.TrustAnchor);
        CollectionAssert.AreEqual(minted.FactoryCertificateDer, identity.FactoryCertificate);
        Assert.IsNull(result.Configuration.Broker);
    }

    [TestMethod]
    public void FirmwareConfigurationLoaderRejectsAFolderWithAnotherDevicesCertificate()
    {
        // Shows the previous test can fail: the loader really checks the folder's content.
        using var temp = new TempFolder();
        var first = FactoryIdentityMinter.Mint(Fixture.Options(temp, "a"));
        var second = FactoryIdentityMinter.Mint(Fixture.Options(temp, "b"));
        File.Copy(Path.Combine(second.OutputDirectory, StoreNames.FactoryCertificate), Path.Combine(first.OutputDirectory, StoreNames.FactoryCertificate), true);

        var result = new ConfigurationLoader(new SystemTextJson(), new X509CertificateInspector()).Load(new FolderStore(first.OutputDirectory));

        Assert.IsFalse(result.IsValid);
        Assert.IsTrue(result.Problems.Any(p => p.StartsWith(StoreNames.FactoryCertificate, StringComparison.Ordinal)), string.Join("; ", result.Problems));
    }

    [TestMethod]
    public void DeployJsonListsTheFourDeviceFilesOnDriveI()
    {
        using var temp = new TempFolder();
        var options = Fixture.Options(temp);
        options.SerialPort = "/dev/ttyUSB0";
        var minted = FactoryIdentityMinter.Mint(options);

        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(minted.OutputDirectory, OutputFiles.DeployJson)));
        Assert.AreEqual("/dev/ttyUSB0", json.RootElement.GetProperty("SerialPort").GetString());
        var files = json.RootElement.GetProperty("Files").EnumerateArray().ToArray();
        Assert.AreEqual(4, files.Length);
        var expected = new[] { "identity.json", "trust-anchor.der", "factory-cert.der", "factory-key.der" };
        for (var i = 0; i < files.Length; i++)
        {
            Assert.AreEqual("I:\\" + expected[i], files[i].GetProperty("DestinationFilePath").GetString());
            var source = files[i].GetProperty("SourceFilePath").GetString()!;
            Assert.IsTrue(Path.IsPathFullyQualified(source), source);
            Assert.AreEqual(Path.Combine(minted.OutputDirectory, expected[i]), source);
            Assert.IsTrue(File.Exists(source), source);
        }

        CollectionAssert.AreEqual(minted.DeviceFiles.ToArray(), files.Select(f => f.GetProperty("SourceFilePath").GetString()).ToArray());
    }

    [TestMethod]
    public void DeployJsonLeavesTheSerialPortOutWhenNoneIsGiven()
    {
        using var temp = new TempFolder();
        var minted = FactoryIdentityMinter.Mint(Fixture.Options(temp));

        using var json = JsonDocument.Parse(File.ReadAllBytes(minted.DeployJsonPath));
        Assert.IsFalse(json.RootElement.TryGetProperty("SerialPort", out _));
    }

    [TestMethod]
    public void FactoryKeyAndOutputFolderAreOwnerOnly()
    {
        using var temp = new TempFolder();
        var minted = FactoryIdentityMinter.Mint(Fixture.Options(temp));

        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Unix file modes only");
        }
        else
        {
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(minted.OutputDirectory, StoreNames.FactoryKey)));
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(minted.OutputDirectory));
        }
    }

    [TestMethod]
    public void LabelTextShowsTheDeviceIdTheGroupedCodeAndTheQrText()
    {
        using var temp = new TempFolder();
        var options = Fixture.Options(temp);
        options.DeviceId = "label-test";
        var minted = FactoryIdentityMinter.Mint(options);

        var text = File.ReadAllText(minted.LabelTextPath);
        Assert.AreEqual(minted.LabelText, text);
        var grouped = minted.ActivationCode[..4] + "-" + minted.ActivationCode[4..8] + "-" + minted.ActivationCode[8..12] + "-" + minted.ActivationCode[12];
        Assert.AreEqual(grouped, minted.FormattedActivationCode);
        StringAssert.Contains(text, "label-test");
        StringAssert.Contains(text, grouped);
        Assert.AreEqual("MQTT2GO:1:label-test:" + minted.ActivationCode, minted.QrText);
        StringAssert.Contains(text, minted.QrText);
    }

    [TestMethod]
    public void GeneratedDeviceIdsHaveThePrefixAndEightBase32Characters()
    {
        using var temp = new TempFolder();
        var minted = FactoryIdentityMinter.Mint(Fixture.Options(temp));

        StringAssert.Matches(minted.DeviceId, new System.Text.RegularExpressions.Regex("^m2g-[0-9a-hjkmnp-tv-z]{8}$"));
        var ids = Enumerable.Range(0, 1000).Select(_ => DeviceIds.NewDeviceId()).ToHashSet();
        Assert.AreEqual(1000, ids.Count);
        Assert.IsTrue(ids.All(id => DeviceIds.FindProblem(id) is null));
    }

    [TestMethod]
    public void MintedIdentityToStringLeavesTheActivationCodeOut()
    {
        using var temp = new TempFolder();
        var minted = FactoryIdentityMinter.Mint(Fixture.Options(temp));

        StringAssert.Contains(minted.ToString(), minted.DeviceId);
        Assert.IsFalse(minted.ToString().Contains(minted.ActivationCode, StringComparison.Ordinal));
    }

    [TestMethod]
    public void OneMinterMintsManyDevicesQuickly()
    {
        using var temp = new TempFolder();
        using var minter = FactoryIdentityMinter.Open(temp.Sub("broker"));
        minter.DefaultDiscoveryHost = "localhost";
        minter.DefaultDiscoveryPort = 8883;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var ids = new HashSet<string>();
        for (var i = 0; i < 100; i++)
        {
            var minted = minter.MintDevice(new MintOptions { OutputDirectory = temp.Sub("d" + i), WriteLabelPng = false });
            ids.Add(minted.DeviceId);
            Assert.AreEqual("localhost", minted.DiscoveryHost);
        }

        watch.Stop();
        Assert.AreEqual(100, ids.Count);
        // Generous bound for a shared 2-core machine; measured about 10 ms per device.
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(20), watch.Elapsed.ToString());
        Console.WriteLine($"100 devices minted in {watch.ElapsedMilliseconds} ms");
    }

    private static bool Chains(X509Certificate2 leaf, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf) && chain.ChainElements[^1].Certificate.RawData.SequenceEqual(root.RawData);
    }
}
