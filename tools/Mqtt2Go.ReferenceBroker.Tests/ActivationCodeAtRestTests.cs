using System.Text;
using System.Text.Json.Nodes;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>Issue 10 item 8: where the activation code is written on the reference side, and with which file mode.</summary>
[TestClass]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ActivationCodeAtRestTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [TestMethod]
    public Task PendingAndHandedOver_TheCodeIsInNoLogNorDatabase_AndEveryFileHoldingItIsOwnerOnly() => TestEnvironment.RunAsync(async env =>
    {
        await using var controller = await env.ControllerAsync();
        var device = await env.NewDeviceAsync("dev-rest");
        var code = device.Identity.ActivationCode;
        var pending = controller.WaitForReportAsync(r => r.Envelope.Kind == "activate_device", TimeSpan.FromSeconds(10));
        await controller.PublishAsync(Topics.AddDevice("home1", "gw1"), Messages.Command(TimeProvider.System, "activate_device",
            new JsonObject { ["activation_code"] = code, ["device_id"] = "dev-rest" }));
        Assert.AreEqual("command_response", (await pending).Envelope.ReportType);

        // Pending, with the device subscribed to its activation topic (mosquitto's subscribe log lines named it).
        Assert.IsTrue((await device.ConnectAsync(env.Host.Endpoints.DiscoveryBroker.Port)).Success);
        Assert.IsTrue((await device.SubscribeAsync(Topics.Activation(code)))[0] < 0x80);
        var holders = AssertCodeOnlyWhereAllowed(env, code);
        CollectionAssert.Contains(holders, "discovery-broker/device-grants.journal", "the pending entry's grant names the topic");
        await device.DisconnectAsync();

        // Handed over: the pending ACL stays (the same device may ask again after a power cut, issue 10 item 3), still owner-only.
        var brokerData = await device.GetBrokerDataAsync(env.Host.Endpoints.DiscoveryBroker.Port);
        Assert.IsTrue(brokerData.TryGetProperty("device_certificate", out var certificate));
        AssertCodeOnlyWhereAllowed(env, code);

        // On its cloud broker (GET_DEVICE_TOPICS): Discovery closes the entry and the code is nowhere at all any more.
        device.StoreOperationalCertificate(certificate.GetString()!);
        await device.ConnectOperationalAsync(env.Host.Endpoints.CloudBroker.Port);
        Assert.IsTrue((await device.SubscribeAsync(Topics.DeviceTopics("dev-rest")))[0] < 0x80);
        await device.CommandAsync(Topics.DeviceTopics("dev-rest"), "topics", "GET_DEVICE_TOPICS");
        await TestEnvironment.WaitUntilAsync(() => Task.FromResult(AssertCodeOnlyWhereAllowed(env, code).Count == 0), "the code leaves the grants journal once the device reached its broker");

        foreach (var file in new[] { "reference.db", "discovery-broker/dynamic-security.json", "discovery-broker/device-grants.journal", "discovery-broker/mosquitto.log", "cloud-broker/dynamic-security.json", "cloud-broker/device-grants.journal", "cloud-broker/mosquitto.log" })
        {
            Assert.AreEqual(OwnerOnly, File.GetUnixFileMode(Path.Combine(env.Dir, file)), file);
        }
    });

    // Every file of the work directory (not the test's own device folders) that contains the code: never a log or the
    // database, always mode 0600. Returns the relative paths of the holders.
    private static List<string> AssertCodeOnlyWhereAllowed(TestEnvironment env, string code)
    {
        var holders = new List<string>();
        var needle = Encoding.ASCII.GetBytes(code);
        foreach (var path in Directory.EnumerateFiles(env.Dir, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(env.Dir, path);
            if (relative.StartsWith("devices", StringComparison.Ordinal))
            {
                continue;
            }

            byte[] bytes;
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
            catch (FileNotFoundException)
            {
                continue; // a temporary file renamed away while listing
            }

            if (bytes.AsSpan().IndexOf(needle) < 0)
            {
                continue;
            }

            holders.Add(relative);
            Assert.IsFalse(relative.EndsWith(".log", StringComparison.Ordinal), relative + " logs the activation code");
            Assert.IsFalse(relative.StartsWith("reference.db", StringComparison.Ordinal), relative + " stores the activation code");
            Assert.AreEqual(OwnerOnly, File.GetUnixFileMode(path), relative + " holds the activation code");
        }

        return holders;
    }
}
