using Mqtt2Go.Mosquitto.Client;

namespace Mqtt2Go.Mosquitto.Tests;

[TestClass]
public sealed class NativeSessionTests
{
    [TestMethod]
    [DataRow("OpenSSL Error[0]: error:0A000418:SSL routines::tlsv1 alert unknown ca", "unknown ca")]
    [DataRow("OpenSSL Error[0]: error:0A00045C:SSL routines::tlsv13 alert certificate required", "certificate required")]
    [DataRow("OpenSSL Error[0]: error:0A000086:SSL routines::certificate verify failed", "certificate verify failed")]
    public void ShortTlsError_OpenSsl3Line_KeepsTheCause(string line, string expected)
    {
        Assert.AreEqual(expected, NativeSession.ShortTlsError(line));
    }

    [TestMethod]
    public void Libmosquitto_Version_Is2()
    {
        string version = Libmosquitto.Version;

        Console.WriteLine($"libmosquitto {version}");
        StringAssert.StartsWith(version, "2.");
        Assert.AreEqual("Connection Refused: not authorised.", Libmosquitto.ConnackString(5));
        Assert.AreEqual("Not authorized", Libmosquitto.ReasonString(135));
    }
}
