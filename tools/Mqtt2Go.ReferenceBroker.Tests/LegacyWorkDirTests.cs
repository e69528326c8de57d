using System.Diagnostics;
using System.Text.Json.Nodes;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>
/// A work directory written before the service accounts left the device-id namespace: dynsec administrator "admin" and a
/// controller account "controller-home1" with <c>home1/#</c>. Starting on it must leave no device-id-shaped account with rights.
/// </summary>
[TestClass]
public sealed class LegacyWorkDirTests
{
    private static readonly byte[] ListClients = TestEnvironment.Utf8("""{"commands":[{"command":"listClients"}]}""");

    [TestMethod]
    public Task OldAdminAndControllerAccounts_AreRemovedAtStart() => TestEnvironment.RunAsync(async env =>
    {
        var discoveryPort = env.Host.Endpoints.DiscoveryBroker.Port;
        var admin = await env.NewDeviceAsync("admin");
        Assert.IsTrue((await admin.ConnectAsync(discoveryPort)).Success);
        Assert.AreEqual(135, await admin.PublishAsync("$CONTROL/dynamic-security/v1", ListClients), "a factory certificate 'admin' is no administrator");
        Assert.AreEqual(135, (await admin.SubscribeAsync(Topics.AllActivations))[0]);
        await admin.DisconnectAsync();

        // An operational certificate for the old controller name (a valid device id) has no home1 rights on the cloud.
        var holder = await env.NewDeviceAsync("controller-home1");
        using (var operational = env.Host.Pki.IssueOperational("controller-home1", holder.Identity.Certificate.PublicKey.ExportSubjectPublicKeyInfo()))
        {
            holder.StoreOperationalCertificate(Convert.ToBase64String(operational.RawData));
        }

        await holder.ConnectOperationalAsync(env.Host.Endpoints.CloudBroker.Port);
        Assert.AreEqual(135, (await holder.SubscribeAsync("home1/#"))[0], "the old controller role is gone");

        // And the services work on the migrated state.
        await using var controller = await env.ControllerAsync();
        await env.ProvisionAsync(controller, await env.NewDeviceAsync("dev-after"));
    }, options => WriteLegacyDynSec(options.WorkDir));

    [TestMethod]
    public Task PendingEntry_ExpiresWithItsReport_AfterARestart() => TestEnvironment.RunAsync(async env =>
    {
        // The store keeps only a hash of the code: after a restart the expiry report finds the topic in the dynsec role.
        var device = await env.NewDeviceAsync("dev-exp");
        await using (var controller = await env.ControllerAsync())
        {
            var pending = controller.WaitForReportAsync(r => r.Envelope.Kind == "activate_device", TimeSpan.FromSeconds(10));
            await controller.PublishAsync(Topics.AddDevice("home1", "gw1"), Messages.Command(TimeProvider.System, "activate_device",
                new JsonObject { ["activation_code"] = device.Identity.ActivationCode, ["device_id"] = "dev-exp" }));
            Assert.AreEqual("command_response", (await pending).Envelope.ReportType);
        }

        await env.RestartHostAsync();
        Assert.IsTrue((await device.ConnectAsync(env.Host.Endpoints.DiscoveryBroker.Port)).Success);
        var topic = Topics.Activation(device.Identity.ActivationCode);
        Assert.IsTrue((await device.SubscribeAsync(topic))[0] < 0x80, "the pending access survived the restart");
        env.Clock.Advance(TimeSpan.FromMinutes(15));
        var report = device.WaitForReport(topic, "mqtt_credentials", TimeSpan.FromSeconds(5));
        Assert.IsNotNull(report, "expired report after the restart");
        Assert.AreEqual("expired", report.Value.GetProperty("reason").GetString());
    });

    // dynsec files as the earlier version left them: administrator "admin" (password in admin.secret) on both brokers,
    // and on the cloud broker the controller account "controller-home1" with role "controller-home1" on home1/#.
    private static void WriteLegacyDynSec(string workDir)
    {
        foreach (var broker in new[] { "discovery-broker", "cloud-broker" })
        {
            var dir = Path.Combine(workDir, broker);
            Directory.CreateDirectory(dir);
            var password = "0123456789ABCDEF0123456789ABCDEF";
            File.WriteAllText(Path.Combine(dir, "admin.secret"), password);
            var path = Path.Combine(dir, "dynamic-security.json");
            using (var init = Process.Start(new ProcessStartInfo("/usr/bin/mosquitto_ctrl", ["dynsec", "init", path, "admin", password]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
            {
                init.WaitForExit();
                Assert.AreEqual(0, init.ExitCode);
            }

            if (broker == "cloud-broker")
            {
                var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
                json["roles"]!.AsArray().Add(new JsonObject
                {
                    ["rolename"] = "controller-home1",
                    ["acls"] = new JsonArray(
                        new JsonObject { ["acltype"] = "subscribePattern", ["topic"] = "home1/#", ["allow"] = true },
                        new JsonObject { ["acltype"] = "publishClientSend", ["topic"] = "home1/#", ["allow"] = true }),
                });
                json["clients"]!.AsArray().Add(new JsonObject { ["username"] = "controller-home1", ["roles"] = new JsonArray(new JsonObject { ["rolename"] = "controller-home1" }) });
                File.WriteAllText(path, json.ToJsonString());
            }
        }
    }
}
