using System;
using System.Collections;
using System.Text;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;
using nanoFramework.Json;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>The device's <see cref="IJson"/> over nanoFramework.Json, producing the same trees as the desktop adapter
    /// (SystemTextJson): Hashtable, ArrayList, string, long (integers), double (other numbers), bool and null.</summary>
    /// <remarks>
    /// Facts from nanoframework/nanoFramework.Json @76f1016 (2025-11-27), nanoFramework.Json/JsonConvert.cs and
    /// JsonSerializer.cs:
    /// - <c>JsonConvert.DeserializeObject(string value, Type type)</c> with <c>typeof(Hashtable)</c> builds nested
    ///   Hashtable/ArrayList (PopulateObject / PopulateHashtable). With <c>typeof(ArrayList)</c> at the top level, an array
    ///   of objects is mis-built (PopulateObject: <c>rootArrayList = PopulateArrayList(item)</c> replaces the list), so this
    ///   adapter always parses <c>{"v":&lt;text&gt;}</c> as a Hashtable and takes "v".
    /// - The lexer is lenient (single quotes, trailing text, malformed numbers) and throws DeserializationException,
    ///   NotImplementedException, IndexOutOfRangeException, FormatException or OverflowException on other input; a
    ///   duplicate key throws ArgumentException from Hashtable.Add. So the text is first checked against the strict
    ///   RFC 8259 grammar and a depth limit here (the library recurses per level), and every exception is caught.
    /// - ParseValue yields int (fewer than 9 digits), long or ulong for integers, double when the text has '.', 'e' or
    ///   'E', and DateTime for strings that look like dates; <see cref="Normalize"/> maps them to long, double and text.
    /// - Known gap: "\u" escapes with hex letters (e.g. "\u00e9") fail in the lexer (IsNumberChar accepts only digits),
    ///   so such payloads are "not valid JSON" on the device. Arrays nested directly in arrays throw DeserializationException
    ///   and a lone surrogate escape becomes another character: both are refused by JsonTextRules, on both platforms.
    /// - <c>JsonConvert.SerializeObject(object)</c> writes a Hashtable (IDictionary) as a JSON object and an ArrayList
    ///   (IEnumerable) as an array (JsonSerializer.SerializeIDictionary / SerializeIEnumerable), so no own walker is
    ///   needed. Keys are written unescaped; strings escape only \n \r \b \f \t \\ and \" (StringConverter), so the core
    ///   writes no other control characters.
    /// </remarks>
    public sealed class NanoJson : IJson
    {
        /// <summary>Deepest nesting of objects and arrays accepted (the same limit as the desktop adapter).</summary>
        public const int MaxDepth = 32;

        private const string WrapperKey = "v";

        /// <summary>Parses text; false and a null value for anything that is not valid JSON. Never throws.</summary>
        public bool TryParse(string text, out object value)
        {
            value = null;
            // JsonTextRules: what nanoFramework.Json gets wrong (arrays in arrays throw, a lone surrogate escape becomes
            // another character) is refused here and, by the same rule, by the desktop adapter.
            if (text == null || JsonTextRules.FindUnsupported(text) != null || !IsStrictJson(text, MaxDepth))
            {
                return false;
            }

            // The library's lexer reads \u escapes only with the hex digits 0-9 and e, and throws on \/ (JsonConvert.cs
            // GetNextToken): decode those escapes here, leaving only the short escapes it reads correctly.
            text = DecodeEscapes(text);

            Hashtable wrapper;
            try
            {
                wrapper = JsonConvert.DeserializeObject("{\"" + WrapperKey + "\":" + text + "}", typeof(Hashtable)) as Hashtable;
            }
            catch (Exception)
            {
                // Boundary of a third-party parser that throws many exception types (see remarks): not parseable here.
                return false;
            }

            if (wrapper == null || wrapper.Count != 1 || !wrapper.Contains(WrapperKey))
            {
                return false;
            }

            return Normalize(wrapper[WrapperKey], out value);
        }

        /// <summary>Writes compact JSON from Hashtable (string keys), ArrayList, string, int, long, double, bool and null.</summary>
        /// <exception cref="ArgumentException">A byte[] or another unsupported value: a programmer error.</exception>
        public string Serialize(object value)
        {
            CheckSerializable(value, 0);
            if (value is Hashtable || value is ArrayList)
            {
                return JsonConvert.SerializeObject(value);
            }

            // JsonSerializer.SerializeObject wraps a top-level value type in "[...]"; serialise inside a list and unwrap.
            ArrayList list = new ArrayList();
            list.Add(value);
            string text = JsonConvert.SerializeObject(list);
            return text.Substring(1, text.Length - 2);
        }

        private static void CheckSerializable(object value, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new ArgumentException("JSON tree deeper than " + MaxDepth);
            }

            if (value == null || value is string || value is long || value is int || value is bool)
            {
                return;
            }

            if (value is double)
            {
                // DoubleConverter.ToJson writes NaN as null and infinities as text that is not JSON.
                double d = (double)value;
                if (double.IsNaN(d) || double.IsInfinity(d))
                {
                    throw new ArgumentException("cannot serialize a non-finite number to JSON");
                }

                return;
            }

            Hashtable table = value as Hashtable;
            if (table != null)
            {
                foreach (DictionaryEntry entry in table)
                {
                    if (!(entry.Key is string))
                    {
                        throw new ArgumentException("JSON object keys must be strings");
                    }

                    CheckSerializable(entry.Value, depth + 1);
                }

                return;
            }

            ArrayList list = value as ArrayList;
            if (list == null)
            {
                // byte[] would become an array of numbers (it is IEnumerable): the core base64-encodes bytes itself.
                throw new ArgumentException("cannot serialize this value type to JSON");
            }

            for (int i = 0; i < list.Count; i++)
            {
                CheckSerializable(list[i], depth + 1);
            }
        }

        private static bool Normalize(object raw, out object value)
        {
            value = raw;
            if (raw == null || raw is string || raw is bool || raw is long)
            {
                return true;
            }

            if (raw is int)
            {
                value = (long)(int)raw;
                return true;
            }

            if (raw is ulong)
            {
                // ParseValue returns ulong only above long.MaxValue; the desktop reads such a number as a double.
                value = (double)(ulong)raw;
                return true;
            }

            if (raw is double)
            {
                double d = (double)raw;
                return !double.IsNaN(d) && !double.IsInfinity(d);
            }

            if (raw is DateTime)
            {
                // The lexer turned a date-like string into a DateTime; give the core text again, in the library's own
                // ISO 8601 form (DateTimeConverter.ToJson), as the original spelling is lost.
                ArrayList one = new ArrayList();
                one.Add(raw);
                string text = JsonConvert.SerializeObject(one);
                value = text.Substring(2, text.Length - 4);
                return true;
            }

            Hashtable table = raw as Hashtable;
            if (table != null)
            {
                Hashtable copy = new Hashtable();
                foreach (DictionaryEntry entry in table)
                {
                    object member;
                    if (!Normalize(entry.Value, out member))
                    {
                        return false;
                    }

                    copy.Add(entry.Key, member);
                }

                value = copy;
                return true;
            }

            ArrayList list = raw as ArrayList;
            if (list != null)
            {
                ArrayList copy = new ArrayList();
                for (int i = 0; i < list.Count; i++)
                {
                    object item;
                    if (!Normalize(list[i], out item))
                    {
                        return false;
                    }

                    copy.Add(item);
                }

                value = copy;
                return true;
            }

            // float, short, byte, ... are never produced by ParseValue; refuse anything unexpected.
            return false;
        }

        // Strict RFC 8259 syntax check with a nesting limit, iterative so hostile nesting cannot exhaust the stack.
        private static bool IsStrictJson(string text, int maxDepth)
        {
            const int ExpectValue = 0;
            const int ValueOrClose = 1;
            const int KeyOrClose = 2;
            const int ExpectKey = 3;
            const int ExpectColon = 4;
            const int AfterValue = 5;

            char[] stack = new char[maxDepth];
            int depth = 0;
            int state = ExpectValue;
            int i = 0;
            while (true)
            {
                while (i < text.Length && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
                {
                    i++;
                }

                if (i >= text.Length)
                {
                    return state == AfterValue && depth == 0;
                }

                char c = text[i];
                if (state == ExpectValue || state == ValueOrClose)
                {
                    if (state == ValueOrClose && c == ']')
                    {
                        depth--;
                        i++;
                        state = AfterValue;
                    }
                    else if (c == '{' || c == '[')
                    {
                        if (depth == maxDepth)
                        {
                            return false;
                        }

                        stack[depth++] = c;
                        i++;
                        state = c == '{' ? KeyOrClose : ValueOrClose;
                    }
                    else
                    {
                        i = ScanScalar(text, i);
                        if (i < 0)
                        {
                            return false;
                        }

                        state = AfterValue;
                    }
                }
                else if (state == KeyOrClose || state == ExpectKey)
                {
                    if (state == KeyOrClose && c == '}')
                    {
                        depth--;
                        i++;
                        state = AfterValue;
                    }
                    else if (c == '"')
                    {
                        i = ScanString(text, i);
                        if (i < 0)
                        {
                            return false;
                        }

                        state = ExpectColon;
                    }
                    else
                    {
                        return false;
                    }
                }
                else if (state == ExpectColon)
                {
                    if (c != ':')
                    {
                        return false;
                    }

                    i++;
                    state = ExpectValue;
                }
                else
                {
                    // AfterValue: only ',' or the matching closer, and nothing after the top-level value.
                    if (depth == 0)
                    {
                        return false;
                    }

                    char open = stack[depth - 1];
                    if (c == ',')
                    {
                        state = open == '{' ? ExpectKey : ExpectValue;
                    }
                    else if ((c == '}' && open == '{') || (c == ']' && open == '['))
                    {
                        depth--;
                    }
                    else
                    {
                        return false;
                    }

                    i++;
                }
            }
        }

        private static int ScanScalar(string text, int i)
        {
            char c = text[i];
            if (c == '"')
            {
                return ScanString(text, i);
            }

            if (c == '-' || (c >= '0' && c <= '9'))
            {
                return ScanNumber(text, i);
            }

            string[] literals = { "true", "false", "null" };
            for (int k = 0; k < literals.Length; k++)
            {
                string literal = literals[k];
                if (i + literal.Length <= text.Length && text.Substring(i, literal.Length) == literal)
                {
                    return i + literal.Length;
                }
            }

            return -1;
        }

        /// <summary>Rewrites every <c>\uXXXX</c> and <c>\/</c> inside strings as the character itself, or as the short escape
        /// nanoFramework.Json reads (<c>\" \\ \b \f \n \r \t</c>); the text has passed the strict scan and JsonTextRules, so
        /// every escape is complete and none is a surrogate or NUL.</summary>
        internal static string DecodeEscapes(string text)
        {
            if (text.IndexOf("\\u") < 0 && text.IndexOf("\\/") < 0)
            {
                return text;
            }

            StringBuilder result = new StringBuilder(text.Length);
            bool inString = false;
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (!inString)
                {
                    inString = c == '"';
                    result.Append(c);
                    i++;
                    continue;
                }

                if (c == '"')
                {
                    inString = false;
                    result.Append(c);
                    i++;
                    continue;
                }

                if (c != '\\')
                {
                    result.Append(c);
                    i++;
                    continue;
                }

                char e = text[i + 1];
                if (e == '/')
                {
                    result.Append('/');
                    i += 2;
                    continue;
                }

                if (e != 'u')
                {
                    result.Append(c).Append(e);
                    i += 2;
                    continue;
                }

                int unit = 0;
                for (int k = i + 2; k < i + 6; k++)
                {
                    char h = text[k];
                    int digit = h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10;
                    unit = (unit << 4) | digit;
                }

                i += 6;
                switch (unit)
                {
                    case 0x22: result.Append("\\\""); break;
                    case 0x5C: result.Append("\\\\"); break;
                    case 0x08: result.Append("\\b"); break;
                    case 0x0C: result.Append("\\f"); break;
                    case 0x0A: result.Append("\\n"); break;
                    case 0x0D: result.Append("\\r"); break;
                    case 0x09: result.Append("\\t"); break;
                    default: result.Append((char)unit); break;
                }
            }

            return result.ToString();
        }

        private static int ScanString(string text, int i)
        {
            i++;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == '"')
                {
                    return i + 1;
                }

                if (c < ' ')
                {
                    return -1;
                }

                if (c == '\\')
                {
                    if (i + 1 >= text.Length)
                    {
                        return -1;
                    }

                    char e = text[i + 1];
                    if (e == 'u')
                    {
                        if (i + 6 > text.Length)
                        {
                            return -1;
                        }

                        for (int k = i + 2; k < i + 6; k++)
                        {
                            char h = text[k];
                            bool hex = (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F');
                            if (!hex)
                            {
                                return -1;
                            }
                        }

                        i += 6;
                        continue;
                    }

                    if ("\"\\/bfnrt".IndexOf(e) < 0)
                    {
                        return -1;
                    }

                    i += 2;
                    continue;
                }

                i++;
            }

            return -1;
        }

        private static int ScanNumber(string text, int i)
        {
            // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
            if (text[i] == '-')
            {
                i++;
            }

            if (i >= text.Length || text[i] < '0' || text[i] > '9')
            {
                return -1;
            }

            if (text[i] == '0')
            {
                i++;
            }
            else
            {
                i = Digits(text, i);
            }

            if (i < text.Length && text[i] == '.')
            {
                int start = ++i;
                i = Digits(text, i);
                if (i == start)
                {
                    return -1;
                }
            }

            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                if (i < text.Length && (text[i] == '+' || text[i] == '-'))
                {
                    i++;
                }

                int start = i;
                i = Digits(text, i);
                if (i == start)
                {
                    return -1;
                }
            }

            return i;
        }

        private static int Digits(string text, int i)
        {
            while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            {
                i++;
            }

            return i;
        }
    }
}
