using System.Text.RegularExpressions;
using Mqtt2Go.Mosquitto;
using Mqtt2Go.ReferenceBroker.Cloud;
using Mqtt2Go.ReferenceBroker.Discovery;
using Mqtt2Go.ReferenceBroker.Mqtt;
using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Storage;

namespace Mqtt2Go.ReferenceBroker.Hosting;

/// <summary>
/// One more instance of the Discovery and cloud services (<c>Mqtt2Go.ReferenceBroker instance</c>) next to a running
/// <see cref="ReferenceBrokerHost"/>: the same brokers (service listeners and service account of the work directory),
/// the same PostgreSQL database and PKI, a Discovery REST server of its own. Every instance subscribes in the same MQTT 5
/// shared-subscription groups, so the brokers hand each message to one of them; what decides lives in the database.
/// </summary>
public sealed partial class ServiceInstanceHost : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _parts = [];

    private ServiceInstanceHost(string name, ReferencePki pki, MosquittoLoop loop)
    {
        Name = name;
        Pki = pki;
        Loop = loop;
    }

    /// <summary>The instance's name (client ids <c>mqtt2go-discovery-&lt;name&gt;</c> and <c>mqtt2go-cloud-&lt;name&gt;</c>).</summary>
    public string Name { get; }

    /// <summary>The work directory's PKI.</summary>
    public ReferencePki Pki { get; }

    /// <summary>The libmosquitto loop of the instance's clients.</summary>
    public MosquittoLoop Loop { get; }

    /// <summary>This instance's Discovery service.</summary>
    public DiscoveryService Discovery { get; private set; } = null!;

    /// <summary>This instance's Discovery REST server (its cloud service registers activations there).</summary>
    public DiscoveryRestServer DiscoveryRest { get; private set; } = null!;

    /// <summary>This instance's cloud service.</summary>
    public ProvisioningService Cloud { get; private set; } = null!;

    /// <summary>
    /// Joins the reference broker of <paramref name="workDir"/>.
    /// </summary>
    /// <param name="workDir">The work directory of a running <c>serve</c> (its reference-broker.json, pki, broker directories).</param>
    /// <param name="name">Instance name: 1–32 of a–z, 0–9 and '-'.</param>
    /// <param name="databaseConnectionString">The PostgreSQL connection string, or null for the one <c>serve --database postgres</c> wrote to the work directory.</param>
    /// <param name="restPort">Port of this instance's Discovery REST server (0 = a free one).</param>
    /// <param name="log">Log sink (never given a secret).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">The name is not valid.</exception>
    /// <exception cref="InvalidOperationException">The work directory has no running reference broker of this version, or no PostgreSQL.</exception>
    public static async Task<ServiceInstanceHost> StartAsync(string workDir, string name, string? databaseConnectionString, int restPort, Action<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workDir);
        ArgumentNullException.ThrowIfNull(log);
        if (name is null || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException("instance name: 1-32 characters of a-z, 0-9 and '-'", nameof(name));
        }

        var endpointsPath = Path.Combine(workDir, "reference-broker.json");
        if (!File.Exists(endpointsPath) || !Directory.Exists(Path.Combine(workDir, "pki")))
        {
            throw new InvalidOperationException($"{workDir} holds no reference broker: start `serve --workdir {workDir} --database postgres` first");
        }

        var endpoints = ReferenceBrokerEndpoints.Load(endpointsPath);
        if (endpoints.DiscoveryBroker.ServicePort == 0 || endpoints.CloudBroker.ServicePort == 0)
        {
            throw new InvalidOperationException($"{endpointsPath} names no service listeners: restart serve with this version");
        }

        var connectionPath = Path.Combine(workDir, "postgres-connection");
        var connectionString = databaseConnectionString ?? (File.Exists(connectionPath) ? File.ReadAllText(connectionPath).Trim() : null);
        if (connectionString is null || ReferenceDatabase.FromConnectionString(connectionString).Provider != DatabaseProvider.PostgreSql)
        {
            throw new InvalidOperationException("several service instances share one PostgreSQL database: start serve with --database postgres (or a PostgreSQL connection string) and give the instance the same");
        }

        var database = ReferenceDatabase.FromConnectionString(connectionString);
        var time = TimeProvider.System;
        var pki = ReferencePki.OpenOrCreate(Path.Combine(workDir, "pki"));
        var host = new ServiceInstanceHost(name, pki, new MosquittoLoop("instance-" + name));
        try
        {
            var registry = new ManufacturerRegistry(database, pki.Manufacturer, time);
            var limits = new DiscoveryOptions();
            host.Discovery = new DiscoveryService(new SqlDiscoveryStore(database, time), registry, time, limits, log);
            host._parts.Add(host.Discovery);
            await host.Discovery.StartAsync(host.Loop, ManagedBroker.ServiceOptionsFor(Path.Combine(workDir, "discovery-broker"), endpoints.DiscoveryBroker.ServicePort, "mqtt2go-discovery-" + name), cancellationToken).ConfigureAwait(false);

            var cloudServiceCredential = pki.GetOrIssueClient(pki.Service, ReferenceBrokerHost.CloudServiceCredentialName, "mqtt2go-cloud-service");
            host.DiscoveryRest = await DiscoveryRestServer.StartAsync(host.Discovery, pki.GetOrIssueServer("discovery-rest"), pki.Service, cloudServiceCredential.Certificate, limits, log, restPort).ConfigureAwait(false);
            host._parts.Add(host.DiscoveryRest);

            host.Cloud = new ProvisioningService(ProvisioningMode.Cloud, pki, registry, time, log)
            {
                Discovery = new DiscoveryRestClient(host.DiscoveryRest.ActivateDeviceUrl, cloudServiceCredential, pki.Service.Certificate),
                AdvertisedHost = endpoints.CloudBroker.Host,
                AdvertisedPort = endpoints.CloudBroker.Port,
                Limits = limits,
                ReachedBroker = host.Discovery.CompleteAsync,
            };
            host._parts.Add(host.Cloud);
            // No controller accounts: the first instance (serve) made them; re-making them would disconnect the controllers.
            await host.Cloud.StartAsync(host.Loop, ManagedBroker.ServiceOptionsFor(Path.Combine(workDir, "cloud-broker"), endpoints.CloudBroker.ServicePort, "mqtt2go-cloud-" + name), [], cancellationToken).ConfigureAwait(false);
            log($"instance {name}: Discovery and cloud services running, Discovery REST {host.DiscoveryRest.ActivateDeviceUrl}");
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var i = _parts.Count - 1; i >= 0; i--)
        {
            await _parts[i].DisposeAsync().ConfigureAwait(false);
        }

        Loop.Dispose();
        Pki.Dispose();
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
