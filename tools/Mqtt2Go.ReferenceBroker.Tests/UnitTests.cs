using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Mqtt2Go.ReferenceBroker.Gateway;
using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Protocol;
using Mqtt2Go.ReferenceBroker.Storage;

namespace Mqtt2Go.ReferenceBroker.Tests;

[TestClass]
public sealed class UnitTests
{
    [TestMethod]
    public void ActivationCodes_Encode_KnownVectors()
    {
        // 0 -> all zeros, check 0; 2^60-1 -> all Z, check = (2^60-1) mod 37.
        Assert.AreEqual("0000000000000", ActivationCodes.Encode(0));
        var max = (1UL << 60) - 1;
        Assert.AreEqual("ZZZZZZZZZZZZ" + "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U"[(int)(max % 37)], ActivationCodes.Encode(max));
        Assert.AreEqual("000000000001" + "1", ActivationCodes.Encode(1));
        Assert.AreEqual("00000000001501"[..12] + "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U"[37 % 37], ActivationCodes.Encode(37));
    }

    [TestMethod]
    public void ActivationCodes_Generate_IsCanonicalAndNormalizesFromLabelForm()
    {
        using var rng = RandomNumberGenerator.Create();
        for (var i = 0; i < 200; i++)
        {
            var code = ActivationCodes.Generate(rng);
            Assert.IsTrue(ActivationCodes.IsCanonical(code), code);
            Assert.IsTrue(ActivationCodes.TryNormalize(ActivationCodes.Format(code).ToLowerInvariant(), out var back));
            Assert.AreEqual(code, back);
        }
    }

    [TestMethod]
    public void ActivationCodes_WrongCheckCharacter_IsRejected()
    {
        var code = ActivationCodes.Encode(123456789);
        var wrong = code[..12] + (code[12] == '0' ? '1' : '0');
        Assert.IsFalse(ActivationCodes.TryNormalize(wrong, out _));
        Assert.IsTrue(ActivationCodes.TryNormalize(code.Replace('0', 'O'), out var normalized));
        Assert.AreEqual(code, normalized);
        Assert.IsFalse(ActivationCodes.TryNormalize("U" + code[1..], out _), "U is a check symbol only");
    }

    [TestMethod]
    public void ActivationCodes_QrText_RoundTrips()
    {
        Assert.IsTrue(ActivationCodes.TryParseQr("MQTT2GO:1:dev-1:" + ActivationCodes.Encode(42), out var id, out var code));
        Assert.AreEqual("dev-1", id);
        Assert.AreEqual(ActivationCodes.Encode(42), code);
        Assert.IsFalse(ActivationCodes.TryParseQr("MQTT2GO:2:dev-1:" + ActivationCodes.Encode(42), out _, out _));
    }

