using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mqtt2Go.Fuzz.Tests;

/// <summary>A throw-away PKI made at run time (never stored): a CA and the device dev-0001's certificate and key.</summary>
internal static class FuzzPki
{
    private static readonly Lazy<(byte[] Ca, byte[] Device, byte[] DeviceKey)> Made = new(Make);

    public static byte[] CaCertificate => Made.Value.Ca;

    public static byte[] DeviceCertificate => Made.Value.Device;

    public static byte[] DeviceKeyPkcs8 => Made.Value.DeviceKey;

    /// <summary>Fuzz finding (issue 10 item 9): a PKCS#8 EC key naming curve 1.3.6.1.4.1.99999.1; .NET threw
    /// PlatformNotSupportedException.</summary>
    public static byte[] UnknownCurveKey =>
    [
        0x30, 0x42, 0x02, 0x01, 0x00,
        0x30, 0x14, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01,
        0x06, 0x09, 0x2B, 0x06, 0x01, 0x04, 0x01, 0x86, 0x8D, 0x1F, 0x01,
        0x04, 0x27, 0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20, .. Enumerable.Repeat((byte)1, 32),
    ];

    private static (byte[], byte[], byte[]) Make()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Mqtt2Go Fuzz CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var deviceRequest = new CertificateRequest("CN=dev-0001", deviceKey, HashAlgorithmName.SHA256);
        using var device = deviceRequest.Create(ca, now.AddDays(-1), now.AddDays(300), [1, 2, 3, 4]);
        return (ca.RawData, device.RawData, deviceKey.ExportPkcs8PrivateKey());
    }
}
