using System;
using System.Net;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Mosquitto;

namespace Mqtt2Go.DeviceHost;

/// <summary>How to boot one simulated device.</summary>
public sealed class SimulatedDeviceOptions
{
    /// <summary>Name used as the log prefix.</summary>
    public string Name { get; set; } = "device";

    /// <summary>The device's flash: identity files written by the identity tool, and the checkpoints the core writes.</summary>
    public string FlashDirectory { get; set; }

    /// <summary>The loop that drives this device's MQTT connection (shared by many devices).</summary>
    public MosquittoLoop Loop { get; set; }

    /// <summary>Where the device's one-shot mDNS queries go; null sends them to a loopback port nobody answers.</summary>
    public IPEndPoint MdnsResponder { get; set; }

    /// <summary>The simulated access point's SSID.</summary>
    public string Ssid { get; set; } = "home-wifi";

    /// <summary>When true the device has its own access point (simulated over loopback TCP); off, the platform has none.</summary>
    public bool AccessPoint { get; set; }

    /// <summary>The simulated access point's passphrase.</summary>
    public string Passphrase { get; set; } = "correct horse battery staple";

    /// <summary>Where log lines go; null writes to the console.</summary>
    public Action<string> LogSink { get; set; }

    /// <summary>The lowest level logged.</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Info;

    /// <summary>Seed for the backoff jitter; null picks one per device.</summary>
    public int? Seed { get; set; }

    /// <summary>The device's log instead of a console log (e.g. one that collects lines); null: console.</summary>
    public ILog Log { get; set; }

    /// <summary>Wraps the MQTT session the core sees (a measuring decorator); null: the session itself.</summary>
    public Func<IMqttSession, IMqttSession> WrapSession { get; set; }

    /// <summary>Wraps the store the core sees; null: the file store itself.</summary>
    public Func<IStore, IStore> WrapStore { get; set; }

    /// <summary>Wraps the clock the core sees; null: the system clock itself.</summary>
    public Func<IClock, IClock> WrapClock { get; set; }
}
