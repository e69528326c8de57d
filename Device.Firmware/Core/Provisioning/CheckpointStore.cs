using System.Collections;
using System.Text;
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>Reads and writes the three provisioning checkpoints (Wi-Fi, broker, topics) as JSON with their own CRC-32.</summary>
    /// <remarks>
    /// Format (one JSON object per file, bytes as base64): <c>{"kind":"broker","version":1,...,"check":"1A2B3C4D"}</c>, where
    /// "check" is the CRC-32 of a canonical text built from the fields in a fixed order (so it does not depend on how either
    /// JSON library orders keys). The store adapter replaces files atomically; the CRC catches what atomic replace cannot
    /// (a flash bit flip, a file written by something else). A checkpoint that is absent, unreadable, fails its check or
    /// holds invalid values is treated as absent, with a warning. Secrets (passphrase, password, key) are stored, never logged.
    /// </remarks>
    public sealed class CheckpointStore
    {
        private const int Version = 1;
        private const int MaxTopics = 16;
        private readonly IStore _store;
        private readonly IJson _json;
        private readonly Mqtt2GoCodec _codec;
        private readonly ILog _log;

        /// <summary>Creates the store view.</summary>
        public CheckpointStore(IStore store, IJson json, Mqtt2GoCodec codec, ILog log)
        {
            _store = store;
            _json = json;
            _codec = codec;
            _log = log;
        }

        /// <summary>Returns the stored Wi-Fi credentials, or null.</summary>
        public WifiCredentials ReadWifi()
        {
            Hashtable table = ReadTable(StoreNames.WifiCheckpoint, "wifi");
            if (table == null)
            {
                return null;
            }

            string ssid;
            string passphrase;
            JsonValues.TryGetString(table, "ssid", out ssid);
            JsonValues.TryGetString(table, "passphrase", out passphrase);
            if (ssid == null || ssid.Length == 0 || ssid.Length > 32 || passphrase == null || passphrase.Length > 64)
            {
                Reject(StoreNames.WifiCheckpoint, "ssid or passphrase out of range");
                return null;
            }

            if (!CheckMatches(table, WifiCanonical(ssid, passphrase)))
            {
                Reject(StoreNames.WifiCheckpoint, "check value does not match");
                return null;
            }

            return new WifiCredentials(ssid, passphrase);
        }

        /// <summary>Stores the Wi-Fi credentials; false when the medium refused the write.</summary>
        public bool WriteWifi(WifiCredentials credentials)
        {
            Hashtable table = NewTable("wifi");
            table["ssid"] = credentials.Ssid;
            table["passphrase"] = credentials.Passphrase == null ? string.Empty : credentials.Passphrase;
            table["check"] = Check(WifiCanonical(credentials.Ssid, (string)table["passphrase"]));
            return WriteTable(StoreNames.WifiCheckpoint, table);
        }

        /// <summary>Returns the stored broker data, or null.</summary>
        public BrokerData ReadBroker()
        {
            Hashtable table = ReadTable(StoreNames.BrokerCheckpoint, "broker");
            if (table == null)
            {
                return null;
            }

            string host;
            string certificate;
            string ca;
            string login;
            string password;
            string key;
            long port;
            JsonValues.TryGetString(table, "host", out host);
            JsonValues.TryGetString(table, "certificate", out certificate);
            JsonValues.TryGetString(table, "ca_certificate", out ca);
            JsonValues.TryGetString(table, "login", out login);
            JsonValues.TryGetString(table, "password", out password);
            JsonValues.TryGetString(table, "device_key", out key);
            if (!JsonValues.TryGetLongInRange(JsonValues.Get(table, "port"), 1, 65535, out port)
                || !HostNames.IsValid(host) || certificate == null)
            {
                Reject(StoreNames.BrokerCheckpoint, "host, port or certificate missing or invalid");
                return null;
            }

            if (!CheckMatches(table, BrokerCanonical(host, port, certificate, ca, login, password, key)))
            {
                Reject(StoreNames.BrokerCheckpoint, "check value does not match");
                return null;
            }

            BrokerData data = new BrokerData();
            data.Host = host;
            data.Port = (int)port;
            data.Certificate = _codec.FromBase64(certificate);
            data.CaCertificate = ca == null ? null : _codec.FromBase64(ca);
            data.Login = login;
            data.Password = password;
            data.PrivateKey = key == null ? null : _codec.FromBase64(key);
            if (data.Certificate == null || (ca != null && data.CaCertificate == null) || (key != null && data.PrivateKey == null))
            {
                Reject(StoreNames.BrokerCheckpoint, "base64 field does not decode");
                return null;
            }

            return data;
        }

        /// <summary>Stores the broker data; false when the medium refused the write.</summary>
        public bool WriteBroker(BrokerData data)
        {
            string certificate = _codec.ToBase64(data.Certificate);
            string ca = data.CaCertificate == null ? null : _codec.ToBase64(data.CaCertificate);
            string key = data.PrivateKey == null ? null : _codec.ToBase64(data.PrivateKey);
            Hashtable table = NewTable("broker");
            table["host"] = data.Host;
            table["port"] = data.Port;
            table["certificate"] = certificate;
            SetIfPresent(table, "ca_certificate", ca);
            SetIfPresent(table, "login", data.Login);
            SetIfPresent(table, "password", data.Password);
            SetIfPresent(table, "device_key", key);
            table["check"] = Check(BrokerCanonical(data.Host, data.Port, certificate, ca, data.Login, data.Password, key));
            return WriteTable(StoreNames.BrokerCheckpoint, table);
        }

        /// <summary>Returns the stored device topics, or null.</summary>
        public string[] ReadTopics()
        {
            Hashtable table = ReadTable(StoreNames.TopicsCheckpoint, "topics");
            if (table == null)
            {
                return null;
            }

            ArrayList list = JsonValues.Get(table, "topics") as ArrayList;
            if (list == null || list.Count == 0 || list.Count > MaxTopics)
            {
                Reject(StoreNames.TopicsCheckpoint, "topics missing or out of range");
                return null;
            }

            string[] topics = new string[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                string topic = list[i] as string;
                if (!Topics.IsValidDeliveredTopic(topic))
                {
                    Reject(StoreNames.TopicsCheckpoint, "invalid topic at index " + i.ToString());
                    return null;
                }

                topics[i] = topic;
            }

            if (!CheckMatches(table, TopicsCanonical(topics)))
            {
                Reject(StoreNames.TopicsCheckpoint, "check value does not match");
                return null;
            }

            return topics;
        }

        /// <summary>Stores the device topics; false when the medium refused the write.</summary>
        public bool WriteTopics(string[] topics)
        {
            Hashtable table = NewTable("topics");
            ArrayList list = new ArrayList();
            for (int i = 0; i < topics.Length; i++)
            {
                list.Add(topics[i]);
            }

            table["topics"] = list;
            table["check"] = Check(TopicsCanonical(topics));
            return WriteTable(StoreNames.TopicsCheckpoint, table);
        }

        /// <summary>Deletes the broker and topics checkpoints (the device leaves its smart home, keeps its Wi-Fi).</summary>
        public bool ClearActivation()
        {
            bool broker = _store.Delete(StoreNames.BrokerCheckpoint);
            bool topics = _store.Delete(StoreNames.TopicsCheckpoint);
            return broker && topics;
        }

        /// <summary>Deletes the topics checkpoint (new broker data makes old topics meaningless).</summary>
        public bool ClearTopics()
        {
            return _store.Delete(StoreNames.TopicsCheckpoint);
        }

        /// <summary>Deletes all three checkpoints and nothing else (factory reset keeps the factory identity).</summary>
        public bool ClearAll()
        {
            bool wifi = _store.Delete(StoreNames.WifiCheckpoint);
            bool activation = ClearActivation();
            return wifi && activation;
        }

        private static string WifiCanonical(string ssid, string passphrase)
        {
            return "wifi\n" + Field("ssid", ssid) + Field("passphrase", passphrase);
        }

        private static string BrokerCanonical(string host, long port, string certificate, string ca, string login, string password, string key)
        {
            return "broker\n" + Field("host", host) + Field("port", port.ToString()) + Field("certificate", certificate)
                + Field("ca_certificate", ca) + Field("login", login) + Field("password", password) + Field("device_key", key);
        }

        private static string TopicsCanonical(string[] topics)
        {
            StringBuilder text = new StringBuilder("topics\n");
            for (int i = 0; i < topics.Length; i++)
            {
                text.Append(Field("t", topics[i]));
            }

            return text.ToString();
        }

        private static string Field(string key, string value)
        {
            // "!" marks an absent value so that absent and empty never share a canonical text.
            return value == null ? key + "!\n" : key + "=" + value + "\n";
        }

        private static string Check(string canonical)
        {
            return Crc32.Compute(canonical).ToString("X8");
        }

        private static bool CheckMatches(Hashtable table, string canonical)
        {
            string check;
            JsonValues.TryGetString(table, "check", out check);
            return check == Check(canonical);
        }

        private static void SetIfPresent(Hashtable table, string key, string value)
        {
            if (value != null)
            {
                table[key] = value;
            }
        }

        private static Hashtable NewTable(string kind)
        {
            Hashtable table = new Hashtable();
            table["kind"] = kind;
            table["version"] = Version;
            return table;
        }

        private bool WriteTable(string name, Hashtable table)
        {
            byte[] data = Encoding.UTF8.GetBytes(_json.Serialize(table));
            bool written = _store.Write(name, data);
            if (!written)
            {
                _log.Write(LogLevel.Warning, "checkpoint: writing " + name + " failed; a restart will repeat this step");
            }

            return written;
        }

        private Hashtable ReadTable(string name, string kind)
        {
            byte[] data = _store.Read(name);
            if (data == null)
            {
                return null;
            }

            string text = Utf8Text.Decode(data);
            object parsed;
            if (text == null || !_json.TryParse(text, out parsed) || !(parsed is Hashtable))
            {
                Reject(name, "not a JSON object");
                return null;
            }

            Hashtable table = (Hashtable)parsed;
            string storedKind;
            long version;
            JsonValues.TryGetString(table, "kind", out storedKind);
            if (storedKind != kind || !JsonValues.TryGetLong(JsonValues.Get(table, "version"), out version) || version != Version)
            {
                Reject(name, "wrong kind or version");
                return null;
            }

            return table;
        }

        private void Reject(string name, string why)
        {
            _log.Write(LogLevel.Warning, "checkpoint: ignoring " + name + " (" + why + "); treated as absent");
        }
    }
}
