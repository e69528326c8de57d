using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.ReferenceBroker.Hosting;
using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Storage;

namespace Mqtt2Go.Identity;

/// <summary>
/// Mints one unit's factory identity in-process: device id, activation code, P-256 key pair, factory certificate signed by
/// the manufacturer CA, the trust anchor (service CA) and the Discovery address; writes the device files, the nanoff
/// manifest and the label, and registers the certificate in the manufacturer registry (docs/identity.md).
/// </summary>
/// <remarks>One instance reuses the opened PKI and registry, so minting hundreds of devices costs one key pair and one
/// signature each. Instances are safe to use from one thread at a time.</remarks>
public sealed class FactoryIdentityMinter : IDisposable
{
    /// <summary>Sub-folder of a reference broker working directory holding the CAs (as ReferenceBrokerHost lays it out).</summary>
    public const string PkiFolder = "pki";

    /// <summary>SQLite file of a reference broker working directory holding the manufacturer registry.</summary>
    public const string DatabaseFile = "reference.db";

    /// <summary>Endpoints file a running reference broker writes into its working directory.</summary>
    public const string EndpointsFile = "reference-broker.json";

    // RandomNumberGenerator.Create() returns the OS CSPRNG, which is thread-safe; one instance serves every mint.
    private static readonly RandomNumberGenerator Rng = RandomNumberGenerator.Create();

    private readonly ReferencePki _pki;
    private readonly ManufacturerRegistry? _registry;
    private readonly bool _ownsPki;

    /// <summary>Mints with an already opened PKI and registry (e.g. a running <c>ReferenceBrokerHost</c>'s); they stay the caller's.</summary>
    public FactoryIdentityMinter(ReferencePki pki, ManufacturerRegistry? registry)
        : this(pki, registry, false)
    {
    }

    private FactoryIdentityMinter(ReferencePki pki, ManufacturerRegistry? registry, bool ownsPki)
    {
        _pki = pki ?? throw new ArgumentNullException(nameof(pki));
        _registry = registry;
        _ownsPki = ownsPki;
    }

    /// <summary>Discovery host used when <see cref="MintOptions.DiscoveryHost"/> is null.</summary>
    public string? DefaultDiscoveryHost { get; set; }

    /// <summary>Discovery port used when <see cref="MintOptions.DiscoveryPort"/> is null.</summary>
    public int? DefaultDiscoveryPort { get; set; }

    /// <summary>True when <see cref="Open"/> found no CA in the working directory and created a new PKI.</summary>
    public bool CreatedNewPki { get; private set; }

    /// <summary>The manufacturer CA certificate that signs factory certificates.</summary>
    public X509Certificate2 ManufacturerCertificate => _pki.Manufacturer.Certificate;

    /// <summary>The trust anchor written to every device: the service CA that signs the Discovery and cloud servers.</summary>
    public X509Certificate2 TrustAnchor => _pki.Service.Certificate;

    /// <summary>Opens the PKI and the manufacturer registry of a reference broker working directory (creating the CAs if missing);
    /// the Discovery defaults come from its reference-broker.json when a broker has run there.</summary>
    public static FactoryIdentityMinter Open(string brokerWorkDir, string? databaseConnectionString = null)
    {
        if (string.IsNullOrWhiteSpace(brokerWorkDir))
        {
            throw new IdentityException("the reference broker working directory is required (--broker-workdir DIR)");
        }

        var workDir = Path.GetFullPath(brokerWorkDir);
        var pkiDir = Path.Combine(workDir, PkiFolder);
        var existed = File.Exists(Path.Combine(pkiDir, "manufacturer-ca.pem"));
        var pki = ReferencePki.OpenOrCreate(pkiDir);
        var database = databaseConnectionString is null
            ? ReferenceDatabase.ForSqliteFile(Path.Combine(workDir, DatabaseFile))
            : ReferenceDatabase.FromConnectionString(databaseConnectionString);
        var minter = new FactoryIdentityMinter(pki, new ManufacturerRegistry(database, pki.Manufacturer), true) { CreatedNewPki = !existed };
        var endpointsPath = Path.Combine(workDir, EndpointsFile);
        if (File.Exists(endpointsPath))
        {
            var discovery = ReferenceBrokerEndpoints.Load(endpointsPath).DiscoveryBroker;
            if (discovery is not null)
            {
                minter.DefaultDiscoveryHost = discovery.Host;
                minter.DefaultDiscoveryPort = discovery.Port;
            }
        }

        return minter;
    }

    /// <summary>Opens <see cref="MintOptions.BrokerWorkDir"/>, mints one unit and closes the working directory again.</summary>
    /// <exception cref="IdentityException">The options were refused; the message says why.</exception>
    public static MintedIdentity Mint(MintOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var minter = Open(options.BrokerWorkDir ?? "", options.DatabaseConnectionString);
        return minter.MintDevice(options);
    }

    /// <summary>A new random activation code (canonical, 13 characters) from the OS CSPRNG.</summary>
    public static string NewActivationCode() => ActivationCodes.Generate(Rng);

