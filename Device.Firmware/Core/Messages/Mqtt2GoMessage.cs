using System.Collections;

namespace Mqtt2Go.Device.Core.Messages
{
    /// <summary>A decoded MQTT2GO envelope (docs/profile.md, "Envelope"); <see cref="Mqtt2GoCodec.Decode"/> never returns null.</summary>
    public sealed class Mqtt2GoMessage
    {
        private Mqtt2GoMessage(MessageKind kind, string error, Hashtable fields)
        {
            Kind = kind;
            Error = error;
            Fields = fields;
        }

        /// <summary>Command, report, or invalid.</summary>
        public MessageKind Kind { get; private set; }

        /// <summary>Why the payload is invalid; null for a valid message.</summary>
        public string Error { get; private set; }

        /// <summary>The <c>command_type</c> of a command; null otherwise.</summary>
        public string CommandType { get; private set; }

        /// <summary>The <c>report_type</c> of a report (status, command_response, periodic_report or error); null otherwise.</summary>
        public string ReportType { get; private set; }

        /// <summary>The <c>report_name</c> of a report; null otherwise.</summary>
        public string ReportName { get; private set; }

        /// <summary>The <c>timestamp</c>, Unix seconds; 0 for an invalid message.</summary>
        public long Timestamp { get; private set; }

        /// <summary>The report's <c>priority_level</c> 1..5, or 0 when absent.</summary>
        public int PriorityLevel { get; private set; }

        /// <summary>The <c>value</c>: string, long, double, bool, Hashtable, ArrayList or null (also when absent).</summary>
        public object Value { get; private set; }

        /// <summary>The whole top-level object (for extra fields such as <c>device_type</c>); empty for an invalid message.</summary>
        public Hashtable Fields { get; private set; }

        /// <summary>True for a command or a report.</summary>
        public bool IsValid
        {
            get { return Kind != MessageKind.Invalid; }
        }

        /// <summary>True when this is a command of the given <c>command_type</c>.</summary>
        public bool IsCommand(string commandType)
        {
            return Kind == MessageKind.Command && CommandType == commandType;
        }

        /// <summary>True when this is a report with the given <c>report_name</c>.</summary>
        public bool IsReport(string reportName)
        {
            return Kind == MessageKind.Report && ReportName == reportName;
        }

        internal static Mqtt2GoMessage CreateInvalid(string error)
        {
            return new Mqtt2GoMessage(MessageKind.Invalid, error, new Hashtable());
        }

        internal static Mqtt2GoMessage CreateCommand(Hashtable fields, long timestamp, string commandType, object value)
        {
            Mqtt2GoMessage message = new Mqtt2GoMessage(MessageKind.Command, null, fields);
            message.Timestamp = timestamp;
            message.CommandType = commandType;
            message.Value = value;
            return message;
        }

        internal static Mqtt2GoMessage CreateReport(Hashtable fields, long timestamp, string reportType, string reportName,
            object value, int priorityLevel)
        {
            Mqtt2GoMessage message = new Mqtt2GoMessage(MessageKind.Report, null, fields);
            message.Timestamp = timestamp;
            message.ReportType = reportType;
            message.ReportName = reportName;
            message.Value = value;
            message.PriorityLevel = priorityLevel;
            return message;
        }
    }
}
