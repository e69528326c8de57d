using System.Security.Cryptography.X509Certificates;

namespace Mqtt2Go.Identity;

/// <summary>The result of minting one unit: identifiers, certificates and where the files went; never holds the private key.</summary>
public sealed class MintedIdentity
{
    /// <summary>The device id (the factory certificate's CN, the MQTT client id).</summary>
    public required string DeviceId { get; init; }

    /// <summary>The canonical 13-character activation code (a one-time secret: print it on the label only).</summary>
    public required string ActivationCode { get; init; }

    /// <summary>The activation code as printed, <c>XXXX-XXXX-XXXX-X</c>.</summary>
    public required string FormattedActivationCode { get; init; }

    /// <summary>The label / QR text <c>MQTT2GO:1:&lt;device_id&gt;:&lt;activation_code&gt;</c>.</summary>
    public required string QrText { get; init; }

    /// <summary>The device type in identity.json.</summary>
    public required string DeviceType { get; init; }

    /// <summary>The Discovery broker host in identity.json.</summary>
    public required string DiscoveryHost { get; init; }

    /// <summary>The Discovery broker port in identity.json.</summary>
    public required int DiscoveryPort { get; init; }

    /// <summary>Absolute path of the output folder.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The factory certificate (DER) as written to factory-cert.der.</summary>
    public required byte[] FactoryCertificateDer { get; init; }

    /// <summary>The trust anchor (service CA, DER) as written to trust-anchor.der.</summary>
    public required byte[] TrustAnchorDer { get; init; }

    /// <summary>The manufacturer CA certificate (DER) that signed the factory certificate.</summary>
    public required byte[] ManufacturerCaDer { get; init; }

    /// <summary>Absolute paths of the four files the firmware reads, in deploy.json order (identity.json first).</summary>
    public required IReadOnlyList<string> DeviceFiles { get; init; }

    /// <summary>Absolute path of deploy.json (input of <c>nanoff --filedeployment</c>).</summary>
    public required string DeployJsonPath { get; init; }

    /// <summary>Absolute path of label.txt.</summary>
    public required string LabelTextPath { get; init; }

    /// <summary>Absolute path of label.svg (QR code of <see cref="QrText"/>).</summary>
    public required string LabelSvgPath { get; init; }

    /// <summary>Absolute path of label.png, or null when it was not requested.</summary>
    public string? LabelPngPath { get; init; }

    /// <summary>The label text (device id, grouped activation code, QR text), as in label.txt.</summary>
    public required string LabelText { get; init; }

    /// <summary>True when the factory certificate was registered in the manufacturer registry.</summary>
    public required bool Registered { get; init; }

    /// <summary>Loads <see cref="FactoryCertificateDer"/> as a certificate (the caller disposes it).</summary>
    public X509Certificate2 LoadFactoryCertificate() => X509CertificateLoader.LoadCertificate(FactoryCertificateDer);

    /// <summary>The device id and folder only: the activation code stays out of log lines.</summary>
    public override string ToString() => DeviceId + " (" + OutputDirectory + ")";
}
