using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Mqtt2Go.Mosquitto;

namespace Mqtt2Go.DeviceHost.Tests.Conformance;

/// <summary>
/// A switch written only from the MQTT2GO standard as docs/profile.md quotes it: steps 5–13 (remote) or GET_CREDENTIALS
/// (local gateway), then the objects page's switch (set / query answered with report_name <c>state</c>, On/Off).
/// It has the unit's factory certificate and key and the trust anchor, as a device from another maker would.
/// </summary>
public sealed class StandardDevice : StandardParty
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(20);
    private readonly MosquittoLoop _loop;
    private readonly string _dir;
    private readonly string _factoryCert;
    private readonly string _key;
    private readonly string _trustAnchor;
    private string? _operationalCert;

    /// <summary>Writes the identity as PEM files for the TLS stack into <paramref name="dir"/>.</summary>
    public StandardDevice(MosquittoLoop loop, string dir, string deviceId, string activationCode, byte[] factoryCertificateDer, byte[] pkcs8KeyDer, byte[] trustAnchorDer, Dialect dialect)
    {
        _loop = loop;
        _dir = dir;
        DeviceId = deviceId;
        ActivationCode = activationCode;
        Dialect = dialect;
        Directory.CreateDirectory(dir);
        _factoryCert = WritePem("factory.pem", PemEncoding.WriteString("CERTIFICATE", factoryCertificateDer));
        using (var key = ECDsa.Create())
        {
            key.ImportPkcs8PrivateKey(pkcs8KeyDer, out _);
            _key = WritePem("factory.key.pem", key.ExportPkcs8PrivateKeyPem());
        }

        _trustAnchor = WritePem("trust-anchor.pem", PemEncoding.WriteString("CERTIFICATE", trustAnchorDer));
    }

    /// <summary>The device id (certificate CN).</summary>
    public string DeviceId { get; }

    /// <summary>The activation code from the label.</summary>
    public string ActivationCode { get; }

    /// <summary>How it writes the standard.</summary>
    public Dialect Dialect { get; }

    /// <summary>The switch state.</summary>
    public bool On { get; private set; }

    /// <summary>Steps 5–7: GET_BROKER_DATA on <c>&lt;activation_code&gt;/activation</c>; returns the report.</summary>
    public Task<StandardMessage> GetBrokerDataAsync(string host, int port) => AskAsync(host, port, ActivationCode + "/activation", "mqtt_credentials", "GET_BROKER_DATA");

    /// <summary>The local-gateway branch: GET_CREDENTIALS on <c>&lt;activation_code&gt;/activation</c>; returns the report.</summary>
    public Task<StandardMessage> GetCredentialsAsync(string host, int port) => AskAsync(host, port, ActivationCode + "/activation", "mqtt_credentials", "GET_CREDENTIALS");

    /// <summary>The guest-Wi-Fi variant: GET_WIFI_CREDENTIALS on <c>&lt;activation_code&gt;/wifi</c>; returns the report.</summary>
    public Task<StandardMessage> GetWifiCredentialsAsync(string host, int port) => AskAsync(host, port, ActivationCode + "/wifi", "wifi_credentials", "GET_WIFI_CREDENTIALS");

    /// <summary>Keeps the operational certificate of a <c>mqtt_credentials</c> answer (base64 DER: a string, or <c>device_certificate</c>).</summary>
    public void StoreOperationalCertificate(StandardMessage credentials)
    {
        string? base64 = credentials.Value.ValueKind == JsonValueKind.String ? credentials.Value.GetString() : credentials.ValueField("device_certificate");
        Assert.IsNotNull(base64, "no certificate in " + credentials.Text);
        _operationalCert = WritePem("operational.pem", PemEncoding.WriteString("CERTIFICATE", Convert.FromBase64String(base64)));
    }

    /// <summary>Steps 8–12 on the operational broker: GET_DEVICE_TOPICS until the topics report comes (reconnecting if the ACL change kicks it).</summary>
    public async Task<string[]> GetTopicsAsync(string host, int port, string deviceType = "switch")
    {
        string topic = DeviceId + "/topics";
        await ConnectOperationalAsync(host, port);
        await SubscribeAsync(topic);
        await PublishAsync(topic, Dialect.Command("topics", Dialect.Quote("GET_DEVICE_TOPICS"), ",\"device_type\":" + Dialect.Quote(deviceType)));
        var deadline = DateTime.UtcNow + Step;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var report = WaitFor(topic, m => m.Type == "report" && m.Name == "topics", TimeSpan.FromMilliseconds(500), "topics report");
                Assert.AreEqual("command_response", report.ReportType, report.Text);
                return report.Value.EnumerateArray().Select(e => e.GetString()!).ToArray();
            }
            catch (TimeoutException) when (!Client.IsConnected)
            {
                await ConnectOperationalAsync(host, port); // dynsec may disconnect a client whose role changed
                await SubscribeAsync(topic);
            }
            catch (TimeoutException)
            {
                // keep waiting until the deadline
            }
        }

        throw new TimeoutException($"{DeviceId}: no topics report");
    }

    /// <summary>Step 13: subscribes every delivered topic.</summary>
    public Task SubscribeTopicsAsync(string[] topics) => SubscribeAsync(topics);

    /// <summary>Answers the next <paramref name="count"/> commands on the device topic as the standard's switch does (on a pool thread).</summary>
    public Task ServeAsync(string deviceTopic, int count) => Task.Run(() => ServeLoopAsync(deviceTopic, count));

    private async Task ServeLoopAsync(string deviceTopic, int count)
    {
        for (int served = 0; served < count; served++)
        {
            var command = WaitFor(deviceTopic, m => m.Type == "command", Step, "command");
            string? value = command.Value.ValueKind == JsonValueKind.String ? command.Value.GetString() : null;
            if (command.Name == "set")
            {
                On = string.Equals(value, "toggle", StringComparison.OrdinalIgnoreCase) ? !On : string.Equals(value, "on", StringComparison.OrdinalIgnoreCase);
            }

            await PublishAsync(deviceTopic, Dialect.Report("command_response", "state", Dialect.Quote(On ? "On" : "Off")));
        }
    }

    private async Task<StandardMessage> AskAsync(string host, int port, string topic, string commandType, string request)
    {
        await ConnectAsync(_loop, new MqttClientOptions
        {
            Host = host,
            Port = port,
            ClientId = DeviceId,
            Username = DeviceId,
            Password = ActivationCode,
            CaFile = _trustAnchor,
            CertFile = _factoryCert,
            KeyFile = _key,
            ProtocolVersion = 5,
        });
        await SubscribeAsync(topic);
        await PublishAsync(topic, Dialect.Command(commandType, Dialect.Quote(request)));
        var report = WaitFor(topic, m => m.Type == "report" && m.Name == commandType, Step, commandType + " report");
        await DisconnectAsync();
        return report;
    }

    private Task ConnectOperationalAsync(string host, int port) => ConnectAsync(_loop, new MqttClientOptions
    {
        Host = host,
        Port = port,
        ClientId = DeviceId,
        CaFile = _trustAnchor,
        CertFile = _operationalCert ?? throw new InvalidOperationException("no operational certificate yet"),
        KeyFile = _key,
        ProtocolVersion = 5,
    });

    private string WritePem(string name, string pem)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
