using System.Security.Cryptography;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.Mosquitto.DynSec;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Mqtt;

/// <summary>
/// One mosquitto of the reference broker (mTLS + use_identity_as_username + dynsec) with a persisted admin secret and a
/// dedicated service account ("mqtt2go.service": admin role + publish/subscribe everywhere) on the loopback admin listener.
/// </summary>
/// <remarks>
/// Access control on the TLS listener: the certificate CN is the username (<c>use_identity_as_username</c>) and also the
/// client id (<c>use_username_as_clientid</c>), so one certificate cannot take over another client's session; the
/// accounts of the services are named outside the device-id namespace (<see cref="ServiceIdentities"/>); packets larger
/// than <see cref="MaxPacketSize"/> disconnect their sender; the log leaves out the <c>information</c> and
/// <c>subscribe</c> lines, which name topics (activation topics carry the activation code).
/// </remarks>
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
    public const string ServiceUser = ServiceIdentities.Service;

    /// <summary>
    /// Largest MQTT packet a client may send: the largest MQTT2GO payload either side accepts (8192 bytes, the firmware's
    /// <c>Mqtt2GoCodec.MaxPayloadBytes</c> and <see cref="Envelope.MaxSize"/>) plus a topic of at most 256 bytes (the
    /// firmware's <c>Topics.MaxTopicLength</c>) plus 256 bytes for the fixed header, topic length, packet id and MQTT 5
    /// properties. See docs/profile.md "Message size".
    /// </summary>
    public const int MaxPacketSize = Envelope.MaxSize + 256 + 256;

    /// <summary>Log levels written to mosquitto.log: no <c>information</c> (dynsec commands name ACL topics) and no <c>subscribe</c>.</summary>
    public static readonly string[] LogTypes = ["error", "warning", "notice"];

    /// <summary>Starts the broker in <paramref name="directory"/> (config, log, dynsec JSON, admin secret live there).</summary>
    /// <param name="name">Short name ("discovery", "cloud", "gateway").</param>
    /// <param name="directory">The broker's directory.</param>
    /// <param name="caFile">PEM CA bundle client certificates are verified with.</param>
    /// <param name="certFile">Server certificate (PEM).</param>
    /// <param name="keyFile">Server key (PEM).</param>
    /// <param name="port">mTLS port; 0 = a free one.</param>
    /// <param name="servicePort">Port of the loopback service (admin) listener; 0 = a free one.</param>
    public static ManagedBroker Start(string name, string directory, string caFile, string certFile, string keyFile, int port = 0, int servicePort = 0)
    {
        Directory.CreateDirectory(directory);
        var adminPassword = ReadOrCreateSecret(Path.Combine(directory, "admin.secret"));
        // The service account's password is kept too (0600), so further service instances on the same work directory
        // (Mqtt2Go.ReferenceBroker instance) log in as the same account (ServiceOptionsFor).
        var servicePassword = ReadOrCreateSecret(Path.Combine(directory, ServiceSecretFileName));

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
            DeviceGrants = true,
            AdminUser = ServiceIdentities.Admin,
            AdminPassword = adminPassword,
            AdminListener = true,
            AdminPort = servicePort,
            UseUsernameAsClientId = true,
            MaxPacketSize = MaxPacketSize,
            LogTypes = LogTypes,
        });
        var managed = new ManagedBroker(name, broker, servicePassword);
        managed._adminPassword = adminPassword;
        return managed;
    }

    private string _adminPassword = "";

    /// <summary>File (0600, in the broker's directory) holding the service account's password.</summary>
    public const string ServiceSecretFileName = "service.secret";

    /// <summary>
    /// Client options for the service account of the broker whose directory is <paramref name="directory"/> (its
    /// <see cref="ServiceSecretFileName"/>), on its service listener <paramref name="servicePort"/>: how a further service
    /// instance joins a running reference broker.
    /// </summary>
    /// <exception cref="FileNotFoundException">The directory holds no service secret (the broker was never started there).</exception>
    public static MqttClientOptions ServiceOptionsFor(string directory, int servicePort, string clientId) => new()
    {
        Host = "127.0.0.1",
        Port = servicePort,
        ClientId = clientId,
        Username = ServiceUser,
        Password = File.ReadAllText(Path.Combine(directory, ServiceSecretFileName)).Trim(),
        ProtocolVersion = 5,
        KeepAliveSeconds = 10,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    private static string ReadOrCreateSecret(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(System.Text.Encoding.ASCII.GetBytes(secret));
        stream.Flush(flushToDisk: true);
        return secret;
    }

    /// <summary>Creates (or re-creates, with the password of <see cref="ServiceSecretFileName"/>) the service account using the dynsec admin.</summary>
    public async Task ProvisionServiceAccountAsync(MosquittoLoop loop, Action<string> log)
    {
        if (Broker.LeftOverStopped != 0)
        {
            log($"{Name} broker: stopped mosquitto pid {Broker.LeftOverStopped}, left running on {Broker.WorkDir} by an earlier run that did not stop it");
        }

        await MigrateLegacyAdminAsync(loop, log).ConfigureAwait(false);
        using var admin = new MosquittoClient(loop, AdminOptions(ServiceIdentities.Admin, _adminPassword, "mqtt2go-bootstrap-" + Name));
        var connected = await admin.ConnectAsync().ConfigureAwait(false);
        if (!connected.Success)
        {
            throw new InvalidOperationException($"{Name} broker: admin login failed ({connected.Code} {connected.Reason})");
        }

        using var dynsec = new DynSecAdmin(admin);
        // Accounts of earlier versions had names a device id can have (a factory certificate with CN "admin" logged in
        // as the dynsec administrator): remove them.
        foreach (var legacy in ServiceIdentities.LegacyAccounts)
        {
            await IgnoreMissingAsync(() => dynsec.DeleteClientAsync(legacy)).ConfigureAwait(false);
        }

        await IgnoreMissingAsync(() => dynsec.DeleteRoleAsync("mqtt2go-service")).ConfigureAwait(false);
        await IgnoreMissingAsync(() => dynsec.DeleteClientAsync(ServiceUser)).ConfigureAwait(false);
        await IgnoreMissingAsync(() => dynsec.DeleteRoleAsync(ServiceUser)).ConfigureAwait(false);
        await dynsec.CreateRoleAsync(
            ServiceUser,
            new DynSecAcl("publishClientSend", "#"),
            new DynSecAcl("publishClientReceive", "#"),
            new DynSecAcl("subscribePattern", "#"),
            // The device grants plugin's control topics ("#" does not match topics that start with "$").
            new DynSecAcl("publishClientSend", "$CONTROL/mqtt2go-grants/#"),
            new DynSecAcl("publishClientReceive", "$CONTROL/mqtt2go-grants/#"),
            new DynSecAcl("subscribePattern", "$CONTROL/mqtt2go-grants/#")).ConfigureAwait(false);
        await dynsec.CreateClientAsync(ServiceUser, _servicePassword, "admin", ServiceUser).ConfigureAwait(false);
        await admin.DisconnectAsync().ConfigureAwait(false);
        log($"{Name} broker: service account ready");
    }

    // A dynsec file written by an earlier version has the administrator "admin": create the new one with the same secret.
    private async Task MigrateLegacyAdminAsync(MosquittoLoop loop, Action<string> log)
    {
        using (var probe = new MosquittoClient(loop, AdminOptions(ServiceIdentities.Admin, _adminPassword, "mqtt2go-bootstrap-" + Name)))
        {
            if ((await probe.ConnectAsync().ConfigureAwait(false)).Success)
            {
                await probe.DisconnectAsync().ConfigureAwait(false);
                return;
            }
        }

        using var legacy = new MosquittoClient(loop, AdminOptions("admin", _adminPassword, "mqtt2go-bootstrap-" + Name));
        if (!(await legacy.ConnectAsync().ConfigureAwait(false)).Success)
        {
            return; // nothing to migrate; the caller reports the failed login
        }

        using (var dynsec = new DynSecAdmin(legacy))
        {
            await dynsec.CreateClientAsync(ServiceIdentities.Admin, _adminPassword, "admin").ConfigureAwait(false);
        }

        await legacy.DisconnectAsync().ConfigureAwait(false);
        log($"{Name} broker: dynsec administrator renamed to {ServiceIdentities.Admin}");
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

    /// <summary>Port of the loopback service (admin) listener.</summary>
    public int ServicePort => Broker.AdminPort;

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
