namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>Parses X.509 certificates and PKCS#8 keys with the platform's crypto library.</summary>
    public interface ICertificateInspector
    {
        /// <summary>Parses a DER certificate; returns null when it is not one.</summary>
        CertificateInfo Inspect(byte[] der);

        /// <summary>True when the bytes are a PKCS#8 DER private key the platform can load.</summary>
        bool IsValidPrivateKey(byte[] pkcs8Der);
    }
}
