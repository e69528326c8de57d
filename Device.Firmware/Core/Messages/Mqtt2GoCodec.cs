using System;
using System.Collections;
using System.Text;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Messages
{
    /// <summary>Every MQTT2GO message shape the device reads or writes (docs/profile.md); the only place that knows field names.</summary>
    /// <remarks>Every payload from the network is untrusted: <see cref="Decode"/> and the Parse methods check shape, types,
    /// lengths and syntax and report the first problem as text; they never throw.</remarks>
    public sealed class Mqtt2GoCodec
    {
        /// <summary>Largest payload read (profile: "a message over 8 KiB is rejected unread").</summary>
        public const int MaxPayloadBytes = 8192;

        /// <summary>Port used when broker data names none: MQTT over TLS.</summary>
        public const int DefaultBrokerPort = 8883;

        /// <summary>Longest base64 text accepted for a certificate or key (3 KiB of DER).</summary>
        public const int MaxCertificateBase64Length = 4096;

        /// <summary>Longest login or password accepted.</summary>
        public const int MaxCredentialLength = 256;

        /// <summary>Most topics a GET_DEVICE_TOPICS answer may deliver.</summary>
        public const int MaxTopics = 16;

        /// <summary>Longest error reason kept from an error report; longer ones are cut.</summary>
        public const int MaxReasonLength = 128;

        /// <summary>The <c>command_type</c> / <c>report_name</c> of the activation exchange (steps 6-7).</summary>
        public const string MqttCredentials = "mqtt_credentials";

        /// <summary>command_type and report_name of the guest-Wi-Fi request (GET_WIFI_CREDENTIALS).</summary>
        public const string WifiCredentialsName = "wifi_credentials";

        /// <summary>The <c>command_type</c> / <c>report_name</c> of the topics exchange (steps 8-12).</summary>
        public const string TopicsName = "topics";

        /// <summary>The report_type of an answer to a command.</summary>
        public const string CommandResponse = "command_response";

        /// <summary>The report_type of an error report.</summary>
        public const string ErrorReport = "error";

        /// <summary>The reason returned by <see cref="ParseErrorReason"/> when an error report names none.</summary>
        public const string UnspecifiedReason = "unspecified";

        private const string TypeKey = "type";
        private const string TimestampKey = "timestamp";
        private const string CommandTypeKey = "command_type";
        private const string ReportTypeKey = "report_type";
        private const string ReportNameKey = "report_name";
        private const string ValueKey = "value";
        private const string ReportValueKey = "report";
        private const string PriorityKey = "priority_level";
        private const string DeviceTypeKey = "device_type";

        private readonly IJson _json;

        private readonly object _reportSync = new object();

        private readonly Hashtable _report = new Hashtable();

        /// <summary>Creates a codec over the platform's JSON port.</summary>
        public Mqtt2GoCodec(IJson json)
        {
            _json = json;
        }

        /// <summary>Decodes a payload; returns a message of kind Invalid with a precise <see cref="Mqtt2GoMessage.Error"/>
        /// for anything that is not a well-formed envelope. Never throws and never returns null.</summary>
        public Mqtt2GoMessage Decode(byte[] payload)
        {
            if (payload == null)
            {
                return Mqtt2GoMessage.CreateInvalid("payload is missing");
            }

            if (payload.Length == 0)
            {
                return Mqtt2GoMessage.CreateInvalid("payload is empty");
            }

            if (payload.Length > MaxPayloadBytes)
            {
                return Mqtt2GoMessage.CreateInvalid("payload is " + payload.Length + " bytes, more than " + MaxPayloadBytes);
            }

            int nul = NulBytes.IndexOf(payload);
            if (nul >= 0)
            {
                return Mqtt2GoMessage.CreateInvalid("payload has a NUL byte at offset " + nul);
            }

            string text = Utf8Text.Decode(payload);
            if (text == null)
            {
                return Mqtt2GoMessage.CreateInvalid("payload is not valid UTF-8");
            }

            object root;
            if (!_json.TryParse(text, out root))
            {
                return Mqtt2GoMessage.CreateInvalid("payload is not valid JSON");
            }

            Hashtable fields = root as Hashtable;
            if (fields == null)
            {
                return Mqtt2GoMessage.CreateInvalid("payload is " + JsonValues.DescribeWithArticle(root) + ", expected a JSON object");
            }

            return DecodeEnvelope(fields);
        }

        /// <summary>Encodes a command: <c>{"type":"command","timestamp":..,"command_type":..,"value":..}</c>.</summary>
        public byte[] EncodeCommand(string commandType, object value, long timestamp)
        {
            Hashtable message = new Hashtable();
            message.Add(TypeKey, "command");
            message.Add(TimestampKey, timestamp);
            message.Add(CommandTypeKey, commandType);
            message.Add(ValueKey, value);
            return Serialize(message);
        }

        /// <summary>Encodes a report without a priority level.</summary>
        public byte[] EncodeReport(string reportType, string reportName, object value, long timestamp)
        {
            return EncodeReport(reportType, reportName, value, timestamp, 0);
        }

        /// <summary>Encodes a report; a priority level of 1..5 is written as <c>priority_level</c>, 0 leaves it out.</summary>
        public byte[] EncodeReport(string reportType, string reportName, object value, long timestamp, int priorityLevel)
        {
            // Reports are the operational hot path (every command answers one or two): one table is refilled instead of a
            // new Hashtable per report; the lock keeps the codec safe to share between threads.
            lock (_reportSync)
            {
                _report.Clear();
                _report.Add(TypeKey, "report");
                _report.Add(TimestampKey, timestamp);
                _report.Add(ReportTypeKey, reportType);
                _report.Add(ReportNameKey, reportName);
                _report.Add(ValueKey, value);
                if (priorityLevel > 0)
                {
                    _report.Add(PriorityKey, (long)priorityLevel);
                }

                byte[] payload = Serialize(_report);
                _report.Clear();
                return payload;
            }
        }

        /// <summary>Encodes step 6: command <c>mqtt_credentials</c>, value <c>"GET_BROKER_DATA"</c>.</summary>
        public byte[] EncodeBrokerDataRequest(long timestamp)
        {
            return EncodeCommand(MqttCredentials, "GET_BROKER_DATA", timestamp);
        }

        /// <summary>Encodes the local-gateway request: command <c>mqtt_credentials</c>, value <c>"GET_CREDENTIALS"</c>.</summary>
        public byte[] EncodeCredentialsRequest(long timestamp)
        {
            return EncodeCommand(MqttCredentials, "GET_CREDENTIALS", timestamp);
        }

        /// <summary>Encodes the guest-Wi-Fi request: command <c>wifi_credentials</c>, value <c>"GET_WIFI_CREDENTIALS"</c>.</summary>
        public byte[] EncodeWifiCredentialsRequest(long timestamp)
        {
            return EncodeCommand(WifiCredentialsName, "GET_WIFI_CREDENTIALS", timestamp);
        }

        /// <summary>Reads the gateway's answer to GET_WIFI_CREDENTIALS, <c>{"ssid":"..","password":".."}</c>: an SSID without
        /// control characters and a passphrase (both strings, the passphrase 8-63 characters or 64 hex digits as WPA2 has it);
        /// null and an error (never holding the passphrase) when invalid. The platform's byte limits are checked by the caller.</summary>
        public WifiCredentials ParseWifiCredentials(Mqtt2GoMessage report, out string error)
        {
            Hashtable value = ResponseObject(report, WifiCredentialsName, out error);
            if (value == null)
            {
                return null;
            }

            return ParseWifiCredentialsValue(value, out error);
        }

        /// <summary>The checks of <see cref="ParseWifiCredentials"/> on the object itself (<c>ssid</c>, <c>password</c>), for
        /// every path that delivers a home network (the gateway's answer, the phone's request on the device's access point).</summary>
        public WifiCredentials ParseWifiCredentialsValue(Hashtable value, out string error)
        {
            error = null;
            string ssid;
            if (!JsonValues.TryGetString(value, "ssid", out ssid) || ssid.Length == 0)
            {
                error = DescribeMissing(value, "ssid", "the network name");
                return null;
            }

            for (int i = 0; i < ssid.Length; i++)
            {
                if (ssid[i] < ' ' || (ssid[i] >= (char)0x7F && ssid[i] <= (char)0x9F))
                {
                    error = "field 'ssid' holds a control character";
                    return null;
                }
            }

            string password;
            if (!JsonValues.TryGetString(value, "password", out password))
            {
                error = DescribeMissing(value, "password", "the passphrase");
                return null;
            }

            if (!IsWpaPassphrase(password))
            {
                error = "field 'password' is not a WPA2 passphrase (8-63 printable ASCII characters or 64 hex digits; it has "
                    + password.Length.ToString() + " characters)";
                return null;
            }

            return new WifiCredentials(ssid, password);
        }

        private static bool IsWpaPassphrase(string text)
        {
            bool hex = text.Length == 64;
            bool printable = text.Length >= 8 && text.Length <= 63;
            for (int i = 0; i < text.Length && (hex || printable); i++)
            {
                char c = text[i];
                printable = printable && c >= ' ' && c <= '~';
                hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
            }

            return hex || printable;
        }

        /// <summary>Encodes steps 8-9: command <c>topics</c>, value <c>"GET_DEVICE_TOPICS"</c>, extra field <c>device_type</c>.</summary>
        public byte[] EncodeTopicsRequest(long timestamp, string deviceType)
        {
            Hashtable message = new Hashtable();
            message.Add(TypeKey, "command");
            message.Add(TimestampKey, timestamp);
            message.Add(CommandTypeKey, TopicsName);
            message.Add(ValueKey, "GET_DEVICE_TOPICS");
            message.Add(DeviceTypeKey, deviceType);
            return Serialize(message);
        }

        /// <summary>Reads the object form of step 7 (<c>broker_ip</c>, <c>broker_port</c>, <c>device_certificate</c>,
        /// optional <c>ca_certificate</c>, <c>login</c>, <c>password</c>, <c>device_key</c>); null and an error when invalid.</summary>
        public BrokerData ParseBrokerData(Mqtt2GoMessage report, out string error)
        {
            Hashtable value = ResponseObject(report, MqttCredentials, out error);
            return value == null ? null : ReadBrokerObject(value, out error);
        }

        /// <summary>Reads a GET_CREDENTIALS answer: a string (the base64 DER certificate; the gateway's own address is kept),
        /// the object form of step 7, or the public firmware's <c>{user, password, cert}</c> (gateway address kept);
        /// null and an error when invalid.</summary>
        public BrokerData ParseGatewayCredentials(Mqtt2GoMessage report, string gatewayHost, int gatewayPort, out string error)
        {
            error = CheckResponse(report, MqttCredentials);
            if (error != null)
            {
                return null;
            }

            string certificateText = report.Value as string;
            if (certificateText == null)
            {
                Hashtable value = report.Value as Hashtable;
                if (value == null)
                {
                    error = "value is " + JsonValues.DescribeWithArticle(report.Value) + ", expected a string or an object";
                    return null;
                }

                if (!JsonValues.Has(value, "device_certificate") && JsonValues.Has(value, "cert"))
                {
                    return ReadPublicFirmwareCredentials(value, gatewayHost, gatewayPort, out error);
                }

                return ReadBrokerObject(value, out error);
            }

            byte[] certificate = ReadBase64("value", certificateText, out error);
            if (certificate == null)
            {
                return null;
            }

            BrokerData data = new BrokerData();
            data.Host = gatewayHost;
            data.Port = gatewayPort;
            data.Certificate = certificate;
            return data;
        }

        /// <summary>Reads the reason of an error report: value <c>{"reason":".."}</c> or a plain string; returns
        /// <see cref="UnspecifiedReason"/> when there is none. Never null.</summary>
        public string ParseErrorReason(Mqtt2GoMessage report)
        {
            if (report == null)
            {
                return UnspecifiedReason;
            }

            string reason = report.Value as string;
            if (reason == null)
            {
                JsonValues.TryGetString(report.Value as Hashtable, "reason", out reason);
            }

            if (reason == null || reason.Length == 0)
            {
                return UnspecifiedReason;
            }

            return Printable(reason, MaxReasonLength);
        }

        /// <summary>Reads step 12: a <c>topics</c> command_response whose value is 1..16 distinct topics the device may use
        /// (<see cref="Topics.IsValidDeliveredTopic"/>: no wildcards); null and an error when invalid.</summary>
        public string[] ParseTopics(Mqtt2GoMessage report, out string error)
        {
            error = CheckResponse(report, TopicsName);
            if (error != null)
            {
                return null;
            }

            ArrayList list = report.Value as ArrayList;
            if (list == null)
            {
                error = "value is " + JsonValues.DescribeWithArticle(report.Value) + ", expected an array of topics";
                return null;
            }

            if (list.Count < 1 || list.Count > MaxTopics)
            {
                error = "value has " + list.Count + " topics, expected 1 to " + MaxTopics;
                return null;
            }

            string[] topics = new string[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                string topic = list[i] as string;
                string where = "value[" + i + "]";
                if (topic == null)
                {
                    error = where + " is " + JsonValues.DescribeWithArticle(list[i]) + ", expected a string";
                    return null;
                }

                if (!Topics.IsValidDeliveredTopic(topic))
                {
                    error = where + " is not a valid topic";
                    return null;
                }

                for (int k = 0; k < i; k++)
                {
                    if (topics[k] == topic)
                    {
                        error = where + " repeats value[" + k + "]";
                        return null;
                    }
                }

                topics[i] = topic;
            }

            return topics;
        }

        /// <summary>Encodes bytes as padded base64.</summary>
        public string ToBase64(byte[] data)
        {
            return Convert.ToBase64String(data);
        }

        /// <summary>Decodes strict padded base64 (no whitespace); null when the text is empty or invalid.</summary>
        public byte[] FromBase64(string text)
        {
            return Base64Text.Decode(text);
        }

        private Mqtt2GoMessage DecodeEnvelope(Hashtable fields)
        {
            object type = JsonValues.Get(fields, TypeKey);
            string typeText = type as string;
            if (!JsonValues.Has(fields, TypeKey))
            {
                return Mqtt2GoMessage.CreateInvalid("field 'type' is missing");
            }

            if (typeText != "command" && typeText != "report")
            {
                return Mqtt2GoMessage.CreateInvalid(typeText == null
                    ? "field 'type' is " + JsonValues.DescribeWithArticle(type) + ", expected a string"
                    : "field 'type' is not 'command' or 'report'");
            }

            // The timestamp is optional (0 when absent; nothing in the device decides on it); when present it is Unix time in
            // seconds or milliseconds (docs/profile.md "Envelope": one rule with the reference broker).
            long timestamp = 0;
            if (JsonValues.Has(fields, TimestampKey) && !JsonValues.TryGetUnixSeconds(fields[TimestampKey], out timestamp))
            {
                return Mqtt2GoMessage.CreateInvalid("field 'timestamp' is not a Unix time in seconds or milliseconds (number or numeric string)");
            }

            // The envelope page writes "value", the objects page's report examples (and the public firmware) "report": both are
            // read, "value" first; the device always writes "value" (issue 11 item 9).
            object value = JsonValues.Has(fields, ValueKey) ? fields[ValueKey] : JsonValues.Get(fields, ReportValueKey);
            string error;
            if (typeText == "command")
            {
                string commandType = ReadName(fields, CommandTypeKey, out error);
                return error != null
                    ? Mqtt2GoMessage.CreateInvalid(error)
                    : Mqtt2GoMessage.CreateCommand(fields, timestamp, commandType, value);
            }

            string reportType = ReadName(fields, ReportTypeKey, out error);
            if (error == null && reportType != "status" && reportType != CommandResponse && reportType != "periodic_report"
                && reportType != ErrorReport)
            {
                error = "field 'report_type' is not status, command_response, periodic_report or error";
            }

            string reportName = error == null ? ReadName(fields, ReportNameKey, out error) : null;
            if (error != null)
            {
                return Mqtt2GoMessage.CreateInvalid(error);
            }

            long priority = 0;
            object rawPriority = JsonValues.Get(fields, PriorityKey);
            if (rawPriority != null && !JsonValues.TryGetLongInRange(rawPriority, 1, 5, out priority))
            {
                return Mqtt2GoMessage.CreateInvalid("field 'priority_level' is not a whole number from 1 to 5");
            }

            return Mqtt2GoMessage.CreateReport(fields, timestamp, reportType, reportName, value, (int)priority);
        }

        private static string ReadName(Hashtable fields, string key, out string error)
        {
            error = null;
            if (!JsonValues.Has(fields, key))
            {
                error = "field '" + key + "' is missing";
                return null;
            }

            string name = fields[key] as string;
            if (name == null)
            {
                error = "field '" + key + "' is " + JsonValues.DescribeWithArticle(fields[key]) + ", expected a string";
                return null;
            }

            if (!Topics.IsValidIdentifier(name))
            {
                error = "field '" + key + "' is not 1 to " + Topics.MaxIdentifierLength + " letters, digits, '_' or '-'";
                return null;
            }

            return name;
        }

        // The command_response named reportName whose value is an object; null and the error otherwise.
        private static Hashtable ResponseObject(Mqtt2GoMessage report, string reportName, out string error)
        {
            error = CheckResponse(report, reportName);
            if (error != null)
            {
                return null;
            }

            Hashtable value = report.Value as Hashtable;
            if (value == null)
            {
                error = "value is " + JsonValues.DescribeWithArticle(report.Value) + ", expected an object";
            }

            return value;
        }

        private static string CheckResponse(Mqtt2GoMessage report, string reportName)
        {
            if (report == null || report.Kind != MessageKind.Report)
            {
                return "message is not a report";
            }

            if (report.ReportName != reportName)
            {
                return "report_name is not '" + reportName + "'";
            }

            return report.ReportType == CommandResponse ? null : "report_type is not 'command_response'";
        }

        private BrokerData ReadBrokerObject(Hashtable value, out string error)
        {
            BrokerData data = new BrokerData();
            error = null;

            string host;
            if (!JsonValues.TryGetString(value, "broker_ip", out host))
            {
                error = DescribeMissing(value, "broker_ip", "a host name or IP address");
                return null;
            }

            if (!HostNames.IsValid(host))
            {
                error = "value.broker_ip is not a host name or IP address";
                return null;
            }

            // broker_port is optional: MQTT over TLS on 8883 unless told otherwise (docs/profile.md, Transport).
            long port = DefaultBrokerPort;
            if (JsonValues.Has(value, "broker_port")
                && !JsonValues.TryGetLongInRange(value["broker_port"], 1, 65535, out port))
            {
                error = "value.broker_port is not a port number from 1 to 65535";
                return null;
            }

            data.Host = host;
            data.Port = (int)port;
            data.Certificate = ReadBase64Field(value, "device_certificate", true, out error);
            if (error == null)
            {
                data.CaCertificate = ReadBase64Field(value, "ca_certificate", false, out error);
            }

            if (error == null)
            {
                data.PrivateKey = ReadBase64Field(value, "device_key", false, out error);
            }

            if (error == null)
            {
                data.Login = ReadCredential(value, "login", out error);
            }

            if (error == null)
            {
                data.Password = ReadCredential(value, "password", out error);
            }

            return error == null ? data : null;
        }

        // The answer of the standard's public device firmware (mqtt2go/devices): {"user","password","cert"}, cert as base64 DER or
        // PEM text; the gateway's own broker is meant (issue 11 item 8).
        private BrokerData ReadPublicFirmwareCredentials(Hashtable value, string gatewayHost, int gatewayPort, out string error)
        {
            string text = JsonValues.Get(value, "cert") as string;
            if (text == null)
            {
                error = "value.cert is " + JsonValues.DescribeWithArticle(JsonValues.Get(value, "cert")) + ", expected a base64 or PEM string";
                return null;
            }

            BrokerData data = new BrokerData();
            data.Host = gatewayHost;
            data.Port = gatewayPort;
            data.Certificate = ReadBase64("value.cert", PemBody(text), out error);
            if (error == null)
            {
                data.Login = ReadCredential(value, "user", out error);
            }

            if (error == null)
            {
                data.Password = ReadCredential(value, "password", out error);
            }

            return error == null ? data : null;
        }

        // The base64 between a PEM header and footer line, without line breaks; other text unchanged.
        private static string PemBody(string text)
        {
            const string Begin = "-----BEGIN ";
            const string End = "-----END ";
            if (!text.StartsWith(Begin))
            {
                return text;
            }

            int bodyStart = text.IndexOf('\n');
            int bodyEnd = text.IndexOf(End);
            if (bodyStart < 0 || bodyEnd < bodyStart || text.Length > MaxCertificateBase64Length + 256)
            {
                return text;
            }

            StringBuilder body = new StringBuilder(bodyEnd - bodyStart);
            for (int i = bodyStart + 1; i < bodyEnd; i++)
            {
                char c = text[i];
                if (c != '\r' && c != '\n')
                {
                    body.Append(c);
                }
            }

            return body.ToString();
        }

        private byte[] ReadBase64Field(Hashtable value, string key, bool required, out string error)
        {
            error = null;
            object raw = JsonValues.Get(value, key);
            if (raw == null)
            {
                // An optional field may be absent or null.
                if (required)
                {
                    error = "value." + key + " is missing";
                }

                return null;
            }

            string text = raw as string;
            if (text == null)
            {
                error = "value." + key + " is " + JsonValues.DescribeWithArticle(raw) + ", expected a base64 string";
                return null;
            }

            return ReadBase64("value." + key, text, out error);
        }

        private byte[] ReadBase64(string where, string text, out string error)
        {
            error = null;
            if (text.Length > MaxCertificateBase64Length)
            {
                error = where + " is " + text.Length + " characters long, more than " + MaxCertificateBase64Length;
                return null;
            }

            byte[] data = Base64Text.Decode(text);
            if (data == null)
            {
                error = where + " is not valid base64";
            }

            return data;
        }

        private static string ReadCredential(Hashtable value, string key, out string error)
        {
            error = null;
            object raw = JsonValues.Get(value, key);
            if (raw == null)
            {
                return null;
            }

            string text = raw as string;
            if (text == null)
            {
                error = "value." + key + " is " + JsonValues.DescribeWithArticle(raw) + ", expected a string";
            }
            else if (text.Length > MaxCredentialLength)
            {
                error = "value." + key + " is longer than " + MaxCredentialLength + " characters";
                text = null;
            }

            return text;
        }

        private static string DescribeMissing(Hashtable value, string key, string expected)
        {
            object raw = JsonValues.Get(value, key);
            return JsonValues.Has(value, key) && raw != null
                ? "value." + key + " is " + JsonValues.DescribeWithArticle(raw) + ", expected " + expected
                : "value." + key + " is missing";
        }

        private static string Printable(string text, int maxLength)
        {
            // Reasons end up in log lines: cut them and replace control characters.
            int length = text.Length > maxLength ? maxLength : text.Length;
            StringBuilder builder = new StringBuilder(length);
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                builder.Append(c < ' ' || c == '\u007F' ? '?' : c);
            }

            return builder.ToString();
        }

        private byte[] Serialize(Hashtable message)
        {
            return Encoding.UTF8.GetBytes(_json.Serialize(message));
        }
    }
}
