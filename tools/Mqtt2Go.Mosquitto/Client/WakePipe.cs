using Mqtt2Go.Mosquitto.Native;

namespace Mqtt2Go.Mosquitto.Client;

/// <summary>Drains libmosquitto's per-client wake socket pair, which nothing reads when the application runs its own loop.</summary>
/// <remarks>
/// libmosquitto 2.0 writes one byte to <c>sockpairW</c> for every queued packet (lib/packet_mosq.c, packet__queue) so
/// <c>mosquitto_loop</c> can leave select(); only <c>mosquitto_loop</c> reads <c>sockpairR</c>. With an own poll loop the
/// bytes pile up in the kernel (a few hundred bytes of data, but one skb each) until the socket buffer is full.
/// The descriptors are not exposed by the API: they are the 2nd and 3rd int of <c>struct mosquitto</c> in 2.0
/// (lib/mosquitto_internal.h: <c>sock, sockpairR, sockpairW</c>). The layout is verified before use: the first int must
/// equal <c>mosquitto_socket()</c> and both others must be AF_UNIX stream sockets; otherwise draining is skipped.
/// </remarks>
internal static unsafe class WakePipe
{
    private const int SolSocket = 1;
    private const int SoType = 3;
    private const int SoDomain = 39;
    private const int AfUnix = 1;
    private const int SockStream = 1;

    /// <summary>Total bytes drained, for diagnostics and tests.</summary>
    internal static long DrainedBytes;

    /// <summary>Returns the read end of the wake pair of a connected handle, or -1 when the layout cannot be verified.</summary>
    internal static int Locate(IntPtr mosq)
    {
        int sock = NativeMethods.mosquitto_socket(mosq);
        int* fields = (int*)mosq;
        if (sock < 0 || fields[0] != sock)
        {
            return -1;
        }

        int readEnd = fields[1];
        int writeEnd = fields[2];
        if (readEnd < 0 || writeEnd < 0 || readEnd == writeEnd || readEnd == sock || writeEnd == sock)
        {
            return -1;
        }

        return IsUnixStream(readEnd) && IsUnixStream(writeEnd) ? readEnd : -1;
    }

    /// <summary>Reads everything pending on the (non-blocking) read end.</summary>
    internal static void Drain(int readEnd)
    {
        if (readEnd < 0)
        {
            return;
        }

        byte* buffer = stackalloc byte[256];
        nint n;
        while ((n = NativeMethods.read(readEnd, buffer, 256)) > 0)
        {
            Interlocked.Add(ref DrainedBytes, n);
        }
    }

    private static bool IsUnixStream(int fd)
    {
        int value;
        uint length = sizeof(int);
        if (NativeMethods.getsockopt(fd, SolSocket, SoDomain, &value, &length) != 0 || value != AfUnix)
        {
            return false;
        }

        length = sizeof(int);
        return NativeMethods.getsockopt(fd, SolSocket, SoType, &value, &length) == 0 && value == SockStream;
    }
}
