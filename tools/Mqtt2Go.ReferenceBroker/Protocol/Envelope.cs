using System.Globalization;
using System.Text.Json;

namespace Mqtt2Go.ReferenceBroker.Protocol;

/// <summary>A parsed MQTT2GO command or report (docs/profile.md "Envelope"); the root element keeps extra fields.</summary>
public sealed class Envelope
{
    /// <summary>Messages larger than this are rejected unread (docs/profile.md).</summary>
    public const int MaxSize = 8 * 1024;

    private Envelope(JsonElement root, bool isCommand, string kind, string? reportType, long? timestamp)
    {
        Root = root;
        IsCommand = isCommand;
        Kind = kind;
        ReportType = reportType;
        Timestamp = timestamp;
    }

    /// <summary>The whole JSON object (a detached clone), for extra top-level fields such as <c>device_type</c>.</summary>
    public JsonElement Root { get; }

    /// <summary>True for <c>"type":"command"</c>, false for a report.</summary>
    public bool IsCommand { get; }

    /// <summary>The command_type of a command or the report_name of a report.</summary>
    public string Kind { get; }

    /// <summary>The report_type of a report, null for a command.</summary>
    public string? ReportType { get; }

    /// <summary>Unix seconds from <c>timestamp</c> (number or numeric string), null when absent.</summary>
    public long? Timestamp { get; }

    /// <summary>The <c>value</c> member, else the <c>report</c> member (the standard's objects page and public firmware
    /// name a report's value so), or an undefined element when both are absent; the reference side always writes <c>value</c>.</summary>
    public JsonElement Value => Root.TryGetProperty("value", out var v) ? v : Root.TryGetProperty("report", out var r) ? r : default;

    /// <summary>Parses and validates the envelope shape; returns false with a short reason for anything malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out Envelope? envelope, out string reason)
    {
        envelope = null;
        if (payload.Length > MaxSize)
        {
            reason = "too_large";
            return false;
        }

        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 16 });
            using var document = JsonDocument.ParseValue(ref reader);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            reason = "invalid_json";
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            reason = "not_an_object";
            return false;
        }

        if (!IsWellFormedText(root))
        {
            reason = "invalid_string";
            return false;
        }

        long? timestamp = null;
        if (root.TryGetProperty("timestamp", out var ts))
        {
            if (!TryReadUnixSeconds(ts, out var seconds))
            {
                reason = "invalid_timestamp";
                return false;
            }

            timestamp = seconds;
        }

        var type = GetString(root, "type");
        if (type == "command")
        {
            var kind = GetString(root, "command_type");
            if (string.IsNullOrEmpty(kind))
            {
                reason = "missing_command_type";
                return false;
            }

            envelope = new Envelope(root, true, kind, null, timestamp);
            reason = "";
            return true;
        }

        if (type == "report")
        {
            var name = GetString(root, "report_name");
            var reportType = GetString(root, "report_type");
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(reportType))
            {
                reason = "missing_report_fields";
                return false;
            }

            envelope = new Envelope(root, false, name, reportType, timestamp);
            reason = "";
            return true;
        }

        reason = "invalid_type";
        return false;
    }

    /// <summary>
    /// For the error report of a message <see cref="TryParse"/> refused: its <c>command_type</c> and <c>value.device_id</c>
    /// when the payload is a JSON object that has them as identifiers (e.g. a command refused for its timestamp), else null.
    /// </summary>
    public static (string? Kind, string? DeviceId) Peek(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxSize)
        {
            return (null, null);
        }

        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 16 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var kind = GetString(root, "command_type");
            string? deviceId = root.TryGetProperty("value", out var value) ? GetString(value, "device_id") : null;
            return (Identifiers.IsValid(kind) ? kind : null, Identifiers.IsValid(deviceId) ? deviceId : null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return (null, null);
        }
    }

    /// <summary>Timestamps from this value up are milliseconds: the firmware's constant, so both sides share one bound.</summary>
    public const long MillisecondsFrom = Mqtt2Go.Device.Core.Messages.JsonValues.MillisecondsFrom;

    /// <summary>Largest Unix time accepted (9999-12-31T23:59:59Z): the firmware's constant.</summary>
    public const long MaxUnixSeconds = Mqtt2Go.Device.Core.Messages.JsonValues.MaxUnixSeconds;

    /// <summary>Reads a timestamp as Unix seconds, the firmware's rule (<c>JsonValues.TryGetUnixSeconds</c>, docs/profile.md
    /// "Envelope"): a number (fraction cut) or a numeric string (digits, optional fraction); from
    /// <see cref="MillisecondsFrom"/> up it is milliseconds and divided by 1000; the result lies in 0..<see cref="MaxUnixSeconds"/>.</summary>
    public static bool TryReadUnixSeconds(JsonElement element, out long seconds)
    {
        seconds = 0;
        long raw;
        if (element.ValueKind == JsonValueKind.Number)
        {
            if (!element.TryGetInt64(out raw))
            {
                if (!element.TryGetDouble(out var d) || !(d >= -9.2e18 && d <= 9.2e18))
                {
                    return false;
                }

                raw = (long)Math.Floor(d);
            }
        }
        else if (element.ValueKind == JsonValueKind.String)
        {
            var text = StringOf(element) ?? "";
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && dot < text.Length - 1 && text[(dot + 1)..].All(char.IsAsciiDigit))
            {
                text = text[..dot];
            }

            if (text.Length is < 1 or > 18 || !text.All(char.IsAsciiDigit))
            {
                return false;
            }

            raw = long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else
        {
            return false;
        }

        if (raw < 0)
        {
            return false;
        }

        seconds = raw >= MillisecondsFrom ? raw / 1000 : raw;
        return seconds <= MaxUnixSeconds;
    }

    /// <summary>The string member <paramref name="name"/> of <paramref name="element"/> when it is an object holding a string, else null.</summary>
    public static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var p) ? StringOf(p) : null;

    /// <summary>The element's text when it is a well-formed JSON string, else null (never throws).</summary>
    /// <remarks>JsonDocument accepts a lone surrogate escape such as <c>"\ud800"</c>; only GetString refuses it, with
    /// InvalidOperationException (issue 10 item 10).</remarks>
    public static string? StringOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            // Not representable as UTF-16 text (lone surrogate escape): treated as absent / wrong type.
            return null;
        }
    }

    /// <summary>True when every string and property name in the tree decodes to well-formed text, so no later
    /// GetString or Name on this document can throw.</summary>
    public static bool IsWellFormedText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return StringOf(element) is not null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!IsWellFormedText(item))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    try
                    {
                        _ = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        // A property name with a lone surrogate escape.
                        return false;
                    }

                    if (!IsWellFormedText(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }
}
