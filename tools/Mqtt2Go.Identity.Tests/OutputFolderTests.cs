using Mqtt2Go.Device.Core.Configuration;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Mqtt2Go.Identity.Tests;

[TestClass]
public sealed class OutputFolderTests
{
    [TestMethod]
    public void AnOutputFolderInsideAGitWorkTreeIsRefused()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Sub("repo/.git"));
        var options = Fixture.Options(temp);
        options.OutputDirectory = temp.Sub("repo/devices/one");

        var refused = Assert.ThrowsException<IdentityException>(() => FactoryIdentityMinter.Mint(options));

        StringAssert.Contains(refused.Message, "inside the git work tree");
        Assert.IsFalse(Directory.Exists(options.OutputDirectory));
    }

    [TestMethod]
    public void ExistingIdentityFilesAreKeptUnlessForced()
    {
        using var temp = new TempFolder();
        var first = FactoryIdentityMinter.Mint(Fixture.Options(temp));
        var before = File.ReadAllBytes(Path.Combine(first.OutputDirectory, StoreNames.FactoryKey));

        var refused = Assert.ThrowsException<IdentityException>(() => FactoryIdentityMinter.Mint(Fixture.Options(temp)));
        StringAssert.Contains(refused.Message, "already holds");
        CollectionAssert.AreEqual(before, File.ReadAllBytes(Path.Combine(first.OutputDirectory, StoreNames.FactoryKey)));

        var options = Fixture.Options(temp);
        options.Overwrite = true;
        options.WriteLabelPng = false;
        var second = FactoryIdentityMinter.Mint(options);
        Assert.AreNotEqual(first.DeviceId, second.DeviceId);
        CollectionAssert.AreNotEqual(before, File.ReadAllBytes(Path.Combine(second.OutputDirectory, StoreNames.FactoryKey)));
        Assert.IsFalse(File.Exists(Path.Combine(second.OutputDirectory, OutputFiles.LabelPng)), "stale label.png of the first device");
    }

    [TestMethod]
    public void BadDeviceTypeHostAndPortAreRefused()
    {
        using var temp = new TempFolder();
        var options = Fixture.Options(temp);
        options.DeviceType = "smart switch";
        StringAssert.Contains(Assert.ThrowsException<IdentityException>(() => FactoryIdentityMinter.Mint(options)).Message, "device type");

        options = Fixture.Options(temp);
        options.DiscoveryHost = "not a host";
        StringAssert.Contains(Assert.ThrowsException<IdentityException>(() => FactoryIdentityMinter.Mint(options)).Message, "not a host name");

        options = Fixture.Options(temp);
        options.DiscoveryPort = 0;
        StringAssert.Contains(Assert.ThrowsException<IdentityException>(() => FactoryIdentityMinter.Mint(options)).Message, "1..65535");
    }
}
