using System.Runtime.InteropServices;
using Mqtt2Go.Mosquitto.Native;

namespace Mqtt2Go.Mosquitto.Client;

/// <summary>The libmosquitto callbacks, as static [UnmanagedCallersOnly] functions so no delegate can be collected.</summary>
/// <remarks>Every callback catches everything: an exception escaping into native code terminates the process.</remarks>
internal static unsafe class NativeCallbacks
{
    /// <summary>The last exception that could not even be reported (kept for diagnostics).</summary>
    internal static Exception? LastUnreported { get; private set; }

    internal static void Install(IntPtr mosq)
    {
        NativeMethods.mosquitto_connect_v5_callback_set(mosq, &OnConnect);
        NativeMethods.mosquitto_disconnect_v5_callback_set(mosq, &OnDisconnect);
        NativeMethods.mosquitto_publish_v5_callback_set(mosq, &OnPublish);
        NativeMethods.mosquitto_subscribe_v5_callback_set(mosq, &OnSubscribe);
        NativeMethods.mosquitto_unsubscribe_v5_callback_set(mosq, &OnUnsubscribe);
        NativeMethods.mosquitto_message_v5_callback_set(mosq, &OnMessage);
        NativeMethods.mosquitto_log_callback_set(mosq, &OnLog);
    }

    private static NativeSession? From(IntPtr userData) =>
        userData == IntPtr.Zero ? null : GCHandle.FromIntPtr(userData).Target as NativeSession;

    [UnmanagedCallersOnly]
    private static void OnConnect(IntPtr mosq, IntPtr userData, int reasonCode, int flags, IntPtr properties)
    {
        NativeSession? s = null;
        try
        {
            s = From(userData);
            s?.OnConnect(reasonCode);
        }
        catch (Exception ex)
        {
            Report(s, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnDisconnect(IntPtr mosq, IntPtr userData, int reasonCode, IntPtr properties)
    {
        NativeSession? s = null;
        try
        {
            s = From(userData);
            s?.OnDisconnect(reasonCode);
        }
        catch (Exception ex)
        {
            Report(s, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnPublish(IntPtr mosq, IntPtr userData, int mid, int reasonCode, IntPtr properties)
    {
        NativeSession? s = null;
        try
        {
            s = From(userData);
            s?.OnPublish(mid, reasonCode);
        }
        catch (Exception ex)
        {
            Report(s, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnSubscribe(IntPtr mosq, IntPtr userData, int mid, int count, int* granted, IntPtr properties)
    {
        NativeSession? s = null;
        try
        {
            s = From(userData);
            int[] codes = new int[Math.Max(0, count)];
            for (int i = 0; i < codes.Length; i++)
            {
                codes[i] = granted[i];
            }

            s?.OnSubscribe(mid, codes);
        }
        catch (Exception ex)
        {
            Report(s, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnUnsubscribe(IntPtr mosq, IntPtr userData, int mid, IntPtr properties)
    {
        NativeSession? s = null;
        try
        {
            s = From(userData);
            s?.OnUnsubscribe(mid);
        }
        catch (Exception ex)
        {
            Report(s, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnMessage(IntPtr mosq, IntPtr userData, MosquittoMessageNative* message, IntPtr properties)
    {
        NativeSession? s = null;
        try
        {
            s = From(userData);
            s?.OnMessage(message);
        }
        catch (Exception ex)
        {
            Report(s, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnLog(IntPtr mosq, IntPtr userData, int level, IntPtr text)
    {
        NativeSession? s = null;
        try
        {
            s = From(userData);
            s?.OnLog(level, NativeMethods.StaticString(text));
        }
        catch (Exception ex)
        {
            Report(s, ex);
        }
    }

    private static void Report(NativeSession? session, Exception ex)
    {
        try
        {
            if (session == null)
            {
                LastUnreported = ex;
            }
            else
            {
                session.ReportCallbackError(ex);
            }
        }
        catch (Exception sinkFailure)
        {
            // The user's log sink threw while reporting; remember it rather than crash the process.
            LastUnreported = new AggregateException(ex, sinkFailure);
        }
    }
}
