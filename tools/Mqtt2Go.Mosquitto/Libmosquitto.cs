using System.Runtime.InteropServices;
using Mqtt2Go.Mosquitto.Native;

namespace Mqtt2Go.Mosquitto;

/// <summary>Process-wide initialisation of libmosquitto and helpers to turn its three code sets into text.</summary>
/// <remarks>
/// libmosquitto has three unrelated code sets: function return codes (<c>enum mosq_err_t</c>, see <see cref="ErrorString"/>),
/// CONNACK codes (MQTT 3.1.1, see <see cref="ConnackString"/>) and MQTT 5 reason codes (see <see cref="ReasonString"/>).
/// </remarks>
public static class Libmosquitto
{
    private static readonly object _gate = new();
    private static bool _initialized;

    /// <summary>Loads libmosquitto.so.1 and calls <c>mosquitto_lib_init</c> exactly once per process.</summary>
    /// <exception cref="DllNotFoundException">The library is not installed (the message says how to install it).</exception>
    public static void EnsureInitialized()
    {
        lock (_gate)
        {
            if (_initialized)
            {
                return;
            }

            if (!NativeLibrary.TryLoad(NativeMethods.Library, typeof(Libmosquitto).Assembly, null, out _))
            {
                throw new DllNotFoundException(
                    $"{NativeMethods.Library} not found: apt-get install libmosquitto1 (mosquitto 2.0 client library)");
            }

            // mosquitto_lib_init is the one libmosquitto call that is not thread safe (mosquitto.h, "Threads").
            int rc = NativeMethods.mosquitto_lib_init();
            if (rc != 0)
            {
                throw new MosquittoException(rc, "mosquitto_lib_init failed: " + ErrorString(rc));
            }

            _initialized = true;
        }
    }

    /// <summary>The runtime library version as "major.minor.revision", e.g. "2.0.11".</summary>
    public static string Version
    {
        get
        {
            EnsureInitialized();
            NativeMethods.mosquitto_lib_version(out int major, out int minor, out int revision);
            return $"{major}.{minor}.{revision}";
        }
    }

    /// <summary>Text for a libmosquitto function return code (<c>mosquitto_strerror</c>).</summary>
    public static string ErrorString(int mosquittoError) =>
        NativeMethods.StaticString(NativeMethods.mosquitto_strerror(mosquittoError));

    /// <summary>Text for an MQTT 3.1.1 CONNACK return code (<c>mosquitto_connack_string</c>).</summary>
    public static string ConnackString(int connackCode) =>
        NativeMethods.StaticString(NativeMethods.mosquitto_connack_string(connackCode));

    /// <summary>Text for an MQTT 5 reason code (<c>mosquitto_reason_string</c>).</summary>
    public static string ReasonString(int reasonCode) =>
        NativeMethods.StaticString(NativeMethods.mosquitto_reason_string(reasonCode));
}
