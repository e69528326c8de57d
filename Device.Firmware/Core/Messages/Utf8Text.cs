using System.Text;

namespace Mqtt2Go.Device.Core.Messages
{
    /// <summary>Strict UTF-8 validation before decoding, so a bad payload is a precise error on every platform
    /// (desktop .NET replaces bad bytes with U+FFFD; nanoFramework's native decoder is not specified for bad input).</summary>
    internal static class Utf8Text
    {
        /// <summary>Decodes the bytes, or returns null when they are not well-formed UTF-8 (RFC 3629 §4) or hold a NUL
        /// byte (which would end the string early on nanoFramework: <see cref="NulBytes"/>).</summary>
        internal static string Decode(byte[] data)
        {
            if (data == null || NulBytes.IndexOf(data) >= 0 || !IsValid(data))
            {
                return null;
            }

            return Encoding.UTF8.GetString(data, 0, data.Length);
        }

        /// <summary>True when the bytes are well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.</summary>
        internal static bool IsValid(byte[] data)
        {
            int i = 0;
            while (i < data.Length)
            {
                int b = data[i];
                if (b < 0x80)
                {
                    i++;
                    continue;
                }

                int extra;
                int min;
                int codePoint;
                if (b >= 0xC2 && b <= 0xDF)
                {
                    extra = 1;
                    min = 0x80;
                    codePoint = b & 0x1F;
                }
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    extra = 2;
                    min = 0x800;
                    codePoint = b & 0x0F;
                }
                else if (b >= 0xF0 && b <= 0xF4)
                {
                    extra = 3;
                    min = 0x10000;
                    codePoint = b & 0x07;
                }
                else
                {
                    return false;
                }

                // The sequence must be complete inside the buffer.
                if (i + extra >= data.Length)
                {
                    return false;
                }

                for (int k = 1; k <= extra; k++)
                {
                    int c = data[i + k];
                    if ((c & 0xC0) != 0x80)
                    {
                        return false;
                    }

                    codePoint = (codePoint << 6) | (c & 0x3F);
                }

                if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
                {
                    return false;
                }

                i += extra + 1;
            }

            return true;
        }
    }
}
