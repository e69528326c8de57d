namespace Mqtt2Go.ReferenceBroker.Pki;

/// <summary>What a leaf certificate is for; decides its extended key usage and subject alternative names.</summary>
public enum CertificateUsage
{
    /// <summary>TLS client (EKU clientAuth): devices, services and the controller.</summary>
    Client,

    /// <summary>TLS server (EKU serverAuth, SAN DNS:localhost and IP:127.0.0.1): brokers and the Discovery REST server.</summary>
    Server,
}
