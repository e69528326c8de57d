using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>mDNS datagrams on 224.0.0.251:5353 over a raw UDP socket (our own querier; lwIP's .local resolver is not used).</summary>
    /// <remarks>
    /// The socket is opened on first use, joined to the group, and closed again after <see cref="IdleCloseMs"/> without use:
    /// a socket bound to the mDNS group keeps receiving every mDNS packet on the LAN into lwIP buffers in the native heap,
    /// which the one TLS session needs (reference §13). Socket errors are caught here and returned as the port's results.
    /// API (nanoframework/System.Net 713b02c): Socket(AddressFamily, SocketType, ProtocolType), Bind(EndPoint),
    /// SetSocketOption(SocketOptionLevel, SocketOptionName, byte[] | int), SendTo(byte[], int, int, SocketFlags, EndPoint),
    /// Poll(int microseconds, SelectMode), ReceiveFrom(byte[], int, int, SocketFlags, ref EndPoint) in
    /// nanoFramework.System.Net/Sockets/Socket.cs. ReceiveFrom throws NotConnected unless the socket was bound first.
    /// </remarks>
    public sealed class UdpMdnsTransport : IMdnsTransport, IDisposable
    {
        /// <summary>mDNS UDP port (RFC 6762 §3).</summary>
        public const int MdnsPort = 5353;

        /// <summary>The socket is closed after this many milliseconds without a Send or Receive.</summary>
        public const int IdleCloseMs = 15000;

        private static readonly IPAddress Group = new IPAddress(new byte[] { 224, 0, 0, 251 });

        private readonly ILog _log;
        private readonly object _sync = new object();
        private readonly IPEndPoint _groupEndPoint = new IPEndPoint(Group, MdnsPort);
        private readonly Timer _idleTimer;
        private Socket _socket;
        private long _lastUseMs;

        /// <summary>Creates the transport; no socket is opened yet.</summary>
        public UdpMdnsTransport(ILog log)
        {
            _log = log;
            _idleTimer = new Timer(CloseWhenIdle, null, IdleCloseMs, IdleCloseMs);
        }

        /// <summary>Sends one datagram to 224.0.0.251:5353; returns false when the network refused it.</summary>
        public bool Send(byte[] buffer, int length)
        {
            lock (_sync)
            {
                try
                {
                    Socket socket = Open();
                    socket.SendTo(buffer, 0, length, SocketFlags.None, _groupEndPoint);
                    return true;
                }
                catch (SocketException ex)
                {
                    _log.Write(LogLevel.Warning, "mdns: send failed, socket error " + ex.ErrorCode.ToString());
                    CloseSocket();
                    return false;
                }
            }
        }

        /// <summary>Waits up to timeoutMs for one datagram; returns its length, 0 on timeout, -1 on a socket error.</summary>
        public int Receive(byte[] buffer, int timeoutMs)
        {
            lock (_sync)
            {
                try
                {
                    Socket socket = Open();

                    // Poll takes microseconds; -1 would wait forever, which the port never asks for.
                    int waitMs = timeoutMs < 0 ? 0 : (timeoutMs > 2000000 ? 2000000 : timeoutMs);
                    if (!socket.Poll(waitMs * 1000, SelectMode.SelectRead))
                    {
                        return 0;
                    }

                    EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                    return socket.ReceiveFrom(buffer, 0, buffer.Length, SocketFlags.None, ref from);
                }
                catch (SocketException ex)
                {
                    _log.Write(LogLevel.Warning, "mdns: receive failed, socket error " + ex.ErrorCode.ToString());
                    CloseSocket();
                    return -1;
                }
            }
        }

        /// <summary>Closes the socket and stops the idle timer.</summary>
        public void Dispose()
        {
            _idleTimer.Dispose();
            lock (_sync)
            {
                CloseSocket();
            }
        }

        private Socket Open()
        {
            _lastUseMs = Environment.TickCount64;
            if (_socket != null)
            {
                return _socket;
            }

            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Any, MdnsPort));

                // ip_mreq: 4-byte group address then 4-byte local interface (0.0.0.0 = default interface), as
                // System.Net.Sockets.UdpClient builds it (nanoframework/System.Net.Sockets.UdpClient: MulticastOption.cs GetBytes);
                // the lwIP PAL maps AddMembership (12) to IP_ADD_MEMBERSHIP (nf-interpreter src/PAL/Lwip/lwIP_Sockets.cpp).
                byte[] membership = new byte[] { 224, 0, 0, 251, 0, 0, 0, 0 };
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, membership);

                // RFC 6762 §11: mDNS packets are sent with IP TTL 255.
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 255);
            }
            catch (SocketException)
            {
                socket.Close();
                throw;
            }

            _socket = socket;
            _log.Write(LogLevel.Debug, "mdns: socket bound to port 5353 and joined 224.0.0.251");
            return socket;
        }

        private void CloseSocket()
        {
            if (_socket == null)
            {
                return;
            }

            try
            {
                _socket.Close();
            }
            catch (SocketException ex)
            {
                _log.Write(LogLevel.Debug, "mdns: close reported socket error " + ex.ErrorCode.ToString());
            }

            _socket = null;
        }

        private void CloseWhenIdle(object state)
        {
            lock (_sync)
            {
                if (_socket != null && Environment.TickCount64 - _lastUseMs >= IdleCloseMs)
                {
                    CloseSocket();
                    _log.Write(LogLevel.Debug, "mdns: idle socket closed");
                }
            }
        }
    }
}
