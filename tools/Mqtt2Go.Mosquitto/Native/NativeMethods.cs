using System.Runtime.InteropServices;

namespace Mqtt2Go.Mosquitto.Native;

/// <summary>P/Invoke declarations for libmosquitto 2.0 (mosquitto.h) and the few libc calls the poll loop needs.</summary>
/// <remarks>
/// Functions returning <c>const char*</c> are declared as <see cref="IntPtr"/>: the strings are static and must not be
/// freed by the marshaller (declaring them as <c>string</c> crashes). C <c>bool</c> is one byte.
/// </remarks>
internal static unsafe partial class NativeMethods
{
    internal const string Library = "libmosquitto.so.1";
    private const string LibC = "libc";

    // mosquitto.h enum mosq_opt_t
    internal const int OptProtocolVersion = 1;
    internal const int OptTcpNoDelay = 11;

    [LibraryImport(Library)] internal static partial int mosquitto_lib_init();
    [LibraryImport(Library)] internal static partial int mosquitto_lib_version(out int major, out int minor, out int revision);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr mosquitto_new(string? id, byte cleanSession, IntPtr userData);
    [LibraryImport(Library)] internal static partial void mosquitto_destroy(IntPtr mosq);
    [LibraryImport(Library)] internal static partial int mosquitto_int_option(IntPtr mosq, int option, int value);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mosquitto_username_pw_set(IntPtr mosq, string? username, string? password);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mosquitto_will_set(IntPtr mosq, string topic, int payloadLen, byte* payload, int qos, byte retain);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mosquitto_tls_set(IntPtr mosq, string? caFile, string? caPath, string? certFile, string? keyFile, IntPtr pwCallback);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mosquitto_tls_opts_set(IntPtr mosq, int certReqs, string? tlsVersion, string? ciphers);
    [LibraryImport(Library)] internal static partial int mosquitto_tls_insecure_set(IntPtr mosq, byte value);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int mosquitto_connect(IntPtr mosq, string host, int port, int keepalive);
    [LibraryImport(Library)] internal static partial int mosquitto_disconnect(IntPtr mosq);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mosquitto_publish(IntPtr mosq, out int mid, string topic, int payloadLen, byte* payload, int qos, byte retain);
    [LibraryImport(Library)]
    internal static partial int mosquitto_subscribe_multiple(IntPtr mosq, out int mid, int count, IntPtr* topics, int qos, int options, IntPtr properties);
    [LibraryImport(Library)]
    internal static partial int mosquitto_unsubscribe_multiple(IntPtr mosq, out int mid, int count, IntPtr* topics, IntPtr properties);
    [LibraryImport(Library, SetLastError = true)] internal static partial int mosquitto_loop_read(IntPtr mosq, int maxPackets);
    [LibraryImport(Library, SetLastError = true)] internal static partial int mosquitto_loop_write(IntPtr mosq, int maxPackets);
    [LibraryImport(Library)] internal static partial int mosquitto_loop_misc(IntPtr mosq);
    [LibraryImport(Library)] internal static partial int mosquitto_socket(IntPtr mosq);
    [LibraryImport(Library)] internal static partial byte mosquitto_want_write(IntPtr mosq);
    [LibraryImport(Library)] internal static partial IntPtr mosquitto_strerror(int errorCode);
    [LibraryImport(Library)] internal static partial IntPtr mosquitto_connack_string(int connackCode);
    [LibraryImport(Library)] internal static partial IntPtr mosquitto_reason_string(int reasonCode);

    // Callback setters; the callbacks are [UnmanagedCallersOnly] statics in NativeCallbacks, so nothing needs rooting.
    [LibraryImport(Library)] internal static partial void mosquitto_connect_v5_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, int, int, IntPtr, void> cb);
    [LibraryImport(Library)] internal static partial void mosquitto_disconnect_v5_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, int, IntPtr, void> cb);
    [LibraryImport(Library)] internal static partial void mosquitto_publish_v5_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, int, int, IntPtr, void> cb);
    [LibraryImport(Library)] internal static partial void mosquitto_subscribe_v5_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, int, int, int*, IntPtr, void> cb);
    [LibraryImport(Library)] internal static partial void mosquitto_unsubscribe_v5_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, int, IntPtr, void> cb);
    [LibraryImport(Library)] internal static partial void mosquitto_message_v5_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, MosquittoMessageNative*, IntPtr, void> cb);
    [LibraryImport(Library)] internal static partial void mosquitto_log_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, int, IntPtr, void> cb);

    // libc: poll(2), eventfd(2), read/write/close, getsockopt(2), kill(2).
    internal const short PollIn = 0x001;
    internal const short PollOut = 0x004;
    internal const short PollErr = 0x008;
    internal const short PollHup = 0x010;
    internal const short PollNval = 0x020;
    internal const int EfdNonBlock = 0x800;
    internal const int EfdCloExec = 0x80000;

    [LibraryImport(LibC, SetLastError = true)] internal static partial int poll(PollFd* fds, nuint count, int timeoutMs);
    [LibraryImport(LibC, SetLastError = true)] internal static partial int eventfd(uint initialValue, int flags);
    [LibraryImport(LibC, SetLastError = true)] internal static partial nint read(int fd, byte* buffer, nint count);
    [LibraryImport(LibC, SetLastError = true)] internal static partial nint write(int fd, byte* buffer, nint count);
    [LibraryImport(LibC, SetLastError = true)] internal static partial int close(int fd);
    [LibraryImport(LibC, SetLastError = true)] internal static partial int getsockopt(int fd, int level, int name, int* value, uint* length);
    [LibraryImport(LibC, SetLastError = true)] internal static partial int kill(int pid, int signal);

    /// <summary>Reads a static C string returned by libmosquitto without freeing it.</summary>
    internal static string StaticString(IntPtr p) => p == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(p) ?? "";
}

/// <summary>struct pollfd from poll.h.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    internal int Fd;
    internal short Events;
    internal short REvents;
}

/// <summary>struct mosquitto_message from mosquitto.h (x86-64 / arm64 layout follows C rules).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MosquittoMessageNative
{
    internal int Mid;
    internal IntPtr Topic;
    internal IntPtr Payload;
    internal int PayloadLength;
    internal int Qos;
    internal byte Retain;
}
