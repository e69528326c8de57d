namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>One phone connection on the device's access point (a TCP stream).</summary>
    public interface ISetupConnection
    {
        /// <summary>Reads what has arrived into buffer[offset..offset+count), waiting up to timeoutMs: the number of bytes,
        /// 0 when the wait ended with nothing, -1 when the phone closed the connection or it failed.</summary>
        int Receive(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Sends the bytes; false when the connection is gone.</summary>
        bool Send(byte[] data);

        /// <summary>Closes the connection.</summary>
        void Close();
    }
}
