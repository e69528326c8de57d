using Mqtt2Go.Device.Core.Provisioning;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>The MQTT2GO 1.1 local-gateway branch: mDNS finds mqtt2go.local, GET_CREDENTIALS, operational on the gateway broker.</summary>
[TestClass]
public sealed class LocalGatewayTests
{
    /// <summary>The device probes mDNS, takes the gateway's credentials and is served by the gateway controller; Discovery is never used.</summary>
    [TestMethod]
    public Task GivenALocalGateway_WhenTheDeviceBoots_ThenItFindsItByMdnsAndBecomesOperationalOnTheGatewayBroker() => E2eEnvironment.RunAsync(
        async env =>
        {
            var gatewayPort = env.Host.Endpoints.GatewayBroker!.Port;
            var identity = env.Mint(new DeviceSettings { LocalGateway = true, MdnsBudgetMs = 2000 });
            var controller = await env.ControllerAsync(localGateway: true);
            var adding = await E2eEnvironment.AddAsync(controller, identity, group: "porch");

            var device = env.Boot(identity, answerMdns: true);
            var states = new StateRecorder(device.Machine);
            var final = await E2eEnvironment.ProvisionAsync(device);

            Assert.AreEqual(ProvisioningState.Operational, final, $"{device.Machine.Failure}: {device.Machine.FailureDetail}; {states}");
            Assert.IsTrue(env.Host.Mdns!.Answered > 0, "the loopback mDNS responder answered the core's query");
            Assert.IsTrue(states.Entered(ProvisioningState.ConnectLocalGateway) && states.Entered(ProvisioningState.AwaitCredentials), states.ToString());
            Assert.IsFalse(states.Entered(ProvisioningState.ConnectDiscovery), "Discovery is not used when the gateway answers: " + states);
            var activated = states.Snapshot().Single(e => e.From == ProvisioningState.AwaitCredentials && e.To == ProvisioningState.ConnectBroker);
            StringAssert.Contains(activated.Detail, "127.0.0.1:" + gatewayPort, "operational broker = the gateway's own broker");
            Assert.AreEqual(2, device.Session.ConnectAttempts, "factory handshake + operational handshake, both on the gateway: " + states);
            Assert.AreEqual(0, env.CountServiceLog("broker data handed"), "Discovery handed nothing out");

            var added = await adding.WaitAsync(E2eEnvironment.StepTimeout);
            CollectionAssert.AreEqual(new[] { added.DeviceTopic, added.GroupTopic }, device.Machine.Topics);
            device.StartOperational();
            var response = controller.WaitForReportAsync(r => r.Topic == added.DeviceTopic && ControllerClient.IsStateAnswer(r), E2eEnvironment.StepTimeout);
            await controller.SetAsync(added.DeviceTopic, "on");
            Assert.AreEqual("On", (await response).Envelope.Value.GetString());
            Assert.IsTrue(device.Indicator.Output);
            var query = await controller.QueryAsync(added.DeviceTopic, E2eEnvironment.StepTimeout);
            Assert.AreEqual("On", query.Envelope.Value.GetString(), query.Json);
        },
        options => options.LocalGateway = true);
}
