using System.Net;
using Mqtt2Go.Device.Core.Mdns;
using Mqtt2Go.ReferenceBroker.Gateway;

namespace Mqtt2Go.Fuzz.Tests;

/// <summary>The device's mDNS response parser and the reference broker's mDNS responder (query parser + answer builder).</summary>
[TestClass]
public sealed class MdnsFuzzTests
{
    [TestMethod]
    public void DeviceResponseParser_NeverThrows_AndAnswersOkOrAReason()
    {
        using var responder = new MdnsResponder(0, IPAddress.Loopback, 18883, _ => { });
        var parser = new MdnsResponseParser();
        var seeds = Queries().Select(q => responder.BuildResponse(q)).Where(r => r is not null).ToList();
        Fuzzer.Run("mdns-response", seeds, [], input =>
        {
            var result = parser.Parse(input, input.Length);
            return result.Succeeded == (result.Response is not null) && (result.Succeeded || !string.IsNullOrEmpty(result.Error))
                ? null
                : "result and reason disagree";
        });
    }

    [TestMethod]
    public void ReferenceResponder_NeverThrows_AnswersStayBoundedAndParseOnTheDevice()
    {
        using var responder = new MdnsResponder(0, IPAddress.Loopback, 18883, _ => { });
        var parser = new MdnsResponseParser();
        Fuzzer.Run("mdns-responder", Queries(), Regressions(), input =>
        {
            var response = responder.BuildResponse(input);
            if (response is null)
            {
                return null;
            }

            if (response.Length > MdnsResponder.MaxResponseBytes)
            {
                return response.Length + "-byte answer";
            }

            if (response[0] != input[0] || response[1] != input[1])
            {
                return "id not repeated";
            }

            var parsed = parser.Parse(response, response.Length);
            return parsed.Succeeded || (response[2] & 0x02) != 0 ? null : "the device cannot parse the answer: " + parsed.Error;
        });
    }

    private static IEnumerable<byte[]> Queries()
    {
        var device = new byte[MdnsQueryBuilder.QueryLength];
        MdnsQueryBuilder.Build(device, true);
        yield return device;
        yield return [0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, .. "mqtt2go"u8, 5, .. "local"u8, 0, 0, 1, 0x80, 1];
        yield return [0, 7, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, .. "_mqtt"u8, 4, .. "_tcp"u8, 5, .. "local"u8, 0, 0, 12, 0, 1];
        yield return [0, 8, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 7, .. "MQTT2GO"u8, 5, .. "_mqtt"u8, 4, .. "_tcp"u8, 5, .. "local"u8, 0, 0, 255, 0, 1,
            0xC0, 20, 0, 33, 0, 1];
    }

    private static IEnumerable<byte[]> Regressions()
    {
        // Item 13: a 63-octet label of invalid UTF-8 (grew to 189 octets when echoed), a name over 255 octets, and 16
        // questions whose answer was 1,532 bytes without TC.
        yield return [0, 9, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 7, .. "mqtt2go"u8, 5, .. "local"u8, 0, 0, 1, 0, 1,
            63, .. Enumerable.Repeat((byte)0xFF, 63), 5, .. "local"u8, 0, 0, 1, 0, 1];
        var longName = Enumerable.Range(0, 5).SelectMany(_ => new byte[] { 63 }.Concat(Enumerable.Repeat((byte)'a', 63))).ToArray();
        yield return [0, 9, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 7, .. "mqtt2go"u8, 5, .. "local"u8, 0, 0, 1, 0, 1, .. longName, 0, 0, 1, 0, 1];
        var many = new List<byte> { 0, 9, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0 };
        for (var i = 0; i < 16; i++)
        {
            many.AddRange([5, .. "_mqtt"u8, 4, .. "_tcp"u8, 5, .. "local"u8, 0, 0, 255, 0, 1]);
        }

        yield return [.. many];
    }
}
