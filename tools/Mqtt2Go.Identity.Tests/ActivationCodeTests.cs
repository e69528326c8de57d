using Mqtt2Go.Device.Core.Configuration;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Mqtt2Go.Identity.Tests;

[TestClass]
public sealed class ActivationCodeTests
{
    private const string Symbols = "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";

    [TestMethod]
    public void FirmwareCoreAcceptsEveryGeneratedCode()
    {
        for (var i = 0; i < 1000; i++)
        {
            var code = FactoryIdentityMinter.NewActivationCode();
            Assert.AreEqual(13, code.Length, code);
            Assert.IsTrue(ActivationCode.IsValid(code), code);
            Assert.AreEqual(code, ActivationCode.Normalize(code));
            Assert.AreEqual(code, ActivationCode.Normalize(ActivationCode.Format(code).ToLowerInvariant()));
        }
    }

    [TestMethod]
    public void FirmwareCoreRejectsAGeneratedCodeWithOneCharacterChanged()
    {
        for (var i = 0; i < 1000; i++)
        {
            var code = FactoryIdentityMinter.NewActivationCode();
            var position = i % 13;
            var alphabet = position < 12 ? Symbols[..32] : Symbols;
            var replacement = alphabet[(alphabet.IndexOf(code[position], StringComparison.Ordinal) + 1 + (i % (alphabet.Length - 1))) % alphabet.Length];
            Assert.AreNotEqual(code[position], replacement);
            var changed = code[..position] + replacement + code[(position + 1)..];

            // mod 37 is prime and larger than 32: every single substitution changes the check (Crockford).
            Assert.IsFalse(ActivationCode.IsValid(changed), changed);
            Assert.IsNull(ActivationCode.Normalize(changed), changed);
        }
    }

    [TestMethod]
    public void CheckCharacterIsTheSixtyBitValueModuloThirtySeven()
    {
        var code = FactoryIdentityMinter.NewActivationCode();
        ulong value = 0;
        foreach (var c in code[..12])
        {
            value = (value << 5) | (uint)Symbols.IndexOf(c, StringComparison.Ordinal);
        }

        Assert.AreEqual(Symbols[(int)(value % 37)], code[12]);
    }

    [TestMethod]
    public void TenThousandCodesAreUnique()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.IsTrue(codes.Add(FactoryIdentityMinter.NewActivationCode()), "duplicate after " + i);
        }

        // 60 random bits: every data position takes many symbols (a constant or low-entropy generator fails here).
        for (var position = 0; position < 12; position++)
        {
            Assert.IsTrue(codes.Select(c => c[position]).Distinct().Count() >= 30, "position " + position);
        }
    }
}
