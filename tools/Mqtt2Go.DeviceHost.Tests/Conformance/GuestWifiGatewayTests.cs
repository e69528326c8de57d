using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Gateway;

namespace Mqtt2Go.DeviceHost.Tests.Conformance;

/// <summary>
/// Issue 13, the gateway's side of the MQTT2GO 1.1 guest-Wi-Fi variant: a device on the guest network asks
/// GET_WIFI_CREDENTIALS on <c>&lt;activation_code&gt;/wifi</c> with its factory certificate; the gateway answers only a device
/// the controller added, once, and never logs the passphrase.
/// </summary>
[TestClass]
public sealed class GuestWifiGatewayTests
{
    private const string Ssid = "Home Network ü";
    private const string Passphrase = "correct horse battery staple";

    [TestMethod]
    public Task AnAddedDevice_GetsTheHomeWifiOnce_AndThePassphraseIsInNoLog() => E2eEnvironment.RunAsync(
        async env =>
        {
            var (identity, device) = await AddedDeviceAsync(env);
            await using var _ = device;
            var gateway = env.Endpoints.GatewayBroker!;
            var answer = await device.GetWifiCredentialsAsync(gateway.Host, gateway.Port);
            Assert.AreEqual("command_response", answer.ReportType, answer.Text);
            Assert.AreEqual(Ssid, answer.ValueField("ssid"), answer.Text);
            Assert.AreEqual(Passphrase, answer.ValueField("password"), answer.Text);

            var again = await device.GetWifiCredentialsAsync(gateway.Host, gateway.Port);
            Assert.AreEqual("error", again.ReportType, again.Text);
            Assert.AreEqual("already_used", again.ValueField("reason"), again.Text);

            // The activation itself goes on: GET_CREDENTIALS on the home network still works.
            var credentials = await device.GetCredentialsAsync(gateway.Host, gateway.Port);
            Assert.AreEqual("command_response", credentials.ReportType, credentials.Text);

            Assert.IsFalse(env.ServiceLog.Any(l => l.Contains(Passphrase, StringComparison.Ordinal)), "the passphrase is in the service log");
            Assert.AreEqual(1, env.CountServiceLog("home Wi-Fi credentials handed to " + identity.DeviceId));
            string mosquittoLogs = env.Host.LogTails();
            Assert.IsFalse(mosquittoLogs.Contains(Passphrase, StringComparison.Ordinal), "the passphrase is in a mosquitto log");
        },
        WithHomeWifi);

    /// <summary>Once per add: a restart of the gateway does not answer again (the mark is in the database), a new add by the
    /// controller does (the device was reset or the home network changed), and the activation's end closes the topic.</summary>
    [TestMethod]
    public Task TheAnswerIsOncePerAdd_AcrossARestart_AndAgainAfterARe_Add() => E2eEnvironment.RunAsync(
        async env =>
        {
            var (identity, device) = await AddedDeviceAsync(env);
            await using var _ = device;
            var gateway = env.Endpoints.GatewayBroker!;
            Assert.AreEqual("command_response", (await device.GetWifiCredentialsAsync(gateway.Host, gateway.Port)).ReportType);

            await env.RestartHostAsync();
            gateway = env.Endpoints.GatewayBroker!;
            var afterRestart = await device.GetWifiCredentialsAsync(gateway.Host, gateway.Port);
            Assert.AreEqual("error", afterRestart.ReportType, afterRestart.Text);
            Assert.AreEqual("already_used", afterRestart.ValueField("reason"), "a restart answered again: " + afterRestart.Text);

            // The activation completes (GET_CREDENTIALS); then the wifi topic answers nothing more for it.
            Assert.AreEqual("command_response", (await device.GetCredentialsAsync(gateway.Host, gateway.Port)).ReportType);
            Assert.AreNotEqual("command_response", await WifiAnswerOrRefusalAsync(device, gateway.Host, gateway.Port), "answered after the activation ended");

            // The controller adds the device again (e.g. after a factory reset): one new answer.
            await using (var controller = await GatewayControllerAsync(env))
            {
                var readd = await controller.ActivateAsync("gw1", identity.DeviceId, identity.ActivationCode);
                Assert.AreEqual("command_response", readd.ReportType, readd.Text);
            }

            var again = await device.GetWifiCredentialsAsync(gateway.Host, gateway.Port);
            Assert.AreEqual("command_response", again.ReportType, "the re-added device was refused: " + again.Text);
            Assert.AreEqual(Ssid, again.ValueField("ssid"), again.Text);
            var third = await device.GetWifiCredentialsAsync(gateway.Host, gateway.Port);
            Assert.AreEqual("already_used", third.ValueField("reason"), third.Text);
            Assert.AreEqual(2, env.CountServiceLog("home Wi-Fi credentials handed to " + identity.DeviceId));
        },
        WithHomeWifi);

    [TestMethod]
    public Task AnExpiredActivation_GetsNoHomeWifi() => E2eEnvironment.RunAsync(
        async env =>
        {
            var (_, device) = await AddedDeviceAsync(env);
            await using var __ = device;
            env.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
            var gateway = env.Endpoints.GatewayBroker!;
            var answer = await WifiAnswerOrRefusalAsync(device, gateway.Host, gateway.Port);
            Assert.IsTrue(answer is "expired" or "refused", "an expired activation got: " + answer);
            Assert.AreEqual(0, env.CountServiceLog("home Wi-Fi credentials handed to"));
        },
        WithHomeWifi);

