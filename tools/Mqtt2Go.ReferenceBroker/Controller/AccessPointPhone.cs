using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mqtt2Go.ReferenceBroker.Controller;

/// <summary>
/// The phone's part of the device access point (docs/profile.md "Device access point"): after joining the device's WPA2
/// network (<c>mqtt2go-&lt;device id&gt;</c>, passphrase = the activation code on its label), connect to it over TCP, read
/// its challenge, send the home network with the challenge's nonce in one line, read the answer.
/// </summary>
public static class AccessPointPhone
{
    /// <summary>The device's address on its own access point (ESP32 firmware).</summary>
    public const string DeviceAddress = "192.168.4.1";

    /// <summary>The device's TCP port on its access point.</summary>
    public const int DevicePort = 8266;

    /// <summary>What the device answered: accepted, or refused with its reason code and detail.</summary>
    public sealed record Answer(bool Accepted, string? Reason, string? Detail, string Nonce);

    /// <summary>Sends the home network to the device at host:port; throws when the device is not the one expected or
    /// breaks the exchange (closed, no line within the timeout, not an MQTT2GO report).</summary>
    public static async Task<Answer> SendHomeWifiAsync(string host, int port, string expectedDeviceId, string ssid, string passphrase,
        TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
        var stream = client.GetStream();
        var reader = new StreamReader(stream, new UTF8Encoding(false));
        var challenge = await ReadReportAsync(reader, cts.Token).ConfigureAwait(false);
        if (challenge["report_type"]?.GetValue<string>() != "challenge" || challenge["value"] is not JsonObject value)
        {
            throw new InvalidDataException("the device did not start with its challenge: " + challenge.ToJsonString());
        }

        var deviceId = value["device_id"]?.GetValue<string>();
        if (deviceId != expectedDeviceId)
        {
            throw new InvalidDataException($"reached device '{deviceId}', not '{expectedDeviceId}': nothing was sent");
        }

        var nonce = value["nonce"]?.GetValue<string>() ?? throw new InvalidDataException("the challenge has no nonce");
        var request = new JsonObject
        {
            ["type"] = "command",
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["command_type"] = "wifi_credentials",
            ["value"] = new JsonObject { ["ssid"] = ssid, ["password"] = passphrase, ["nonce"] = nonce },
        };
        await SendLineAsync(stream, request.ToJsonString(), cts.Token).ConfigureAwait(false);
        var answer = await ReadReportAsync(reader, cts.Token).ConfigureAwait(false);
        return Interpret(answer, nonce);
    }

    /// <summary>Sends raw bytes after the challenge (tests: oversize, replayed or malformed requests) and returns the answer.</summary>
    public static async Task<Answer> SendRawAsync(string host, int port, Func<string, byte[]> requestForNonce, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
        var stream = client.GetStream();
        var reader = new StreamReader(stream, new UTF8Encoding(false));
        var challenge = await ReadReportAsync(reader, cts.Token).ConfigureAwait(false);
        var nonce = challenge["value"]?["nonce"]?.GetValue<string>() ?? string.Empty;
        await stream.WriteAsync(requestForNonce(nonce), cts.Token).ConfigureAwait(false);
        return Interpret(await ReadReportAsync(reader, cts.Token).ConfigureAwait(false), nonce);
    }

    private static Answer Interpret(JsonObject answer, string nonce)
    {
        if (answer["report_type"]?.GetValue<string>() == "command_response" && answer["value"]?.GetValueKind() == JsonValueKind.String
            && answer["value"]!.GetValue<string>() == "accepted")
        {
            return new Answer(true, null, null, nonce);
        }

        if (answer["report_type"]?.GetValue<string>() == "error")
        {
            return new Answer(false, answer["value"]?["reason"]?.GetValue<string>(), answer["value"]?["detail"]?.GetValue<string>(), nonce);
        }

        throw new InvalidDataException("unexpected answer: " + answer.ToJsonString());
    }

    private static async Task SendLineAsync(NetworkStream stream, string line, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonObject> ReadReportAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new IOException("the device closed the connection");
        return JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException("not a JSON object: " + line);
    }
}
