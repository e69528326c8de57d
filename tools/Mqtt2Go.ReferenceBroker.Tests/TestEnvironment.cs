using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Controller;
using Mqtt2Go.ReferenceBroker.Hosting;
using Mqtt2Go.ReferenceBroker.Pki;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>One test's world: temp dir, fake clock, the reference host (real mosquitto), a device loop; logs printed on failure.</summary>
public sealed class TestEnvironment : IAsyncDisposable
{
    private readonly List<FakeDevice> _devices = [];
    private readonly List<string> _log = [];
    private ReferenceBrokerOptions _options = null!;

    private TestEnvironment(string dir)
    {
        Dir = dir;
    }

    public string Dir { get; }

    public FakeTimeProvider Clock { get; } = new();

    public ReferenceBrokerHost Host { get; private set; } = null!;

    public MosquittoLoop DeviceLoop { get; } = new("test-devices");

    public static async Task RunAsync(Func<TestEnvironment, Task> test, Action<ReferenceBrokerOptions>? configure = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "m2g-rb-test-" + Guid.NewGuid().ToString("N")[..10]);
        var env = new TestEnvironment(dir);
        var options = new ReferenceBrokerOptions { WorkDir = dir, Time = env.Clock, Log = env.AddLog };
        configure?.Invoke(options);
        env._options = options;
        try
        {
            env.Host = await ReferenceBrokerHost.StartAsync(options);
            await test(env);
        }
        catch (Exception)
        {
            Console.WriteLine("---- service log ----");
            lock (env._log)
            {
                env._log.ForEach(Console.WriteLine);
            }

            if (env.Host is not null)
            {
                Console.WriteLine(env.Host.LogTails());
            }

            throw;
        }
        finally
        {
            await env.DisposeAsync();
        }
    }

    /// <summary>A copy of the service log lines so far.</summary>
    public string[] ServiceLog
    {
        get
        {
            lock (_log)
            {
                return _log.ToArray();
            }
        }
    }

    public void AddLog(string line)
    {
        lock (_log)
        {
            _log.Add($"{DateTime.Now:HH:mm:ss.fff} {line}");
        }
    }

    /// <summary>Mints a factory identity, registers it with the manufacturer and returns a device holding it.</summary>
    public async Task<FakeDevice> NewDeviceAsync(string deviceId, bool register = true)
    {
        var identity = Host.Pki.MintFactoryIdentity(deviceId);
        if (register)
        {
            await Host.Registry.RegisterAsync(deviceId, identity.Certificate.RawData, identity.ActivationCode);
        }

        var device = new FakeDevice(DeviceLoop, identity, Path.Combine(Dir, "devices", deviceId), Host.Endpoints.ServiceCa);
        _devices.Add(device);
        return device;
    }

    public Task<ControllerClient> ControllerAsync() => ControllerClient.ConnectAsync(DeviceLoop, Host.Endpoints);

    /// <summary>The controller of another home listed in <see cref="ReferenceBrokerOptions.ControllerHomes"/> (same service CA).</summary>
    public Task<ControllerClient> ControllerAsync(string homeId)
    {
        var credential = Host.Pki.GetOrIssueClient(Host.Pki.Service, "controller-" + homeId, Protocol.ServiceIdentities.Controller(homeId));
        return ControllerClient.ConnectAsync(DeviceLoop, Host.Endpoints.CloudBroker.Host, Host.Endpoints.CloudBroker.Port, Host.Endpoints.ServiceCa,
            new ClientCredentialPaths(credential.CommonName, credential.CertificatePemPath, credential.KeyPemPath), homeId);
    }

    /// <summary>Stops the whole reference side and starts it again on the same work directory (and clock).</summary>
    public async Task RestartHostAsync()
    {
        await Host.DisposeAsync();
        Host = null!;
        Host = await ReferenceBrokerHost.StartAsync(_options);
    }

    /// <summary>Runs steps 1–13 for <paramref name="device"/> and returns the controller's result and the delivered topics.</summary>
    public async Task<(AddDeviceResult Added, string[] Topics)> ProvisionAsync(ControllerClient controller, FakeDevice device, string gateway = "gw1", string group = "living")
    {
        // The cloud acknowledges activate_device after Discovery answered 201 (entry stored, activation topic granted).
        var pending = controller.WaitForReportAsync(r => r.Envelope.Kind == "activate_device" && r.Json.Contains(device.Identity.DeviceId, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var add = controller.AddDeviceAsync(gateway, device.Identity.DeviceId, device.Identity.ActivationCode, "Lamp " + device.Identity.DeviceId, group, TimeSpan.FromSeconds(20));
        var ack = await pending;
        Assert.AreEqual("command_response", ack.Envelope.ReportType, ack.Json);

        var data = await device.GetBrokerDataAsync(Host.Endpoints.DiscoveryBroker.Port);
        device.StoreOperationalCertificate(data.GetProperty("device_certificate").GetString()!);
        Assert.AreEqual(Host.Endpoints.CloudBroker.Port, data.GetProperty("broker_port").GetInt32());
        var topics = await device.GetTopicsAsync(Host.Endpoints.CloudBroker.Port, () => add, TimeSpan.FromSeconds(20));
        return (await add, topics);
    }

    public HttpClient RestClient(bool withCertificate = true, CertificateAuthority? clientCa = null)
    {
        var handler = new HttpClientHandler { ClientCertificateOptions = ClientCertificateOption.Manual };
        handler.ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && Host.Pki.Service.HasIssued(cert);
        if (withCertificate)
        {
            // The REST API accepts only the cloud service's own certificate; a test client presents that one, or one
            // from another CA for the refusal tests.
            var credential = clientCa is null
                ? Host.Pki.GetOrIssueClient(Host.Pki.Service, ReferenceBrokerHost.CloudServiceCredentialName, "mqtt2go-cloud-service")
                : Host.Pki.GetOrIssueClient(clientCa, "test-rest-client", "test-rest-client");
            handler.ClientCertificates.Add(X509Certificate2.CreateFromPemFile(credential.CertificatePemPath, credential.KeyPemPath));
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task<(int Status, string Body)> PostAsync(HttpClient client, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(Host.Endpoints.DiscoveryRest, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("waiting for " + what);
    }

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public async ValueTask DisposeAsync()
    {
        foreach (var device in _devices)
        {
            await device.DisposeAsync();
        }

        DeviceLoop.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        try
        {
            Directory.Delete(Dir, true);
        }
        catch (IOException e)
        {
            Console.WriteLine($"temp dir not removed: {e.Message}");
        }
    }
}