    // "command_response", the error reason, or "refused" when the broker no longer lets the device reach the topic.
    private static async Task<string> WifiAnswerOrRefusalAsync(StandardDevice device, string host, int port)
    {
        try
        {
            var answer = await device.GetWifiCredentialsAsync(host, port);
            return answer.ReportType == "error" ? answer.ValueField("reason") ?? "error" : answer.ReportType ?? "none";
        }
        catch (AssertFailedException e) when (e.Message.Contains("refused", StringComparison.Ordinal))
        {
            return "refused";
        }
    }

    [TestMethod]
    public Task ADeviceNotAdded_OrAnotherDevicesCertificate_CannotReachTheWifiTopic() => E2eEnvironment.RunAsync(
        async env =>
        {
            await using var controller = await GatewayControllerAsync(env);
            var added = env.Mint();
            var stranger = env.Mint();
            Assert.AreEqual("command_response", (await controller.ActivateAsync("gw1", added.DeviceId, added.ActivationCode)).ReportType);
            var gateway = env.Endpoints.GatewayBroker!;

            // The stranger knows the added device's code (e.g. read its label) but has its own certificate.
            await using var thief = new StandardDevice(env.Loops[0], Path.Combine(env.Dir, "thief"), stranger.DeviceId, added.ActivationCode,
                stranger.FactoryCertificateDer, File.ReadAllBytes(stranger.DeviceFiles[3]), stranger.TrustAnchorDer, Dialect.Plain);
            var refused = await Assert.ThrowsExceptionAsync<AssertFailedException>(() => thief.GetWifiCredentialsAsync(gateway.Host, gateway.Port));
            StringAssert.Contains(refused.Message, "SUBSCRIBE " + added.ActivationCode + "/wifi refused");

            // A device nobody added has no account on the gateway at all.
            await using var notAdded = NewDevice(env, stranger);
            var notAddedAttempt = await Assert.ThrowsExceptionAsync<AssertFailedException>(() => notAdded.GetWifiCredentialsAsync(gateway.Host, gateway.Port));
            StringAssert.Contains(notAddedAttempt.Message, "refused");
        },
        WithHomeWifi);

    [TestMethod]
    public Task AGatewayWithoutAHomeNetwork_AnswersNotConfigured() => E2eEnvironment.RunAsync(
        async env =>
        {
            var (identity, device) = await AddedDeviceAsync(env);
            await using var _ = device;
            var gateway = env.Endpoints.GatewayBroker!;
            var answer = await device.GetWifiCredentialsAsync(gateway.Host, gateway.Port);
            Assert.AreEqual("error", answer.ReportType, answer.Text);
            Assert.AreEqual("not_configured", answer.ValueField("reason"), answer.Text);
        },
        options => options.LocalGateway = true);

    [TestMethod]
    [DataRow("", "12345678", "SSID")]
    [DataRow("this SSID is thirty-three bytes!!", "12345678", "SSID")]
    [DataRow("this SSID is thirty-two bytes!!!", "12345678", "SSID")]
    [DataRow("home", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "passphrase")]
    [DataRow("home", "short", "passphrase")]
    [DataRow("home", "tab\tinside", "passphrase")]
    public void HomeWifi_RefusesWhatWpa2OrThePlatformCannotUse_WithoutPrintingThePassphrase(string ssid, string passphrase, string what)
    {
        var error = Assert.ThrowsException<ArgumentException>(() => new HomeWifi(ssid, passphrase));
        StringAssert.Contains(error.Message, what);
        Assert.IsFalse(error.Message.Contains(passphrase, StringComparison.Ordinal) && passphrase.Length > 0, error.Message);
        var largest = new HomeWifi(new string('s', 31), new string('a', 63));
        Assert.AreEqual(31, largest.Ssid.Length, "31 bytes / 63 characters are accepted");
    }

    // A third-party device the gateway's controller has added (activate_device answered command_response).
    private static async Task<(Mqtt2Go.Identity.MintedIdentity Identity, StandardDevice Device)> AddedDeviceAsync(E2eEnvironment env)
    {
        await using var controller = await GatewayControllerAsync(env);
        var identity = env.Mint();
        Assert.AreEqual("command_response", (await controller.ActivateAsync("gw1", identity.DeviceId, identity.ActivationCode)).ReportType);
        return (identity, NewDevice(env, identity));
    }

    private static Task<StandardController> GatewayControllerAsync(E2eEnvironment env) => ConformanceTests.GatewayControllerAsync(env, Dialect.Plain);

    private static StandardDevice NewDevice(E2eEnvironment env, Mqtt2Go.Identity.MintedIdentity identity) => ConformanceTests.NewStandardDevice(env, identity, Dialect.Plain);

    private static void WithHomeWifi(Mqtt2Go.ReferenceBroker.Hosting.ReferenceBrokerOptions options)
    {
        options.LocalGateway = true;
        options.HomeWifi = new HomeWifi(Ssid, Passphrase);
    }
}
