using System.Collections;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>
    /// One phone connection on the device's access point (docs/profile.md "Device access point"): the device sends a
    /// challenge with a fresh nonce, the phone answers with one request line of at most <see cref="MaxRequestBytes"/> bytes,
    /// command <c>wifi_credentials</c> with value <c>{"ssid","password","nonce"}</c>; the device checks it (size, UTF-8,
    /// JSON, envelope, nonce, SSID and WPA2 passphrase, the platform's byte limits) and answers <c>command_response</c>
    /// <c>"accepted"</c> or <c>error</c> with a reason. Every wait is bounded; the passphrase is in no reason.
    /// </summary>
    public sealed class AccessPointExchange
    {
        /// <summary>Longest request line (the largest valid one, 32-byte SSID and 63-byte passphrase with escapes, is far below).</summary>
        public const int MaxRequestBytes = 512;

        /// <summary>The report_type of the device's first message.</summary>
        public const string ChallengeReport = "challenge";

        /// <summary>The value of a positive answer.</summary>
        public const string Accepted = "accepted";

        private const int SliceMs = 250;

        private readonly Mqtt2GoCodec _codec;
        private readonly IClock _clock;
        private readonly byte[] _buffer = new byte[MaxRequestBytes + 1];

        /// <summary>Creates the exchange over the codec and the clock its waits use.</summary>
        public AccessPointExchange(Mqtt2GoCodec codec, IClock clock)
        {
            _codec = codec;
            _clock = clock;
        }

        /// <summary>Serves one connection and closes it. Returns the home network, or null with the reason the request was
        /// refused (also sent to the phone when the connection still stands).</summary>
        /// <param name="connection">The phone's connection.</param>
        /// <param name="deviceId">Sent in the challenge, so the phone knows it reached the right device.</param>
        /// <param name="nonce">Fresh for this connection; a request carrying another one is a replay.</param>
        /// <param name="timestamp">Unix seconds for the envelopes (the wall clock may not be set yet).</param>
        /// <param name="timeoutMs">How long the phone has to send its request.</param>
        /// <param name="reason">Why the request was refused; null on success.</param>
        public WifiCredentials Serve(ISetupConnection connection, string deviceId, string nonce, long timestamp, int timeoutMs, out string reason)
        {
            WifiCredentials result = null;
            reason = null;
            Hashtable challenge = new Hashtable();
            challenge["device_id"] = deviceId;
            challenge["nonce"] = nonce;
            if (!connection.Send(Line(_codec.EncodeReport(ChallengeReport, Mqtt2GoCodec.WifiCredentialsName, challenge, timestamp))))
            {
                reason = "the phone closed the connection before the challenge";
            }
            else
            {
                int length = ReadLine(connection, timeoutMs, out reason);
                if (reason == null)
                {
                    result = Check(length, nonce, out reason);
                }

                if (reason != "timeout" && reason != "closed")
                {
                    connection.Send(Line(result != null
                        ? _codec.EncodeReport(Mqtt2GoCodec.CommandResponse, Mqtt2GoCodec.WifiCredentialsName, Accepted, timestamp)
                        : _codec.EncodeReport(Mqtt2GoCodec.ErrorReport, Mqtt2GoCodec.WifiCredentialsName, ReasonValue(reason), timestamp)));
                }
            }

            connection.Close();
            return result;
        }

        /// <summary>The short code of a reason (its text up to the first ':'), as the phone gets it.</summary>
        public static string ReasonCode(string reason)
        {
            int colon = reason.IndexOf(':');
            return colon < 0 ? reason : reason.Substring(0, colon);
        }

        // Reads up to the first '\n' (not included) or the end of the stream; reason "oversize", "timeout" or "closed".
        private int ReadLine(ISetupConnection connection, int timeoutMs, out string reason)
        {
            reason = null;
            int length = 0;
            long end = _clock.NowMs + timeoutMs;
            while (true)
            {
                for (int i = 0; i < length; i++)
                {
                    if (_buffer[i] == (byte)'\n')
                    {
                        return i;
                    }
                }

                if (length > MaxRequestBytes)
                {
                    reason = "oversize: more than " + MaxRequestBytes.ToString() + " bytes without a line end";
                    return 0;
                }

                long remaining = end - _clock.NowMs;
                if (remaining <= 0)
                {
                    reason = "timeout";
                    return 0;
                }

                int read = connection.Receive(_buffer, length, _buffer.Length - length, remaining < SliceMs ? (int)remaining : SliceMs);
                if (read < 0)
                {
                    // A phone that sends its request and closes its side: the bytes so far are the request.
                    if (length > 0)
                    {
                        return length;
                    }

                    reason = "closed";
                    return 0;
                }

                length += read;
            }
        }

        private WifiCredentials Check(int length, string nonce, out string reason)
        {
            reason = null;
            if (length == 0)
            {
                reason = "malformed: an empty request";
                return null;
            }

            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++)
            {
                payload[i] = _buffer[i];
            }

            Mqtt2GoMessage message = _codec.Decode(payload);
            if (!message.IsValid)
            {
                reason = "malformed: " + message.Error;
                return null;
            }

            if (!message.IsCommand(Mqtt2GoCodec.WifiCredentialsName))
            {
                reason = "unsupported: expected command wifi_credentials";
                return null;
            }

            Hashtable value = message.Value as Hashtable;
            if (value == null)
            {
                reason = "malformed: the value is " + JsonValues.Describe(message.Value) + ", expected an object";
                return null;
            }

            string sent;
            if (!JsonValues.TryGetString(value, "nonce", out sent) || sent != nonce)
            {
                reason = "replayed: the nonce is missing or not this connection's";
                return null;
            }

            string error;
            WifiCredentials home = _codec.ParseWifiCredentialsValue(value, out error);
            if (home == null)
            {
                reason = "invalid: " + error;
                return null;
            }

            string unsupported = WifiCredentialLimits.Problem(home);
            if (unsupported != null)
            {
                reason = "unsupported_network: " + unsupported;
                return null;
            }

            return home;
        }

        private static Hashtable ReasonValue(string reason)
        {
            Hashtable value = new Hashtable();
            value["reason"] = ReasonCode(reason);
            value["detail"] = reason;
            return value;
        }

        private static byte[] Line(byte[] payload)
        {
            byte[] line = new byte[payload.Length + 1];
            for (int i = 0; i < payload.Length; i++)
            {
                line[i] = payload[i];
            }

            line[payload.Length] = (byte)'\n';
            return line;
        }
    }
}
