using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Desktop.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Mqtt2Go.Identity.Tests;

/// <summary>The factory key is PKCS#8 whose ECPrivateKey carries the public key (the firmware refuses it otherwise).</summary>
[TestClass]
public sealed class FactoryKeyFormatTests
{
    [TestMethod]
    public void MintedFactoryKey_CarriesTheCertificatesPublicKey()
    {
        using var temp = new TempFolder();
        var minted = FactoryIdentityMinter.Mint(Fixture.Options(temp));
        var keyDer = File.ReadAllBytes(Path.Combine(minted.OutputDirectory, StoreNames.FactoryKey));

        var publicPoint = ReadEcPrivateKeyPublicPoint(keyDer);

        Assert.IsNotNull(publicPoint, "ECPrivateKey has no publicKey [1]");
        using var certificate = X509CertificateLoader.LoadCertificate(minted.FactoryCertificateDer);
        CollectionAssert.AreEqual(certificate.PublicKey.EncodedKeyValue.RawData, publicPoint);
        Assert.IsNull(PrivateKeyCheck.StructureProblem(keyDer));
        Assert.IsNull(PrivateKeyCheck.Problem(keyDer, new X509CertificateInspector()));
    }

    [TestMethod]
    public void Export_RoundTripsThroughTheDesktopImporter()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = Pkcs8EcKey.Export(key);

        using var imported = ECDsa.Create();
        imported.ImportPkcs8PrivateKey(der, out var read);

        Assert.AreEqual(der.Length, read);
        CollectionAssert.AreEqual(key.ExportSubjectPublicKeyInfo(), imported.ExportSubjectPublicKeyInfo());
        CollectionAssert.AreEqual(key.ExportParameters(true).D, imported.ExportParameters(true).D);
    }

    [TestMethod]
    public void KeyWithoutPublicPart_IsRefusedByTheFirmwareCheck()
    {
        // What "openssl ec -no_public" produces: the same key re-encoded without publicKey [1].
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(true);
        var ecPrivateKey = new AsnWriter(AsnEncodingRules.DER);
        using (ecPrivateKey.PushSequence())
        {
            ecPrivateKey.WriteInteger(1);
            ecPrivateKey.WriteOctetString(parameters.D);
        }

        var pkcs8 = new AsnWriter(AsnEncodingRules.DER);
        using (pkcs8.PushSequence())
        {
            pkcs8.WriteInteger(0);
            using (pkcs8.PushSequence())
            {
                pkcs8.WriteObjectIdentifier("1.2.840.10045.2.1");
                pkcs8.WriteObjectIdentifier("1.2.840.10045.3.1.7");
            }

            pkcs8.WriteOctetString(ecPrivateKey.Encode());
        }

        var problem = PrivateKeyCheck.StructureProblem(pkcs8.Encode());

        Assert.IsNotNull(problem);
        StringAssert.Contains(problem, "without its public key");
    }

    private static byte[]? ReadEcPrivateKeyPublicPoint(byte[] pkcs8)
    {
        var info = new AsnReader(pkcs8, AsnEncodingRules.DER).ReadSequence();
        info.ReadInteger();
        info.ReadSequence();
        var ecPrivateKey = new AsnReader(info.ReadOctetString(), AsnEncodingRules.DER).ReadSequence();
        ecPrivateKey.ReadInteger();
        ecPrivateKey.ReadOctetString();
        while (ecPrivateKey.HasData)
        {
            var tag = ecPrivateKey.PeekTag();
            if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
            {
                var explicitKey = ecPrivateKey.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true));
                return explicitKey.ReadBitString(out _);
            }

            ecPrivateKey.ReadEncodedValue();
        }

        return null;
    }
}
