using System.Globalization;

namespace Mqtt2Go.Identity;

/// <summary>The console front end: parses the arguments into <see cref="MintOptions"/>, mints, prints the label.</summary>
public static class CommandLine
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for an unexpected failure (PKI, database, file system).</summary>
    public const int Failure = 1;

    /// <summary>Exit code for refused arguments (the message says why).</summary>
    public const int UsageError = 2;

    /// <summary>The help text.</summary>
    public const string Usage = """
        Usage: Mqtt2Go.Identity --out DIR --broker-workdir DIR [options]
        Mints one unit's factory identity (docs/identity.md) and registers it in the reference broker's manufacturer registry.
          --out DIR               output folder (outside any git work tree; created with mode 0700)
          --broker-workdir DIR    reference broker working directory (pki/, reference.db, reference-broker.json)
          --device-id ID          device id, [A-Za-z0-9_-]{1,64}, never a service account (those contain '.')
                                  (default: m2g- + 8 random characters)
          --device-type TYPE      device type in identity.json (default: switch)
          --discovery-host HOST   Discovery broker host (default: from reference-broker.json)
          --discovery-port PORT   Discovery broker port (default: from reference-broker.json, else 8883)
          --database CONN         registry database connection string (default: SQLite reference.db in the working directory)
          --serial-port PORT      serial port written into deploy.json
          --no-register           do not register the certificate in the manufacturer registry
          --no-png                do not write label.png
          --force                 replace existing files in --out and an existing registry entry of the device id
          --help                  show this text
        """;

    /// <summary>Runs the tool; returns the process exit code. Only the label (which carries the activation code) goes to <paramref name="output"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        MintOptions options;
        try
        {
            options = Parse(args);
        }
        catch (IdentityException e)
        {
            error.WriteLine("error: " + e.Message);
            error.WriteLine("run with --help for usage");
            return UsageError;
        }

        if (args.Contains("--help") || args.Contains("-h"))
        {
            output.WriteLine(Usage);
            return Success;
        }

        try
        {
            using var minter = FactoryIdentityMinter.Open(options.BrokerWorkDir ?? "", options.DatabaseConnectionString);
            if (minter.CreatedNewPki)
            {
                error.WriteLine("note: no CA found in " + options.BrokerWorkDir + ": created a new reference PKI there");
            }

            var minted = minter.MintDevice(options);
            output.Write(minted.LabelText);
            output.WriteLine();
            output.WriteLine("Discovery:       " + minted.DiscoveryHost + ":" + minted.DiscoveryPort.ToString(CultureInfo.InvariantCulture));
            output.WriteLine("Registered:      " + (minted.Registered ? "yes" : "no"));
            output.WriteLine("Files in " + minted.OutputDirectory + ":");
            foreach (var path in minted.DeviceFiles.Append(minted.DeployJsonPath).Append(minted.LabelTextPath).Append(minted.LabelSvgPath))
            {
                output.WriteLine("  " + Path.GetFileName(path));
            }

            if (minted.LabelPngPath is not null)
            {
                output.WriteLine("  " + Path.GetFileName(minted.LabelPngPath));
            }

            output.WriteLine("Deploy:          nanoff --filedeployment " + minted.DeployJsonPath + " --serialport <PORT>");
            return Success;
        }
        catch (IdentityException e)
        {
            error.WriteLine("error: " + e.Message);
            return UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or System.Data.Common.DbException or InvalidDataException or System.Text.Json.JsonException)
        {
            // Messages of these carry paths and SQL errors, never the activation code or the key.
            error.WriteLine("error: " + e.GetType().Name + ": " + e.Message);
            return Failure;
        }
    }

    /// <summary>Parses the arguments; throws <see cref="IdentityException"/> with a readable message for anything wrong.</summary>
    public static MintOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new MintOptions();
        var help = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--help" or "-h":
                    help = true;
                    break;
                case "--no-register":
                    options.Register = false;
                    break;
                case "--no-png":
                    options.WriteLabelPng = false;
                    break;
                case "--force":
                    options.Overwrite = true;
                    break;
                case "--out":
                    options.OutputDirectory = Value(args, ref i);
                    break;
                case "--broker-workdir":
                    options.BrokerWorkDir = Value(args, ref i);
                    break;
                case "--device-id":
                    options.DeviceId = Value(args, ref i);
                    var problem = DeviceIds.FindProblem(options.DeviceId);
                    if (problem is not null)
                    {
                        throw new IdentityException("--device-id: " + problem);
                    }

                    break;
                case "--device-type":
                    options.DeviceType = Value(args, ref i);
                    break;
                case "--discovery-host":
                    options.DiscoveryHost = Value(args, ref i);
                    break;
                case "--discovery-port":
                    var text = Value(args, ref i);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                    {
                        throw new IdentityException($"--discovery-port: '{text}' is not a port number 1..65535");
                    }

                    options.DiscoveryPort = port;
                    break;
                case "--database":
                    options.DatabaseConnectionString = Value(args, ref i);
                    break;
                case "--serial-port":
                    options.SerialPort = Value(args, ref i);
                    break;
                default:
                    throw new IdentityException($"unknown argument '{name}'");
            }
        }

        if (help)
        {
            return options;
        }

        if (string.IsNullOrWhiteSpace(options.OutputDirectory))
        {
            throw new IdentityException("--out DIR is required");
        }

        if (string.IsNullOrWhiteSpace(options.BrokerWorkDir))
        {
            throw new IdentityException("--broker-workdir DIR is required");
        }

        return options;
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new IdentityException(args[i] + " needs a value");
        }

        i++;
        return args[i];
    }
}
