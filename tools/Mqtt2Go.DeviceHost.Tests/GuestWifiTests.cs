using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.ReferenceBroker.Gateway;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>
/// Issue 13: the MQTT2GO 1.1 guest-Wi-Fi variant end to end. The firmware's core on a stock image (no WPS) with no stored
/// network joins the simulated guest network (passphrase = its activation code), finds the reference gateway by mDNS,
/// gets the home network with GET_WIFI_CREDENTIALS, joins it and provisions on the gateway.
/// </summary>
[TestClass]
public sealed class GuestWifiTests
{
    private const string HomeSsid = "home-wifi";
    private const string HomePassphrase = "correct horse battery staple"; // the simulated home access point's

    [TestMethod]
    public Task GivenAStockImageAndAGatewayWithAGuestNetwork_WhenTheDeviceBoots_ThenItGetsTheHomeNetworkAndBecomesOperational() => E2eEnvironment.RunAsync(
        async env =>
        {
            var identity = env.Mint(new DeviceSettings { LocalGateway = true, MdnsBudgetMs = 2000 });
            var controller = await env.ControllerAsync(localGateway: true);
            var adding = await E2eEnvironment.AddAsync(controller, identity, group: "porch");

            var device = env.Boot(identity, answerMdns: true);
            device.Wifi.WpsSupported = false;
            device.Wifi.GuestNetwork = new WifiCredentials(ProvisioningMachine.GuestNetworkSsid, identity.ActivationCode);
            var states = new StateRecorder(device.Machine);
            var final = await E2eEnvironment.ProvisionAsync(device);

            Assert.AreEqual(ProvisioningState.Operational, final, $"{device.Machine.Failure}: {device.Machine.FailureDetail}; {states}");
            CollectionAssert.AreEqual(new[] { ProvisioningMachine.GuestNetworkSsid, HomeSsid }, device.Wifi.JoinedSsids, states.ToString());
            Assert.AreEqual(1, device.Wifi.TemporaryJoins, "the guest network is never stored on the platform");
            Assert.AreEqual(1, device.Wifi.TemporaryNetworksLeft, "the guest network is left before the home network is joined");
            Assert.IsFalse(device.Wifi.OnTemporaryNetwork);
            Assert.IsTrue(states.Entered(ProvisioningState.JoinGuestWifi) && states.Entered(ProvisioningState.AwaitWifiCredentials), states.ToString());
            Assert.IsTrue(states.Entered(ProvisioningState.AwaitCredentials), "then the normal local flow: " + states);
            Assert.AreEqual(1, env.CountServiceLog("home Wi-Fi credentials handed to " + identity.DeviceId));
            Assert.IsFalse(env.ServiceLog.Any(l => l.Contains(HomePassphrase, StringComparison.Ordinal)), "passphrase in the service log");
            var added = await adding.WaitAsync(E2eEnvironment.StepTimeout);
            CollectionAssert.AreEqual(new[] { added.DeviceTopic, added.GroupTopic }, device.Machine.Topics);
        },
        options =>
        {
            options.LocalGateway = true;
            options.HomeWifi = new HomeWifi(HomeSsid, HomePassphrase);
        });

    [TestMethod]
    public Task GivenAGatewayWithoutAHomeNetwork_WhenAStockDeviceAsks_ThenItRetriesAndFailsWithTheReason() => E2eEnvironment.RunAsync(
        async env =>
        {
            var identity = env.Mint(new DeviceSettings { LocalGateway = true, MdnsBudgetMs = 1000, RetryMaxAttempts = 2 });
            var controller = await env.ControllerAsync(localGateway: true);
            await E2eEnvironment.AddAsync(controller, identity, group: "porch");

            var device = env.Boot(identity, answerMdns: true);
            device.Wifi.WpsSupported = false;
            device.Wifi.GuestNetwork = new WifiCredentials(ProvisioningMachine.GuestNetworkSsid, identity.ActivationCode);
            var final = await E2eEnvironment.ProvisionAsync(device);

            Assert.AreEqual(ProvisioningState.Failed, final);
            Assert.AreEqual(FailureReason.WpsFailed, device.Machine.Failure);
            StringAssert.Contains(device.Machine.FailureDetail, "not_configured");
            Assert.IsFalse(device.Wifi.JoinedSsids.Contains(HomeSsid));
            Assert.IsFalse(device.Wifi.OnTemporaryNetwork, "the failed device stays on the guest network");
            Assert.AreEqual(device.Wifi.TemporaryJoins, device.Wifi.TemporaryNetworksLeft, "every guest join is left again");
        },
        options => options.LocalGateway = true);
}
