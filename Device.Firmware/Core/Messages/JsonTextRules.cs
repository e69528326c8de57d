namespace Mqtt2Go.Device.Core.Messages
{
    /// <summary>The JSON constructs both platforms' JSON adapters refuse, so a payload means the same on the device and on
    /// the desktop. nanoFramework.Json 2.2.213 (JsonConvert.cs) throws on an array directly inside an array (<c>[[1]]</c>);
    /// keeps only the first UTF-16 unit of a 4-byte UTF-8 character; reads a <c>\u</c> escape only when its hex digits
    /// are 0-9 or e (IsNumberChar), so <c>"\ud800"</c> became U+8800 where System.Text.Json refuses it; and a NUL ends a
    /// nanoFramework string. So: no array directly in an array, no character outside the Basic Multilingual Plane (literal
    /// or as a surrogate escape), no <c>\u0000</c>. MQTT2GO messages need none of them. Both adapters (NanoJson,
    /// SystemTextJson) call <see cref="FindUnsupported"/> before parsing; NanoJson then decodes the other escapes itself.</summary>
    public static class JsonTextRules
    {
        /// <summary>Deepest nesting tracked; deeper text is left to the adapters' own depth limit (32).</summary>
        private const int MaxTrackedDepth = 64;

        /// <summary>Why the text uses a construct the project's JSON refuses, or null when it uses none.</summary>
        /// <remarks>Only looks for the two constructs; whether the text is valid JSON is the parser's business.</remarks>
        public static string FindUnsupported(string text)
        {
            if (text == null)
            {
                return null;
            }

            bool[] isArray = new bool[MaxTrackedDepth];
            int depth = 0;
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == '"')
                {
                    string reason;
                    i = SkipString(text, i + 1, out reason);
                    if (reason != null)
                    {
                        return reason;
                    }

                    continue;
                }

                if (c == '[' || c == '{')
                {
                    if (c == '[' && depth > 0 && depth <= MaxTrackedDepth && isArray[depth - 1])
                    {
                        return "an array directly inside an array is not supported";
                    }

                    if (depth < MaxTrackedDepth)
                    {
                        isArray[depth] = c == '[';
                    }

                    depth++;
                }
                else if ((c == ']' || c == '}') && depth > 0)
                {
                    depth--;
                }

                i++;
            }

            return null;
        }

        /// <summary>Skips a string body from just after its opening quote; returns the index after the closing quote.</summary>
        private static int SkipString(string text, int i, out string reason)
        {
            reason = null;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == '"')
                {
                    return i + 1;
                }

                if (c >= '\uD800' && c <= '\uDFFF')
                {
                    reason = "a character outside the Basic Multilingual Plane is not supported";
                    return i;
                }

                if (c != '\\')
                {
                    i++;
                    continue;
                }

                if (i + 1 < text.Length && text[i + 1] == 'u')
                {
                    int unit = Hex4(text, i + 2);
                    if (unit >= 0xD800 && unit <= 0xDFFF)
                    {
                        reason = "a surrogate escape (half of a character outside the Basic Multilingual Plane) is not supported";
                        return i;
                    }

                    if (unit == 0)
                    {
                        reason = "a \\u0000 escape is not supported";
                        return i;
                    }

                    i += 6;
                    continue;
                }

                i += 2;
            }

            return i;
        }

        /// <summary>The value of four hex digits at <paramref name="start"/>, or -1.</summary>
        private static int Hex4(string text, int start)
        {
            if (start + 4 > text.Length)
            {
                return -1;
            }

            int value = 0;
            for (int k = start; k < start + 4; k++)
            {
                char c = text[k];
                int digit;
                if (c >= '0' && c <= '9')
                {
                    digit = c - '0';
                }
                else if (c >= 'a' && c <= 'f')
                {
                    digit = c - 'a' + 10;
                }
                else if (c >= 'A' && c <= 'F')
                {
                    digit = c - 'A' + 10;
                }
                else
                {
                    return -1;
                }

                value = (value << 4) | digit;
            }

            return value;
        }
    }
}
