namespace Mqtt2Go.Device.Core.Messages
{
    /// <summary>Strict base64 (RFC 4648 §4, with padding, no whitespace) decoded by hand, so invalid input is a null
    /// result on every platform instead of a platform-specific exception.</summary>
    internal static class Base64Text
    {
        /// <summary>Decodes the text, or returns null when it is empty or not canonical padded base64.</summary>
        internal static byte[] Decode(string text)
        {
            if (text == null || text.Length == 0 || text.Length % 4 != 0)
            {
                return null;
            }

            int padding = 0;
            if (text[text.Length - 1] == '=')
            {
                padding = text[text.Length - 2] == '=' ? 2 : 1;
            }

            byte[] result = new byte[((text.Length / 4) * 3) - padding];
            int output = 0;
            for (int i = 0; i < text.Length; i += 4)
            {
                int quad = 0;
                for (int k = 0; k < 4; k++)
                {
                    char c = text[i + k];
                    int value;
                    if (c == '=')
                    {
                        // '=' only as the last one or two characters of the text.
                        if (i + k < text.Length - padding)
                        {
                            return null;
                        }

                        value = 0;
                    }
                    else
                    {
                        value = ValueOf(c);
                        if (value < 0)
                        {
                            return null;
                        }
                    }

                    quad = (quad << 6) | value;
                }

                // Every group yields 3 bytes except the last, which yields 3 minus its padding.
                int bytes = i + 4 == text.Length ? 3 - padding : 3;
                result[output++] = (byte)((quad >> 16) & 0xFF);
                if (bytes > 1)
                {
                    result[output++] = (byte)((quad >> 8) & 0xFF);
                }

                if (bytes > 2)
                {
                    result[output++] = (byte)(quad & 0xFF);
                }
            }

            return result;
        }

        private static int ValueOf(char c)
        {
            if (c >= 'A' && c <= 'Z')
            {
                return c - 'A';
            }

            if (c >= 'a' && c <= 'z')
            {
                return c - 'a' + 26;
            }

            if (c >= '0' && c <= '9')
            {
                return c - '0' + 52;
            }

            if (c == '+')
            {
                return 62;
            }

            return c == '/' ? 63 : -1;
        }
    }
}
