using System;
using System.Net;
using System.Net.Sockets;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.DeviceHost.Adapters;

/// <summary>mDNS over a real UDP socket: one-shot queries from an ephemeral port to a responder endpoint
/// (224.0.0.251:5353 on a LAN; a loopback port in tests, answered by unicast per RFC 6762 §6.7).</summary>
public sealed class UdpMdnsTransport : IMdnsTransport, IDisposable
{
    private readonly Socket _socket;
    private readonly IPEndPoint _responder;

    /// <summary>Opens a socket on an ephemeral port of the local address and targets the responder.</summary>
    public UdpMdnsTransport(IPEndPoint responder)
    {
        _responder = responder;
        _socket = new Socket(responder.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        var local = IPAddress.IsLoopback(responder.Address) ? IPAddress.Loopback : IPAddress.Any;
        _socket.Bind(new IPEndPoint(local, 0));
    }

    /// <inheritdoc />
    public bool Send(byte[] buffer, int length)
    {
        try
        {
            return _socket.SendTo(buffer, 0, length, SocketFlags.None, _responder) == length;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public int Receive(byte[] buffer, int timeoutMs)
    {
        try
        {
            if (!_socket.Poll(TimeSpan.FromMilliseconds(Math.Max(0, timeoutMs)), SelectMode.SelectRead)) return 0;
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            return _socket.ReceiveFrom(buffer, ref from);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return 0; // ICMP port unreachable from an earlier send: nobody answers, same as silence
        }
        catch (SocketException)
        {
            return -1;
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _socket.Dispose();
}
