namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>Sends and receives mDNS datagrams; the adapter owns the socket (224.0.0.251:5353 on the device, a unicast loopback endpoint in tests).</summary>
    public interface IMdnsTransport
    {
        /// <summary>Sends one datagram; returns false when the network refused it.</summary>
        bool Send(byte[] buffer, int length);
        /// <summary>Waits up to timeoutMs for one datagram; returns its length, 0 on timeout, -1 on a transport error.</summary>
        int Receive(byte[] buffer, int timeoutMs);
    }
}