    /// <summary>Mints one unit with this minter's PKI and registry.</summary>
    /// <exception cref="IdentityException">The options were refused (bad id, host or port, output folder in a repository, files or registry entry already there).</exception>
    public MintedIdentity MintDevice(MintOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var deviceId = options.DeviceId ?? DeviceIds.NewDeviceId();
        var problem = DeviceIds.FindProblem(deviceId);
        if (problem is not null)
        {
            throw new IdentityException(problem);
        }

        if (!Topics.IsValidIdentifier(options.DeviceType))
        {
            throw new IdentityException($"device type '{options.DeviceType}' must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }

        var host = options.DiscoveryHost ?? DefaultDiscoveryHost
            ?? throw new IdentityException("the Discovery host is unknown: pass --discovery-host (no reference-broker.json in the broker working directory)");
        if (!HostNames.IsValid(host))
        {
            throw new IdentityException($"Discovery host '{host}' is not a host name or IP address");
        }

        var port = options.DiscoveryPort ?? (options.DiscoveryHost is null ? DefaultDiscoveryPort : null) ?? ConfigurationLoader.DefaultPort;
        if (port is < 1 or > 65535)
        {
            throw new IdentityException($"Discovery port {port} is outside 1..65535");
        }

        var outputDirectory = PrepareOutputDirectory(options);
        if (options.Register && _registry is null)
        {
            throw new IdentityException("registration was requested but this minter has no manufacturer registry");
        }

        if (options.Register && !options.Overwrite && _registry!.ContainsAsync(deviceId).GetAwaiter().GetResult())
        {
            throw new IdentityException($"device id '{deviceId}' is already in the manufacturer registry (use --force to replace it)");
        }

        var activationCode = NewActivationCode();
        byte[] certificateDer;
        byte[] privateKey;
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var validity = options.CertificateValidity ?? _pki.DeviceCertificateValidity;
            using var certificate = _pki.Manufacturer.Issue(deviceId, new PublicKey(key), CertificateUsage.Client, validity);
            certificateDer = certificate.RawData;
            privateKey = Pkcs8EcKey.Export(key);
        }

        var written = new List<string>();
        try
        {
            var devicePaths = OutputFiles.DeviceFiles.Select(name => Path.Combine(outputDirectory, name)).ToArray();
            Write(devicePaths[0], IdentityDocuments.IdentityJson(deviceId, activationCode, options.DeviceType, host, port), false, written);
            Write(devicePaths[1], _pki.Service.Certificate.RawData, false, written);
            Write(devicePaths[2], certificateDer, false, written);
            Write(devicePaths[3], privateKey, true, written);
            var deployPath = Path.Combine(outputDirectory, OutputFiles.DeployJson);
            Write(deployPath, IdentityDocuments.DeployJson(devicePaths, options.SerialPort), false, written);

            var qrText = IdentityDocuments.QrText(deviceId, activationCode);
            var labelText = IdentityDocuments.LabelText(deviceId, activationCode);
            var labelTextPath = Path.Combine(outputDirectory, OutputFiles.LabelText);
            Write(labelTextPath, Encoding.UTF8.GetBytes(labelText), false, written);
            var labelSvgPath = Path.Combine(outputDirectory, OutputFiles.LabelSvg);
            Write(labelSvgPath, Encoding.UTF8.GetBytes(LabelCodes.Svg(qrText)), false, written);
            string? labelPngPath = null;
            if (options.WriteLabelPng)
            {
                labelPngPath = Path.Combine(outputDirectory, OutputFiles.LabelPng);
                Write(labelPngPath, LabelCodes.Png(qrText), false, written);
            }

            if (options.Register)
            {
                // The registry keeps the certificate (so the public key) and only a hash of the activation code.
                _registry!.Register(deviceId, certificateDer, activationCode);
            }

            return new MintedIdentity
            {
                DeviceId = deviceId,
                ActivationCode = activationCode,
                FormattedActivationCode = ActivationCode.Format(activationCode),
                QrText = qrText,
                DeviceType = options.DeviceType,
                DiscoveryHost = host,
                DiscoveryPort = port,
                OutputDirectory = outputDirectory,
                FactoryCertificateDer = certificateDer,
                TrustAnchorDer = _pki.Service.Certificate.RawData,
                ManufacturerCaDer = _pki.Manufacturer.Certificate.RawData,
                DeviceFiles = devicePaths,
                DeployJsonPath = deployPath,
                LabelTextPath = labelTextPath,
                LabelSvgPath = labelSvgPath,
                LabelPngPath = labelPngPath,
                LabelText = labelText,
                Registered = options.Register,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Half an identity is worse than none: remove what this mint wrote, then report.
            foreach (var path in written)
            {
                File.Delete(path);
            }

            throw new IdentityException("minting " + deviceId + " failed: " + e.Message, e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsPki)
        {
            _pki.Dispose();
        }
    }

    private static string PrepareOutputDirectory(MintOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.OutputDirectory))
        {
            throw new IdentityException("the output folder is required (--out DIR)");
        }

        var directory = Path.GetFullPath(options.OutputDirectory);
        var repository = FindRepositoryRoot(directory);
        if (repository is not null)
        {
            throw new IdentityException($"output folder {directory} is inside the git work tree {repository}: the factory key must never land in a repository");
        }

        if (Directory.Exists(directory))
        {
            var existing = OutputFiles.All.Where(name => File.Exists(Path.Combine(directory, name))).ToList();
            if (existing.Count > 0 && !options.Overwrite)
            {
                throw new IdentityException($"output folder {directory} already holds {string.Join(", ", existing)} (use --force to replace them)");
            }

            foreach (var name in existing)
            {
                File.Delete(Path.Combine(directory, name));
            }
        }
        else if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return directory;
    }

    private static string? FindRepositoryRoot(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var marker = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
            {
                return current.FullName;
            }
        }

        return null;
    }

    private static void Write(string path, byte[] content, bool secret, List<string> written)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            // Created with 0600 from the start: the key is never readable by others, not even for a moment.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            written.Add(path);
            stream.Write(content);
        }
    }
}
