using System.Net;
using Mqtt2Go.ReferenceBroker.Discovery;
using Mqtt2Go.ReferenceBroker.Gateway;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>Findings of the fuzzing campaign in the reference broker's parsers (issue 10 items 10, 11, 13).</summary>
[TestClass]
public sealed class ParserHardeningTests
{
    private const string ValidCode = "0000000000011";

    [TestMethod]
    public void Envelope_LoneSurrogateEscapes_AreRejectedWithAReasonNotAnException()
    {
        string[] payloads =
        [
            "{\"type\":\"\\ud800\"}",
            "{\"type\":\"command\",\"command_type\":\"\\udc00\",\"value\":1}",
            "{\"type\":\"report\",\"report_type\":\"status\",\"report_name\":\"\\ud800x\"}",
            "{\"type\":\"command\",\"timestamp\":\"\\ud800\",\"command_type\":\"x\"}",
            "{\"type\":\"command\",\"command_type\":\"topics\",\"value\":\"\\udfff\"}",
            "{\"type\":\"command\",\"command_type\":\"x\",\"value\":{\"group_id\":\"\\ud800\"}}",
            "{\"\\ud800\":1,\"type\":\"command\",\"command_type\":\"x\"}",
        ];
        foreach (var payload in payloads)
        {
            Assert.IsFalse(Envelope.TryParse(TestEnvironment.Utf8(payload), out var envelope, out var reason), payload);
            Assert.IsNull(envelope);
            Assert.AreNotEqual("", reason, payload);
        }

        // A surrogate pair is fine.
        Assert.IsTrue(Envelope.TryParse(TestEnvironment.Utf8("{\"type\":\"command\",\"command_type\":\"x\",\"value\":\"\\ud83d\\ude00\"}"), out _, out _));
    }

    [TestMethod]
    public void ActivateDeviceRequest_LoneSurrogateEscapes_AreA400ReasonNotAnException()
    {
        string[] bodies =
        [
            "{\"device_id\":\"\\udc00\"}",
            "{\"device_id\":\"dev-1\",\"activation_code\":\"\\ud800\"}",
            "{\"device_id\":\"dev-1\",\"activation_code\":\"" + ValidCode + "\",\"broker_host\":\"\\ud800\"}",
            "{\"device_id\":\"dev-1\",\"activation_code\":\"" + ValidCode + "\",\"broker_host\":\"h\",\"device_certificate\":\"\\ud800\"}",
            "{\"device_id\":\"dev-1\",\"activation_code\":\"" + ValidCode + "\",\"broker_host\":\"h\",\"login\":\"\\ud800\"}",
        ];
        foreach (var body in bodies)
        {
            Assert.IsFalse(ActivateDeviceRequest.TryParse(TestEnvironment.Utf8(body), out var request, out var error), body);
            Assert.IsNull(request);
            Assert.AreNotEqual("", error, body);
        }
    }

    [TestMethod]
    public void ActivateDeviceRequest_BrokerHost_FollowsTheDevicesRule()
    {
        // Accepted by Uri.CheckHostName before, rejected by the device (issue 10 item 11): now rejected on both sides.
        string[] rejected = ["1.2.3", "256.1.1.1", "0x7f.1", "example.com.", "a_b.example", "[::1]", "fe80::1%eth0", "\u00e9t\u00e9.example",
            ":.:", ":1:", "::1.2.3.4.5.6", " ", "a..b"];
        foreach (var host in rejected)
        {
            Assert.AreEqual("invalid_broker_host", BrokerHostError(host), host);
            Assert.IsFalse(Mqtt2Go.Device.Core.Messages.HostNames.IsValid(host), host);
        }

        // Accepted hosts get past the host check (the next problem is the missing certificate).
        string[] accepted = ["localhost", "broker.example.com", "10.0.0.1", "::1", "2001:db8::1", "::ffff:10.0.0.1"];
        foreach (var host in accepted)
        {
            Assert.AreEqual("missing_device_certificate", BrokerHostError(host), host);
            Assert.IsTrue(Mqtt2Go.Device.Core.Messages.HostNames.IsValid(host), host);
        }
    }

