using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mqtt2Go.ReferenceBroker.Gateway;

/// <summary>
/// A tiny mDNS responder on a loopback UDP port answering <c>mqtt2go.local</c> A and <c>_mqtt._tcp.local</c>
/// PTR/SRV/A; replies go unicast to the query's source (RFC 6762 §6.7 legacy unicast: same id, question echoed, TTL ≤ 10 s).
/// </summary>
public sealed class MdnsResponder : IDisposable
{
    /// <summary>Largest response sent (RFC 1035 §4.2.1 UDP limit: RFC 6762 §6.7 answers legacy resolvers as unicast DNS).</summary>
    public const int MaxResponseBytes = 512;

    private const int MaxNameOctets = 255;
    private const ushort TypeA = 1;
    private const ushort TypePtr = 12;
    private const ushort TypeSrv = 33;
    private const ushort TypeAny = 255;
    private const string HostName = "mqtt2go.local";
    private const string ServiceType = "_mqtt._tcp.local";
    private const string InstanceName = "MQTT2GO._mqtt._tcp.local";

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly UdpClient _udp;
    private readonly IPAddress _address;
    private readonly int _brokerPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Action<string> _log;

    /// <summary>Starts answering on 127.0.0.1:<paramref name="port"/> (0 = free) for a broker at <paramref name="address"/>:<paramref name="brokerPort"/>.</summary>
    public MdnsResponder(int port, IPAddress address, int brokerPort, Action<string> log)
    {
        _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
        _address = address;
        _brokerPort = brokerPort;
        _log = log;
        Port = ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The UDP port the responder listens on.</summary>
    public int Port { get; }

    /// <summary>Number of queries answered.</summary>
    public int Answered { get; private set; }

    /// <summary>Builds the response for one query packet, or null when nothing in it is ours (or it is malformed).</summary>
    /// <remarks>Every question is echoed byte for byte as it arrived (uncompressed), so a name the responder cannot
    /// represent as text is never re-encoded differently; a question name over 255 octets (RFC 1035 §2.3.4) makes the
    /// query malformed. Each record is sent once, and the response stays within <see cref="MaxResponseBytes"/>:
    /// additional records that do not fit are left out silently (RFC 2181 §9), an answer that does not fit sets TC
    /// (RFC 6762 §18.5: in a legacy unicast response TC means what it means in unicast DNS). The query's own TC bit
    /// (more known answers follow, RFC 6762 §7.2) is ignored: this responder does no known-answer suppression.</remarks>
    public byte[]? BuildResponse(ReadOnlySpan<byte> query)
    {
        if (query.Length < 12 || (query[2] & 0x80) != 0)
        {
            return null; // too short, or a response rather than a query
        }

        int questions = (query[4] << 8) | query[5];
        var offset = 12;
        var echoed = new List<byte[]>();
        var answers = new List<Answer>();
        var additionals = new List<Answer>();
        for (var i = 0; i < questions && i < 16; i++)
        {
            if (!ReadName(query, ref offset, out var name, out var wire) || offset + 4 > query.Length)
            {
                return null;
            }

            var type = (ushort)((query[offset] << 8) | query[offset + 1]);
            var cls = (ushort)((query[offset + 2] << 8) | query[offset + 3]);
            offset += 4;
            echoed.Add([.. wire, (byte)(type >> 8), (byte)type, (byte)((cls & 0x7FFF) >> 8), (byte)cls]);
            if (string.Equals(name, HostName, StringComparison.OrdinalIgnoreCase) && type is TypeA or TypeAny)
            {
                answers.Add(Answer.Address);
            }
            else if (string.Equals(name, ServiceType, StringComparison.OrdinalIgnoreCase) && type is TypePtr or TypeAny)
            {
                answers.Add(Answer.Pointer);
                additionals.Add(Answer.Service);
                additionals.Add(Answer.Address);
            }
            else if (string.Equals(name, InstanceName, StringComparison.OrdinalIgnoreCase) && type is TypeSrv or TypeAny)
            {
                answers.Add(Answer.Service);
                additionals.Add(Answer.Address);
            }
        }

        if (answers.Count == 0)
        {
            return null;
        }

        var answerRecords = answers.Distinct().ToList();
        var additionalRecords = additionals.Distinct().Where(a => !answerRecords.Contains(a)).ToList();
        var size = 12 + echoed.Sum(q => q.Length);
        if (size > MaxResponseBytes)
        {
            return null; // the questions alone do not fit a response that must repeat them (RFC 6762 §6.7)
        }

        var truncated = false;
        var sentAnswers = new List<byte[]>();
        foreach (var answer in answerRecords)
        {
            var record = Encode(answer);
            if (size + record.Length > MaxResponseBytes)
            {
                truncated = true;
                break;
            }

            sentAnswers.Add(record);
            size += record.Length;
        }

        var sentAdditionals = new List<byte[]>();
        foreach (var additional in truncated ? [] : additionalRecords)
        {
            var record = Encode(additional);
            if (size + record.Length <= MaxResponseBytes)
            {
                sentAdditionals.Add(record);
                size += record.Length;
            }
        }

        using var output = new MemoryStream();
        output.Write(query[..2]); // RFC 6762 §6.7: legacy unicast responses repeat the query id
        output.Write([(byte)(truncated ? 0x86 : 0x84), 0x00]); // QR + AA (+ TC)
        WriteUInt16(output, (ushort)echoed.Count);
        WriteUInt16(output, (ushort)sentAnswers.Count);
        WriteUInt16(output, 0);
        WriteUInt16(output, (ushort)sentAdditionals.Count);
        foreach (var question in echoed)
        {
            output.Write(question);
        }

        foreach (var record in sentAnswers.Concat(sentAdditionals))
        {
            output.Write(record);
        }

        return output.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException e) when (e.InnerException is ObjectDisposedException or SocketException or OperationCanceledException)
        {
            // the socket was closed under the receive: that is how the loop ends
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var response = BuildResponse(received.Buffer);
            if (response is not null)
            {
                await _udp.SendAsync(response, received.RemoteEndPoint, _stop.Token).ConfigureAwait(false);
                Answered++;
                _log($"mdns: answered {received.RemoteEndPoint}");
            }
        }
    }

