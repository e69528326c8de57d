using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Identity;

namespace Mqtt2Go.DeviceHost.Tests.Conformance;

/// <summary>
/// Issue 11's conformance suite: a controller and a device that speak only the standard's JSON (typed as text from the
/// quotes in docs/profile.md, read with System.Text.Json; none of the project's codecs) complete every flow with the
/// project's parts on the other side: the reference broker alone (both parties third-party), the firmware's core with
/// a third-party controller, the project's controller with a third-party device; remote flow, local-gateway flow and the
/// switch's commands; in the standard's variants (<see cref="Dialect"/>: both step-1 topic spellings, timestamps in
/// seconds, milliseconds, as a string or missing, On/Off in any case, unknown extra fields, <c>report</c> for <c>value</c>).
/// </summary>
[TestClass]
public sealed class ConformanceTests
{
    private const string Gateway = "gw1";

    [TestMethod]
    [DataRow("plain")]
    [DataRow("slash")]
    [DataRow("millis")]
    [DataRow("string-ts")]
    [DataRow("no-ts")]
    [DataRow("upper")]
    [DataRow("extra")]
    [DataRow("report-field")]
    [DataRow("odd")]
    public Task StandardController_And_StandardDevice_CompleteTheRemoteFlowAndTheSwitchOnTheReferenceBroker(string dialectName) => E2eEnvironment.RunAsync(async env =>
    {
        var dialect = Dialect.Named(dialectName);
        await using var controller = await CloudControllerAsync(env, dialect);
        var identity = env.Mint();
        await using var device = NewStandardDevice(env, identity, dialect);

        string deviceTopic = await RemoteFlowAsync(env, controller, device);

        var serving = device.ServeAsync(deviceTopic, 3);
        var on = await controller.SetAsync(deviceTopic, dialect.On);
        Assert.AreEqual("On", StandardController.StateOf(on), on.Text);
        var query = await controller.QueryAsync(deviceTopic);
        Assert.AreEqual("On", StandardController.StateOf(query), query.Text);
        var off = await controller.SetAsync(deviceTopic, dialect.Off);
        Assert.AreEqual("Off", StandardController.StateOf(off), off.Text);
        await serving;
    });

    [TestMethod]
    [DataRow("plain")]
    [DataRow("slash")]
    [DataRow("millis")]
    [DataRow("string-ts")]
    [DataRow("no-ts")]
    [DataRow("lower")]
    [DataRow("upper")]
    [DataRow("extra")]
    [DataRow("odd")]
    public Task StandardController_And_TheFirmware_CompleteTheRemoteFlowAndTheSwitch(string dialectName) => E2eEnvironment.RunAsync(async env =>
    {
        var dialect = Dialect.Named(dialectName);
        await using var controller = await CloudControllerAsync(env, dialect);
        var identity = env.Mint();
        var answer = await controller.ActivateAsync(Gateway, identity.DeviceId, identity.ActivationCode);
        Assert.AreEqual("command_response", answer.ReportType, answer.Text);
        Assert.AreEqual("pending", answer.ValueField("status"), answer.Text);

        var device = env.Boot(identity);
        var provisioning = E2eEnvironment.ProvisionAsync(device);
        var rename = await Task.Run(() => controller.AwaitRenameRequest(Gateway, identity.DeviceId));
        Assert.AreEqual("command_response", rename.ReportType, rename.Text);
        string deviceType = rename.ValueField("device_type") ?? "";
        Assert.AreEqual("switch", deviceType, rename.Text);
        string deviceTopic = await controller.RenameAsync(Gateway, identity.DeviceId, deviceType, "Lamp", "living");
        var final = await provisioning;
        Assert.AreEqual(ProvisioningState.Operational, final, $"{device.Machine.Failure}: {device.Machine.FailureDetail}");
        Assert.AreEqual(deviceTopic, device.Machine.Topics[0], "the device topic is the one the standard builds from the controller's names");

        device.StartOperational();
        await AssertSwitchAsync(controller, deviceTopic, dialect, () => device.Indicator.Output);
    });

    [TestMethod]
    [DataRow("plain")]
    [DataRow("report-field")]
    [DataRow("odd")]
    public Task TheProjectsController_And_StandardDevice_CompleteTheRemoteFlowAndReadTheState(string dialectName) => E2eEnvironment.RunAsync(async env =>
    {
        var dialect = Dialect.Named(dialectName);
        var controller = await env.ControllerAsync();
        var identity = env.Mint();
        await using var device = NewStandardDevice(env, identity, dialect);
        var adding = await E2eEnvironment.AddAsync(controller, identity);

        var data = await device.GetBrokerDataAsync(identity.DiscoveryHost, identity.DiscoveryPort);
        Assert.AreEqual("command_response", data.ReportType, data.Text);
        device.StoreOperationalCertificate(data);
        string[] topics = await device.GetTopicsAsync(data.ValueField("broker_ip")!, data.Value.GetProperty("broker_port").GetInt32());
        var added = await adding.WaitAsync(E2eEnvironment.StepTimeout);
        CollectionAssert.AreEqual(new[] { added.DeviceTopic, added.GroupTopic }, topics);
        await device.SubscribeTopicsAsync(topics);

        var serving = device.ServeAsync(added.DeviceTopic, 2);
        var set = controller.WaitForReportAsync(r => r.Topic == added.DeviceTopic && Mqtt2Go.ReferenceBroker.Controller.ControllerClient.IsStateAnswer(r), E2eEnvironment.StepTimeout);
        await controller.SetAsync(added.DeviceTopic, "on");
        Assert.AreEqual("On", Mqtt2Go.ReferenceBroker.Controller.ControllerClient.StateOf(await set));
        var query = await controller.QueryAsync(added.DeviceTopic, E2eEnvironment.StepTimeout);
        Assert.AreEqual("On", Mqtt2Go.ReferenceBroker.Controller.ControllerClient.StateOf(query), query.Json);
        await serving;
        Assert.IsTrue(device.On);
    });

