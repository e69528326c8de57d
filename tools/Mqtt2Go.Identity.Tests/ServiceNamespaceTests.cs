using Microsoft.VisualStudio.TestTools.UnitTesting;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.Identity.Tests;

/// <summary>Issue 10 item 1: the identity tool cannot mint a factory certificate for a broker account of the services.</summary>
[TestClass]
public sealed class ServiceNamespaceTests
{
    [TestMethod]
    public void ServiceAccountNamesAreRefusedAsDeviceIds()
    {
        foreach (var name in new[] { ServiceIdentities.Admin, ServiceIdentities.Service, ServiceIdentities.Controller("home1") })
        {
            Assert.IsNotNull(DeviceIds.FindProblem(name), name);
            using var temp = new TempFolder();
            var options = Fixture.Options(temp);
            options.DeviceId = name;
            var refused = Assert.ThrowsException<IdentityException>(() => FactoryIdentityMinter.Mint(options), name);
            StringAssert.Contains(refused.Message, name);
            Assert.IsFalse(Directory.Exists(options.OutputDirectory) && Directory.EnumerateFileSystemEntries(options.OutputDirectory).Any(), name + ": nothing written");
        }
    }
}
