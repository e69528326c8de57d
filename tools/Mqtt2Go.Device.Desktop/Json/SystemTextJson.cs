using System;
using System.Collections;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Desktop.Json
{
    /// <summary>The desktop <see cref="IJson"/>: System.Text.Json to and from the core's tree of Hashtable (objects),
    /// ArrayList (arrays), string, long (integers), double (other numbers), bool and null.</summary>
    /// <remarks>Mirrors the device adapter (NanoJson): nesting deeper than <see cref="MaxDepth"/> and duplicate object keys
    /// are parse failures on both (nanoFramework's Hashtable.Add throws on a duplicate key).</remarks>
    public sealed class SystemTextJson : IJson
    {
        /// <summary>Deepest nesting of objects and arrays accepted.</summary>
        public const int MaxDepth = 32;

        private static readonly JsonDocumentOptions ParseOptions = new JsonDocumentOptions
        {
            MaxDepth = MaxDepth,
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow
        };

        private static readonly JsonWriterOptions WriteOptions = new JsonWriterOptions
        {
            Indented = false,
            // Keep '+', '<', '&' and non-ASCII readable (topics, reasons); still valid JSON.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = MaxDepth
        };

        /// <summary>Parses text; false and a null value for anything that is not valid JSON. Never throws.</summary>
        public bool TryParse(string text, out object value)
        {
            value = null;
            if (text == null || JsonTextRules.FindUnsupported(text) != null)
            {
                // The same refusals as the device's NanoJson (nested arrays, lone surrogates): Core/Messages/JsonTextRules.cs.
                return false;
            }

            try
            {
                using (JsonDocument document = JsonDocument.Parse(text, ParseOptions))
                {
                    object result;
                    if (!TryConvert(document.RootElement, out result))
                    {
                        return false;
                    }

                    value = result;
                    return true;
                }
            }
            catch (JsonException)
            {
                // Malformed text or nesting beyond MaxDepth: the port's contract is a false result.
                return false;
            }
            catch (InvalidOperationException)
            {
                // GetString on an escaped lone surrogate ("\ud800") cannot be transcoded: not usable text either.
                return false;
            }
        }

        /// <summary>Writes compact JSON from Hashtable (string keys), ArrayList, string, int, long, double, bool and null.</summary>
        /// <exception cref="ArgumentException">A value of any other type (byte[] included): a programmer error.</exception>
        public string Serialize(object value)
        {
            using (MemoryStream stream = new MemoryStream())
            {
                using (Utf8JsonWriter writer = new Utf8JsonWriter(stream, WriteOptions))
                {
                    Write(writer, value);
                }

                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }

        private static bool TryConvert(JsonElement element, out object value)
        {
            value = null;
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    Hashtable table = new Hashtable();
                    foreach (JsonProperty property in element.EnumerateObject())
                    {
                        object member;
                        if (table.ContainsKey(property.Name) || !TryConvert(property.Value, out member))
                        {
                            return false;
                        }

                        table.Add(property.Name, member);
                    }

                    value = table;
                    return true;

                case JsonValueKind.Array:
                    ArrayList list = new ArrayList();
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        object converted;
                        if (!TryConvert(item, out converted))
                        {
                            return false;
                        }

                        list.Add(converted);
                    }

                    value = list;
                    return true;

                case JsonValueKind.String:
                    value = element.GetString();
                    return true;

                case JsonValueKind.Number:
                    long integer;
                    if (element.TryGetInt64(out integer))
                    {
                        value = integer;
                        return true;
                    }

                    double real;
                    if (element.TryGetDouble(out real) && !double.IsInfinity(real))
                    {
                        value = real;
                        return true;
                    }

                    return false;

                case JsonValueKind.True:
                    value = true;
                    return true;

                case JsonValueKind.False:
                    value = false;
                    return true;

                case JsonValueKind.Null:
                    return true;

                default:
                    return false;
            }
        }

        private static void Write(Utf8JsonWriter writer, object value)
        {
            if (value == null)
            {
                writer.WriteNullValue();
            }
            else if (value is Hashtable table)
            {
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in table)
                {
                    if (!(entry.Key is string key))
                    {
                        throw new ArgumentException("JSON object keys must be strings, found " + entry.Key.GetType().Name);
                    }

                    writer.WritePropertyName(key);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
            }
            else if (value is ArrayList list)
            {
                writer.WriteStartArray();
                foreach (object item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
            }
            else if (value is string text)
            {
                writer.WriteStringValue(text);
            }
            else if (value is long longValue)
            {
                writer.WriteNumberValue(longValue);
            }
            else if (value is int intValue)
            {
                writer.WriteNumberValue(intValue);
            }
            else if (value is double doubleValue)
            {
                writer.WriteNumberValue(doubleValue);
            }
            else if (value is bool boolValue)
            {
                writer.WriteBooleanValue(boolValue);
            }
            else
            {
                // byte[] and everything else: the core must base64-encode bytes itself (Mqtt2GoCodec.ToBase64).
                throw new ArgumentException("cannot serialize a " + value.GetType().Name + " to JSON");
            }
        }
    }
}