    [TestMethod]
    [DataRow("plain")]
    [DataRow("odd")]
    public Task StandardController_And_StandardDevice_CompleteTheLocalGatewayFlow(string dialectName) => E2eEnvironment.RunAsync(
        async env =>
        {
            var dialect = Dialect.Named(dialectName);
            await using var controller = await GatewayControllerAsync(env, dialect);
            var identity = env.Mint();
            await using var device = NewStandardDevice(env, identity, dialect);
            var gateway = env.Endpoints.GatewayBroker!;

            var answer = await controller.ActivateAsync(Gateway, identity.DeviceId, identity.ActivationCode);
            Assert.AreEqual("command_response", answer.ReportType, answer.Text);
            var credentials = await device.GetCredentialsAsync(gateway.Host, gateway.Port);
            Assert.AreEqual("command_response", credentials.ReportType, credentials.Text);
            device.StoreOperationalCertificate(credentials);
            var topicsTask = device.GetTopicsAsync(gateway.Host, gateway.Port);
            var rename = await Task.Run(() => controller.AwaitRenameRequest(Gateway, identity.DeviceId));
            string deviceTopic = await controller.RenameAsync(Gateway, identity.DeviceId, rename.ValueField("device_type")!, "Porch", "porch");
            string[] topics = await topicsTask;
            Assert.AreEqual(deviceTopic, topics[0]);
            await device.SubscribeTopicsAsync(topics);

            var serving = device.ServeAsync(deviceTopic, 2);
            Assert.AreEqual("On", StandardController.StateOf(await controller.SetAsync(deviceTopic, dialect.On)));
            Assert.AreEqual("On", StandardController.StateOf(await controller.QueryAsync(deviceTopic)));
            await serving;

            // Once: a second GET_CREDENTIALS for the same code gets no certificate.
            var again = await device.GetCredentialsAsync(gateway.Host, gateway.Port);
            Assert.AreEqual("error", again.ReportType, again.Text);
        },
        options => options.LocalGateway = true);

    [TestMethod]
    [DataRow("plain")]
    [DataRow("odd")]
    public Task StandardController_And_TheFirmware_CompleteTheLocalGatewayFlowAndTheSwitch(string dialectName) => E2eEnvironment.RunAsync(
        async env =>
        {
            var dialect = Dialect.Named(dialectName);
            await using var controller = await GatewayControllerAsync(env, dialect);
            var identity = env.Mint(new DeviceSettings { LocalGateway = true, MdnsBudgetMs = 2000 });
            var answer = await controller.ActivateAsync(Gateway, identity.DeviceId, identity.ActivationCode);
            Assert.AreEqual("command_response", answer.ReportType, answer.Text);

            var device = env.Boot(identity, answerMdns: true);
            var provisioning = E2eEnvironment.ProvisionAsync(device);
            var rename = await Task.Run(() => controller.AwaitRenameRequest(Gateway, identity.DeviceId));
            string deviceTopic = await controller.RenameAsync(Gateway, identity.DeviceId, rename.ValueField("device_type")!, "Porch", "porch");
            Assert.AreEqual(ProvisioningState.Operational, await provisioning, $"{device.Machine.Failure}: {device.Machine.FailureDetail}");
            Assert.AreEqual(deviceTopic, device.Machine.Topics[0]);

            device.StartOperational();
            await AssertSwitchAsync(controller, deviceTopic, dialect, () => device.Indicator.Output);
        },
        options => options.LocalGateway = true);