    [TestMethod]
    public void ReferencePki_Reopen_ReusesCasAndIssuesForGivenPublicKey()
    {
        var dir = Path.Combine(Path.GetTempPath(), "m2g-pki-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            string thumbprint;
            using (var pki = ReferencePki.OpenOrCreate(dir))
            {
                thumbprint = pki.Operational.Certificate.Thumbprint;
                var identity = pki.MintFactoryIdentity("dev-x");
                Assert.IsTrue(pki.Manufacturer.HasIssued(identity.Certificate));
                Assert.IsFalse(pki.Operational.HasIssued(identity.Certificate));
                var spki = identity.Certificate.PublicKey.ExportSubjectPublicKeyInfo();
                using var operational = pki.IssueOperational("dev-x", spki);
                CollectionAssert.AreEqual(spki, operational.PublicKey.ExportSubjectPublicKeyInfo());
                Assert.IsTrue(pki.Operational.HasIssued(operational));
                Assert.IsFalse(operational.HasPrivateKey);
            }

            using var reopened = ReferencePki.OpenOrCreate(dir);
            Assert.AreEqual(thumbprint, reopened.Operational.Certificate.Thumbprint);
            Assert.IsTrue(File.Exists(Path.Combine(dir, "service-ca.der")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [TestMethod]
    public void Envelope_TimestampAsNumericString_IsAccepted_AndOversizeRejected()
    {
        Assert.IsTrue(Envelope.TryParse(TestEnvironment.Utf8("{\"type\":\"command\",\"timestamp\":\"17\",\"command_type\":\"x\",\"value\":1}"), out var e, out _));
        Assert.AreEqual(17L, e!.Timestamp);
        Assert.IsFalse(Envelope.TryParse(new byte[Envelope.MaxSize + 1], out _, out var reason));
        Assert.AreEqual("too_large", reason);
        Assert.IsFalse(Envelope.TryParse(TestEnvironment.Utf8("{\"type\":\"command\",\"timestamp\":true,\"command_type\":\"x\"}"), out _, out _));
    }

    /// <summary>Issue 11 item 4: the firmware's timestamp rule (Device.Tests ValueHelpersTests / CodecHostileDecodeTests vectors).</summary>
    [TestMethod]
    [DataRow("1700000000", 1700000000L)]
    [DataRow("\"1700000000\"", 1700000000L)]
    [DataRow("1700000000.75", 1700000000L)]
    [DataRow("\"1700000000.75\"", 1700000000L)]
    [DataRow("1700000000123", 1700000000L)]
    [DataRow("\"1700000000999\"", 1700000000L)]
    [DataRow("1700000000123.0", 1700000000L)]
    [DataRow("99999999999", 99999999999L)]
    [DataRow("100000000000", 100000000L)]
    [DataRow("253402300799999", 253402300799L)]
    [DataRow("253402300800000", -1L)]
    [DataRow("-5", -1L)]
    [DataRow("\"abc\"", -1L)]
    [DataRow("\"\"", -1L)]
    [DataRow("\"1.\"", -1L)]
    [DataRow("1e30", -1L)]
    [DataRow("null", -1L)]
    [DataRow("{}", -1L)]
    public void Envelope_Timestamp_SecondsOrMillisecondsByMagnitude_LikeTheFirmware(string json, long expected)
    {
        var ok = Envelope.TryParse(TestEnvironment.Utf8("{\"type\":\"command\",\"timestamp\":" + json + ",\"command_type\":\"x\"}"), out var e, out var reason);
        Assert.AreEqual(expected >= 0, ok, reason);
        if (ok)
        {
            Assert.AreEqual(expected, e!.Timestamp);
        }
        else
        {
            Assert.AreEqual("invalid_timestamp", reason);
        }
    }

    /// <summary>Issue 11 item 9: "report" is read as the value when "value" is absent; "value" wins when both are present.</summary>
    [TestMethod]
    public void Envelope_ReportMember_IsReadAsTheValue()
    {
        Assert.IsTrue(Envelope.TryParse(TestEnvironment.Utf8("{\"type\":\"report\",\"priority_level\":1,\"report_type\":\"command_response\",\"timestamp\":1567677946,\"report_name\":\"OnReport\",\"report\":\"on\"}"), out var e, out _));
        Assert.AreEqual("on", e!.Value.GetString());
        Assert.IsTrue(Envelope.TryParse(TestEnvironment.Utf8("{\"type\":\"report\",\"report_type\":\"status\",\"report_name\":\"state\",\"value\":\"On\",\"report\":\"x\"}"), out e, out _));
        Assert.AreEqual("On", e!.Value.GetString());
    }

    [TestMethod]
    public async Task MdnsResponder_AnswersAAndPtrSrvByLegacyUnicast()
    {
        using var responder = new MdnsResponder(0, IPAddress.Loopback, 18883, _ => { });
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        // A query for mqtt2go.local: id 0x1234, one question, QU bit set (RFC 6762 §5.4).
        byte[] query = [0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, .. "mqtt2go"u8, 5, .. "local"u8, 0, 0, 1, 0x80, 1];
        await udp.SendAsync(query, new IPEndPoint(IPAddress.Loopback, responder.Port));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var reply = (await udp.ReceiveAsync(cts.Token)).Buffer;
        Assert.AreEqual(0x12, reply[0]);
        Assert.AreEqual(0x34, reply[1]);
        Assert.AreEqual(0x84, reply[2]);
        Assert.AreEqual(1, reply[7]); // one answer
        CollectionAssert.AreEqual(new byte[] { 127, 0, 0, 1 }, reply[^4..]);

        // PTR for _mqtt._tcp.local: answer PTR, additional SRV (port 18883) + A.
        byte[] ptr = [0, 7, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, .. "_mqtt"u8, 4, .. "_tcp"u8, 5, .. "local"u8, 0, 0, 12, 0, 1];
        var response = responder.BuildResponse(ptr)!;
        Assert.AreEqual(2, response[11]); // two additionals
        var port = 18883;
        var text = Convert.ToHexString(response);
        StringAssert.Contains(text, "0021000100") ; // SRV type 33 class IN
        StringAssert.Contains(text, port.ToString("X4") + "076D717474", StringComparison.Ordinal); // port then "mqtt2go" target
        Assert.IsNull(responder.BuildResponse([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, .. "foo"u8, 0, 0, 1, 0, 1]));
        Assert.IsNull(responder.BuildResponse([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1]), "compression loop must not hang");
    }
}
