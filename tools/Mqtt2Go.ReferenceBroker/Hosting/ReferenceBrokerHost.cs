using System.Net;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Cloud;
using Mqtt2Go.ReferenceBroker.Discovery;
using Mqtt2Go.ReferenceBroker.Gateway;
using Mqtt2Go.ReferenceBroker.Mqtt;
using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Storage;

namespace Mqtt2Go.ReferenceBroker.Hosting;

/// <summary>
/// Starts the whole reference side on loopback: PKI, database, Discovery broker + REST + service, cloud broker + service,
/// optionally the local gateway (broker, mDNS responder, service); writes <c>reference-broker.json</c>.
/// </summary>
public sealed class ReferenceBrokerHost : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _asyncParts = [];
    private readonly List<IDisposable> _parts = [];

    private ReferenceBrokerHost(ReferenceBrokerOptions options, ReferencePki pki, ReferenceDatabase database)
    {
        Options = options;
        Pki = pki;
        Database = database;
        Registry = new ManufacturerRegistry(database, pki.Manufacturer, options.Time);
        Store = new SqlDiscoveryStore(database, options.Time);
        Loop = new MosquittoLoop("reference-broker");
    }

    /// <summary>File name of the cloud service's client credential: the only certificate the Discovery REST API accepts.</summary>
    public const string CloudServiceCredentialName = "cloud-service";

    /// <summary>The options the host was started with.</summary>
    public ReferenceBrokerOptions Options { get; }

    /// <summary>The three CAs.</summary>
    public ReferencePki Pki { get; }

    /// <summary>The database holding the registry and the Discovery entries.</summary>
    public ReferenceDatabase Database { get; }

    /// <summary>The manufacturer registry (device id → factory certificate).</summary>
    public ManufacturerRegistry Registry { get; }

    /// <summary>The Discovery entries.</summary>
    public IDiscoveryStore Store { get; }

    /// <summary>The libmosquitto loop the services' clients run on.</summary>
    public MosquittoLoop Loop { get; }

    /// <summary>The Discovery broker.</summary>
    public ManagedBroker DiscoveryBroker { get; private set; } = null!;

    /// <summary>The cloud broker.</summary>
    public ManagedBroker CloudBroker { get; private set; } = null!;

    /// <summary>The local gateway broker, or null.</summary>
    public ManagedBroker? GatewayBroker { get; private set; }

    /// <summary>The Discovery REST server.</summary>
    public DiscoveryRestServer DiscoveryRest { get; private set; } = null!;

    /// <summary>The Discovery logic (REST registrations, GET_BROKER_DATA, expiry).</summary>
    public DiscoveryService Discovery { get; private set; } = null!;

    /// <summary>The cloud broker's MQTT2GO service.</summary>
    public ProvisioningService Cloud { get; private set; } = null!;

    /// <summary>The local gateway's MQTT2GO service, or null.</summary>
    public ProvisioningService? Gateway { get; private set; }

    /// <summary>The loopback mDNS responder, or null.</summary>
    public MdnsResponder? Mdns { get; private set; }

    /// <summary>What runs where (also written to <see cref="EndpointsPath"/>).</summary>
    public ReferenceBrokerEndpoints Endpoints { get; private set; } = null!;

    /// <summary>Path of reference-broker.json.</summary>
    public string EndpointsPath => Path.Combine(Options.WorkDir, "reference-broker.json");

    /// <summary>Starts everything; on failure stops what already runs and rethrows.</summary>
    /// <exception cref="FileNotFoundException">mosquitto is not installed (message says <c>apt-get install mosquitto</c>).</exception>
    public static async Task<ReferenceBrokerHost> StartAsync(ReferenceBrokerOptions options, CancellationToken cancellationToken = default)
    {
        // The working directory holds the CA keys and the database of pending activation codes: owner only. Setting the
        // mode also fails (UnauthorizedAccessException) on a directory another user created in a shared temp folder.
        Directory.CreateDirectory(options.WorkDir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(options.WorkDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (options.ReuseSavedPorts)
        {
            ApplySavedPorts(options);
        }

        var pki = ReferencePki.OpenOrCreate(Path.Combine(options.WorkDir, "pki"));
        PostgresServer? postgres = null;
        ReferenceDatabase database;
        if (options.DatabaseConnectionString == OwnPostgreSql)
        {
            postgres = await StartOwnPostgreSqlAsync(options, cancellationToken).ConfigureAwait(false);
            database = ReferenceDatabase.ForPostgreSql(await postgres.CreateDatabaseAsync("mqtt2go", cancellationToken).ConfigureAwait(false));
        }
        else
        {
            database = options.DatabaseConnectionString is null
                ? ReferenceDatabase.ForSqliteFile(Path.Combine(options.WorkDir, "reference.db"))
                : ReferenceDatabase.FromConnectionString(options.DatabaseConnectionString);
        }

        var host = new ReferenceBrokerHost(options, pki, database) { Postgres = postgres };
        if (postgres is not null)
        {
            host._parts.Add(postgres); // disposed last: every service has stopped using it
        }

        try
        {
            await host.StartPartsAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary><see cref="ReferenceBrokerOptions.DatabaseConnectionString"/> value that starts a PostgreSQL server of the host's own in <c>&lt;workdir&gt;/postgres</c>.</summary>
    public const string OwnPostgreSql = "postgres";

    /// <summary>The PostgreSQL server the host started (<see cref="OwnPostgreSql"/>), or null.</summary>
    public PostgresServer? Postgres { get; private init; }

    /// <summary>Path of the file (0600) holding the connection string of <see cref="Postgres"/>, for the Identity tool's <c>--database</c>.</summary>
    public string PostgresConnectionPath => Path.Combine(Options.WorkDir, "postgres-connection");

    // The server keeps its data in <workdir>/postgres across restarts, like reference.db. Run by root, PostgreSQL runs as
    // the postgres account, which must traverse the workdir: the workdir's group becomes postgres with mode 0710 (it can
    // enter, not list; every file in it keeps its owner-only mode).
    private static async Task<PostgresServer> StartOwnPostgreSqlAsync(ReferenceBrokerOptions options, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess)
        {
            using var chgrp = System.Diagnostics.Process.Start("chgrp", ["postgres", options.WorkDir]);
            await chgrp.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (chgrp.ExitCode != 0)
            {
                throw new InvalidOperationException($"chgrp postgres {options.WorkDir} failed ({chgrp.ExitCode}): is the postgresql package installed?");
            }

            File.SetUnixFileMode(options.WorkDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
        }

        var server = await PostgresServer.StartAsync(Path.Combine(options.WorkDir, "postgres"), cancellationToken: cancellationToken).ConfigureAwait(false);
        options.Log($"reference broker: PostgreSQL pid {server.Pid} on 127.0.0.1:{server.Port}, data {server.DataDirectory}");
        return server;
    }

    /// <summary>
    /// Takes every port still 0 from the work dir's reference-broker.json of an earlier start, so devices provisioned
    /// before a restart find their brokers again (issue 10 item 5). An unreadable file changes nothing.
    /// </summary>
    public static void ApplySavedPorts(ReferenceBrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.Combine(options.WorkDir, "reference-broker.json");
        if (!File.Exists(path))
        {
            return;
        }

        ReferenceBrokerEndpoints saved;
        try
        {
            saved = ReferenceBrokerEndpoints.Load(path);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            options.Log($"reference broker: saved ports not read ({e.GetType().Name}), picking free ones");
            return;
        }

        static int Pick(int current, int? saved) => current != 0 ? current : saved is > 0 and <= 65535 ? saved.Value : 0;
        options.DiscoveryBrokerPort = Pick(options.DiscoveryBrokerPort, saved.DiscoveryBroker?.Port);
        options.CloudBrokerPort = Pick(options.CloudBrokerPort, saved.CloudBroker?.Port);
        // The service listeners too: further service instances (Mqtt2Go.ReferenceBroker instance) reconnect to them.
        options.DiscoveryServicePort = Pick(options.DiscoveryServicePort, saved.DiscoveryBroker?.ServicePort);
        options.CloudServicePort = Pick(options.CloudServicePort, saved.CloudBroker?.ServicePort);
        options.GatewayBrokerPort = Pick(options.GatewayBrokerPort, saved.GatewayBroker?.Port);
        options.MdnsPort = Pick(options.MdnsPort, saved.MdnsPort);
        if (Uri.TryCreate(saved.DiscoveryRest, UriKind.Absolute, out var rest))
        {
            options.DiscoveryRestPort = Pick(options.DiscoveryRestPort, rest.Port);
        }
    }

    /// <summary>The last lines of every broker log (for test failures).</summary>
    public string LogTails()
    {
        var brokers = new[] { DiscoveryBroker, CloudBroker, GatewayBroker };
        return string.Join("\n", brokers.Where(b => b is not null).Select(b => $"--- {b!.Name} broker (pid {b.Broker.Pid}) ---\n{b.Broker.LogTail(80)}"));
    }

    /// <summary>Stops services, servers and brokers (brokers by their PID).</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = _asyncParts.Count - 1; i >= 0; i--)
        {
            await _asyncParts[i].DisposeAsync().ConfigureAwait(false);
        }

        for (var i = _parts.Count - 1; i >= 0; i--)
        {
            _parts[i].Dispose();
        }

        Loop.Dispose();
        Pki.Dispose();
    }

    private async Task StartPartsAsync(CancellationToken cancellationToken)
    {
        var log = Options.Log;
        var dir = Options.WorkDir;

        // Discovery broker: only factory certificates (manufacturer CA) get in; server certificate from the service CA.
        var discoveryServer = Pki.GetOrIssueServer("discovery-broker");
        var discoveryCa = Pki.WriteCaBundle("discovery-cafile.pem", Pki.Manufacturer);
        DiscoveryBroker = ManagedBroker.Start("discovery", Path.Combine(dir, "discovery-broker"), discoveryCa, discoveryServer.CertificatePemPath, discoveryServer.KeyPemPath, Options.DiscoveryBrokerPort, Options.DiscoveryServicePort);
        _parts.Add(DiscoveryBroker);
        await DiscoveryBroker.ProvisionServiceAccountAsync(Loop, log).ConfigureAwait(false);

        // Discovery service and its REST API (client certificates from the service CA only).
        Discovery = new DiscoveryService(Store, Registry, Options.Time, Options.Discovery, log);
        _asyncParts.Add(Discovery);
        await Discovery.StartAsync(Loop, DiscoveryBroker.ServiceOptions("mqtt2go-discovery"), cancellationToken).ConfigureAwait(false);
        var cloudServiceCredential = Pki.GetOrIssueClient(Pki.Service, CloudServiceCredentialName, "mqtt2go-cloud-service");
        DiscoveryRest = await DiscoveryRestServer.StartAsync(Discovery, Pki.GetOrIssueServer("discovery-rest"), Pki.Service,
            cloudServiceCredential.Certificate, Options.Discovery, log, Options.DiscoveryRestPort).ConfigureAwait(false);
        _asyncParts.Add(DiscoveryRest);

        // Cloud broker: operational device certificates plus service-CA clients (controller, tools).
        var cloudServer = Pki.GetOrIssueServer("cloud-broker");
        var cloudCa = Pki.WriteCaBundle("cloud-cafile.pem", Pki.Operational, Pki.Service);
        CloudBroker = ManagedBroker.Start("cloud", Path.Combine(dir, "cloud-broker"), cloudCa, cloudServer.CertificatePemPath, cloudServer.KeyPemPath, Options.CloudBrokerPort, Options.CloudServicePort);
        _parts.Add(CloudBroker);
        await CloudBroker.ProvisionServiceAccountAsync(Loop, log).ConfigureAwait(false);
        Cloud = new ProvisioningService(ProvisioningMode.Cloud, Pki, Registry, Options.Time, log)
        {
            Discovery = new DiscoveryRestClient(DiscoveryRest.ActivateDeviceUrl, Pki.GetOrIssueClient(Pki.Service, CloudServiceCredentialName, "mqtt2go-cloud-service"), Pki.Service.Certificate),
            AdvertisedHost = "127.0.0.1",
            AdvertisedPort = CloudBroker.Port,
            Limits = Options.Discovery,
            ReachedBroker = Discovery.CompleteAsync,
        };
        _asyncParts.Add(Cloud);
        await Cloud.StartAsync(Loop, CloudBroker.ServiceOptions("mqtt2go-cloud"), Options.ControllerHomes, cancellationToken).ConfigureAwait(false);

        var home = Options.ControllerHomes.Count > 0 ? Options.ControllerHomes[0] : "home1";
        var controller = Pki.GetOrIssueClient(Pki.Service, "controller-" + home, Protocol.ServiceIdentities.Controller(home));
        Endpoints = new ReferenceBrokerEndpoints
        {
            DiscoveryBroker = new BrokerEndpoint("127.0.0.1", DiscoveryBroker.Port, DiscoveryBroker.Broker.Pid, discoveryCa, DiscoveryBroker.Broker.LogPath, DiscoveryBroker.ServicePort),
            DiscoveryRest = DiscoveryRest.ActivateDeviceUrl,
            CloudBroker = new BrokerEndpoint("127.0.0.1", CloudBroker.Port, CloudBroker.Broker.Pid, cloudCa, CloudBroker.Broker.LogPath, CloudBroker.ServicePort),
            ServiceCa = Pki.Service.CertificatePemPath,
            ServiceCaDer = Pki.Service.CertificateDerPath,
            ManufacturerCa = Pki.Manufacturer.CertificatePemPath,
            OperationalCa = Pki.Operational.CertificatePemPath,
            Controller = new ClientCredentialPaths(controller.CommonName, controller.CertificatePemPath, controller.KeyPemPath),
            HomeId = home,
            Database = Database.Provider == DatabaseProvider.Sqlite ? Path.Combine(dir, "reference.db")
                : Postgres is not null ? $"postgresql://mqtt2go@127.0.0.1:{Postgres.Port}/mqtt2go (pid {Postgres.Pid}; connection string with password in {PostgresConnectionPath})"
                : "postgresql",
        };
        if (Postgres is not null && !OperatingSystem.IsWindows())
        {
            using var file = new FileStream(PostgresConnectionPath, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
            file.Write(System.Text.Encoding.UTF8.GetBytes(Postgres.ConnectionString("mqtt2go") + "\n"));
        }

        if (Options.LocalGateway)
        {
            // Local gateway: factory certificates (activation) and operational ones (after GET_CREDENTIALS).
            var gatewayServer = Pki.GetOrIssueServer("gateway-broker");
            var gatewayCa = Pki.WriteCaBundle("gateway-cafile.pem", Pki.Manufacturer, Pki.Operational);
            GatewayBroker = ManagedBroker.Start("gateway", Path.Combine(dir, "gateway-broker"), gatewayCa, gatewayServer.CertificatePemPath, gatewayServer.KeyPemPath, Options.GatewayBrokerPort);
            _parts.Add(GatewayBroker);
            await GatewayBroker.ProvisionServiceAccountAsync(Loop, log).ConfigureAwait(false);
            Gateway = new ProvisioningService(ProvisioningMode.LocalGateway, Pki, Registry, Options.Time, log) { AdvertisedPort = GatewayBroker.Port, Limits = Options.Discovery, HomeWifi = Options.HomeWifi };
            _asyncParts.Add(Gateway);
            await Gateway.StartAsync(Loop, GatewayBroker.ServiceOptions("mqtt2go-gateway"), [Options.GatewayHomeId], cancellationToken).ConfigureAwait(false);
            Mdns = new MdnsResponder(Options.MdnsPort, IPAddress.Loopback, GatewayBroker.Port, log);
            _parts.Add(Mdns);
            var gatewayController = Pki.GetOrIssueClient(Pki.Operational, "gateway-controller-" + Options.GatewayHomeId, Protocol.ServiceIdentities.Controller(Options.GatewayHomeId));
            Endpoints.GatewayBroker = new BrokerEndpoint("127.0.0.1", GatewayBroker.Port, GatewayBroker.Broker.Pid, gatewayCa, GatewayBroker.Broker.LogPath);
            Endpoints.MdnsPort = Mdns.Port;
            Endpoints.GatewayController = new ClientCredentialPaths(gatewayController.CommonName, gatewayController.CertificatePemPath, gatewayController.KeyPemPath);
        }

        File.WriteAllText(EndpointsPath, Endpoints.ToJson());
    }
}
