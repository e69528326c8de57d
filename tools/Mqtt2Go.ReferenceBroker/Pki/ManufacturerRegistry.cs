using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Mqtt2Go.ReferenceBroker.Protocol;
using Mqtt2Go.ReferenceBroker.Storage;

namespace Mqtt2Go.ReferenceBroker.Pki;

/// <summary>
/// The manufacturer's record of every device it built: device id → factory certificate (and so its public key), plus a
/// hash of the activation code printed on the label; stored in the reference database.
/// </summary>
public sealed class ManufacturerRegistry
{
    private readonly ReferenceDatabase _database;
    private readonly CertificateAuthority? _manufacturerCa;
    private readonly TimeProvider _time;

    /// <summary>Creates the registry; when <paramref name="manufacturerCa"/> is given only certificates it issued are accepted.</summary>
    public ManufacturerRegistry(ReferenceDatabase database, CertificateAuthority? manufacturerCa = null, TimeProvider? time = null)
    {
        _database = database;
        _manufacturerCa = manufacturerCa;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The database the registry lives in (the services keep their guess counters there too).</summary>
    public ReferenceDatabase Database => _database;

    /// <summary>Registers (or replaces) a device's factory certificate; throws <see cref="ArgumentException"/> for an invalid id or certificate.</summary>
    public void Register(string deviceId, byte[] factoryCertDer, string? activationCode = null) =>
        RegisterAsync(deviceId, factoryCertDer, activationCode).GetAwaiter().GetResult();

    /// <summary>Registers (or replaces) a device's factory certificate and optionally the hash of its activation code.</summary>
    public async Task RegisterAsync(string deviceId, byte[] factoryCertDer, string? activationCode = null, CancellationToken cancellationToken = default)
    {
        if (!Identifiers.IsValid(deviceId))
        {
            throw new ArgumentException("device id must match [A-Za-z0-9_-]{1,64}", nameof(deviceId));
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(factoryCertDer);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("factory certificate is not a DER X.509 certificate", nameof(factoryCertDer), e);
        }

        using (certificate)
        {
            if (certificate.GetNameInfo(X509NameType.SimpleName, false) != deviceId)
            {
                throw new ArgumentException("factory certificate CN differs from the device id", nameof(factoryCertDer));
            }

            if (_manufacturerCa is not null && !_manufacturerCa.HasIssued(certificate))
            {
                throw new ArgumentException("factory certificate was not issued by the manufacturer CA", nameof(factoryCertDer));
            }

            string? codeHash = null;
            if (activationCode is not null)
            {
                if (!ActivationCodes.TryNormalize(activationCode, out var code))
                {
                    throw new ArgumentException("activation code is not valid", nameof(activationCode));
                }

                codeHash = HashCode(deviceId, code);
            }

            var spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = ReferenceDatabase.Command(
                connection,
                """
                INSERT INTO manufacturer_devices (device_id, factory_certificate, public_key, activation_code_hash, registered_at)
                VALUES (@id, @cert, @spki, @hash, @now)
                ON CONFLICT (device_id) DO UPDATE SET factory_certificate = excluded.factory_certificate,
                    public_key = excluded.public_key, activation_code_hash = excluded.activation_code_hash, registered_at = excluded.registered_at
                """,
                ("@id", deviceId),
                ("@cert", Convert.ToBase64String(factoryCertDer)),
                ("@spki", Convert.ToBase64String(spki)),
                ("@hash", codeHash),
                ("@now", _time.GetUtcNow().ToUnixTimeSeconds()));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The factory certificate (DER) of <paramref name="deviceId"/>, or null when the device is unknown.</summary>
    public async Task<byte[]?> GetFactoryCertificateAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        var row = await ReadAsync(deviceId, "factory_certificate", cancellationToken).ConfigureAwait(false);
        return row is null ? null : Convert.FromBase64String(row);
    }

    /// <summary>The factory public key as DER SubjectPublicKeyInfo, or null when the device is unknown.</summary>
    public async Task<byte[]?> GetPublicKeyAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        var row = await ReadAsync(deviceId, "public_key", cancellationToken).ConfigureAwait(false);
        return row is null ? null : Convert.FromBase64String(row);
    }

    /// <summary>True when the device is registered.</summary>
    public async Task<bool> ContainsAsync(string deviceId, CancellationToken cancellationToken = default) =>
        await ReadAsync(deviceId, "device_id", cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Checks a (canonical) activation code against the registered hash; null when no code was registered for the device.</summary>
    public async Task<bool?> VerifyActivationCodeAsync(string deviceId, string activationCode, CancellationToken cancellationToken = default)
    {
        var stored = await ReadAsync(deviceId, "activation_code_hash", cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var actual = Encoding.ASCII.GetBytes(HashCode(deviceId, activationCode));
        return CryptographicOperations.FixedTimeEquals(actual, Encoding.ASCII.GetBytes(stored));
    }

    private static string HashCode(string deviceId, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("mqtt2go-activation:" + deviceId + ":" + code)));

    private async Task<string?> ReadAsync(string deviceId, string column, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = ReferenceDatabase.Command(connection, $"SELECT {column} FROM manufacturer_devices WHERE device_id = @id", ("@id", deviceId));
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
