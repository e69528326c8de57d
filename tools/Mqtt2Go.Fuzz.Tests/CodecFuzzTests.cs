using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Desktop.Crypto;
using Mqtt2Go.Device.Desktop.Json;

namespace Mqtt2Go.Fuzz.Tests;

/// <summary>The device's MQTT2GO codec with every provisioning message kind, and the broker-data check behind it.</summary>
[TestClass]
public sealed class CodecFuzzTests
{
    private static readonly Mqtt2GoCodec Codec = new(new SystemTextJson());

    [TestMethod]
    public void Decode_AndEveryProvisioningParser_NeverThrow_AndDecodedMessagesReEncode()
    {
        var inspector = new X509CertificateInspector();
        var clock = new FixedClock();
        Fuzzer.Run("codec", Seeds(), Regressions(), input =>
        {
            var message = Codec.Decode(input);
            if (!message.IsValid)
            {
                return message.Error is null or "" ? "invalid message without an error" : null;
            }

            var again = ReEncode(message);
            if (!again.IsValid || again.Kind != message.Kind || again.CommandType != message.CommandType
                || again.ReportName != message.ReportName || again.ReportType != message.ReportType)
            {
                return "did not re-encode: " + again.Error;
            }

            var data = Codec.ParseBrokerData(message, out var error);
            if ((data is null) == (error is null))
            {
                return "ParseBrokerData: result and error disagree";
            }

            if (data is not null)
            {
                if (!HostNames.IsValid(data.Host) || data.Port is < 1 or > 65535)
                {
                    return "broker data with host/port the device would not use: " + data.Host + ":" + data.Port;
                }

                _ = BrokerDataCheck.Problem(data, "dev-0001", inspector, clock);
            }

            var gateway = Codec.ParseGatewayCredentials(message, "mqtt2go.local", 8883, out error);
            if ((gateway is null) == (error is null))
            {
                return "ParseGatewayCredentials: result and error disagree";
            }

            if (gateway is not null)
            {
                _ = BrokerDataCheck.Problem(gateway, "dev-0001", inspector, clock);
            }

            var wifi = Codec.ParseWifiCredentials(message, out error);
            if ((wifi is null) == (error is null))
            {
                return "ParseWifiCredentials: result and error disagree";
            }

            if (wifi is not null && (wifi.Ssid.Length == 0 || wifi.Ssid.Any(c => c < ' ' || c is >= '\u007f' and <= '\u009f')
                || !(wifi.Passphrase.Length is >= 8 and <= 63 || (wifi.Passphrase.Length == 64 && wifi.Passphrase.All(char.IsAsciiHexDigit)))))
            {
                return "ParseWifiCredentials accepted an unusable network";
            }

            if (wifi is not null && error is null && (WifiCredentialLimits.Problem(wifi) ?? "").Contains(wifi.Passphrase, StringComparison.Ordinal) && wifi.Passphrase.Length > 0)
            {
                return "a Wi-Fi problem text holds the passphrase";
            }

            var topics = Codec.ParseTopics(message, out error);
            if ((topics is null) == (error is null))
            {
                return "ParseTopics: result and error disagree";
            }

            foreach (var topic in topics ?? [])
            {
                if (!Device.Core.Messages.Topics.IsValidDeliveredTopic(topic) || topic.IndexOfAny(['+', '#']) >= 0)
                {
                    return "ParseTopics accepted " + topic;
                }
            }

            return Codec.ParseErrorReason(message) is null ? "ParseErrorReason returned null" : null;
        });
    }

    [TestMethod]
    public void Regressions_HaveTheirFixedOutcomes()
    {
        // Item 9: device_key naming an unknown curve is a broker-data problem, not an exception out of Step().
        var data = Codec.ParseBrokerData(Codec.Decode(BrokerData(Convert.ToBase64String(FuzzPki.UnknownCurveKey))), out var error);
        Assert.IsNull(error);
        Assert.IsNotNull(BrokerDataCheck.Problem(data, "dev-0001", new X509CertificateInspector(), new FixedClock()));

        // Item 12: a wildcard after the device's own topic.
        Assert.IsNull(Codec.ParseTopics(Codec.Decode(Topics("\"home1/gw1/living/switch/dev-0001\",\"#\"")), out error));
        Assert.AreEqual("value[1] is not a valid topic", error);

        // Item 11: broker_ip values the broker used to accept.
        foreach (var host in new[] { "1.2.3", "256.1.1.1", "0x7f.1", "example.com.", "a_b.example", "[::1]", "fe80::1%eth0", ":.:", "::1.2.3.4.5.6" })
        {
            Assert.IsNull(Codec.ParseBrokerData(Codec.Decode(BrokerData(null, host)), out _), host);
        }
    }

