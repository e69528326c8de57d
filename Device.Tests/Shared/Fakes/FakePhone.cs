using System.Collections;
using System.Text;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>The phone's side of one access-point connection: reads the device's challenge, then sends its scripted
    /// request (with "{nonce}" replaced by the challenge's nonce) in chunks, and records every line the device sent.</summary>
    public sealed class FakePhone : ISetupConnection
    {
        private readonly IClock _clock;
        private byte[] _request;
        private int _position;

        /// <summary>Creates a phone that connects after afterMs and sends nothing until scripted.</summary>
        public FakePhone(IClock clock, long afterMs)
        {
            _clock = clock;
            AfterMs = afterMs;
            Lines = new ArrayList();
            ChunkBytes = 64;
        }

        /// <summary>Delay before the connection arrives.</summary>
        public long AfterMs { get; private set; }

        /// <summary>The request text; "{nonce}" becomes the challenge's nonce. Null: the phone sends nothing.</summary>
        public string Request { get; set; }

        /// <summary>Raw request bytes, used as they are instead of <see cref="Request"/>.</summary>
        public byte[] RawRequest { get; set; }

        /// <summary>How long after the challenge the request starts to arrive.</summary>
        public int SendAfterMs { get; set; }

        /// <summary>Bytes per Receive (a TCP stream may split anywhere).</summary>
        public int ChunkBytes { get; set; }

        /// <summary>When true the phone closes its side after the request (end of stream).</summary>
        public bool CloseAfterRequest { get; set; }

        /// <summary>Every line the device sent (challenge, answer), as text.</summary>
        public ArrayList Lines { get; private set; }

        /// <summary>True once the device closed the connection.</summary>
        public bool Closed { get; private set; }

        /// <summary>The nonce of the device's challenge, or null.</summary>
        public string Nonce { get; private set; }

        /// <summary>A valid request for these credentials (the nonce is filled in from the challenge).</summary>
        public static string ValidRequest(string ssid, string password)
        {
            return "{\"type\":\"command\",\"timestamp\":1800000000,\"command_type\":\"wifi_credentials\",\"value\":{\"ssid\":\""
                + ssid + "\",\"password\":\"" + password + "\",\"nonce\":\"{nonce}\"}}\n";
        }

        /// <summary>The device's last line, or null.</summary>
        public string LastLine
        {
            get { return Lines.Count == 0 ? null : (string)Lines[Lines.Count - 1]; }
        }

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (_request == null || _position >= _request.Length)
            {
                if (_request != null && CloseAfterRequest)
                {
                    return -1;
                }

                _clock.Sleep(timeoutMs);
                return 0;
            }

            int n = _request.Length - _position;
            if (n > count)
            {
                n = count;
            }

            if (n > ChunkBytes)
            {
                n = ChunkBytes;
            }

            for (int i = 0; i < n; i++)
            {
                buffer[offset + i] = _request[_position + i];
            }

            _position += n;
            return n;
        }

        /// <inheritdoc />
        public bool Send(byte[] data)
        {
            if (Closed)
            {
                return false;
            }

            string line = Encoding.UTF8.GetString(data, 0, data.Length);
            Lines.Add(line);
            if (Lines.Count == 1)
            {
                Nonce = Between(line, "\"nonce\":\"", "\"");
                if (SendAfterMs > 0)
                {
                    _clock.Sleep(SendAfterMs);
                }

                if (RawRequest != null)
                {
                    _request = RawRequest;
                }
                else if (Request != null)
                {
                    _request = Encoding.UTF8.GetBytes(Replace(Request, "{nonce}", Nonce == null ? string.Empty : Nonce));
                }
            }

            return true;
        }

        /// <inheritdoc />
        public void Close()
        {
            Closed = true;
        }

        private static string Between(string text, string start, string end)
        {
            int a = text.IndexOf(start);
            if (a < 0)
            {
                return null;
            }

            a += start.Length;
            int b = text.IndexOf(end, a);
            return b < 0 ? null : text.Substring(a, b - a);
        }

        private static string Replace(string text, string token, string value)
        {
            int at = text.IndexOf(token);
            return at < 0 ? text : text.Substring(0, at) + value + text.Substring(at + token.Length);
        }
    }
}
