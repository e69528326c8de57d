using System.Collections;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Operation;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Desktop.Json;
using Mqtt2Go.DeviceHost.Adapters;
using Mqtt2Go.Identity;
using static Mqtt2Go.Bench.MarkdownReport;

namespace Mqtt2Go.Bench;

/// <summary>(c) Bytes allocated per received operational command by the core's SwitchDevice with the real desktop JSON
/// adapter, split into the adapter's share and the core's; optionally the same through ProvisioningMachine's operational
/// path (in-memory session, with and without the broker's echo of the device's own reports).</summary>
/// <remarks>Allocation is counted with GC.GetAllocatedBytesForCurrentThread on the one thread that runs everything
/// (the in-memory session delivers synchronously). The controller's real command bytes are used as input.</remarks>
internal static class AllocationBenchmark
{
    private const string DeviceTopic = "home1/gw1/bench/switch/m2g-alloc";
    private const string GroupTopic = "home1/gw1/bench/switch";
    private const int Warmup = 2_000;

    /// <summary>Runs the benchmark and writes its section.</summary>
    public static Task RunAsync(MarkdownReport report, int commands)
    {
        report.Heading(2, $"(c) Allocation per received operational command ({commands:N0} commands per row)");
        var time = TimeProvider.System;
        var setOn = Messages(time, "set", "on");
        var setOff = Messages(time, "set", "off");
        var query = Messages(time, "query", "QueryState");
        report.Line($"Inputs are the controller's real payloads (Mqtt2Go.ReferenceBroker Messages.Command): set {setOn.Length} B, query {query.Length} B. Each `set` alternates on/off, so it answers with command_response **and** a status/state report (2 publishes); `query` answers with one command_response state report (On/Off).");
        report.Line(string.Empty);

        // The core's SwitchDevice alone.
        var json = new SystemTextJson();
        var session = new InMemoryMqttSession();
        session.Connect(new MqttConnectRequest());
        var log = new NullLog();
        var device = new SwitchDevice(session, new Mqtt2GoCodec(json), new ConsoleIndicator(), new SystemClock(), log);
        device.Attach([DeviceTopic, GroupTopic]);
        var rows = new List<string[]>();
        var set = Measure(commands, i => device.Handle(DeviceTopic, i % 2 == 0 ? setOn : setOff), session);
        var qry = Measure(commands, i => device.Handle(DeviceTopic, query), session);
        var mixed = Measure(commands, i => device.Handle(DeviceTopic, (i % 4) switch { 0 => setOn, 2 => setOff, _ => query }), session);

        // The JSON adapter alone on the same payloads: TryParse of the command text and Serialize of the report trees the codec
        // builds for the answers (inputs prepared outside the measured loop, so only the adapter's own allocations count).
        var onText = Encoding.UTF8.GetString(setOn);
        var offText = Encoding.UTF8.GetString(setOff);
        var queryText = Encoding.UTF8.GetString(query);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var responseOn = Report("command_response", "state", "On", now);
        var responseOff = Report("command_response", "state", "Off", now);
        var stateOn = Report("status", "state", "On", now);
        var stateOff = Report("status", "state", "Off", now);
        var queryResponse = Report("command_response", "state", "On", now);
        var jsonSet = Measure(commands, i =>
        {
            var on = i % 2 == 0;
            json.TryParse(on ? onText : offText, out _);
            json.Serialize(on ? responseOn : responseOff);
            json.Serialize(on ? stateOn : stateOff);
        }, null);
        var jsonQuery = Measure(commands, i =>
        {
            json.TryParse(queryText, out _);
            json.Serialize(queryResponse);
        }, null);
        var jsonMixed = new Result((jsonSet.BytesPerCommand + jsonQuery.BytesPerCommand) / 2, double.NaN, double.NaN);

        void Row(string label, Result total, Result adapter)
        {
            var core = total.BytesPerCommand - adapter.BytesPerCommand;
            rows.Add([label, Num(total.BytesPerCommand, "0"), Num(adapter.BytesPerCommand, "0"), Num(core, "0"),
                Num(total.OutputBytesPerCommand, "0"), Num(total.NanosecondsPerCommand / 1000.0, "0.00"),
                core <= 1024 ? "met" : "MISSED"]);
        }

        Row("SwitchDevice.Handle(set)", set, jsonSet);
        Row("SwitchDevice.Handle(query)", qry, jsonQuery);
        Row("SwitchDevice.Handle(mixed 1:1)", mixed, jsonMixed);

        // Optional: the same commands through ProvisioningMachine.Step in Operational (inbox, dispatch, SwitchDevice).
        var machine = OperationalMachine(json, out var machineSession);
        var steps = new StepCounter(machineSession);
        var mSet = Measure(commands, i => steps.Deliver(machine, i % 2 == 0 ? setOn : setOff), machineSession);
        var mQuery = Measure(commands, i => steps.Deliver(machine, query), machineSession);
        machineSession.Echo = true;
        var eSet = Measure(commands, i => steps.Deliver(machine, i % 2 == 0 ? setOn : setOff), machineSession);
        var eQuery = Measure(commands, i => steps.Deliver(machine, query), machineSession);
        machineSession.Echo = false;
        Row("ProvisioningMachine, set", mSet, jsonSet);
        Row("ProvisioningMachine, query", mQuery, jsonQuery);
        // The core recognises the echo of its own reports by their bytes (SwitchDevice.IsOwnEcho) and never parses it,
        // so the adapter's share of an echo row is the same as without echoes.
        var echoSetJson = jsonSet;
        var echoQueryJson = jsonQuery;
        Row("ProvisioningMachine, set + 2 echoes", eSet, echoSetJson);
        Row("ProvisioningMachine, query + 1 echo", eQuery, echoQueryJson);

        report.Table(["path (per command)", "total B", "JSON adapter B", "core B", "output payload B", "µs", "core ≤ 1 KB"], rows);
        report.Line("\"JSON adapter\" = SystemTextJson.TryParse of the command + Serialize of every answer, measured alone on the same inputs; \"core\" = total − adapter (UTF-8 decode, envelope checks, report Hashtables, UTF-8 encode of the answers = the payload arrays handed to the session). The echo rows include the broker sending the device's own reports back on its device topic (MQTT 5 No Local is not set): the core recognises each echo by its bytes and does not decode it. The target applies to the core's share: the JSON adapter is the desktop's System.Text.Json, not nanoFramework.Json, and its bytes say nothing about the device's heap.");
        report.Line($"Log lines offered on the measured path: {log.Offered} (the success path logs nothing).");
        report.Line(string.Empty);
        Breakdown(report, commands, json, setOn, responseOn);
        report.Line(string.Empty);
        return Task.CompletedTask;
    }

