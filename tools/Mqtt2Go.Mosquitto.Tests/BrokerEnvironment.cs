using Mqtt2Go.Mosquitto.DynSec;
using Mqtt2Go.Mosquitto.Pki;

namespace Mqtt2Go.Mosquitto.Tests;

/// <summary>One test's world: temp dir, throw-away PKI, a real mosquitto on a free port, a loop and a dynsec admin.</summary>
internal sealed class BrokerEnvironment : IAsyncDisposable
{
    private readonly List<MosquittoClient> _clients = new();
    private readonly List<IssuedCertificate> _issued = new();

    private BrokerEnvironment(string dir, IssuedCertificate ca)
    {
        Dir = dir;
        Ca = ca;
        CaFile = ca.WriteCertificatePem(Path.Combine(dir, "ca.crt.pem"));
        Loop = new MosquittoLoop("test-loop");
    }

    public string Dir { get; }
    public IssuedCertificate Ca { get; }
    public string CaFile { get; }
    public MosquittoLoop Loop { get; }
    public MosquittoBroker Broker { get; private set; } = null!;
    public MosquittoClient? AdminClient { get; private set; }
    public DynSecAdmin? Admin { get; private set; }
    public List<string> ClientLog { get; } = new();

    public static async Task<BrokerEnvironment> StartAsync(Action<MosquittoBrokerOptions>? configure = null, bool withAdmin = true)
    {
        string dir = Path.Combine(Path.GetTempPath(), "mqtt2go-mosq-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var env = new BrokerEnvironment(dir, CertificateFactory.CreateCa());
        using IssuedCertificate server = CertificateFactory.CreateServer(env.Ca);
        (string certFile, string keyFile) = server.WritePemFiles(dir, "server");
        var options = new MosquittoBrokerOptions
        {
            WorkDir = Path.Combine(dir, "broker"),
            CaFile = env.CaFile,
            CertFile = certFile,
            KeyFile = keyFile,
        };
        configure?.Invoke(options);
        env.Broker = MosquittoBroker.Start(options);
        if (withAdmin && env.Broker.AdminPort != 0)
        {
            env.AdminClient = env.NewClient(new MqttClientOptions
            {
                Port = env.Broker.AdminPort,
                ClientId = "admin-" + Guid.NewGuid().ToString("N")[..6],
                Username = options.AdminUser,
                Password = options.AdminPassword,
            });
            ConnectResult r = await env.AdminClient.ConnectAsync();
            if (!r.Success)
            {
                throw new InvalidOperationException($"admin connect failed: {r}\n{env.Broker.LogTail()}");
            }

            env.Admin = new DynSecAdmin(env.AdminClient);
        }

        return env;
    }

    /// <summary>A new connected administrator client (e.g. after <see cref="MosquittoBroker.Restart"/>), disposed with the environment.</summary>
    public async Task<MosquittoClient> ReconnectAdminAsync()
    {
        var options = Broker.Options;
        var client = NewClient(new MqttClientOptions
        {
            Port = Broker.AdminPort,
            ClientId = "admin-" + Guid.NewGuid().ToString("N")[..6],
            Username = options.AdminUser,
            Password = options.AdminPassword,
        });
        ConnectResult r = await client.ConnectAsync();
        return r.Success ? client : throw new InvalidOperationException($"admin connect failed: {r}\n{Broker.LogTail()}");
    }

    /// <summary>Issues a client certificate signed by this environment's CA and writes it as PEM files.</summary>
    public (string CertFile, string KeyFile) IssueClient(string commonName, IssuedCertificate? ca = null)
    {
        IssuedCertificate cert = CertificateFactory.CreateClient(ca ?? Ca, commonName);
        _issued.Add(cert);
        return cert.WritePemFiles(Path.Combine(Dir, "clients"), commonName + "-" + Guid.NewGuid().ToString("N")[..6]);
    }

    /// <summary>Options for an mTLS client on the main listener.</summary>
    public MqttClientOptions TlsOptions(string clientId, (string CertFile, string KeyFile)? cert, int protocol = 5) => new()
    {
        Port = Broker.Port,
        ClientId = clientId,
        CaFile = CaFile,
        CertFile = cert?.CertFile,
        KeyFile = cert?.KeyFile,
        ProtocolVersion = protocol,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        Log = Remember,
    };

    public MosquittoClient NewClient(MqttClientOptions options)
    {
        options.Log ??= Remember;
        var client = new MosquittoClient(Loop, options);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Creates a dynsec role allowing everything under <paramref name="prefix"/> and a client (CN) holding it.</summary>
    public async Task AllowAsync(string username, string prefix)
    {
        string role = "role-" + username;
        await Admin!.CreateRoleAsync(role,
            new DynSecAcl("publishClientSend", prefix + "/#"),
            new DynSecAcl("publishClientReceive", prefix + "/#"),
            new DynSecAcl("subscribePattern", prefix + "/#"));
        await Admin.CreateClientAsync(username, null, role);
    }

    public string Diagnostics()
    {
        string[] log;
        lock (ClientLog)
        {
            log = ClientLog.TakeLast(40).ToArray();
        }

        return $"--- broker log ({Broker?.LogPath}) ---\n{Broker?.LogTail(80)}\n--- client log ---\n{string.Join('\n', log)}";
    }

    private void Remember(string line)
    {
        lock (ClientLog)
        {
            ClientLog.Add(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        MosquittoClient[] clients;
        lock (_clients)
        {
            clients = _clients.ToArray();
        }

        await Task.WhenAll(clients.Select(c => Task.Run(c.Dispose)));
        Loop.Dispose();
        Broker?.Stop();
        foreach (IssuedCertificate c in _issued)
        {
            c.Dispose();
        }

        Ca.Dispose();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException ex)
        {
            Console.WriteLine($"could not delete {Dir}: {ex.Message}");
        }
    }
}
