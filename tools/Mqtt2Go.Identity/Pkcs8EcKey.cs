using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Mqtt2Go.Identity;

/// <summary>Writes a P-256 private key as PKCS#8 DER whose RFC 5915 ECPrivateKey always carries the public key.</summary>
/// <remarks>
/// The firmware refuses an EC key without its publicKey [1] (Device.Firmware/Core/Configuration/PrivateKeyCheck.cs):
/// mbedTLS 3 would have to derive it, and nanoFramework's key check gives it no random generator. The structure is written
/// here field by field instead of relying on how a library version exports keys:
/// PrivateKeyInfo { version 0, AlgorithmIdentifier { id-ecPublicKey, prime256v1 }, OCTET STRING { ECPrivateKey { version 1,
/// privateKey OCTET STRING (32 bytes), parameters [0] prime256v1, publicKey [1] BIT STRING 04||X||Y } } } (RFC 5208, RFC 5915).
/// </remarks>
public static class Pkcs8EcKey
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string Prime256v1Oid = "1.2.840.10045.3.1.7";

    /// <summary>Exports the key's private and public parts as PKCS#8 DER.</summary>
    public static byte[] Export(ECDsa key)
    {
        var parameters = key.ExportParameters(true);
        try
        {
            if (parameters.Curve.Oid?.Value != Prime256v1Oid || parameters.D is null || parameters.Q.X is null || parameters.Q.Y is null)
            {
                throw new IdentityException("the factory key must be a complete P-256 key pair");
            }

            var point = new byte[1 + parameters.Q.X.Length + parameters.Q.Y.Length];
            point[0] = 0x04;
            parameters.Q.X.CopyTo(point, 1);
            parameters.Q.Y.CopyTo(point, 1 + parameters.Q.X.Length);

            var ecPrivateKey = new AsnWriter(AsnEncodingRules.DER);
            using (ecPrivateKey.PushSequence())
            {
                ecPrivateKey.WriteInteger(1);
                ecPrivateKey.WriteOctetString(parameters.D);
                using (ecPrivateKey.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                {
                    ecPrivateKey.WriteObjectIdentifier(Prime256v1Oid);
                }

                using (ecPrivateKey.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
                {
                    ecPrivateKey.WriteBitString(point);
                }
            }

            var inner = ecPrivateKey.Encode();
            var pkcs8 = new AsnWriter(AsnEncodingRules.DER);
            using (pkcs8.PushSequence())
            {
                pkcs8.WriteInteger(0);
                using (pkcs8.PushSequence())
                {
                    pkcs8.WriteObjectIdentifier(EcPublicKeyOid);
                    pkcs8.WriteObjectIdentifier(Prime256v1Oid);
                }

                pkcs8.WriteOctetString(inner);
            }

            CryptographicOperations.ZeroMemory(inner);
            return pkcs8.Encode();
        }
        finally
        {
            if (parameters.D is not null)
            {
                CryptographicOperations.ZeroMemory(parameters.D);
            }
        }
    }
}