    // Where the bytes of one `set` go: one decode, two report encodes.
    private static void Breakdown(MarkdownReport report, int commands, SystemTextJson json, byte[] setOn, Hashtable responseTree)
    {
        var codec = new Mqtt2GoCodec(json);
        var text = Encoding.UTF8.GetString(setOn);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var utf8 = Measure(commands, i => Encoding.UTF8.GetString(setOn), null);
        var parse = Measure(commands, i => json.TryParse(text, out _), null);
        var decode = Measure(commands, i => codec.Decode(setOn), null);
        var serialize = Measure(commands, i => json.Serialize(responseTree), null);
        var encode = Measure(commands, i => codec.EncodeReport("command_response", "state", "On", now), null);
        report.Line("Where the bytes of one `set` go (each measured alone; a `set` = 1 decode + 2 report encodes):");
        report.Line(string.Empty);
        report.Table(["step", "bytes", "of which JSON adapter"],
        [
            ["Mqtt2GoCodec.Decode(command payload)", Num(decode.BytesPerCommand, "0"), Num(parse.BytesPerCommand, "0") + " (SystemTextJson.TryParse: JsonDocument + Hashtable tree + strings)"],
            ["  · UTF-8 payload → string (Utf8Text.Decode)", Num(utf8.BytesPerCommand, "0"), "—"],
            ["Mqtt2GoCodec.EncodeReport(command_response)", Num(encode.BytesPerCommand, "0"), Num(serialize.BytesPerCommand, "0") + " (SystemTextJson.Serialize: MemoryStream + Utf8JsonWriter + ToArray + string)"],
        ]);
    }

