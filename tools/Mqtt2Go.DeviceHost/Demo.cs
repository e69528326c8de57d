using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Identity;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Controller;
using Mqtt2Go.ReferenceBroker.Hosting;

namespace Mqtt2Go.DeviceHost;

/// <summary>The README's main command: the whole MQTT2GO provisioning of one simulated device against the reference
/// broker, each step printed with its elapsed time, ending with the device answering a <c>set</c> and a <c>query</c>.</summary>
public static class Demo
{
    // The user's phone: it sees the device's access point, joins it with the code on the label, sends the home network.
    private static async Task PlayPhoneAsync(SimulatedDevice device, MintedIdentity identity, string ssid, string passphrase,
        Action<string, string> say, CancellationToken cancellationToken)
    {
        try
        {
            var apSsid = await device.AccessPoint.WhenOpenAsync().WaitAsync(StepTimeout, cancellationToken);
            var endpoint = device.AccessPoint.Join(apSsid, identity.ActivationCode, out var problem);
            if (endpoint == null)
            {
                say("phone", "could not join the access point: " + problem);
                return;
            }

            say("phone", $"joined \"{apSsid}\" with the code on the label; sending the home network \"{ssid}\"");
            var answer = await AccessPointPhone.SendHomeWifiAsync(endpoint.Address.ToString(), endpoint.Port, identity.DeviceId, ssid, passphrase,
                StepTimeout, cancellationToken);
            say("phone", answer.Accepted ? "the device accepted the home network" : $"the device refused: {answer.Reason} ({answer.Detail})");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            say("phone", "FAILED: " + e.Message);
        }
    }

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the demo; returns 0 on success, 1 with the reason printed otherwise.</summary>
    public static async Task<int> RunAsync(bool keepWorkDir, bool localGateway, bool verbose, bool noWps = false, bool accessPoint = false)
    {
        // --no-wps: a stock image (no WPS) and no stored network: the guest-Wi-Fi variant, which needs the local gateway.
        // --access-point: the same device in a home without a gateway: it opens its own access point and a phone sends
        // the home network (the reference controller's phone part).
        noWps &= !accessPoint;
        localGateway = (localGateway || noWps) && !accessPoint;
        const string homeSsid = "home-wifi";
        const string homePassphrase = "correct horse battery staple"; // SimulatedDeviceOptions' home access point
        var clock = Stopwatch.StartNew();
        var gate = new object();
        void Say(string who, string text)
        {
            lock (gate) Console.WriteLine($"[{clock.Elapsed.TotalSeconds,7:0.000}s] {who,-10} {text}");
        }

        var workDir = Directory.CreateTempSubdirectory("mqtt2go-demo-").FullName;
        Say("demo", $"working directory {workDir}");
        ReferenceBrokerHost broker = null;
        SimulatedDevice device = null;
        ControllerClient controller = null;
        using var loop = new MosquittoLoop("device-loop");
        // Ctrl+C / SIGTERM: stop waiting, then the finally block stops every broker by its PID and removes the folder.
        using var interrupted = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; interrupted.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; interrupted.Cancel(); });
        try
        {
            // 1. The other side: Discovery (REST + mosquitto), cloud broker and its MQTT2GO service, all on loopback.
            broker = await ReferenceBrokerHost.StartAsync(new ReferenceBrokerOptions
            {
                WorkDir = Path.Combine(workDir, "reference-broker"),
                LocalGateway = localGateway,
                HomeWifi = noWps ? new ReferenceBroker.Gateway.HomeWifi(homeSsid, homePassphrase) : null,
            }, interrupted.Token);
            var endpoints = broker.Endpoints;
            Say("broker", $"Discovery broker  {endpoints.DiscoveryBroker.Host}:{endpoints.DiscoveryBroker.Port} (mTLS, pid {endpoints.DiscoveryBroker.Pid})");
            Say("broker", $"Discovery REST    {endpoints.DiscoveryRest} (mTLS, cloud service only)");
            Say("broker", $"cloud broker      {endpoints.CloudBroker.Host}:{endpoints.CloudBroker.Port} (mTLS, pid {endpoints.CloudBroker.Pid})");
            if (localGateway && endpoints.GatewayBroker != null)
            {
                Say("broker", $"local gateway     {endpoints.GatewayBroker.Host}:{endpoints.GatewayBroker.Port}, mDNS on udp/{endpoints.MdnsPort}");
            }

            // 2. The factory: a unit's identity, registered in the manufacturer registry, written to its "flash".
            var flash = Path.Combine(workDir, "device-flash");
            MintedIdentity identity;
            using (var minter = new FactoryIdentityMinter(broker.Pki, broker.Registry)
            {
                DefaultDiscoveryHost = endpoints.DiscoveryBroker.Host,
                DefaultDiscoveryPort = endpoints.DiscoveryBroker.Port,
            })
            {
                identity = minter.MintDevice(new MintOptions { OutputDirectory = flash, WriteLabelPng = false });
            }

            if (noWps)
            {
                Say("gateway", $"guest network \"{ProvisioningMachine.GuestNetworkSsid}\" open for {identity.DeviceId} (passphrase: its activation code); "
                    + $"it will hand out the home network \"{homeSsid}\"");
            }
            Say("factory", $"minted {identity.DeviceId}, label: {identity.QrText.Replace(identity.ActivationCode, identity.FormattedActivationCode)}");

            // 3. The user scans the label: the controller adds the device (MQTT2GO steps 1-2, then 10-11 when asked).
            controller = await ControllerClient.ConnectAsync(loop, endpoints, localGateway);
            var adding = controller.AddDeviceAsync("gw1", identity.DeviceId, identity.ActivationCode, "Desk lamp", "living-room",
                StepTimeout, line => Say("controller", line));

            // 4. The device boots: the firmware's portable core, unchanged, on desktop adapters.
            device = new SimulatedDevice(new SimulatedDeviceOptions
            {
                Name = "device",
                FlashDirectory = flash,
                Loop = loop,
                MdnsResponder = localGateway && endpoints.MdnsPort.HasValue
                    ? new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, endpoints.MdnsPort.Value) : null,
                AccessPoint = accessPoint,
                MinimumLevel = verbose ? Device.Core.Ports.LogLevel.Debug : Device.Core.Ports.LogLevel.Warning,
                LogSink = line => { lock (gate) Console.WriteLine("           " + line); },
            });
            if (noWps)
            {
                device.Wifi.WpsSupported = false; // as on nanoff's stock image
                device.Wifi.GuestNetwork = new Device.Core.Ports.WifiCredentials(ProvisioningMachine.GuestNetworkSsid, identity.ActivationCode);
            }

            if (accessPoint)
            {
                device.Wifi.WpsSupported = false; // as on nanoff's stock image; no gateway, so no guest network either
                _ = PlayPhoneAsync(device, identity, homeSsid, homePassphrase, Say, interrupted.Token);
            }

            if (device.Machine == null)
            {
                Say("demo", "FAILED: the device's configuration is invalid: " + string.Join("; ", device.Configuration.Problems));
                return 1;
            }
            device.Machine.StateChanged += (_, e) => Say("device", Narrate(e));
            var started = clock.Elapsed;
            var final = await Task.Run(device.Provision).WaitAsync(interrupted.Token);
            if (final != ProvisioningState.Operational)
            {
                Say("demo", $"FAILED: the device stopped in {final}: {device.Machine.Failure} — {device.Machine.FailureDetail}");
                Console.WriteLine(broker.LogTails());
                return 1;
            }
            var added = await adding.WaitAsync(StepTimeout, interrupted.Token);
            Say("device", $"operational after {(clock.Elapsed - started).TotalMilliseconds:0} ms: {device.Session.ConnectAttempts} TLS handshakes, " +
                          $"{device.Session.Publishes} publishes, {device.Session.Subscribes} subscribes; topics {string.Join(", ", device.Machine.Topics)}");
            device.StartOperational();

            // 5. Operational MQTT2GO: the controller switches the device on and asks for its state.
            var response = controller.WaitForReportAsync(r => r.Topic == added.DeviceTopic && ControllerClient.IsStateAnswer(r), StepTimeout);
            await controller.SetAsync(added.DeviceTopic, "on");
            Say("controller", $"set on   -> {added.DeviceTopic}");
            Say("device", $"answered {(await response).Json} ; switch output {(device.Indicator.Output ? "ON" : "off")}");
            var query = await controller.QueryAsync(added.DeviceTopic, StepTimeout);
            Say("controller", $"query    -> {query.Json}");
            if (!device.Indicator.Output)
            {
                Say("demo", "FAILED: the device answered but its output is off");
                return 1;
            }
            Say("demo", $"OK: {identity.DeviceId} provisioned and operational in {clock.Elapsed.TotalSeconds:0.0} s");
            return 0;
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            Say("demo", "interrupted: stopping the brokers");
            return 130;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException or MosquittoException)
        {
            Say("demo", "FAILED: " + e.Message);
            if (broker != null) Console.WriteLine(broker.LogTails());
            return 1;
        }
        finally
        {
            device?.Dispose();
            if (controller != null) await controller.DisposeAsync();
            if (broker != null) await broker.DisposeAsync();
            if (!keepWorkDir)
            {
                try { Directory.Delete(workDir, recursive: true); }
                catch (IOException) { Console.WriteLine($"could not remove {workDir}"); }
            }
        }
    }

    /// <summary>One line per state change of the firmware, with the MQTT2GO step it performs (docs/profile.md).</summary>
    private static string Narrate(StateChangedEventArgs e)
    {
        var what = e.To switch
        {
            ProvisioningState.LoadConfiguration => "boot: reading the factory identity and checkpoints",
            ProvisioningState.AwaitWps => "no Wi-Fi credentials yet: WPS push-button (simulated access point)",
            ProvisioningState.JoinWifi => e.From == ProvisioningState.AwaitWifiCredentials
                ? "home network received from the gateway and stored; leaving the guest network, joining it"
                : e.From == ProvisioningState.AwaitAccessPointCredentials
                    ? "home network received from the phone and stored; access point closed, joining it"
                    : "joining Wi-Fi with stored credentials",
            ProvisioningState.JoinGuestWifi => "no WPS and no stored network: joining the gateway's guest network (MQTT2GO 1.1 guest-Wi-Fi variant)",
            ProvisioningState.AwaitWifiCredentials => "on the guest network: mDNS for the gateway, GET_WIFI_CREDENTIALS on <activation_code>/wifi",
            ProvisioningState.OpenAccessPoint => "no WPS, no guest network: opening the device's own access point",
            ProvisioningState.AwaitAccessPointCredentials => "access point open (WPA2, passphrase: the activation code): waiting for a phone",
            ProvisioningState.AwaitClock => "Wi-Fi joined (step 3); checking the clock before TLS",
            ProvisioningState.ProbeLocalGateway => "mDNS: looking for mqtt2go.local / _mqtt._tcp.local (150 ms head start, then Discovery while it listens up to 3 s)",
            ProvisioningState.ConnectLocalGateway => "local gateway found: connecting with the factory certificate",
            ProvisioningState.AwaitCredentials => "GET_CREDENTIALS sent on <activation_code>/activation",
            ProvisioningState.ConnectDiscovery => "mutual TLS to the Discovery broker: factory certificate + activation code (steps 4-5)",
            ProvisioningState.AwaitBrokerData => "subscribed <activation_code>/activation and sent GET_BROKER_DATA (step 6)",
            ProvisioningState.ConnectBroker => e.From is ProvisioningState.AwaitBrokerData or ProvisioningState.AwaitCredentials
                ? "broker data and certificate received, first session closed (step 7); connecting to the broker (step 8)"
                : "connecting to the broker",
            ProvisioningState.AwaitTopics => "connected with the new certificate; subscribed <device_id>/topics, sent GET_DEVICE_TOPICS (steps 8-9)",
            ProvisioningState.SubscribeTopics => "topics received (step 12)",
            ProvisioningState.Operational => "subscribed to its topics: operational (step 13)",
            ProvisioningState.Reconnecting => "connection lost: reconnecting with backoff",
            ProvisioningState.Failed => "FAILED",
            _ => e.To.ToString(),
        };
        var detail = string.IsNullOrEmpty(e.Detail) || e.To == ProvisioningState.LoadConfiguration ? "" : " — " + e.Detail;
        return $"{e.From} -> {e.To}: {what}{detail}";
    }
}