    /// <summary>
    /// Item 7: a device that reads only the standard's <c>broker_ip</c> dials 8883; with the cloud broker there
    /// (<c>serve --standard-ports</c>) it completes the flow. Skipped (inconclusive) when something else holds 8883 here.
    /// </summary>
    [TestMethod]
    public async Task StandardOnlyDevice_ThatReadsOnlyBrokerIp_CompletesTheFlowWithTheCloudBrokerOnTheStandardPort()
    {
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, Mqtt2Go.ReferenceBroker.Hosting.ReferenceBrokerOptions.StandardMqttsPort))
        {
            try
            {
                probe.Start();
            }
            catch (System.Net.Sockets.SocketException e)
            {
                Assert.Inconclusive($"127.0.0.1:8883 is in use on this machine ({e.SocketErrorCode}); the standard-port run needs it free");
            }
        }

        await E2eEnvironment.RunAsync(
            async env =>
            {
                Assert.AreEqual(8883, env.Endpoints.CloudBroker.Port);
                await using var controller = await CloudControllerAsync(env, Dialect.Plain);
                var identity = env.Mint();
                await using var device = NewStandardDevice(env, identity, Dialect.Plain);
                string deviceTopic = await RemoteFlowAsync(env, controller, device, readBrokerPort: false);
                var serving = device.ServeAsync(deviceTopic, 1);
                Assert.AreEqual("On", StandardController.StateOf(await controller.SetAsync(deviceTopic, "On")));
                await serving;
            },
            options => options.CloudBrokerPort = Mqtt2Go.ReferenceBroker.Hosting.ReferenceBrokerOptions.StandardMqttsPort);
    }

    /// <summary>Steps 1–13 between the two third parties; returns the device topic.</summary>
    private static async Task<string> RemoteFlowAsync(E2eEnvironment env, StandardController controller, StandardDevice device, bool readBrokerPort = true)
    {
        var answer = await controller.ActivateAsync(Gateway, device.DeviceId, device.ActivationCode);
        Assert.AreEqual("command_response", answer.ReportType, answer.Text);
        Assert.AreEqual("pending", answer.ValueField("status"), answer.Text);

        var identity = env.Endpoints;
        var data = await device.GetBrokerDataAsync(identity.DiscoveryBroker.Host, identity.DiscoveryBroker.Port);
        Assert.AreEqual("command_response", data.ReportType, data.Text);
        string host = data.ValueField("broker_ip")!;
        // broker_port is the profile's extension; the standard names only broker_ip, and MQTT over TLS is 8883.
        int port = readBrokerPort && data.Value.TryGetProperty("broker_port", out var p) ? p.GetInt32() : 8883;
        device.StoreOperationalCertificate(data);

        var topicsTask = device.GetTopicsAsync(host, port);
        var rename = await Task.Run(() => controller.AwaitRenameRequest(Gateway, device.DeviceId));
        Assert.AreEqual("command_response", rename.ReportType, rename.Text);
        string deviceTopic = await controller.RenameAsync(Gateway, device.DeviceId, rename.ValueField("device_type")!, "Lamp", "living");
        string[] topics = await topicsTask;
        CollectionAssert.AreEqual(new[] { deviceTopic, controller.HomeId + "/" + Gateway + "/living/switch" }, topics);
        await device.SubscribeTopicsAsync(topics);
        return deviceTopic;
    }

    /// <summary>set On, query, set Off, Toggle on the firmware: every answer is the standard's switch report.</summary>
    private static async Task AssertSwitchAsync(StandardController controller, string deviceTopic, Dialect dialect, Func<bool> output)
    {
        var on = await controller.SetAsync(deviceTopic, dialect.On);
        Assert.AreEqual("On", StandardController.StateOf(on), on.Text);
        Assert.IsTrue(output(), "the output follows set " + dialect.On);
        var query = await controller.QueryAsync(deviceTopic);
        Assert.AreEqual("On", StandardController.StateOf(query), query.Text);
        var off = await controller.SetAsync(deviceTopic, dialect.Off);
        Assert.AreEqual("Off", StandardController.StateOf(off), off.Text);
        Assert.IsFalse(output(), "the output follows set " + dialect.Off);
        var toggled = await controller.SetAsync(deviceTopic, "Toggle");
        Assert.AreEqual("On", StandardController.StateOf(toggled), toggled.Text);
    }

    private static Task<StandardController> CloudControllerAsync(E2eEnvironment env, Dialect dialect)
    {
        var ep = env.Endpoints;
        return StandardController.ConnectAsync(env.Loops[0], ep.CloudBroker.Host, ep.CloudBroker.Port, ep.ServiceCa,
            ep.Controller.Certificate, ep.Controller.Key, ep.Controller.CommonName, ep.HomeId, dialect);
    }

    internal static Task<StandardController> GatewayControllerAsync(E2eEnvironment env, Dialect dialect)
    {
        var ep = env.Endpoints;
        var gateway = ep.GatewayBroker!;
        return StandardController.ConnectAsync(env.Loops[0], gateway.Host, gateway.Port, ep.ServiceCa,
            ep.GatewayController!.Certificate, ep.GatewayController.Key, ep.GatewayController.CommonName, ep.HomeId, dialect);
    }

    internal static StandardDevice NewStandardDevice(E2eEnvironment env, MintedIdentity identity, Dialect dialect) =>
        new(env.Loops[0], Path.Combine(env.Dir, "standard-" + identity.DeviceId), identity.DeviceId, identity.ActivationCode,
            identity.FactoryCertificateDer, File.ReadAllBytes(identity.DeviceFiles[3]), identity.TrustAnchorDer, dialect);
}
