using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Operation
{
    /// <summary>The "switch" device type after provisioning: serves set/query/remove_device on the delivered topics (docs/profile.md).</summary>
    /// <remarks>Runs on the provisioning machine's thread. The first delivered topic is the device topic (commands in, every
    /// report out); the others are group topics (commands only). Reports, including the device's own echo, are ignored.
    /// The codec allocates the payload it returns.</remarks>
    public sealed class SwitchDevice
    {
        /// <summary>The device type this behaviour implements (sent with GET_DEVICE_TOPICS).</summary>
        public const string TypeName = "switch";

        private const int MaxEchoedTextLength = 64;
        private const string StateReportName = "state";
        private readonly IMqttSession _mqtt;
        // The last reports sent, to recognise their echo (a set answers with up to two, a periodic report may be in flight).
        private readonly byte[][] _recentReports = new byte[4][];
        private int _recentNext;
        private readonly Mqtt2GoCodec _codec;
        private readonly IIndicator _indicator;
        private readonly IClock _clock;
        private readonly ILog _log;
        private string[] _groupTopics = new string[0];

        /// <summary>Creates the behaviour with the output off.</summary>
        public SwitchDevice(IMqttSession mqtt, Mqtt2GoCodec codec, IIndicator indicator, IClock clock, ILog log)
        {
            _mqtt = mqtt;
            _codec = codec;
            _indicator = indicator;
            _clock = clock;
            _log = log;
        }

        /// <summary>True while the switch output is on.</summary>
        public bool IsOn { get; private set; }

        /// <summary>The device topic (the first delivered topic), or null before <see cref="Attach"/>.</summary>
        public string DeviceTopic { get; private set; }

        /// <summary>Commands handled since creation.</summary>
        public int CommandsHandled { get; private set; }

        /// <summary>Uses the delivered topics: the first is the device topic, the rest are group topics.</summary>
        public void Attach(string[] topics)
        {
            DeviceTopic = topics[0];
            _groupTopics = new string[topics.Length - 1];
            for (int i = 1; i < topics.Length; i++)
            {
                _groupTopics[i - 1] = topics[i];
            }

            _indicator.SetOutput(IsOn);
        }

        /// <summary>Builds the last-will payload: status / availability / "offline".</summary>
        public byte[] OfflinePayload()
        {
            return _codec.EncodeReport("status", "availability", "offline", _clock.UnixSeconds);
        }

        /// <summary>Publishes status / availability / "online" (after every connect).</summary>
        public bool PublishOnline()
        {
            return Publish("status", "availability", "online");
        }

        /// <summary>Publishes status / state (on connect and on every change).</summary>
        public bool PublishState()
        {
            return Publish("status", StateReportName, StateText());
        }

        /// <summary>Publishes periodic_report / state (every status interval).</summary>
        public bool PublishPeriodic()
        {
            return Publish("periodic_report", StateReportName, StateText());
        }

        /// <summary>Handles one received message; never throws for network input.</summary>
        public CommandOutcome Handle(string topic, byte[] payload)
        {
            bool onDeviceTopic = topic == DeviceTopic;
            if (DeviceTopic == null || (!onDeviceTopic && !IsGroupTopic(topic)))
            {
                return CommandOutcome.Ignored;
            }

            if (onDeviceTopic && IsOwnEcho(payload))
            {
                // The broker sends our own reports back on the device topic (we subscribe to it; MQTT 5 No Local is not
                // available on every client): recognised by their bytes, without decoding them.
                return CommandOutcome.Ignored;
            }

            Mqtt2GoMessage message = _codec.Decode(payload);
            if (message.Kind == MessageKind.Invalid)
            {
                _log.Write(LogLevel.Warning, "switch: malformed message: " + message.Error);
                return Reject("malformed: " + Shorten(message.Error));
            }

            if (message.Kind != MessageKind.Command)
            {
                // Reports on the device topic are the device's own echo or other parties' reports (profile: ignored).
                return CommandOutcome.Ignored;
            }

            CommandsHandled++;
            if (message.CommandType == "set")
            {
                return HandleSet(message.Value as string);
            }

            if (message.CommandType == "query")
            {
                return HandleQuery(message.Value as string);
            }

            if (message.CommandType == "remove_device")
            {
                if (!onDeviceTopic)
                {
                    return Reject("remove_device is accepted on the device topic only");
                }

                Publish("command_response", "remove_device", "removed");
                _log.Write(LogLevel.Info, "switch: remove_device received");
                return CommandOutcome.RemoveRequested;
            }

            return Reject("unsupported command: " + Shorten(message.CommandType));
        }

        private CommandOutcome HandleSet(string value)
        {
            // The standard's switch table writes On/Off, its examples on/off: any case is accepted (issue 11 item 3).
            string word = value == null ? null : value.ToLower();
            bool on;
            if (word == "on")
            {
                on = true;
            }
            else if (word == "off")
            {
                on = false;
            }
            else if (word == "toggle")
            {
                on = !IsOn;
            }
            else
            {
                return Reject("set expects \"On\", \"Off\" or \"Toggle\" (any case)");
            }

            bool changed = on != IsOn;
            IsOn = on;
            _indicator.SetOutput(on);
            // MQTT2GO objects, reports table, switch: report name "state", report On/Off.
            Publish("command_response", StateReportName, StateText());
            if (changed)
            {
                Publish("status", StateReportName, StateText());
            }

            return CommandOutcome.Handled;
        }

        private CommandOutcome HandleQuery(string value)
        {
            string word = value == null ? null : value.ToLower();
            if (word != "querystate" && word != "queryon" && word != "querystatus" && word != "state")
            {
                return Reject("query expects QueryState, QueryOn, QueryStatus or State");
            }

            Publish("command_response", StateReportName, StateText());
            return CommandOutcome.Handled;
        }

        private CommandOutcome Reject(string reason)
        {
            Publish("error", "error", reason);
            return CommandOutcome.Rejected;
        }

        private bool Publish(string reportType, string reportName, object value)
        {
            if (DeviceTopic == null)
            {
                return false;
            }

            byte[] payload = _codec.EncodeReport(reportType, reportName, value, _clock.UnixSeconds);
            _recentReports[_recentNext] = payload;
            _recentNext = (_recentNext + 1) % _recentReports.Length;
            return _mqtt.Publish(DeviceTopic, payload, false);
        }

        private bool IsOwnEcho(byte[] payload)
        {
            if (payload == null)
            {
                return false;
            }

            for (int i = 0; i < _recentReports.Length; i++)
            {
                byte[] sent = _recentReports[i];
                if (sent != null && SameBytes(sent, payload))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsGroupTopic(string topic)
        {
            for (int i = 0; i < _groupTopics.Length; i++)
            {
                if (TopicFilter.Matches(_groupTopics[i], topic))
                {
                    return true;
                }
            }

            return false;
        }

        private string StateText()
        {
            // The spelling of the standard's switch report table.
            return IsOn ? "On" : "Off";
        }

        private static string Shorten(string text)
        {
            if (text == null)
            {
                return string.Empty;
            }

            return text.Length > MaxEchoedTextLength ? text.Substring(0, MaxEchoedTextLength) : text;
        }
    }
}