    [TestMethod]
    public void MdnsResponder_QuestionNamesAreEchoedByteForByte_OrTheQueryIsDropped()
    {
        using var responder = new MdnsResponder(0, IPAddress.Loopback, 18883, _ => { });

        // Question 2: a label of 63 octets that are not UTF-8 (decoding to U+FFFD tripled it to 189 octets on re-encoding).
        byte[] badUtf8 = [63, .. Enumerable.Repeat((byte)0xFF, 63), 5, .. "local"u8, 0, 0, 1, 0, 1];
        byte[] dotted = [3, (byte)'a', (byte)'.', (byte)'b', 5, .. "local"u8, 0, 0, 1, 0, 1];
        byte[] questions = [7, .. "mqtt2go"u8, 5, .. "local"u8, 0, 0, 1, 0, 1, .. badUtf8, .. dotted];
        byte[] query = [0, 9, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, .. questions];

        var response = responder.BuildResponse(query);

        Assert.IsNotNull(response);
        CollectionAssert.AreEqual(questions, response[12..(12 + questions.Length)]);

        // A question name over 255 octets (five 63-octet labels) is malformed: no answer at all.
        var longName = new List<byte>();
        for (var i = 0; i < 5; i++)
        {
            longName.Add(63);
            longName.AddRange(Enumerable.Repeat((byte)'a', 63));
        }

        byte[] tooLong = [0, 9, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 7, .. "mqtt2go"u8, 5, .. "local"u8, 0, 0, 1, 0, 1, .. longName, 0, 0, 1, 0, 1];
        Assert.IsNull(responder.BuildResponse(tooLong));
    }

    [TestMethod]
    public void MdnsResponder_ManyQuestions_AnswerStaysWithin512BytesAndSetsTcWhenAnswersAreLeftOut()
    {
        using var responder = new MdnsResponder(0, IPAddress.Loopback, 18883, _ => { });
        byte[] service = [5, .. "_mqtt"u8, 4, .. "_tcp"u8, 5, .. "local"u8, 0, 0, 255, 0, 1];
        byte[] instance = [7, .. "MQTT2GO"u8, 5, .. "_mqtt"u8, 4, .. "_tcp"u8, 5, .. "local"u8, 0, 0, 255, 0, 1];
        byte[] host = [7, .. "mqtt2go"u8, 5, .. "local"u8, 0, 0, 255, 0, 1];
        var query = new List<byte> { 0, 9, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0 };
        for (var i = 0; i < 16; i++)
        {
            query.AddRange((i % 3) switch { 0 => service, 1 => instance, _ => host });
        }

        var response = responder.BuildResponse(query.ToArray())!;

        Assert.IsTrue(response.Length <= MdnsResponder.MaxResponseBytes, $"{response.Length} bytes for a {query.Count}-byte query");
        var answers = (response[6] << 8) | response[7];
        var additionals = (response[10] << 8) | response[11];
        Assert.IsTrue(answers + additionals <= 3, "each record at most once");
        if (answers < 3)
        {
            Assert.AreEqual(0x02, response[2] & 0x02, "TC: answers were left out (RFC 6762 §18.5, legacy unicast)");
        }

        // The three small questions alone fit: all three records, no TC.
        byte[] small = [0, 9, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, .. service, .. instance, .. host];
        var full = responder.BuildResponse(small)!;
        Assert.AreEqual(0, full[2] & 0x02);
        Assert.AreEqual(3, ((full[6] << 8) | full[7]) + ((full[10] << 8) | full[11]));
    }

    private static string BrokerHostError(string host)
    {
        var body = "{\"device_id\":\"dev-1\",\"activation_code\":\"" + ValidCode + "\",\"broker_host\":" + System.Text.Json.JsonSerializer.Serialize(host) + "}";
        Assert.IsFalse(ActivateDeviceRequest.TryParse(TestEnvironment.Utf8(body), out _, out var error));
        return error;
    }
}
