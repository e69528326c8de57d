using System.Net;
using System.Net.Sockets;

namespace Mqtt2Go.Mosquitto.Broker;

/// <summary>Finds free TCP ports on 127.0.0.1.</summary>
public static class LoopbackPorts
{
    /// <summary>Returns a port the kernel just handed out for 127.0.0.1 (free now; a tiny race remains until it is bound again).</summary>
    public static int GetFree()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool Accepts(int port, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            IAsyncResult pending = socket.BeginConnect(IPAddress.Loopback, port, null, null);
            if (!pending.AsyncWaitHandle.WaitOne(timeout))
            {
                return false;
            }

            socket.EndConnect(pending);
            return true;
        }
        catch (SocketException)
        {
            return false; // refused: nothing listening yet
        }
    }
}
