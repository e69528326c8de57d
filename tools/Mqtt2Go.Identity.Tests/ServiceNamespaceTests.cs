using Microsoft.VisualStudio.TestTools.UnitTesting;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.Identity.Tests;

/// <summary>Issue 10 item 1: the identity tool cannot mint a factory certificate for a broker account of the services.</summary>
[TestClass]
public sealed class ServiceNamespaceTests
{
    [TestMethod]
    public void TheReferenceSideAndTheFirmware_ApplyTheSameDeviceIdRule()
    {
        string[] samples =
        [
            "m2g-7k3q9d2a", "dev-0001", "kitchen_switch-01", "admin", "controller-home1", new string('a', 64), new string('a', 65), "",
            "a.b", "a/b", "a+b", "a#b", "a b", "été", "a\u0000b", ServiceIdentities.Admin, ServiceIdentities.Service, ServiceIdentities.Controller("home1"),
        ];
        foreach (var id in samples)
        {
            var firmware = Mqtt2Go.Device.Core.Messages.Topics.IsValidIdentifier(id);
            Assert.AreEqual(firmware, Identifiers.IsValid(id), id);
            Assert.AreEqual(firmware, DeviceIds.FindProblem(id) is null, id);
            Assert.IsFalse(firmware && ServiceIdentities.IsServiceName(id), id + ": a device id in the service namespace");
        }
    }

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
