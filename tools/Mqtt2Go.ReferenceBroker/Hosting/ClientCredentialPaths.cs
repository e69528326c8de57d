namespace Mqtt2Go.ReferenceBroker.Hosting;

/// <summary>A client certificate and key on disk (PEM; DER siblings with ".der").</summary>
/// <param name="CommonName">The certificate's CN (also the MQTT username on the brokers).</param>
/// <param name="Certificate">PEM certificate path.</param>
/// <param name="Key">PKCS#8 PEM key path.</param>
public sealed record ClientCredentialPaths(string CommonName, string Certificate, string Key);
