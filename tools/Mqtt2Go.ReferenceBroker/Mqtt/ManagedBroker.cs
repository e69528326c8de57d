using System.Security.Cryptography;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.Mosquitto.DynSec;

namespace Mqtt2Go.ReferenceBroker.Mqtt;

/// <summary>
/// One mosquitto of the reference broker (mTLS + use_identity_as_username + dynsec) with a persisted admin secret and a
/// dedicated service account ("mqtt2go-service": admin role + publish/subscribe everywhere) on the loopback admin listener.
/// </summary>
public sealed class ManagedBroker : IDisposable
{
    private readonly string _servicePassword;

    private ManagedBroker(string name, MosquittoBroker broker, string servicePassword)
    {
        Name = name;
        Broker = broker;
        _servicePassword = servicePassword;
    }

    /// <summary>Short name ("discovery", "cloud", "gateway").</summary>
    public string Name { get; }

    /// <summary>The mosquitto process.</summary>
    public MosquittoBroker Broker { get; }

    /// <summary>The mTLS port devices and the controller use.</summary>
    public int Port => Broker.Port;

    /// <summary>Username of the service account.</summary>
    public const string ServiceUser = "mqtt2go-service";

    /// <summary>Starts the broker in <paramref name="directory"/> (config, log, dynsec JSON, admin secret live there).</summary>
    public static ManagedBroker Start(string name, string directory, string caFile, string certFile, string keyFile, int port = 0)
    {
        Directory.CreateDirectory(directory);
        var secretPath = Path.Combine(directory, "admin.secret");
        string adminPassword;
        if (File.Exists(secretPath))
        {
            adminPassword = File.ReadAllText(secretPath).Trim();
        }
        else
        {
            adminPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            using var stream = new FileStream(secretPath, FileMode.CreateNew, FileAccess.Write);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(secretPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(System.Text.Encoding.ASCII.GetBytes(adminPassword));
        }

        var broker = MosquittoBroker.Start(new MosquittoBrokerOptions
        {
            WorkDir = directory,
            Port = port,
            CaFile = caFile,
            CertFile = certFile,
            KeyFile = keyFile,
            RequireCertificate = true,
            UseIdentityAsUsername = true,
            DynamicSecurity = true,
            AdminUser = "admin",
            AdminPassword = adminPassword,
            AdminListener = true,
        });
        var managed = new ManagedBroker(name, broker, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        managed._adminPassword = adminPassword;
        return managed;
    }

    private string _adminPassword = "";

    /// <summary>Creates (or re-creates with a fresh password) the service account using the dynsec admin.</summary>
    public async Task ProvisionServiceAccountAsync(MosquittoLoop loop, Action<string> log)
    {
        using var admin = new MosquittoClient(loop, AdminOptions("admin", _adminPassword, "mqtt2go-bootstrap-" + Name));
        var connected = await admin.ConnectAsync().ConfigureAwait(false);
        if (!connected.Success)
        {
            throw new InvalidOperationException($"{Name} broker: admin login failed ({connected.Code} {connected.Reason})");
        }

        using var dynsec = new DynSecAdmin(admin);
        await IgnoreMissingAsync(() => dynsec.DeleteClientAsync(ServiceUser)).ConfigureAwait(false);
        await IgnoreMissingAsync(() => dynsec.DeleteRoleAsync(ServiceUser)).ConfigureAwait(false);
        await dynsec.CreateRoleAsync(
            ServiceUser,
            new DynSecAcl("publishClientSend", "#"),
            new DynSecAcl("publishClientReceive", "#"),
            new DynSecAcl("subscribePattern", "#")).ConfigureAwait(false);
        await dynsec.CreateClientAsync(ServiceUser, _servicePassword, "admin", ServiceUser).ConfigureAwait(false);
        await admin.DisconnectAsync().ConfigureAwait(false);
        log($"{Name} broker: service account ready");
    }

    /// <summary>Client options for the service account on the admin listener.</summary>
    public MqttClientOptions ServiceOptions(string clientId) => AdminOptions(ServiceUser, _servicePassword, clientId);

    /// <summary>Runs a dynsec call and ignores "not found"/"already exists" style errors (idempotent setup and teardown).</summary>
    public static async Task IgnoreMissingAsync(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (DynSecException e) when (e.Error.Contains("not found", StringComparison.OrdinalIgnoreCase) || e.Error.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            // idempotent: the object was already in the wanted state
        }
    }

    /// <summary>Stops the broker by its PID.</summary>
    public void Dispose() => Broker.Dispose();

    private MqttClientOptions AdminOptions(string user, string password, string clientId) => new()
    {
        Host = "127.0.0.1",
        Port = Broker.AdminPort,
        ClientId = clientId,
        Username = user,
        Password = password,
        ProtocolVersion = 5,
        KeepAliveSeconds = 10,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };
}
