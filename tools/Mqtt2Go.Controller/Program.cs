using System.Text.Json;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Controller;
using Mqtt2Go.ReferenceBroker.Hosting;
using Mqtt2Go.ReferenceBroker.Pki;

// Command line: [--workdir DIR] [--local-gateway] add|list|set|query ...
var flags = new Dictionary<string, string>();
var positional = new List<string>();
var localGateway = false;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--local-gateway")
    {
        localGateway = true;
    }
    else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
    {
        flags[args[i][2..]] = args[++i];
    }
    else
    {
        positional.Add(args[i]);
    }
}

const string Usage = """
    usage: Mqtt2Go.Controller [--workdir DIR] [--local-gateway] COMMAND
      add --device-id X --code Y [--qr "MQTT2GO:1:X:Y"] --gateway G --name N --group Gr [--home H] [--timeout-s 900]
      list
      set <device_id> on|off|toggle [--retain true]
      query <device_id>
      wifi-ap --device-id X --ssid S --passphrase-file F [--address 192.168.4.1] [--port 8266]
          (the phone's part: run it on a machine joined to the device's access point mqtt2go-<device_id>)
    """;
if (positional.Count == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

if (positional[0] == "wifi-ap")
{
    // Needs no broker: the phone talks to the device over the device's own access point.
    var apDevice = flags.GetValueOrDefault("device-id");
    var apSsid = flags.GetValueOrDefault("ssid");
    var passphraseFile = flags.GetValueOrDefault("passphrase-file");
    if (apDevice is null || apSsid is null || passphraseFile is null || !File.Exists(passphraseFile))
    {
        Console.Error.WriteLine("wifi-ap needs --device-id, --ssid and --passphrase-file (an existing file; the passphrase is never a command-line argument)");
        return 2;
    }

    var passphrase = File.ReadAllText(passphraseFile).TrimEnd('\r', '\n');
    var apPort = int.TryParse(flags.GetValueOrDefault("port"), out var p) ? p : AccessPointPhone.DevicePort;
    var answer = await AccessPointPhone.SendHomeWifiAsync(flags.GetValueOrDefault("address") ?? AccessPointPhone.DeviceAddress, apPort,
        apDevice, apSsid, passphrase, TimeSpan.FromSeconds(30));
    Console.WriteLine(answer.Accepted ? $"{apDevice} accepted the home network {apSsid}" : $"{apDevice} refused: {answer.Reason} ({answer.Detail})");
    return answer.Accepted ? 0 : 1;
}

// Where the reference broker runs (reference-broker.json) and what this controller already added.
var workDir = flags.GetValueOrDefault("workdir") ?? Path.Combine(Path.GetTempPath(), "mqtt2go-reference-broker");
var endpointsPath = Path.Combine(workDir, "reference-broker.json");
if (!File.Exists(endpointsPath))
{
    Console.Error.WriteLine($"{endpointsPath} not found: start the reference broker first (dotnet run --project tools/Mqtt2Go.ReferenceBroker -- serve)");
    return 1;
}

var endpoints = ReferenceBrokerEndpoints.Load(endpointsPath);
var devicesPath = Path.Combine(workDir, localGateway ? "controller-devices-gateway.json" : "controller-devices.json");
var devices = File.Exists(devicesPath)
    ? JsonSerializer.Deserialize<Dictionary<string, AddDeviceResult>>(File.ReadAllText(devicesPath)) ?? []
    : new Dictionary<string, AddDeviceResult>();

if (positional[0] == "list")
{
    foreach (var d in devices.Values)
    {
        Console.WriteLine($"{d.DeviceId,-24} {d.Name,-20} {d.DeviceType,-8} {d.DeviceTopic}");
    }

    return 0;
}

using var loop = new MosquittoLoop("controller");
await using var controller = await ControllerClient.ConnectAsync(loop, endpoints, localGateway);
controller.ReportReceived += r => Console.WriteLine($"report {r.Topic}: {r.Json}");
switch (positional[0])
{
    case "add":
    {
        var deviceId = flags.GetValueOrDefault("device-id");
        var code = flags.GetValueOrDefault("code");
        if (flags.TryGetValue("qr", out var qr))
        {
            if (!ActivationCodes.TryParseQr(qr, out var qrId, out var qrCode))
            {
                Console.Error.WriteLine("the QR text is not MQTT2GO:1:<device_id>:<activation_code>");
                return 2;
            }

            deviceId = qrId;
            code = qrCode;
        }

        if (deviceId is null || code is null || !flags.TryGetValue("gateway", out var gateway) || !flags.TryGetValue("name", out var name) || !flags.TryGetValue("group", out var group))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var timeout = TimeSpan.FromSeconds(int.Parse(flags.GetValueOrDefault("timeout-s") ?? "900", System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var result = await controller.AddDeviceAsync(gateway, deviceId, code, name, group, timeout, Console.WriteLine);
            devices[deviceId] = result;
            File.WriteAllText(devicesPath, JsonSerializer.Serialize(devices, new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"added {deviceId}: device topic {result.DeviceTopic}, group topic {result.GroupTopic}");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or ArgumentException)
        {
            Console.Error.WriteLine($"add failed: {e.Message}");
            return 1;
        }
    }

    case "set" when positional.Count == 3 && devices.TryGetValue(positional[1], out var device):
        var reason = await controller.SetAsync(device.DeviceTopic, positional[2], flags.GetValueOrDefault("retain") == "true");
        Console.WriteLine($"set {positional[2]} -> {device.DeviceTopic} (puback {reason})");
        await Task.Delay(TimeSpan.FromSeconds(2)); // print the device's command_response
        return reason >= 0x80 ? 1 : 0;

    case "query" when positional.Count == 2 && devices.TryGetValue(positional[1], out var queried):
        try
        {
            var report = await controller.QueryAsync(queried.DeviceTopic, TimeSpan.FromSeconds(10));
            Console.WriteLine(report.Json);
            return 0;
        }
        catch (TimeoutException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }

    default:
        Console.Error.WriteLine(positional.Count > 1 && !devices.ContainsKey(positional[1]) ? $"unknown device {positional[1]} (see list)" : Usage);
        return 2;
}
