#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Tests.Fixtures;

namespace Mqtt2Go.Device.Tests.Configuration
{
    /// <summary>An EC key without its public part is refused from its bytes, before the platform's parser sees it. The keys
    /// here are synthetic DER structures (filler scalar and point, no real key pair).</summary>
    [TestClass]
    public class PrivateKeyCheckTests
    {
        private static readonly byte[] EcPublicKeyOid = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };
        private static readonly byte[] Prime256v1Oid = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
        private static readonly byte[] RsaEncryptionOid = new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 };

        /// <summary>PKCS#8 EC key whose ECPrivateKey has parameters [0] and publicKey [1]: accepted.</summary>
        [TestMethod]
        public void EcKeyWithPublicKey_IsAccepted()
        {
            Assert.IsNull(PrivateKeyCheck.StructureProblem(EcKey(true, true)));
            Assert.IsNull(PrivateKeyCheck.StructureProblem(EcKey(false, true)));
        }

        /// <summary>PKCS#8 EC key without publicKey [1] (openssl ec -no_public): refused with the reason.</summary>
        [TestMethod]
        public void EcKeyWithoutPublicKey_IsRefusedWithTheReason()
        {
            string problem = PrivateKeyCheck.StructureProblem(EcKey(true, false));
            Assert.IsNotNull(problem);
            Assert.IsTrue(problem.IndexOf("public key") >= 0, problem);
            Assert.IsNotNull(PrivateKeyCheck.StructureProblem(EcKey(false, false)));
        }

        /// <summary>A non-EC key (RSA, long-form DER lengths) is left to the platform's parser.</summary>
        [TestMethod]
        public void RsaKey_IsLeftToThePlatform()
        {
            byte[] algorithm = Tlv(0x30, Concat(Tlv(0x06, RsaEncryptionOid), new byte[] { 0x05, 0x00 }));
            byte[] key = Tlv(0x30, Concat(Tlv(0x02, new byte[] { 0 }), algorithm, Tlv(0x04, Filler(600, 0x33))));
            Assert.AreEqual(0x82, (int)key[1]);
            Assert.IsNull(PrivateKeyCheck.StructureProblem(key));
        }

        /// <summary>Empty, truncated and lying-length input is refused without reading past the buffer.</summary>
        [TestMethod]
        public void MalformedInput_IsRefused()
        {
            Assert.IsNotNull(PrivateKeyCheck.StructureProblem(null));
            Assert.IsNotNull(PrivateKeyCheck.StructureProblem(new byte[0]));
            byte[] good = EcKey(true, true);
            for (int length = 1; length < good.Length; length++)
            {
                byte[] truncated = new byte[length];
                Array.Copy(good, truncated, length);
                Assert.IsNotNull(PrivateKeyCheck.StructureProblem(truncated), "truncated to " + length.ToString());
            }

            byte[] lying = (byte[])good.Clone();
            lying[1] = 0x84;
            Assert.IsNotNull(PrivateKeyCheck.StructureProblem(lying));
            Assert.IsNotNull(PrivateKeyCheck.StructureProblem(TestCertificates.DeviceCertificate));
        }

        /// <summary>The configuration loader names the problem for factory-key.der and keeps no key.</summary>
        [TestMethod]
        public void Loader_FactoryKeyWithoutPublicKey_IsAProblem()
        {
            FixtureStore store = new FixtureStore();
            store.Write(Mqtt2Go.Device.Core.Configuration.StoreNames.FactoryKey, EcKey(true, false));

            ConfigurationResult result = new ConfigurationLoader(TestPlatform.CreateJson(), TestCertificates.CreateInspector()).Load(store);

            Assert.IsFalse(result.IsValid);
            Assert.AreEqual(1, result.Problems.Length);
            Assert.IsTrue(result.Problems[0].IndexOf("factory-key.der: key: EC key without its public key") == 0, result.Problems[0]);
        }

        private static byte[] EcKey(bool withParameters, bool withPublicKey)
        {
            byte[] body = Concat(Tlv(0x02, new byte[] { 1 }), Tlv(0x04, Filler(32, 0x11)));
            if (withParameters)
            {
                body = Concat(body, Tlv(0xA0, Tlv(0x06, Prime256v1Oid)));
            }

            if (withPublicKey)
            {
                byte[] point = Filler(66, 0x22);
                point[0] = 0x00;
                point[1] = 0x04;
                body = Concat(body, Tlv(0xA1, Tlv(0x03, point)));
            }

            byte[] algorithm = Tlv(0x30, Concat(Tlv(0x06, EcPublicKeyOid), Tlv(0x06, Prime256v1Oid)));
            return Tlv(0x30, Concat(Tlv(0x02, new byte[] { 0 }), algorithm, Tlv(0x04, Tlv(0x30, body))));
        }

        private static byte[] Tlv(int tag, byte[] content)
        {
            int headerLength = content.Length < 0x80 ? 2 : (content.Length < 0x100 ? 3 : 4);
            byte[] result = new byte[headerLength + content.Length];
            result[0] = (byte)tag;
            if (headerLength == 2)
            {
                result[1] = (byte)content.Length;
            }
            else if (headerLength == 3)
            {
                result[1] = 0x81;
                result[2] = (byte)content.Length;
            }
            else
            {
                result[1] = 0x82;
                result[2] = (byte)(content.Length >> 8);
                result[3] = (byte)(content.Length & 0xFF);
            }

            Array.Copy(content, 0, result, headerLength, content.Length);
            return result;
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] result = new byte[a.Length + b.Length];
            Array.Copy(a, 0, result, 0, a.Length);
            Array.Copy(b, 0, result, a.Length, b.Length);
            return result;
        }

        private static byte[] Concat(byte[] a, byte[] b, byte[] c)
        {
            return Concat(Concat(a, b), c);
        }

        private static byte[] Filler(int length, byte value)
        {
            byte[] result = new byte[length];
            for (int i = 0; i < length; i++)
            {
                result[i] = value;
            }

            return result;
        }
    }
}
