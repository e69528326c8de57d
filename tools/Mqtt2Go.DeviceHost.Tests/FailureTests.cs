using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mqtt2Go.Device.Core.Provisioning;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>Terminal failures the real core must recognise quickly and explain: expired activation, untrusted server.</summary>
[TestClass]
public sealed class FailureTests
{
    /// <summary>The controller added the device more than 15 minutes before it asks: Discovery answers "expired" (step 7e).</summary>
    [TestMethod]
    public Task GivenTheActivationExpiredBeforeTheDeviceAsks_WhenItRequestsBrokerData_ThenItFailsWithActivationExpiredAtOnce() => E2eEnvironment.RunAsync(
        async env =>
        {
            var identity = env.Mint(new DeviceSettings { TimeoutSeconds = 2, RetryMaxAttempts = 5, DeadlineSeconds = 20 });
            var controller = await env.ControllerAsync();
            await E2eEnvironment.AddAsync(controller, identity);
            env.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

            var device = env.Boot(identity);
            var states = new StateRecorder(device.Machine);
            var clock = Stopwatch.StartNew();
            var final = await E2eEnvironment.ProvisionAsync(device);
            Console.WriteLine($"{clock.ElapsedMilliseconds} ms: {states}; {device.Machine.FailureDetail}");

            Assert.AreEqual(ProvisioningState.Failed, final, states.ToString());
            Assert.AreEqual(FailureReason.ActivationExpired, device.Machine.Failure, device.Machine.FailureDetail);
            StringAssert.Contains(device.Machine.FailureDetail, "expired");
            StringAssert.Contains(device.Machine.FailureDetail, "add the device again");
            Assert.IsFalse(device.Machine.FailureDetail!.Contains(identity.ActivationCode, StringComparison.Ordinal), "the detail never shows the code");
            Assert.AreEqual(1, device.Session.ConnectAttempts, "terminal at the first answer, no retry: " + states);
            Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(5), $"bounded: {clock.Elapsed}");
            Assert.AreEqual(1, env.CountServiceLog("GET_BROKER_DATA for"), "Discovery answered the one request with an error");
        },
        // The sweeper would delete the entry (and the device's access) first; here the device asks before any sweep.
        options => options.Discovery.SweepInterval = TimeSpan.FromHours(1));

    /// <summary>After the expiry sweep the device's Discovery access is revoked: it is refused at the door and gives up within its retry budget.</summary>
    [TestMethod]
    public Task GivenTheExpiredActivationWasSwept_WhenTheDeviceBoots_ThenItIsRefusedAndGivesUpWithinItsRetryBudget() => E2eEnvironment.RunAsync(async env =>
    {
        var settings = new DeviceSettings { TimeoutSeconds = 2, RetryIntervalMs = 100, RetryMaxIntervalMs = 300, RetryMaxAttempts = 4, DeadlineSeconds = 20 };
        var identity = env.Mint(settings);
        var controller = await env.ControllerAsync();
        await E2eEnvironment.AddAsync(controller, identity);
        env.Time.Advance(TimeSpan.FromMinutes(16));
        await E2eEnvironment.WaitUntilAsync(() => env.CountServiceLog(identity.DeviceId + " expired") == 1, "the expiry sweep", 10);

        var device = env.Boot(identity);
        var states = new StateRecorder(device.Machine);
        var clock = Stopwatch.StartNew();
        var final = await E2eEnvironment.ProvisionAsync(device);
        Console.WriteLine($"{clock.ElapsedMilliseconds} ms: {states}; {device.Machine.FailureDetail}");

        Assert.AreEqual(ProvisioningState.Failed, final, states.ToString());
        Assert.IsTrue(device.Machine.Failure is FailureReason.ActivationRefused or FailureReason.ActivationExpired, $"{device.Machine.Failure}: {device.Machine.FailureDetail}");
        Assert.IsTrue(device.Session.ConnectAttempts <= settings.RetryMaxAttempts, "no more handshakes than the configured attempts: " + states);
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(10), $"bounded: {clock.Elapsed}");
    });

    /// <summary>The device's trust anchor did not sign the servers: Failed(UntrustedServer) after one handshake, no retry storm.</summary>
    [TestMethod]
    public Task GivenATrustAnchorThatDidNotSignTheServers_WhenTheDeviceBoots_ThenItFailsUntrustedServerAfterOneHandshake() => E2eEnvironment.RunAsync(async env =>
    {
        var identity = env.Mint();
        var controller = await env.ControllerAsync();
        await E2eEnvironment.AddAsync(controller, identity);
        File.WriteAllBytes(Path.Combine(identity.OutputDirectory, "trust-anchor.der"), UnrelatedCaCertificate());

        var device = env.Boot(identity);
        var states = new StateRecorder(device.Machine);
        var clock = Stopwatch.StartNew();
        var final = await E2eEnvironment.ProvisionAsync(device);
        Console.WriteLine($"{clock.ElapsedMilliseconds} ms: {states}; {device.Machine.FailureDetail}");

        Assert.AreEqual(ProvisioningState.Failed, final, states.ToString());
        Assert.AreEqual(FailureReason.UntrustedServer, device.Machine.Failure, device.Machine.FailureDetail);
        Assert.AreEqual(1, device.Session.ConnectAttempts, "no retry storm against an untrusted server: " + states);
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(3), $"quick: {clock.Elapsed}");
        Assert.AreEqual(0, env.CountServiceLog("broker data handed"), "nothing was handed to a device that does not trust the server");
    });

    // A self-signed CA of nobody: parses as a certificate (the loader accepts it) but signed none of the servers. Its key is discarded.
    private static byte[] UnrelatedCaCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Unrelated Root CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.RawData;
    }
}
