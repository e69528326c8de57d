using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Configuration
{
    /// <summary>Checks a PKCS#8 DER private key before the platform parses it: an EC key must carry its public key.</summary>
    /// <remarks>
    /// PKCS#8 (RFC 5208): PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier,
    /// privateKey OCTET STRING, ... }. For id-ecPublicKey (1.2.840.10045.2.1) the OCTET STRING holds RFC 5915
    /// ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING, parameters [0] OPTIONAL,
    /// publicKey [1] BIT STRING OPTIONAL }. mbedTLS 3 computes a missing publicKey with an RNG, and nanoFramework's key check
    /// passes none (nf-interpreter a3e8139: src/PAL/COM/sockets/ssl/MbedTLS/ssl_decode_private_key_internal.cpp calls
    /// mbedtls_pk_parse_key with a NULL RNG context): from mbedTLS knowledge, not seen on a board, such a key may fault inside
    /// that call at every boot. So a key without its public part is refused here, from its bytes, before any native call.
    /// Other algorithms (RSA keys always hold their public part) are left to <see cref="ICertificateInspector"/>.
    /// Reads at most a few dozen bytes; every length is checked against the buffer (the key file is untrusted input).
    /// </remarks>
    public static class PrivateKeyCheck
    {
        private const int TagInteger = 0x02;
        private const int TagBitString = 0x03;
        private const int TagOctetString = 0x04;
        private const int TagOid = 0x06;
        private const int TagSequence = 0x30;
        private const int TagPublicKey = 0xA1;
        private const string NotPkcs8 = "does not parse as a PKCS#8 DER private key";

        // DER content of OID 1.2.840.10045.2.1 (id-ecPublicKey).
        private static readonly byte[] EcPublicKeyOid = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };

        /// <summary>Returns why the key must not be handed to the platform, or null when it may (then the inspector decides).</summary>
        public static string StructureProblem(byte[] pkcs8Der)
        {
            if (pkcs8Der == null || pkcs8Der.Length == 0)
            {
                return NotPkcs8;
            }

            int[] pos = new int[1];
            int end = Enter(pkcs8Der, pos, pkcs8Der.Length, TagSequence);
            if (end < 0 || !Skip(pkcs8Der, pos, end, TagInteger))
            {
                return NotPkcs8;
            }

            int algorithmEnd = Enter(pkcs8Der, pos, end, TagSequence);
            if (algorithmEnd < 0)
            {
                return NotPkcs8;
            }

            int oidEnd = Enter(pkcs8Der, pos, algorithmEnd, TagOid);
            if (oidEnd < 0)
            {
                return NotPkcs8;
            }

            bool isEc = SameBytes(pkcs8Der, pos[0], oidEnd - pos[0], EcPublicKeyOid);
            pos[0] = algorithmEnd;
            if (!isEc)
            {
                return null;
            }

            int octetEnd = Enter(pkcs8Der, pos, end, TagOctetString);
            int ecEnd = octetEnd < 0 ? -1 : Enter(pkcs8Der, pos, octetEnd, TagSequence);
            if (ecEnd < 0 || !Skip(pkcs8Der, pos, ecEnd, TagInteger) || !Skip(pkcs8Der, pos, ecEnd, TagOctetString))
            {
                return "EC key: the ECPrivateKey structure does not parse";
            }

            // Optional [0] parameters, then the optional [1] publicKey.
            while (pos[0] < ecEnd)
            {
                int tag = pkcs8Der[pos[0]];
                int elementEnd = Enter(pkcs8Der, pos, ecEnd, tag);
                if (elementEnd < 0)
                {
                    return "EC key: the ECPrivateKey structure does not parse";
                }

                if (tag == TagPublicKey)
                {
                    int bitsEnd = Enter(pkcs8Der, pos, elementEnd, TagBitString);

                    // Unused-bits byte, then an uncompressed (0x04 X Y) or compressed point: at least 2 bytes of content.
                    if (bitsEnd - pos[0] >= 2)
                    {
                        return null;
                    }

                    return "EC key: the public key is empty";
                }

                pos[0] = elementEnd;
            }

            return "EC key without its public key (ECPrivateKey publicKey [1] missing): nanoFramework's TLS library would have to "
                + "derive it without a random generator; re-create it with tools/Mqtt2Go.Identity or openssl pkcs8 (both write it)";
        }

        /// <summary>Returns why the key is unusable, or null: the structure first, then the platform's own parse.</summary>
        public static string Problem(byte[] pkcs8Der, ICertificateInspector inspector)
        {
            string problem = StructureProblem(pkcs8Der);
            if (problem != null)
            {
                return problem;
            }

            return inspector.IsValidPrivateKey(pkcs8Der) ? null : NotPkcs8;
        }

        // Reads a header with the expected tag at pos[0] (bounded by limit); leaves pos[0] at the content and returns the
        // content's end, or -1. Lengths: short form or long form with 1-3 length bytes (keys are far below 16 MB).
        private static int Enter(byte[] der, int[] pos, int limit, int expectedTag)
        {
            int p = pos[0];
            if (p + 2 > limit || der[p] != expectedTag)
            {
                return -1;
            }

            int length = der[p + 1];
            p += 2;
            if (length >= 0x80)
            {
                int count = length & 0x7F;
                if (count < 1 || count > 3 || p + count > limit)
                {
                    return -1;
                }

                length = 0;
                for (int i = 0; i < count; i++)
                {
                    length = (length << 8) | der[p + i];
                }

                p += count;
            }

            if (length > limit - p)
            {
                return -1;
            }

            pos[0] = p;
            return p + length;
        }

        private static bool Skip(byte[] der, int[] pos, int limit, int expectedTag)
        {
            int end = Enter(der, pos, limit, expectedTag);
            if (end < 0)
            {
                return false;
            }

            pos[0] = end;
            return true;
        }

        private static bool SameBytes(byte[] data, int offset, int count, byte[] expected)
        {
            if (count != expected.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (data[offset + i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
