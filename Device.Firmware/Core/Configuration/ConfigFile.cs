using System.Collections;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Configuration
{
    /// <summary>One JSON configuration file: typed getters that record a problem for every missing, mistyped or
    /// out-of-range value and return the fallback, so loading goes on and every problem gets listed.</summary>
    internal sealed class ConfigFile
    {
        /// <summary>Largest configuration file read (broker.json with base64 certificates stays well below).</summary>
        internal const int MaxFileBytes = 16384;

        /// <summary>Key used in problems that concern the whole file.</summary>
        internal const string FileKey = "file";

        private readonly string _name;
        private readonly Hashtable _table;
        private readonly ProblemList _problems;

        private ConfigFile(string name, Hashtable table, ProblemList problems)
        {
            _name = name;
            _table = table;
            _problems = problems;
        }

        /// <summary>Reads and parses a file; null when it is absent (a problem only if required) or not a JSON object.</summary>
        internal static ConfigFile Read(IStore store, IJson json, string name, bool required, ProblemList problems)
        {
            byte[] data = store.Read(name);
            if (data == null)
            {
                if (required)
                {
                    problems.Add(name, FileKey, "missing");
                }

                return null;
            }

            if (data.Length > MaxFileBytes)
            {
                problems.Add(name, FileKey, "is " + data.Length + " bytes, more than " + MaxFileBytes);
                return null;
            }

            string text = Utf8Text.Decode(data);
            object root;
            if (text == null)
            {
                problems.Add(name, FileKey, "not valid UTF-8");
                return null;
            }

            if (!json.TryParse(text, out root))
            {
                problems.Add(name, FileKey, "not valid JSON");
                return null;
            }

            Hashtable table = root as Hashtable;
            if (table == null)
            {
                problems.Add(name, FileKey, "is " + JsonValues.DescribeWithArticle(root) + ", expected a JSON object");
                return null;
            }

            return new ConfigFile(name, table, problems);
        }

        /// <summary>Records a problem for this file.</summary>
        internal void Problem(string key, string problem)
        {
            _problems.Add(_name, key, problem);
        }

        /// <summary>True when the key is present with a non-null value (JSON null counts as absent).</summary>
        internal bool Has(string key)
        {
            return JsonValues.Get(_table, key) != null;
        }

        /// <summary>Lists every key that is not in the known set as a problem (catches typos in tunables).</summary>
        internal void RejectUnknownKeys(string[] known)
        {
            foreach (object key in _table.Keys)
            {
                bool found = false;
                for (int i = 0; i < known.Length && !found; i++)
                {
                    found = known[i] == (string)key;
                }

                if (!found)
                {
                    Problem((string)key, "unknown key");
                }
            }
        }

        /// <summary>Reads a string; records "missing" when required and absent, and a type problem when not a string.</summary>
        internal string GetString(string key, bool required, string fallback)
        {
            object raw = JsonValues.Get(_table, key);
            if (raw == null)
            {
                if (required)
                {
                    Problem(key, "missing");
                }

                return fallback;
            }

            string text = raw as string;
            if (text == null)
            {
                Problem(key, "expected a string, found " + JsonValues.DescribeWithArticle(raw));
            }

            return text;
        }

        /// <summary>Reads a topic-level identifier <c>[A-Za-z0-9_-]{1,64}</c>.</summary>
        internal string GetIdentifier(string key, bool required, string fallback)
        {
            string text = GetString(key, required, fallback);
            if (text != null && text != fallback && !Topics.IsValidIdentifier(text))
            {
                Problem(key, "not 1 to " + Topics.MaxIdentifierLength + " letters, digits, '_' or '-'");
                return null;
            }

            return text;
        }

        /// <summary>Reads a host name or IP literal.</summary>
        internal string GetHost(string key, bool required)
        {
            string text = GetString(key, required, null);
            if (text != null && !HostNames.IsValid(text))
            {
                Problem(key, "not a host name or IP address");
                return null;
            }

            return text;
        }

        /// <summary>Reads a boolean (true or false only).</summary>
        internal bool GetBool(string key, bool fallback)
        {
            object raw = JsonValues.Get(_table, key);
            if (raw == null)
            {
                return fallback;
            }

            if (!(raw is bool))
            {
                Problem(key, "expected true or false, found " + JsonValues.DescribeWithArticle(raw));
                return fallback;
            }

            return (bool)raw;
        }

        /// <summary>Reads a whole number in [min, max]; unit ("seconds", "milliseconds" or "") and note only make the problem
        /// text precise.</summary>
        internal long GetNumber(string key, long fallback, long min, long max, string unit, string note)
        {
            object raw = JsonValues.Get(_table, key);
            if (raw == null)
            {
                return fallback;
            }

            long value;
            if (!JsonValues.TryGetLong(raw, out value))
            {
                Problem(key, "expected a whole number" + (unit.Length > 0 ? " of " + unit : string.Empty) + ", found "
                    + JsonValues.DescribeWithArticle(raw));
                return fallback;
            }

            if (value < min || value > max)
            {
                Problem(key, value + " is out of range " + min + ".." + max + (unit.Length > 0 ? " " + unit : string.Empty) + note);
                return fallback;
            }

            return value;
        }

        /// <summary>Reads a base64 string (at most maxLength characters) and decodes it; null when absent or invalid.</summary>
        internal byte[] GetBase64(string key, int maxLength)
        {
            string text = GetString(key, false, null);
            if (text == null)
            {
                return null;
            }

            if (text.Length > maxLength)
            {
                Problem(key, "is " + text.Length + " characters long, more than " + maxLength);
                return null;
            }

            byte[] data = Base64Text.Decode(text);
            if (data == null)
            {
                Problem(key, "not valid base64");
            }

            return data;
        }

        /// <summary>Reads "mqtt-version": "5" or "3.1.1".</summary>
        internal MqttProtocol GetProtocol(string key, MqttProtocol fallback)
        {
            string text = GetString(key, false, null);
            if (text == null)
            {
                return fallback;
            }

            if (text == "5")
            {
                return MqttProtocol.V5;
            }

            if (text == "3.1.1")
            {
                return MqttProtocol.V311;
            }

            Problem(key, "expected \"5\" or \"3.1.1\"");
            return fallback;
        }
    }
}
