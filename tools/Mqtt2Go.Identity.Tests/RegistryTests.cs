using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.ReferenceBroker.Hosting;
using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Storage;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Mqtt2Go.Identity.Tests;

[TestClass]
public sealed class RegistryTests
{
    [TestMethod]
    public async Task MintRegistersTheFactoryCertificateAndTheActivationCodeHash()
    {
        using var temp = new TempFolder();
        var minted = FactoryIdentityMinter.Mint(Fixture.Options(temp));
        Assert.IsTrue(minted.Registered);

        using var pki = ReferencePki.OpenOrCreate(Path.Combine(temp.Sub("broker"), "pki"));
        var registry = new ManufacturerRegistry(ReferenceDatabase.ForSqliteFile(Path.Combine(temp.Sub("broker"), "reference.db")), pki.Manufacturer);
        CollectionAssert.AreEqual(minted.FactoryCertificateDer, await registry.GetFactoryCertificateAsync(minted.DeviceId));
        Assert.AreEqual(true, await registry.VerifyActivationCodeAsync(minted.DeviceId, minted.ActivationCode));
        Assert.AreEqual(false, await registry.VerifyActivationCodeAsync(minted.DeviceId, FactoryIdentityMinter.NewActivationCode()));
    }

    [TestMethod]
    public async Task CloudCanIssueAnOperationalCertificateForTheRegisteredKey()
    {
        using var temp = new TempFolder();
        var minted = FactoryIdentityMinter.Mint(Fixture.Options(temp));

        using var pki = ReferencePki.OpenOrCreate(Path.Combine(temp.Sub("broker"), "pki"));
        var registry = new ManufacturerRegistry(ReferenceDatabase.ForSqliteFile(Path.Combine(temp.Sub("broker"), "reference.db")), pki.Manufacturer);
        var spki = await registry.GetPublicKeyAsync(minted.DeviceId);
        Assert.IsNotNull(spki);
        using var operational = pki.IssueOperational(minted.DeviceId, spki);

        // The device's own factory key (never sent anywhere) fits the operational certificate.
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(File.ReadAllBytes(Path.Combine(minted.OutputDirectory, StoreNames.FactoryKey)), out _);
        using var withKey = operational.CopyWithPrivateKey(key);
        Assert.IsTrue(withKey.HasPrivateKey);
        Assert.AreEqual(minted.DeviceId, operational.GetNameInfo(X509NameType.SimpleName, false));
    }

    [TestMethod]
    public async Task NoRegisterLeavesTheRegistryAlone()
    {
        using var temp = new TempFolder();
        var options = Fixture.Options(temp);
        options.Register = false;
        var minted = FactoryIdentityMinter.Mint(options);
        Assert.IsFalse(minted.Registered);

        var registry = new ManufacturerRegistry(ReferenceDatabase.ForSqliteFile(Path.Combine(temp.Sub("broker"), "reference.db")));
        Assert.IsFalse(await registry.ContainsAsync(minted.DeviceId));
    }

    [TestMethod]
    public void AnAlreadyRegisteredDeviceIdIsRefusedUnlessForced()
    {
        using var temp = new TempFolder();
        var first = Fixture.Options(temp, "a");
        first.DeviceId = "dup-1";
        FactoryIdentityMinter.Mint(first);

        var second = Fixture.Options(temp, "b");
        second.DeviceId = "dup-1";
        var refused = Assert.ThrowsException<IdentityException>(() => FactoryIdentityMinter.Mint(second));
        StringAssert.Contains(refused.Message, "already in the manufacturer registry");
        Assert.IsFalse(Directory.Exists(temp.Sub("b")) && Directory.EnumerateFiles(temp.Sub("b")).Any());

        second.Overwrite = true;
        Assert.AreEqual("dup-1", FactoryIdentityMinter.Mint(second).DeviceId);
    }

    [TestMethod]
    public void DiscoveryAddressDefaultsToTheRunningBrokersEndpoints()
    {
        using var temp = new TempFolder();
        var workDir = temp.Sub("broker");
        Directory.CreateDirectory(workDir);
        var endpoints = new ReferenceBrokerEndpoints
        {
            DiscoveryBroker = new BrokerEndpoint("127.0.0.1", 40123, 1, "cafile.pem", "log"),
            CloudBroker = new BrokerEndpoint("127.0.0.1", 40124, 1, "cafile.pem", "log"),
            Controller = new ClientCredentialPaths("controller-home1", "c.pem", "k.pem"),
        };
        File.WriteAllText(Path.Combine(workDir, FactoryIdentityMinter.EndpointsFile), endpoints.ToJson());

        var minted = FactoryIdentityMinter.Mint(new MintOptions { OutputDirectory = temp.Sub("device"), BrokerWorkDir = workDir });

        Assert.AreEqual("127.0.0.1", minted.DiscoveryHost);
        Assert.AreEqual(40123, minted.DiscoveryPort);
    }

    [TestMethod]
    public void WithoutEndpointsOrHostTheDiscoveryHostIsRequired()
    {
        using var temp = new TempFolder();
        var refused = Assert.ThrowsException<IdentityException>(
            () => FactoryIdentityMinter.Mint(new MintOptions { OutputDirectory = temp.Sub("device"), BrokerWorkDir = temp.Sub("broker") }));
        StringAssert.Contains(refused.Message, "--discovery-host");
    }

    [TestMethod]
    public void AnExplicitHostWithoutPortUsesPort8883()
    {
        using var temp = new TempFolder();
        var options = Fixture.Options(temp);
        options.DiscoveryHost = "discovery.example.net";
        options.DiscoveryPort = null;

        var minted = FactoryIdentityMinter.Mint(options);

        Assert.AreEqual("discovery.example.net", minted.DiscoveryHost);
        Assert.AreEqual(8883, minted.DiscoveryPort);
    }
}
