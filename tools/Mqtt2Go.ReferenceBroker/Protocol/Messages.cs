using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mqtt2Go.ReferenceBroker.Protocol;

/// <summary>Builds every MQTT2GO payload the reference side sends (the one place JSON is written).</summary>
public static class Messages
{
    /// <summary>Report types of the envelope.</summary>
    public static class ReportTypes
    {
        /// <summary><c>status</c>.</summary>
        public const string Status = "status";

        /// <summary><c>command_response</c>.</summary>
        public const string CommandResponse = "command_response";

        /// <summary><c>error</c>.</summary>
        public const string Error = "error";
    }

    /// <summary>A command envelope with the given kind and value, plus optional extra top-level fields.</summary>
    public static byte[] Command(TimeProvider time, string commandType, JsonNode? value, params (string Name, JsonNode? Value)[] extra)
    {
        var o = new JsonObject
        {
            ["type"] = "command",
            ["timestamp"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["command_type"] = commandType,
            ["value"] = value,
        };
        foreach (var (name, v) in extra)
        {
            o[name] = v;
        }

        return JsonSerializer.SerializeToUtf8Bytes(o);
    }

    /// <summary>A report envelope.</summary>
    public static byte[] Report(TimeProvider time, string reportType, string reportName, JsonNode? value)
    {
        var o = new JsonObject
        {
            ["type"] = "report",
            ["timestamp"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["report_type"] = reportType,
            ["report_name"] = reportName,
            ["value"] = value,
        };
        return JsonSerializer.SerializeToUtf8Bytes(o);
    }

    /// <summary>The error report <c>{"reason":…}</c> with the given report_name (MQTT2GO step 7e).</summary>
    public static byte[] ErrorReport(TimeProvider time, string reportName, string reason) =>
        Report(time, ReportTypes.Error, reportName, new JsonObject { ["reason"] = reason });
}
