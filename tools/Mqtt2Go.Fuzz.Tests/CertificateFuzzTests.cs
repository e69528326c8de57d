using Mqtt2Go.Device.Desktop.Crypto;

namespace Mqtt2Go.Fuzz.Tests;

/// <summary>The desktop certificate inspector (the device's is reviewed against mbedTLS facts: it catches everything).</summary>
[TestClass]
public sealed class CertificateFuzzTests
{
    [TestMethod]
    public void Inspector_NeverThrows_OnMutatedCertificatesAndKeys()
    {
        var inspector = new X509CertificateInspector();
        byte[][] seeds =
        [
            [0, .. FuzzPki.CaCertificate], [0, .. FuzzPki.DeviceCertificate], [1, .. FuzzPki.DeviceKeyPkcs8], [1, .. FuzzPki.UnknownCurveKey],
        ];
        Fuzzer.Run("certificates", seeds, [[1, .. FuzzPki.UnknownCurveKey]], input =>
        {
            if (input.Length == 0)
            {
                return null;
            }

            var body = input[1..];
            if ((input[0] & 1) == 0)
            {
                var info = inspector.Inspect(body);
                return info is null || info.SubjectCommonName is not null ? null : "certificate without a common name string";
            }

            _ = inspector.IsValidPrivateKey(body);
            return null;
        });
    }
}
