using System.Text;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.ReferenceBroker.Controller;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>
/// Issue 13 item 2 end to end: a device with no WPS, no stored network and no gateway's guest network opens its own access
/// point; the reference controller's phone part joins it (simulated radio, real loopback TCP), sends the home network, and
/// the device joins it and provisions through Discovery and the cloud.
/// </summary>
[TestClass]
public sealed class AccessPointTests
{
    private const string HomeSsid = "home-wifi";
    private const string HomePassphrase = "correct horse battery staple"; // the simulated home access point's

    [TestMethod]
    public Task GivenNoWpsAndNoGateway_WhenAPhoneSendsTheHomeNetworkOnTheDevicesAccessPoint_ThenItIsOperational() => E2eEnvironment.RunAsync(async env =>
    {
        var identity = env.Mint(new DeviceSettings { DeadlineSeconds = 120 });
        var controller = await env.ControllerAsync();
        var adding = await E2eEnvironment.AddAsync(controller, identity, group: "hall");
        var device = env.Boot(identity, accessPoint: true);
        device.Wifi.WpsSupported = false; // a stock image; no guest network is in range
        var states = new StateRecorder(device.Machine);
        var provisioning = E2eEnvironment.ProvisionAsync(device);

        var ssid = await device.AccessPoint!.WhenOpenAsync().WaitAsync(E2eEnvironment.StepTimeout);
        Assert.AreEqual(ProvisioningMachine.AccessPointSsid(identity.DeviceId), ssid);
        Assert.IsNull(device.AccessPoint.Join(ssid, "not-the-code", out var refused), "joined with a wrong passphrase");
        Assert.AreEqual("4-way handshake failed", refused);
        var endpoint = device.AccessPoint.Join(ssid, identity.ActivationCode, out _)!;

        // Wrong, oversize and replayed requests first: each refused with its reason, the device keeps waiting.
        var wrong = await AccessPointPhone.SendHomeWifiAsync(endpoint.Address.ToString(), endpoint.Port, identity.DeviceId, HomeSsid, "short", TimeSpan.FromSeconds(10));
        Assert.IsFalse(wrong.Accepted);
        Assert.AreEqual("invalid", wrong.Reason, wrong.Detail);
        var oversize = await AccessPointPhone.SendRawAsync(endpoint.Address.ToString(), endpoint.Port, _ => Encoding.UTF8.GetBytes(new string('{', AccessPointExchange.MaxRequestBytes + 1)), TimeSpan.FromSeconds(10));
        Assert.AreEqual("oversize", oversize.Reason, oversize.Detail);
        var replayed = await AccessPointPhone.SendRawAsync(endpoint.Address.ToString(), endpoint.Port, _ => Request(wrong.Nonce), TimeSpan.FromSeconds(10));
        Assert.AreEqual("replayed", replayed.Reason, "a request with an earlier connection's nonce: " + replayed.Detail);
        await Assert.ThrowsExceptionAsync<InvalidDataException>(() => AccessPointPhone.SendHomeWifiAsync(
            endpoint.Address.ToString(), endpoint.Port, "another-device", HomeSsid, HomePassphrase, TimeSpan.FromSeconds(10)));

        var answer = await AccessPointPhone.SendHomeWifiAsync(endpoint.Address.ToString(), endpoint.Port, identity.DeviceId, HomeSsid, HomePassphrase, TimeSpan.FromSeconds(10));
        Assert.IsTrue(answer.Accepted, $"{answer.Reason}: {answer.Detail}");

        var final = await provisioning;
        Assert.AreEqual(ProvisioningState.Operational, final, $"{device.Machine.Failure}: {device.Machine.FailureDetail}; {states}");
        Assert.AreEqual(HomeSsid, device.Wifi.JoinedSsids[^1], states.ToString());
        Assert.IsFalse(device.AccessPoint.IsOpen, "the access point stays open");
        Assert.AreEqual(1, device.AccessPoint.OpenCount, "one window served every phone");
        Assert.IsTrue(states.Entered(ProvisioningState.OpenAccessPoint) && states.Entered(ProvisioningState.AwaitAccessPointCredentials), states.ToString());
        Assert.AreEqual(4, env.CountDeviceLog("access point: request refused ("), "every refused request is logged with its reason");
        Assert.AreEqual(0, env.CountDeviceLog(HomePassphrase), "the home passphrase is in the device log");
        Assert.AreEqual(0, env.CountDeviceLog(identity.ActivationCode), "the activation code is in the device log");
        var added = await adding.WaitAsync(E2eEnvironment.StepTimeout);
        CollectionAssert.AreEqual(new[] { added.DeviceTopic, added.GroupTopic }, device.Machine.Topics);
    });

    private static byte[] Request(string nonce) => Encoding.UTF8.GetBytes(
        "{\"type\":\"command\",\"timestamp\":1,\"command_type\":\"wifi_credentials\",\"value\":{\"ssid\":\"" + HomeSsid + "\",\"password\":\""
        + HomePassphrase + "\",\"nonce\":\"" + nonce + "\"}}\n");
}
