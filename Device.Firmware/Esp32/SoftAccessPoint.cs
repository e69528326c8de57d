using System;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Iot.Device.DhcpServer;
using Mqtt2Go.Device.Core.Ports;
using nanoFramework.Runtime.Native;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>The device's own WPA2 access point on the ESP32 (docs/profile.md "Device access point"): nanoCLR's soft AP, the
    /// managed DHCP server, and one TCP listener on 192.168.4.1:<see cref="SetupPort"/>.</summary>
    /// <remarks>
    /// Checked in the sources (never run on a board, docs/board-verification.md step 24):
    /// - WirelessAPConfiguration (nanoframework/System.Net 713b02c: NetworkInformation/WirelessAPConfiguration.cs): SSID under
    ///   32 characters, WPA2 password 8-63 characters, never null (the native UpdateConfiguration faults on null);
    ///   Options Enable = 0x02, AutoStart = 0x04 | Enable; SaveConfiguration writes the config block to flash every time.
    /// - nanoCLR starts the soft AP only when Wi-Fi is initialised, in APSTA mode when the station config is enabled too
    ///   (nf-interpreter a3e8139: targets/ESP32/_Network/NF_ESP32_Wireless.cpp NF_ESP32_CheckExpectedWifiMode,
    ///   NF_ESP32_InitaliseWifi, reached only from Network_Interface_Open at boot): there is no run-time start, so Open writes
    ///   the configuration once and restarts the device (Power.RebootDevice, as nanoframework/Samples 121ef04
    ///   samples/WiFiAP/WirelessAP.cs does). After the restart the core comes back to OpenAccessPoint (nothing of it is
    ///   checkpointed) and Open finds the access point up.
    /// - nanoCLR runs no DHCP server for the AP ("DHCP server done in managed code", NF_ESP32_Wireless.cpp): the phone gets its
    ///   address from Iot.Device.DhcpServer (nanoframework/nanoFramework.IoT.Device 122ebb1: devices/DhcpServer/DhcpServer.cs,
    ///   Start(IPAddress, IPAddress, ushort) returns false on an exception, Stop only clears a flag: its thread ends at the
    ///   next DHCP packet).
    /// - Sockets (System.Net Sockets/Socket.cs): Accept and Receive have no timeout of their own, so every wait is a
    ///   Poll(microseconds, SelectRead) first; the native side waits on socket events and lets other threads run.
    /// - Close disables the configuration (one flash write) but cannot stop the radio's AP before the next restart (the same
    ///   boot-only rule); nothing listens on it any more and the DHCP server is stopped.
    /// </remarks>
    public sealed class SoftAccessPoint : IAccessPoint
    {
        /// <summary>The TCP port the phone connects to.</summary>
        public const int SetupPort = 8266;

        /// <summary>The device's address on its access point (and the DHCP server's).</summary>
        public const string Address = "192.168.4.1";

        private const string Mask = "255.255.255.0";

        private readonly ILog _log;
        private Socket _listener;
        private DhcpServer _dhcp;

        /// <summary>Creates the adapter; nothing is done until Open.</summary>
        public SoftAccessPoint(ILog log)
        {
            _log = log;
        }

        /// <inheritdoc />
        public bool IsOpen
        {
            get { return _listener != null; }
        }

        /// <inheritdoc />
        public bool Open(string ssid, string passphrase, out string problem)
        {
            problem = null;
            if (_listener != null)
            {
                return true;
            }

            try
            {
                NetworkInterface ap = FindAccessPointInterface();
                if (ap == null)
                {
                    problem = "no Wi-Fi access point interface in this image";
                    return false;
                }

                WirelessAPConfiguration config = WirelessAPConfiguration.GetAllWirelessAPConfigurations()[ap.SpecificConfigId];
                bool running = (config.Options & WirelessAPConfiguration.ConfigurationOptions.Enable) != 0
                    && config.Ssid == ssid && config.Password == passphrase
                    && config.Authentication == AuthenticationType.WPA2
                    && ap.IPv4Address == Address;
                if (!running)
                {
                    ap.EnableStaticIPv4(Address, Mask, Address);
                    config.Ssid = ssid;
                    config.Password = passphrase;
                    config.Authentication = AuthenticationType.WPA2;
                    config.MaxConnections = 1;
                    config.Options = WirelessAPConfiguration.ConfigurationOptions.AutoStart;
                    config.SaveConfiguration();
                    _log.Write(LogLevel.Info, "access point: configured " + ssid + "; restarting, nanoCLR starts it at boot");
                    Power.RebootDevice();
                    problem = "the restart that starts the access point did not happen";
                    return false;
                }

                _dhcp = new DhcpServer();
                if (!_dhcp.Start(IPAddress.Parse(Address), IPAddress.Parse(Mask)))
                {
                    problem = "the DHCP server did not start";
                    _dhcp = null;
                    return false;
                }

                Socket listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                listener.Bind(new IPEndPoint(IPAddress.Any, SetupPort));
                listener.Listen(1);
                _listener = listener;
                _log.Write(LogLevel.Info, "access point: " + ssid + " listening on " + Address + ":" + SetupPort.ToString());
                return true;
            }
            catch (Exception e)
            {
                problem = "the platform refused the access point: " + e.GetType().Name;
                StopListening();
                return false;
            }
        }

        /// <inheritdoc />
        public ISetupConnection Accept(int timeoutMs)
        {
            Socket listener = _listener;
            if (listener == null)
            {
                return null;
            }

            try
            {
                if (!listener.Poll(ToMicroseconds(timeoutMs), SelectMode.SelectRead))
                {
                    return null;
                }

                Socket client = listener.Accept();
                client.SendTimeout = 5000;
                return new SocketSetupConnection(client);
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Warning, "access point: accept failed: " + e.GetType().Name);
                return null;
            }
        }

        /// <inheritdoc />
        public void Close()
        {
            bool wasOpen = _listener != null;
            StopListening();
            try
            {
                NetworkInterface ap = FindAccessPointInterface();
                if (ap != null)
                {
                    WirelessAPConfiguration config = WirelessAPConfiguration.GetAllWirelessAPConfigurations()[ap.SpecificConfigId];
                    if ((config.Options & WirelessAPConfiguration.ConfigurationOptions.Enable) != 0)
                    {
                        config.Options = WirelessAPConfiguration.ConfigurationOptions.None;
                        config.Password = string.Empty;
                        config.SaveConfiguration();
                        _log.Write(LogLevel.Info, "access point: disabled; the radio drops it at the next restart");
                    }
                }
            }
            catch (Exception e)
            {
                if (wasOpen)
                {
                    _log.Write(LogLevel.Warning, "access point: could not disable it: " + e.GetType().Name);
                }
            }
        }

        /// <summary>Poll takes microseconds in an int: waits above about 35 minutes are cut to that.</summary>
        internal static int ToMicroseconds(int timeoutMs)
        {
            if (timeoutMs <= 0)
            {
                return 0;
            }

            return timeoutMs >= int.MaxValue / 1000 ? int.MaxValue : timeoutMs * 1000;
        }

        private void StopListening()
        {
            if (_listener != null)
            {
                try
                {
                    _listener.Close();
                }
                catch (Exception)
                {
                    // Already gone.
                }

                _listener = null;
            }

            if (_dhcp != null)
            {
                _dhcp.Stop();
                _dhcp = null;
            }
        }

        private static NetworkInterface FindAccessPointInterface()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.WirelessAP)
                {
                    return interfaces[i];
                }
            }

            return null;
        }

        private sealed class SocketSetupConnection : ISetupConnection
        {
            private readonly Socket _socket;

            public SocketSetupConnection(Socket socket)
            {
                _socket = socket;
            }

            public int Receive(byte[] buffer, int offset, int count, int timeoutMs)
            {
                try
                {
                    if (!_socket.Poll(ToMicroseconds(timeoutMs), SelectMode.SelectRead))
                    {
                        return 0;
                    }

                    // Readable with 0 bytes: the phone closed its side (System.Net Socket.Receive).
                    int read = _socket.Receive(buffer, offset, count, SocketFlags.None);
                    return read > 0 ? read : -1;
                }
                catch (Exception)
                {
                    return -1;
                }
            }

            public bool Send(byte[] data)
            {
                try
                {
                    return _socket.Send(data, 0, data.Length, SocketFlags.None) == data.Length;
                }
                catch (Exception)
                {
                    return false;
                }
            }

            public void Close()
            {
                try
                {
                    _socket.Close();
                }
                catch (Exception)
                {
                    // Already gone.
                }
            }
        }
    }
}
