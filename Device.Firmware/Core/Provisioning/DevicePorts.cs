using System;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>Every port the provisioning machine and the device behaviour use; the composition root fills it.</summary>
    public sealed class DevicePorts
    {
        /// <summary>The station Wi-Fi link.</summary>
        public IWifiLink Wifi { get; set; }

        /// <summary>The device's own access point for homes without a gateway; null when the platform has none (the path is skipped).</summary>
        public IAccessPoint AccessPoint { get; set; }

        /// <summary>The mDNS datagram transport for the local-gateway probe.</summary>
        public IMdnsTransport Mdns { get; set; }

        /// <summary>The one MQTT session (one TLS connection at a time).</summary>
        public IMqttSession Mqtt { get; set; }

        /// <summary>JSON parser and serialiser.</summary>
        public IJson Json { get; set; }

        /// <summary>Persistent store for checkpoints.</summary>
        public IStore Store { get; set; }

        /// <summary>Monotonic and wall clock; all waits go through it.</summary>
        public IClock Clock { get; set; }

        /// <summary>Log sink; never receives secrets.</summary>
        public ILog Log { get; set; }

        /// <summary>Status LED and switch output.</summary>
        public IIndicator Indicator { get; set; }

        /// <summary>Certificate and key parser.</summary>
        public ICertificateInspector Certificates { get; set; }

        /// <summary>Jitter source for backoff (seed it per device so devices do not retry in lockstep).</summary>
        public Random Random { get; set; }
    }
}
