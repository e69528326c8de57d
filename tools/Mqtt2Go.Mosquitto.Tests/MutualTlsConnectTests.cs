using System.Net;
using System.Net.Sockets;
using Mqtt2Go.Mosquitto.Broker;
using Mqtt2Go.Mosquitto.Pki;

namespace Mqtt2Go.Mosquitto.Tests;

[TestClass]
public sealed class MutualTlsConnectTests
{
    [TestMethod]
    [DataRow(5)]
    [DataRow(4)]
    public Task Connect_WithCertificateFromBrokerCa_Succeeds(int protocol) => BrokerTest.RunAsync(async env =>
    {
        var client = env.NewClient(env.TlsOptions("dev-ok", env.IssueClient("dev-ok"), protocol));

        ConnectResult result = await client.ConnectAsync();

        Assert.IsTrue(result.Success, result.ToString());
        Assert.AreEqual(0, result.Code);
        Assert.IsTrue(client.IsConnected);
        Assert.AreEqual(1, client.ConnectCount);
        await client.DisconnectAsync();
        Assert.IsFalse(client.IsConnected);
    });

    [TestMethod]
    public Task Connect_WithCertificateFromForeignCa_IsRefusedByTls() => BrokerTest.RunAsync(async env =>
    {
        using IssuedCertificate foreignCa = CertificateFactory.CreateCa("Foreign CA");
        var client = env.NewClient(env.TlsOptions("dev-foreign", env.IssueClient("dev-foreign", foreignCa)));

        ConnectResult result = await client.ConnectAsync();

        Console.WriteLine($"foreign CA: {result}");
        Assert.IsFalse(result.Success);
        Assert.IsTrue(result.Code < 0, result.ToString());
        StringAssert.StartsWith(result.Reason, "tls: ");
        // Usually "tls: unknown ca"; occasionally libmosquitto loses the alert text (see NativeSession.DescribeConnectCallFailure).
        Assert.IsTrue(result.Reason.Contains("unknown ca") || result.Reason.Contains("handshake failed"), result.Reason);
        Assert.IsFalse(client.IsConnected);
    });

    [TestMethod]
    public Task Connect_WithoutClientCertificate_IsRefused() => BrokerTest.RunAsync(async env =>
    {
        var client = env.NewClient(env.TlsOptions("dev-nocert", null));

        ConnectResult result = await client.ConnectAsync();

        Console.WriteLine($"no client cert: {result}");
        Assert.IsFalse(result.Success);
        Assert.IsTrue(result.Code < 0, result.ToString());
        StringAssert.StartsWith(result.Reason, "tls: ");
    });

    [TestMethod]
    public Task Connect_ByHostNameLocalhost_VerifiesSanAndSucceeds() => BrokerTest.RunAsync(async env =>
    {
        MqttClientOptions options = env.TlsOptions("dev-localhost", env.IssueClient("dev-localhost"));
        options.Host = "localhost";
        var client = env.NewClient(options);

        ConnectResult result = await client.ConnectAsync();

        Assert.IsTrue(result.Success, result.ToString());
    });

    [TestMethod]
    public async Task Connect_NothingListening_ReturnsTcpFailure()
    {
        using var loop = new MosquittoLoop();
        using var client = new MosquittoClient(loop, new MqttClientOptions { Port = LoopbackPorts.GetFree(), ClientId = "nobody" });

        ConnectResult result = await client.ConnectAsync();

        Assert.IsFalse(result.Success);
        Assert.AreEqual(-14, result.Code); // -MOSQ_ERR_ERRNO
        StringAssert.Contains(result.Reason, "refused");
    }

    [TestMethod]
    public async Task Connect_ServerNeverAnswers_TimesOut()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            int port = ((IPEndPoint)silent.LocalEndpoint).Port;
            using var loop = new MosquittoLoop();
            using var client = new MosquittoClient(loop, new MqttClientOptions
            {
                Port = port,
                ClientId = "silent",
                CaFile = "/etc/ssl/certs/ca-certificates.crt",
                ConnectTimeout = TimeSpan.FromMilliseconds(500),
            });

            var clock = System.Diagnostics.Stopwatch.StartNew();
            ConnectResult result = await TestWait.Within(client.ConnectAsync(), TestWait.Seconds(5), "connect");

            Assert.IsFalse(result.Success);
            Assert.AreEqual(ConnectResult.TimeoutCode, result.Code);
            Assert.AreEqual("timeout", result.Reason);
            Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(3), clock.Elapsed.ToString());
            Assert.IsFalse(client.IsConnected);
        }
        finally
        {
            silent.Stop();
        }
    }
}
