using System.Collections;

namespace Mqtt2Go.Device.Core.Messages
{
    /// <summary>Reads values out of the trees an <c>IJson</c> port produces; the one place where int, long, double and
    /// numeric strings are normalised, so both JSON libraries (nanoFramework.Json, System.Text.Json) read alike.</summary>
    public static class JsonValues
    {
        /// <summary>Largest Unix time accepted, 9999-12-31T23:59:59Z.</summary>
        public const long MaxUnixSeconds = 253402300799;

        /// <summary>Timestamps from this value up are milliseconds (10^11: as seconds the year 5138, as milliseconds
        /// 1973-03-03); docs/profile.md "Envelope", the same rule as the reference broker's <c>Envelope</c>.</summary>
        public const long MillisecondsFrom = 100000000000;

        // Beyond 18 decimal digits a long may overflow; nothing in the profile needs more.
        private const int MaxIntegerDigits = 18;

        /// <summary>Returns the value as a whole number, or the fallback when it is not one (see <see cref="TryGetLong"/>).</summary>
        public static long ToLong(object value, long fallback)
        {
            long result;
            return TryGetLong(value, out result) ? result : fallback;
        }

        /// <summary>True for an int, a long, a double without a fraction inside the long range, or a string of an optional
        /// '-' and 1 to 18 decimal digits.</summary>
        public static bool TryGetLong(object value, out long result)
        {
            result = 0;
            if (value is long)
            {
                result = (long)value;
                return true;
            }

            if (value is int)
            {
                result = (int)value;
                return true;
            }

            if (value is double)
            {
                double d = (double)value;
                if (!IsFiniteInLongRange(d) || d != System.Math.Floor(d))
                {
                    return false;
                }

                result = (long)d;
                return true;
            }

            string text = value as string;
            return text != null && TryParseInteger(text, out result);
        }

        /// <summary>True when the value is a whole number inside [min, max].</summary>
        public static bool TryGetLongInRange(object value, long min, long max, out long result)
        {
            return TryGetLong(value, out result) && result >= min && result <= max;
        }

        /// <summary>Reads a timestamp as Unix seconds: a number (a fraction is cut off) or a numeric string; a value of
        /// <see cref="MillisecondsFrom"/> or more is milliseconds (tv-dashboard sends those) and is divided by 1000; the
        /// result must lie from 0 to <see cref="MaxUnixSeconds"/> (docs/profile.md "Envelope").</summary>
        public static bool TryGetUnixSeconds(object value, out long seconds)
        {
            long raw;
            seconds = 0;
            if (!TryGetWholeTime(value, out raw) || raw < 0)
            {
                return false;
            }

            seconds = raw >= MillisecondsFrom ? raw / 1000 : raw;
            return seconds <= MaxUnixSeconds;
        }

        private static bool TryGetWholeTime(object value, out long raw)
        {
            raw = 0;
            if (value is double)
            {
                double d = (double)value;
                if (!IsFiniteInLongRange(d))
                {
                    return false;
                }

                raw = (long)System.Math.Floor(d);
                return true;
            }

            string text = value as string;
            if (text != null)
            {
                // "1700000000.25" is a numeric string as well; the fraction is dropped like a number's.
                int dot = text.IndexOf('.');
                if (dot > 0 && dot < text.Length - 1 && AllDigits(text, dot + 1, text.Length - dot - 1))
                {
                    text = text.Substring(0, dot);
                }

                // Digits only, as on the reference side (Envelope.TryReadUnixSeconds): no sign, so "-0" and "+5" are refused.
                if (text.Length < 1 || text.Length > 18 || !AllDigits(text, 0, text.Length))
                {
                    return false;
                }

                return TryParseInteger(text, out raw);
            }

            return (value is long || value is int) && TryGetLong(value, out raw);
        }

        /// <summary>True when the table holds the key (even with a null value).</summary>
        public static bool Has(Hashtable table, string key)
        {
            return table != null && table.Contains(key);
        }

        /// <summary>Returns the table's value for the key, or null when the table or the key is absent.</summary>
        public static object Get(Hashtable table, string key)
        {
            return Has(table, key) ? table[key] : null;
        }

        /// <summary>True when the table holds the key with a string value (possibly empty).</summary>
        public static bool TryGetString(Hashtable table, string key, out string value)
        {
            value = Get(table, key) as string;
            return value != null;
        }

        /// <summary>True when the table holds the key with a boolean value.</summary>
        public static bool TryGetBool(Hashtable table, string key, out bool value)
        {
            object raw = Get(table, key);
            value = raw is bool && (bool)raw;
            return raw is bool;
        }

        /// <summary>Names the JSON type of a value for error messages: string, number, boolean, object, array or null.</summary>
        public static string Describe(object value)
        {
            if (value == null)
            {
                return "null";
            }

            if (value is string)
            {
                return "string";
            }

            if (value is bool)
            {
                return "boolean";
            }

            if (value is Hashtable)
            {
                return "object";
            }

            if (value is ArrayList)
            {
                return "array";
            }

            if (value is long || value is int || value is double)
            {
                return "number";
            }

            return "unsupported value";
        }

        /// <summary>Names the JSON type with its article for error messages: "a string", "an array", "null", ...</summary>
        public static string DescribeWithArticle(object value)
        {
            string name = Describe(value);
            if (name == "null")
            {
                return name;
            }

            return name == "object" || name == "array" || name == "unsupported value" ? "an " + name : "a " + name;
        }

        private static bool IsFiniteInLongRange(double d)
        {
            // Comparisons with NaN are false, so NaN fails the first test; the bounds exclude the infinities.
            return d >= -9.2e18 && d <= 9.2e18;
        }

        private static bool TryParseInteger(string text, out long result)
        {
            result = 0;
            int start = text.Length > 0 && text[0] == '-' ? 1 : 0;
            int digits = text.Length - start;
            if (digits < 1 || digits > MaxIntegerDigits || !AllDigits(text, start, digits))
            {
                return false;
            }

            for (int i = start; i < text.Length; i++)
            {
                result = (result * 10) + (text[i] - '0');
            }

            if (start == 1)
            {
                result = -result;
            }

            return true;
        }

        private static bool AllDigits(string text, int start, int count)
        {
            for (int i = start; i < start + count; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
