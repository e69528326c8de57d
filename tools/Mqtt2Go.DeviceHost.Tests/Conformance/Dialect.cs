using System.Globalization;
using System.Text.Json;

namespace Mqtt2Go.DeviceHost.Tests.Conformance;

/// <summary>How a third party writes the standard's timestamp (the standard's examples use Unix seconds; tv-dashboard sends milliseconds).</summary>
public enum TimestampStyle
{
    /// <summary><c>"timestamp":1567677956</c>, as the standard's examples.</summary>
    Seconds,

    /// <summary><c>"timestamp":1567677956000</c> (JavaScript's Date.now()).</summary>
    Milliseconds,

    /// <summary><c>"timestamp":"1567677956"</c>.</summary>
    NumericString,

    /// <summary>No timestamp at all.</summary>
    Missing,
}

/// <summary>
/// One way a party written only from the MQTT2GO standard may speak it: the step-1 topic spelling, the timestamp, the case
/// of On/Off, unknown extra fields, and the field a report carries its value in.
/// </summary>
public sealed record Dialect(bool LeadingSlash, TimestampStyle Timestamp, string On, string Off, bool ExtraFields, string ReportField)
{
    /// <summary>The standard's examples as written: no slash in our profile's reading, seconds, On/Off, <c>value</c>.</summary>
    public static readonly Dialect Plain = new(false, TimestampStyle.Seconds, "On", "Off", false, "value");

    /// <summary>Every variant at once that differs from <see cref="Plain"/>.</summary>
    public static readonly Dialect Odd = new(true, TimestampStyle.Milliseconds, "on", "OFF", true, "report");

    /// <summary>Named variants for DataRow: plain, slash, millis, string-ts, no-ts, lower, upper, extra, report-field, odd.</summary>
    public static Dialect Named(string name) => name switch
    {
        "plain" => Plain,
        "slash" => Plain with { LeadingSlash = true },
        "millis" => Plain with { Timestamp = TimestampStyle.Milliseconds },
        "string-ts" => Plain with { Timestamp = TimestampStyle.NumericString },
        "no-ts" => Plain with { Timestamp = TimestampStyle.Missing },
        "lower" => Plain with { On = "on", Off = "off" },
        "upper" => Plain with { On = "ON", Off = "OFF" },
        "extra" => Plain with { ExtraFields = true },
        "report-field" => Plain with { ReportField = "report" },
        "odd" => Odd,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown dialect"),
    };

    /// <summary>The add_device topic of the standard's step 1 in this dialect.</summary>
    public string AddDeviceTopic(string homeId, string gatewayId) => (LeadingSlash ? "/" : "") + homeId + "/" + gatewayId + "/add_device";

    /// <summary>The subscription that covers the home in this dialect.</summary>
    public string HomeFilter(string homeId) => (LeadingSlash ? "/" : "") + homeId + "/#";

    /// <summary>
    /// A command as the standard's envelope page writes it:
    /// <c>{"type":"command","timestamp":…,"command_type":"…","value":…}</c>; <paramref name="valueJson"/> is raw JSON text.
    /// </summary>
    public string Command(string commandType, string valueJson, string extraTopLevel = "") =>
        "{\"type\":\"command\"" + TimestampField() + ",\"command_type\":" + Quote(commandType) + ",\"value\":" + valueJson
        + extraTopLevel + Extra() + "}";

    /// <summary>
    /// A report as the standard writes it: <c>{"type":"report","timestamp":…,"report_type":"…","report_name":"…","value"|"report":…}</c>.
    /// </summary>
    public string Report(string reportType, string reportName, string valueJson) =>
        "{\"type\":\"report\"" + TimestampField() + ",\"report_type\":" + Quote(reportType) + ",\"report_name\":" + Quote(reportName)
        + ",\"" + ReportField + "\":" + valueJson + Extra() + "}";

    /// <summary>A JSON string literal.</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text);

    private string TimestampField()
    {
        const long seconds = 1567677956; // the standard's example timestamp
        return Timestamp switch
        {
            TimestampStyle.Seconds => ",\"timestamp\":" + seconds.ToString(CultureInfo.InvariantCulture),
            TimestampStyle.Milliseconds => ",\"timestamp\":" + (seconds * 1000).ToString(CultureInfo.InvariantCulture),
            TimestampStyle.NumericString => ",\"timestamp\":\"" + seconds.ToString(CultureInfo.InvariantCulture) + "\"",
            _ => "",
        };
    }

    private string Extra() => ExtraFields ? ",\"vendor\":{\"name\":\"third party\",\"build\":[1,2,3]},\"priority_level\":3" : "";
}
