using System.Text;

namespace Mqtt2Go.Device.Core.Configuration
{
    /// <summary>The activation code printed on the device label: 12 Crockford base32 data characters (60 random bits)
    /// plus one Crockford check character (docs/profile.md, "Identifiers").</summary>
    /// <remarks>
    /// Alphabet (value 0..31): <c>0123456789ABCDEFGHJKMNPQRSTVWXYZ</c> (no I, L, O, U). The 12 data characters are the
    /// 60-bit value, most significant 5 bits first. The check character is Crockford's mod-37 check symbol: the value
    /// modulo 37, written with the same alphabet for 0..31 and <c>*~$=U</c> for 32..36 (https://www.crockford.com/base32.html).
    /// 60 bits fit in a ulong, so the check is a plain <c>value % 37</c>.
    /// Canonical form (wire, topics): 13 upper-case characters without dashes. User input is normalised: lower case is
    /// accepted, <c>O</c> reads as 0, <c>I</c>/<c>L</c> as 1, dashes are ignored. Display form: <c>XXXX-XXXX-XXXX-X</c>.
    /// </remarks>
    public static class ActivationCode
    {
        /// <summary>Number of data characters (60 bits).</summary>
        public const int BodyLength = 12;

        /// <summary>Number of characters of the canonical code, check character included.</summary>
        public const int Length = 13;

        /// <summary>Number of characters <see cref="Redact"/> keeps.</summary>
        public const int RedactedLength = 4;

        private const string Symbols = "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";

        /// <summary>Returns the canonical 13-character code, or null when the text is not an activation code
        /// (wrong length, a character outside the alphabet, or a wrong check character).</summary>
        public static string Normalize(string text)
        {
            return FindProblem(text) == null ? Canonicalize(text) : null;
        }

        /// <summary>Explains why the text is not an activation code, or returns null when it is one.</summary>
        public static string FindProblem(string text)
        {
            if (text == null)
            {
                return "is missing";
            }

            string code = Canonicalize(text);
            if (code == null)
            {
                return "contains a character that is not Crockford base32 (0-9, A-Z without I, L, O, U) or '-'";
            }

            if (code.Length != Length)
            {
                return "has " + code.Length + " characters without dashes, expected " + Length;
            }

            for (int i = 0; i < BodyLength; i++)
            {
                if (ValueOf(code[i]) > 31)
                {
                    return "has a check symbol in the first " + BodyLength + " characters";
                }
            }

            return ComputeCheck(code.Substring(0, BodyLength)) == code[BodyLength]
                ? null
                : "check character does not match (mistyped code?)";
        }

        /// <summary>True when the text is a canonical activation code (13 upper-case characters, correct check).</summary>
        public static bool IsValid(string code)
        {
            return code != null && code.Length == Length && Normalize(code) == code;
        }

        /// <summary>Computes the check character for 12 data characters (aliases accepted); '\0' when the body is invalid.</summary>
        public static char ComputeCheck(string body12)
        {
            if (body12 == null || body12.Length != BodyLength)
            {
                return '\0';
            }

            ulong value = 0;
            for (int i = 0; i < BodyLength; i++)
            {
                int digit = ValueOf(Alias(body12[i]));
                if (digit < 0 || digit > 31)
                {
                    return '\0';
                }

                value = (value << 5) + (uint)digit;
            }

            return Symbols[(int)(value % 37)];
        }

        /// <summary>Builds the canonical code of a 60-bit value (higher bits are ignored); for factory tools and tests.</summary>
        public static string FromValue(ulong value)
        {
            value &= 0x0FFFFFFFFFFFFFFF;
            char[] body = new char[BodyLength];
            for (int i = BodyLength - 1; i >= 0; i--)
            {
                body[i] = Symbols[(int)(value & 31)];
                value >>= 5;
            }

            string text = new string(body);
            return text + ComputeCheck(text);
        }

        /// <summary>Returns the display form <c>XXXX-XXXX-XXXX-X</c>, or null when the text is not an activation code.</summary>
        public static string Format(string code)
        {
            string canonical = Normalize(code);
            if (canonical == null)
            {
                return null;
            }

            return canonical.Substring(0, 4) + "-" + canonical.Substring(4, 4) + "-" + canonical.Substring(8, 4) + "-"
                + canonical.Substring(12, 1);
        }

        /// <summary>Returns the first 4 characters followed by "…", for log lines (the code is a credential).</summary>
        public static string Redact(string code)
        {
            if (code == null || code.Length <= RedactedLength)
            {
                return "\u2026";
            }

            return code.Substring(0, RedactedLength) + "\u2026";
        }

        private static string Canonicalize(string text)
        {
            StringBuilder builder = new StringBuilder(Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '-')
                {
                    continue;
                }

                c = Alias(c);
                if (ValueOf(c) < 0)
                {
                    return null;
                }

                builder.Append(c);
            }

            return builder.ToString();
        }

        private static char Alias(char c)
        {
            // Crockford decoding: case-insensitive, O -> 0, I and L -> 1.
            if (c >= 'a' && c <= 'z')
            {
                c = (char)(c - 'a' + 'A');
            }

            if (c == 'O')
            {
                return '0';
            }

            return c == 'I' || c == 'L' ? '1' : c;
        }

        private static int ValueOf(char c)
        {
            return Symbols.IndexOf(c);
        }
    }
}
