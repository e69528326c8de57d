using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.ReferenceBroker.Discovery;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.Fuzz.Tests;

/// <summary>The reference broker's envelope parser (every MQTT path) and the Discovery REST body.</summary>
[TestClass]
public sealed class BrokerFuzzTests
{
    private const string Code = "0000000000011";

    [TestMethod]
    public void Envelope_NeverThrows_AndEveryReadOfAnAcceptedEnvelopeIsSafe()
    {
        var seeds = CodecFuzzTests.Seeds().ToList();
        byte[][] regressions =
        [
            Utf8.Bytes("{\"type\":\"\\ud800\"}"),
            Utf8.Bytes("{\"type\":\"command\",\"command_type\":\"x\",\"value\":{\"group_id\":\"\\udc00\"}}"),
        ];
        Fuzzer.Run("broker-envelope", seeds, regressions, input =>
        {
            if (!Envelope.TryParse(input, out var envelope, out var reason))
            {
                return envelope is null && !string.IsNullOrEmpty(reason) ? null : "refused without a reason";
            }

            // What the services read after parsing (DiscoveryService, ProvisioningService) must not throw either.
            _ = Envelope.StringOf(envelope.Value);
            _ = Envelope.GetString(envelope.Value, "group_id");
            _ = Envelope.GetString(envelope.Root, "device_type");
            return string.IsNullOrEmpty(envelope.Kind) ? "accepted without a kind" : null;
        });
    }

    [TestMethod]
    public void ActivateDeviceBody_NeverThrows_AndAcceptsOnlyHostsTheDeviceAccepts()
    {
        byte[][] regressions =
        [
            Utf8.Bytes("{\"device_id\":\"\\udc00\"}"),
            Body("1.2.3"), Body("256.1.1.1"), Body("0x7f.1"), Body("example.com."), Body("a_b.example"), Body("[::1]"), Body("fe80::1%eth0"),
            Body("\u00e9t\u00e9.example"), Body(":.:"), Body(":1:"), Body("::1.2.3.4.5.6"),
        ];
        Fuzzer.Run("rest-activate-device", [Body("broker.example.com"), Body("10.0.0.1"), Body("2001:db8::1")], regressions, input =>
        {
            if (!ActivateDeviceRequest.TryParse(input, out var request, out var error))
            {
                return request is null && !string.IsNullOrEmpty(error) ? null : "refused without a reason";
            }

            if (!HostNames.IsValid(request.BrokerHost))
            {
                return "accepted a broker_host the device rejects: " + request.BrokerHost;
            }

            return request.BrokerPort is >= 1 and <= 65535 && Identifiers.IsValid(request.DeviceId) ? null : "accepted an unusable request";
        });

        foreach (var body in regressions.Skip(1))
        {
            Assert.IsFalse(ActivateDeviceRequest.TryParse(body, out _, out var error));
            Assert.AreEqual("invalid_broker_host", error);
        }
    }

    private static byte[] Body(string host) => Utf8.Bytes(
        "{\"device_id\":\"dev-0001\",\"activation_code\":\"" + Code + "\",\"broker_host\":" + System.Text.Json.JsonSerializer.Serialize(host)
        + ",\"broker_port\":8883,\"device_certificate\":\"" + Convert.ToBase64String(FuzzPki.DeviceCertificate) + "\",\"ca_certificate\":\""
        + Convert.ToBase64String(FuzzPki.CaCertificate) + "\",\"login\":\"dev-0001\",\"password\":\"pw\"}");
}
