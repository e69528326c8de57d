#nullable enable
using System;
using System.Net;
using System.Threading.Tasks;
using System.Net.Sockets;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.DeviceHost.Adapters;

/// <summary>
/// The device's own access point, simulated: "opening" it starts a real TCP listener on a free loopback port, and a phone
/// "joins" with <see cref="Join"/>, which hands out that endpoint only for the SSID and WPA2 passphrase the device opened
/// it with (the radio's 4-way handshake). The exchange over the socket is the firmware's, byte for byte.
/// </summary>
public sealed class SimulatedAccessPoint : IAccessPoint, IDisposable
{
    private readonly object _sync = new();
    private TcpListener? _listener;
    private string? _ssid;
    private string? _passphrase;
    private TaskCompletionSource<string> _opened = NewSignal();

    /// <summary>Opens so far.</summary>
    public int OpenCount { get; private set; }

    /// <inheritdoc />
    public bool IsOpen => _listener is not null;

    /// <summary>Completes with the SSID when the device opens its access point (again after each close).</summary>
    public Task<string> WhenOpenAsync()
    {
        lock (_sync)
        {
            return _opened.Task;
        }
    }

    /// <inheritdoc />
    public bool Open(string ssid, string passphrase, out string problem)
    {
        problem = null!;
        lock (_sync)
        {
            if (_listener is null)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start(1);
                _listener = listener;
                _ssid = ssid;
                _passphrase = passphrase;
                OpenCount++;
            }

            _opened.TrySetResult(ssid);
        }

        return true;
    }

    /// <summary>The phone joins: the endpoint to connect to, or null with the reason (not open, another SSID, wrong passphrase).</summary>
    public IPEndPoint? Join(string ssid, string passphrase, out string? problem)
    {
        lock (_sync)
        {
            problem = _listener is null ? "the access point is not open"
                : ssid != _ssid ? $"SSID '{ssid}' not in range"
                : passphrase != _passphrase ? "4-way handshake failed"
                : null;
            return problem is null ? (IPEndPoint)_listener!.LocalEndpoint : null;
        }
    }

    /// <inheritdoc />
    public ISetupConnection Accept(int timeoutMs)
    {
        var listener = _listener;
        if (listener is null)
        {
            return null!;
        }

        try
        {
            if (!listener.Server.Poll(ToMicroseconds(timeoutMs), SelectMode.SelectRead))
            {
                return null!;
            }

            return new SocketConnection(listener.AcceptSocket());
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            return null!;
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        lock (_sync)
        {
            _listener?.Stop();
            _listener = null;
            if (_opened.Task.IsCompleted)
            {
                _opened = NewSignal();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => Close();

    private static TaskCompletionSource<string> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static int ToMicroseconds(int timeoutMs) => timeoutMs <= 0 ? 0 : timeoutMs >= int.MaxValue / 1000 ? int.MaxValue : timeoutMs * 1000;

    private sealed class SocketConnection(Socket socket) : ISetupConnection
    {
        public int Receive(byte[] buffer, int offset, int count, int timeoutMs)
        {
            try
            {
                if (!socket.Poll(ToMicroseconds(timeoutMs), SelectMode.SelectRead))
                {
                    return 0;
                }

                var read = socket.Receive(buffer, offset, count, SocketFlags.None);
                return read > 0 ? read : -1;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return -1;
            }
        }

        public bool Send(byte[] data)
        {
            try
            {
                return socket.Send(data) == data.Length;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }

        public void Close() => socket.Dispose();
    }
}
