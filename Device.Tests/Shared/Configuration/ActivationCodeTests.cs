using Mqtt2Go.Device.Core.Configuration;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace Mqtt2Go.Device.Tests.Configuration
{
    /// <summary>Crockford base32 activation codes with the mod-37 check symbol; vectors computed independently in Python.</summary>
    [TestClass]
    public class ActivationCodeTests
    {
        [TestMethod]
        public void FromValue_MatchesIndependentlyComputedVectors()
        {
            Assert.AreEqual("0000000000000", ActivationCode.FromValue(0));
            Assert.AreEqual("04HMASW9NF6Y2", ActivationCode.FromValue(0x0123456789ABCDE));
            Assert.AreEqual("ZZZZZZZZZZZZ9", ActivationCode.FromValue(0x0FFFFFFFFFFFFFFF));
            Assert.AreEqual("ZZZZZZZZZZZZ9", ActivationCode.FromValue(ulong.MaxValue));
        }

        [TestMethod]
        public void ComputeCheck_UsesTheFiveExtraCheckSymbolsFor32To36()
        {
            Assert.AreEqual('*', ActivationCode.ComputeCheck("000000000010"));
            Assert.AreEqual('~', ActivationCode.ComputeCheck("000000000011"));
            Assert.AreEqual('$', ActivationCode.ComputeCheck("000000000012"));
            Assert.AreEqual('=', ActivationCode.ComputeCheck("000000000013"));
            Assert.AreEqual('U', ActivationCode.ComputeCheck("000000000014"));
        }

        [TestMethod]
        public void ComputeCheck_ReturnsNulForInvalidBodies()
        {
            Assert.AreEqual('\0', ActivationCode.ComputeCheck(null));
            Assert.AreEqual('\0', ActivationCode.ComputeCheck("00000000001"));
            Assert.AreEqual('\0', ActivationCode.ComputeCheck("00000000001U"));
            Assert.AreEqual('\0', ActivationCode.ComputeCheck("00000000001*"));
        }

        [TestMethod]
        public void Normalize_AcceptsLowerCaseDashesAndCrockfordAliases()
        {
            Assert.AreEqual("04HMASW9NF6Y2", ActivationCode.Normalize("04HM-ASW9-NF6Y-2"));
            Assert.AreEqual("04HMASW9NF6Y2", ActivationCode.Normalize("o4hm-asw9-nf6y-2"));
            Assert.AreEqual("000000000011~", ActivationCode.Normalize("OOOOOOOOOOil~"));
            Assert.AreEqual("000000000014U", ActivationCode.Normalize("000000000014u"));
        }

        [TestMethod]
        public void Normalize_RejectsWrongLengthAlphabetAndCheck()
        {
            // null is passed on its own: a null literal in a string[] initializer is an element the compiler never stores,
            // which nanoCLR leaves as a typed null that == null does not match (docs/platform-differences.md §1).
            Assert.IsNull(ActivationCode.Normalize(null));
            string[] invalid = { "", "04HMASW9NF6Y", "04HMASW9NF6Y22", "04HMASW9NF6Y3", "04HMASW9NF6YU", "U4HMASW9NF6Y2",
                "*4HMASW9NF6Y2", "04HM ASW9NF6Y2", "04HM_ASW9NF6Y2", "04HM\u00c4SW9NF6Y2" };
            for (int i = 0; i < invalid.Length; i++)
            {
                Assert.IsNull(ActivationCode.Normalize(invalid[i]), "case " + i);
            }
        }

        [TestMethod]
        public void Check_DetectsEverySingleCharacterSubstitution()
        {
            const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
            string code = "04HMASW9NF6Y2";
            for (int position = 0; position < 12; position++)
            {
                for (int k = 0; k < Alphabet.Length; k++)
                {
                    if (Alphabet[k] == code[position])
                    {
                        continue;
                    }

                    string typo = code.Substring(0, position) + Alphabet[k] + code.Substring(position + 1);
                    Assert.IsFalse(ActivationCode.IsValid(typo), typo);
                }
            }
        }

        [TestMethod]
        public void Check_DetectsAdjacentTranspositions()
        {
            string code = "04HMASW9NF6Y2";
            for (int position = 0; position < 11; position++)
            {
                string swapped = code.Substring(0, position) + code[position + 1] + code[position] + code.Substring(position + 2);
                Assert.IsFalse(ActivationCode.IsValid(swapped), swapped);
            }
        }

        [TestMethod]
        public void IsValid_RequiresTheCanonicalForm()
        {
            Assert.IsTrue(ActivationCode.IsValid("04HMASW9NF6Y2"));
            Assert.IsFalse(ActivationCode.IsValid("04hmasw9nf6y2"));
            Assert.IsFalse(ActivationCode.IsValid("04HM-ASW9-NF6Y-2"));
            Assert.IsFalse(ActivationCode.IsValid(null));
        }

        [TestMethod]
        public void FindProblem_ExplainsTheRejection()
        {
            Assert.IsNull(ActivationCode.FindProblem("04HMASW9NF6Y2"));
            Assert.AreEqual("is missing", ActivationCode.FindProblem(null));
            Assert.AreEqual("has 12 characters without dashes, expected 13", ActivationCode.FindProblem("04HM-ASW9-NF6Y"));
            Assert.AreEqual("check character does not match (mistyped code?)", ActivationCode.FindProblem("04HMASW9NF6Y3"));
            Assert.AreEqual("contains a character that is not Crockford base32 (0-9, A-Z without I, L, O, U) or '-'",
                ActivationCode.FindProblem("04HM ASW9NF6Y2"));
            Assert.AreEqual("has a check symbol in the first 12 characters", ActivationCode.FindProblem("U4HMASW9NF6Y2"));
        }

        [TestMethod]
        public void FormatAndRedact_ShowGroupsAndOnlyFourCharacters()
        {
            Assert.AreEqual("04HM-ASW9-NF6Y-2", ActivationCode.Format("04hmasw9nf6y2"));
            Assert.IsNull(ActivationCode.Format("04HMASW9NF6Y3"));
            Assert.AreEqual("04HM\u2026", ActivationCode.Redact("04HMASW9NF6Y2"));
            Assert.AreEqual("\u2026", ActivationCode.Redact("04H"));
            Assert.AreEqual("\u2026", ActivationCode.Redact(null));
        }
    }
}
