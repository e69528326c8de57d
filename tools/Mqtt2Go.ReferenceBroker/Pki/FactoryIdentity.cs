using System.Security.Cryptography.X509Certificates;

namespace Mqtt2Go.ReferenceBroker.Pki;

/// <summary>Everything a factory puts into one device: id, activation code, key pair and factory certificate.</summary>
/// <param name="DeviceId">The device id (the certificate's CN).</param>
/// <param name="ActivationCode">The canonical 13-character activation code printed on the label.</param>
/// <param name="PrivateKeyPkcs8Der">The device's private key as PKCS#8 DER (the format the firmware stores).</param>
/// <param name="Certificate">The factory certificate issued by the manufacturer CA.</param>
public sealed record FactoryIdentity(string DeviceId, string ActivationCode, byte[] PrivateKeyPkcs8Der, X509Certificate2 Certificate)
{
    /// <summary>The label / QR text <c>MQTT2GO:1:&lt;device_id&gt;:&lt;activation_code&gt;</c>.</summary>
    public string QrText => ActivationCodes.QrText(DeviceId, ActivationCode);

    /// <summary>Writes device.crt.pem/.der, device.key.pem/.der (PKCS#8, owner-only) and label.txt into <paramref name="directory"/>; returns the PEM paths.</summary>
    public (string CertificatePemPath, string KeyPemPath) WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var certPath = Path.Combine(directory, DeviceId + ".crt.pem");
        var keyPath = Path.Combine(directory, DeviceId + ".key.pem");
        PemFiles.WriteCertificate(certPath, Certificate);
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportPkcs8PrivateKey(PrivateKeyPkcs8Der, out _);
        PemFiles.WritePrivateKey(keyPath, key);
        File.WriteAllText(Path.Combine(directory, DeviceId + ".label.txt"), QrText + "\n" + ActivationCodes.Format(ActivationCode) + "\n");
        return (certPath, keyPath);
    }
}