    private static byte[] Messages(TimeProvider time, string commandType, string value) =>
        ReferenceBroker.Protocol.Messages.Command(time, commandType, JsonValue.Create(value));

    // The same tree Mqtt2GoCodec.EncodeReport builds.
    private static Hashtable Report(string reportType, string reportName, object value, long timestamp) => new()
    {
        ["type"] = "report",
        ["timestamp"] = timestamp,
        ["report_type"] = reportType,
        ["report_name"] = reportName,
        ["value"] = value,
    };

    private static Result Measure(int count, Action<int> body, InMemoryMqttSession? session)
    {
        for (var i = 0; i < Warmup; i++)
        {
            body(i);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var bytesBefore = session?.PublishedBytes ?? 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            body(i);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var output = session is null ? double.NaN : (session.PublishedBytes - bytesBefore) / (double)count;
        return new Result(allocated / (double)count, elapsed.TotalMilliseconds * 1_000_000 / count, output);
    }

    // A machine that reached Operational against an in-memory broker: broker from a fixed broker.json equivalent (no
    // Discovery), topics answered by the session's responder; the identity blobs are placeholders the session ignores.
    private static ProvisioningMachine OperationalMachine(SystemTextJson json, out InMemoryMqttSession session)
    {
        var codec = new Mqtt2GoCodec(json);
        var deviceId = "m2g-alloc";
        var topicsTopic = deviceId + "/topics";
        var topicsReport = codec.EncodeReport("command_response", "topics", new ArrayList { DeviceTopic, GroupTopic }, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var answered = false;
        session = new InMemoryMqttSession
        {
            Responder = (topic, payload) =>
            {
                if (answered || topic != topicsTopic)
                {
                    return null;
                }

                answered = true;
                return topicsReport;
            },
        };
        var configuration = new DeviceConfiguration
        {
            Identity = new FactoryIdentity
            {
                DeviceId = deviceId,
                ActivationCode = FactoryIdentityMinter.NewActivationCode(),
                DeviceType = SwitchDevice.TypeName,
                DiscoveryHost = "127.0.0.1",
                DiscoveryPort = 8883,
                TrustAnchor = [1],
                FactoryCertificate = [1],
                FactoryKey = [1],
            },
            Settings = new ProvisioningSettings { LocalGateway = false },
            Broker = new BrokerSettings
            {
                BrokerHost = "127.0.0.1",
                BrokerPort = 8883,
                ClientId = deviceId,
                Authentication = BrokerAuthentication.Certificate,
                Cert = [1],
                PrivateKey = [1],
            },
        };
        var ports = new DevicePorts
        {
            Wifi = new SimulatedWifi("home-wifi", "correct horse battery staple"),
            Mqtt = session,
            Json = json,
            Store = new MemoryStore(),
            Clock = new SystemClock(),
            Log = new NullLog(),
            Indicator = new ConsoleIndicator(),
            Certificates = new Device.Desktop.Crypto.X509CertificateInspector(),
            Random = new Random(1),
        };
        var machine = new ProvisioningMachine(configuration, ports);
        var final = machine.RunUntilSettled();
        if (final != ProvisioningState.Operational)
        {
            throw new InvalidOperationException("the in-memory machine did not reach Operational: " + machine.Failure + " " + machine.FailureDetail);
        }

        return machine;
    }

    /// <summary>Bytes and time per command, and the answers' payload bytes.</summary>
    private sealed record Result(double BytesPerCommand, double NanosecondsPerCommand, double OutputBytesPerCommand);

    /// <summary>Delivers one command and steps the machine until it has consumed it and every echo it caused.</summary>
    private sealed class StepCounter(InMemoryMqttSession session)
    {
        public void Deliver(ProvisioningMachine machine, byte[] payload)
        {
            var before = session.Publishes;
            session.Deliver(DeviceTopic, payload);
            machine.Step();
            if (session.Echo)
            {
                for (var echoes = session.Publishes - before; echoes > 0; echoes--)
                {
                    machine.Step();
                }
            }
        }
    }
}
