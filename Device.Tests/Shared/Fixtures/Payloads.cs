using System.Text;
using Mqtt2Go.Device.Core.Messages;

namespace Mqtt2Go.Device.Tests.Fixtures
{
    /// <summary>Builds codecs and payloads for the message tests.</summary>
    public static class Payloads
    {
        /// <summary>A codec over the platform's JSON adapter.</summary>
        public static Mqtt2GoCodec Codec()
        {
            return new Mqtt2GoCodec(TestPlatform.CreateJson());
        }

        /// <summary>The UTF-8 bytes of the text.</summary>
        public static byte[] Bytes(string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        /// <summary>Objects nested <paramref name="depth"/> deep: {"a":{"a":...1...}} (arrays directly inside arrays are not
        /// supported by the project's JSON: Core/Messages/JsonTextRules.cs).</summary>
        public static string NestedObjects(int depth)
        {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < depth; i++)
            {
                text.Append("{\"a\":");
            }

            text.Append('1');
            return text.Append(Repeat('}', depth)).ToString();
        }

        /// <summary>The text of UTF-8 bytes.</summary>
        public static string Text(byte[] payload)
        {
            return Encoding.UTF8.GetString(payload, 0, payload.Length);
        }

        /// <summary>Decodes JSON text with a fresh codec.</summary>
        public static Mqtt2GoMessage Decode(string json)
        {
            return Codec().Decode(Bytes(json));
        }

        /// <summary>A command_response report with the given report_name and raw JSON value text.</summary>
        public static Mqtt2GoMessage Response(string reportName, string valueJson)
        {
            return Decode("{\"type\":\"report\",\"timestamp\":1700000000,\"report_type\":\"command_response\",\"report_name\":\""
                + reportName + "\",\"value\":" + valueJson + "}");
        }

        /// <summary>A string of the given length made of one repeated character.</summary>
        public static string Repeat(char c, int count)
        {
            return new string(c, count);
        }
    }
}
