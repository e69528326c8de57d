using Mqtt2Go.Device.Core.Configuration;

namespace Mqtt2Go.Identity;

/// <summary>File names in the output folder: the four the firmware reads (from the firmware core) plus the factory-side ones.</summary>
public static class OutputFiles
{
    /// <summary>The files copied to the device's internal storage (drive I:), identity.json first.</summary>
    public static IReadOnlyList<string> DeviceFiles { get; } =
        [StoreNames.IdentityJson, StoreNames.TrustAnchor, StoreNames.FactoryCertificate, StoreNames.FactoryKey];

    /// <summary>The nanoff file deployment manifest.</summary>
    public const string DeployJson = "deploy.json";

    /// <summary>Label text: device id, grouped activation code, QR text.</summary>
    public const string LabelText = "label.txt";

    /// <summary>Label QR code as SVG.</summary>
    public const string LabelSvg = "label.svg";

    /// <summary>Label QR code as PNG.</summary>
    public const string LabelPng = "label.png";

    /// <summary>Every file the minter may write (checked before minting so nothing is overwritten by accident).</summary>
    public static IReadOnlyList<string> All { get; } = [.. DeviceFiles, DeployJson, LabelText, LabelSvg, LabelPng];
}