    internal static IEnumerable<byte[]> Seeds()
    {
        yield return Utf8.Bytes("{\"type\":\"command\",\"timestamp\":1764800000,\"command_type\":\"mqtt_credentials\",\"value\":\"GET_BROKER_DATA\"}");
        yield return BrokerData(null);
        yield return BrokerData(Convert.ToBase64String(FuzzPki.DeviceKeyPkcs8));
        yield return Utf8.Bytes("{\"type\":\"command\",\"timestamp\":1764800000,\"command_type\":\"mqtt_credentials\",\"value\":\"GET_CREDENTIALS\"}");
        yield return Utf8.Bytes("{\"type\":\"report\",\"timestamp\":1764800000,\"report_type\":\"command_response\",\"report_name\":\"mqtt_credentials\",\"value\":\""
            + Convert.ToBase64String(FuzzPki.DeviceCertificate) + "\"}");
        yield return Utf8.Bytes("{\"type\":\"report\",\"timestamp\":\"1764800000\",\"report_type\":\"error\",\"report_name\":\"mqtt_credentials\",\"value\":{\"reason\":\"expired\"}}");
        yield return Utf8.Bytes("{\"type\":\"command\",\"timestamp\":1764800000,\"command_type\":\"topics\",\"value\":\"GET_DEVICE_TOPICS\",\"device_type\":\"switch\"}");
        yield return Utf8.Bytes("{\"type\":\"command\",\"timestamp\":1764800000,\"command_type\":\"wifi_credentials\",\"value\":\"GET_WIFI_CREDENTIALS\"}");
        yield return Utf8.Bytes("{\"type\":\"report\",\"timestamp\":1764800000,\"report_type\":\"command_response\",\"report_name\":\"wifi_credentials\",\"value\":{\"ssid\":\"Home \\u00e9\",\"password\":\"correct horse battery\"}}");
        yield return Topics("\"home1/gw1/living/switch/dev-0001\",\"home1/gw1/living/switch\"");
        yield return Utf8.Bytes("{\"type\":\"command\",\"timestamp\":1764800000,\"command_type\":\"set\",\"value\":\"toggle\"}");
        yield return Utf8.Bytes("{\"type\":\"report\",\"timestamp\":1764800000,\"report_type\":\"status\",\"report_name\":\"state\",\"value\":\"on\",\"priority_level\":3}");
    }

    private static IEnumerable<byte[]> Regressions()
    {
        yield return BrokerData(Convert.ToBase64String(FuzzPki.UnknownCurveKey));
        yield return Topics("\"home1/gw1/living/switch/dev-0001\",\"#\"");
        yield return Topics("\"home1/gw1/living/switch/dev-0001\",\"a/\\u0085\"");
        yield return Utf8.Bytes("{\"type\":\"\\ud800\"}");
        yield return BrokerData(null, "fe80::1%eth0");
        yield return BrokerData(null, ":1:");
    }

    private static byte[] Topics(string list) => Utf8.Bytes(
        "{\"type\":\"report\",\"timestamp\":1764800000,\"report_type\":\"command_response\",\"report_name\":\"topics\",\"value\":[" + list + "]}");

    private static byte[] BrokerData(string deviceKey, string host = "10.0.0.1") => Utf8.Bytes(
        "{\"type\":\"report\",\"timestamp\":1764800000,\"report_type\":\"command_response\",\"report_name\":\"mqtt_credentials\",\"value\":{"
        + "\"broker_ip\":\"" + host + "\",\"broker_port\":8883,\"device_certificate\":\"" + Convert.ToBase64String(FuzzPki.DeviceCertificate)
        + "\",\"ca_certificate\":\"" + Convert.ToBase64String(FuzzPki.CaCertificate) + "\",\"login\":\"dev-0001\",\"password\":\"pw\""
        + (deviceKey is null ? "" : ",\"device_key\":\"" + deviceKey + "\"") + "}}");

    private static Mqtt2GoMessage ReEncode(Mqtt2GoMessage message)
    {
        var bytes = message.Kind == MessageKind.Command
            ? Codec.EncodeCommand(message.CommandType, message.Value, message.Timestamp)
            : Codec.EncodeReport(message.ReportType, message.ReportName, message.Value, message.Timestamp, message.PriorityLevel);
        return Codec.Decode(bytes);
    }
}