    private byte[] ARecord() => Record(HostName, TypeA, _address.MapToIPv4().GetAddressBytes());

    private byte[] SrvRecord()
    {
        using var data = new MemoryStream();
        WriteUInt16(data, 0); // priority
        WriteUInt16(data, 0); // weight
        WriteUInt16(data, (ushort)_brokerPort);
        data.Write(EncodeName(HostName));
        return Record(InstanceName, TypeSrv, data.ToArray());
    }

    private static byte[] Record(string name, ushort type, byte[] data)
    {
        using var output = new MemoryStream();
        output.Write(EncodeName(name));
        WriteUInt16(output, type);
        WriteUInt16(output, 1); // class IN, no cache-flush bit in legacy unicast replies (RFC 6762 §6.7)
        output.Write([0, 0, 0, 10]); // TTL 10 s (RFC 6762 §6.7: at most 10 s for legacy unicast)
        WriteUInt16(output, (ushort)data.Length);
        output.Write(data);
        return output.ToArray();
    }

    private static byte[] EncodeName(string name)
    {
        using var output = new MemoryStream();
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.UTF8.GetBytes(label);
            output.WriteByte((byte)bytes.Length);
            output.Write(bytes);
        }

        output.WriteByte(0);
        return output.ToArray();
    }

    private byte[] Encode(Answer answer) => answer switch
    {
        Answer.Address => ARecord(),
        Answer.Pointer => Record(ServiceType, TypePtr, EncodeName(InstanceName)),
        _ => SrvRecord(),
    };

    /// <summary>Reads a (possibly compressed) name: its text when every label is strict UTF-8 without '.', else null
    /// (never ours), and its uncompressed wire form for the echo. False when malformed or over 255 octets.</summary>
    private static bool ReadName(ReadOnlySpan<byte> packet, ref int offset, out string? name, out byte[] wire)
    {
        name = null;
        wire = [];
        var labels = new List<string>();
        var octets = new List<byte>();
        var representable = true;
        var position = offset;
        var jumped = false;
        for (var hops = 0; hops < 128; hops++)
        {
            if (position >= packet.Length)
            {
                return false;
            }

            int length = packet[position];
            if (length == 0)
            {
                if (!jumped)
                {
                    offset = position + 1;
                }

                octets.Add(0);
                if (octets.Count > MaxNameOctets)
                {
                    return false;
                }

                wire = [.. octets];
                name = representable ? string.Join('.', labels) : null;
                return true;
            }

            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= packet.Length || hops >= 32)
                {
                    return false;
                }

                if (!jumped)
                {
                    offset = position + 2;
                }

                position = ((length & 0x3F) << 8) | packet[position + 1];
                jumped = true;
                continue;
            }

            if (length > 63 || position + 1 + length > packet.Length)
            {
                return false;
            }

            var label = packet.Slice(position + 1, length);
            octets.Add((byte)length);
            octets.AddRange(label.ToArray());
            if (octets.Count + 1 > MaxNameOctets)
            {
                return false; // RFC 1035 §2.3.4: 255 octets including the root label
            }

            try
            {
                var text = StrictUtf8.GetString(label);
                representable &= text.IndexOf('.') < 0;
                labels.Add(text);
            }
            catch (DecoderFallbackException)
            {
                // Not UTF-8 (RFC 6762 §16): echoed as received, never matched.
                representable = false;
            }

            position += 1 + length;
        }

        return false; // compression loop
    }

    private static void WriteUInt16(Stream stream, ushort value)
    {
        stream.WriteByte((byte)(value >> 8));
        stream.WriteByte((byte)value);
    }

    private enum Answer
    {
        Address,
        Pointer,
        Service,
    }
}
