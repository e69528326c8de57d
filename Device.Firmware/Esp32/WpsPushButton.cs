using System;
using System.Device.Wifi;
using System.Text;
using System.Threading;
using Mqtt2Go.Device.Core.Ports;
#if !MQTT2GO_STOCK_IMAGE
using Mqtt2Go.Device.Wps;
#endif

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>One WPS push-button session: through the Mqtt2Go.Wps interop in the firmware for the custom nanoCLR image, or a
    /// stub that reports "no WPS" in the build for stock images (Device.Firmware.Stock.nfproj defines MQTT2GO_STOCK_IMAGE).</summary>
    /// <remarks>
    /// Why two builds: Visual Studio's deploy refuses an application whose native assemblies the image lacks (it compares
    /// each PE's native checksum and version with the device's list: nanoframework/nf-Visual-Studio-extension f2057022
    /// vs-extension.shared/DeployProvider/DeployProvider.cs, "The connected target does not have support for ..."), and a
    /// stock image has no Mqtt2Go.Wps. So the stock build must not reference the assembly at all (docs/flashing.md).
    /// Only the radio's WPS state is driven here; deadlines and retries are the core's.
    /// </remarks>
    internal sealed class WpsPushButton
    {
        /// <summary>How often the WPS session is polled.</summary>
        public const int PollMs = 250;

        private readonly ILog _log;

        /// <summary>Creates the session runner.</summary>
        public WpsPushButton(ILog log)
        {
            _log = log;
        }

        /// <summary>Runs WPS until the router answers or timeoutMs passes; on success returns null and the credentials.</summary>
        public WifiJoinResult Run(int timeoutMs, WifiAdapter adapter, out WifiCredentials received)
        {
            received = null;
#if MQTT2GO_STOCK_IMAGE
            _log.Write(LogLevel.Warning, "wifi: WPS not in this firmware image, using stored credentials");
            return new WifiJoinResult(WifiJoinStatus.WpsNotSupported, null, "WPS not in this build (the one for stock nanoCLR images)");
#else
            if (!WpsClient.IsAvailable())
            {
                _log.Write(LogLevel.Warning, "wifi: WPS not in this firmware image, using stored credentials");
                return new WifiJoinResult(WifiJoinStatus.WpsNotSupported, null, "WPS not in this firmware image");
            }

            long deadline = Environment.TickCount64 + (timeoutMs < 0 ? 0 : timeoutMs);
            try
            {
                // Clears nanoCLR's reconnect flag, which would otherwise call esp_wifi_connect on every disconnect event and
                // fight the WPS scan (docs/wps-interop.md step 2; nf-interpreter targets/ESP32/_Network/NF_ESP32_Wireless.cpp).
                adapter.Disconnect();
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Warning, "wifi: disconnect before WPS failed: " + ex.GetType().Name);
            }

            int started = WpsClient.Start();
            if (started == WpsClient.StartAlreadyRunning)
            {
                WpsClient.Cancel();
                started = WpsClient.Start();
            }

            if (started != WpsClient.StartOk)
            {
                WpsClient.Cancel();
                return new WifiJoinResult(
                    started == WpsClient.StartNotSupported ? WifiJoinStatus.WpsNotSupported : WifiJoinStatus.WpsFailed,
                    null,
                    "WPS did not start, esp_err 0x" + started.ToString("X"));
            }

            _log.Write(LogLevel.Info, "wifi: WPS started, press the router's WPS button");
            WpsStatus status = WpsClient.Poll();
            while (status == WpsStatus.InProgress && Environment.TickCount64 < deadline)
            {
                Thread.Sleep(PollMs);
                status = WpsClient.Poll();
            }

            if (status != WpsStatus.Success)
            {
                WpsFailReason reason = WpsClient.GetFailReason();
                WpsClient.Cancel();
                return FromWpsStatus(status, reason);
            }

            received = ReadCredentials();
            WpsClient.Cancel();
            if (received == null)
            {
                return new WifiJoinResult(WifiJoinStatus.WpsFailed, null, "WPS succeeded without a usable credential");
            }

            return null;
#endif
        }

#if !MQTT2GO_STOCK_IMAGE
        private WifiCredentials ReadCredentials()
        {
            byte[] ssidBytes = new byte[WpsClient.SsidBufferSize];
            byte[] passBytes = new byte[WpsClient.PassphraseBufferSize];
            try
            {
                int ssidLength = WpsClient.CopySsid(ssidBytes);
                int passLength = WpsClient.CopyPassphrase(passBytes);
                if (ssidLength <= 0 || passLength < 0)
                {
                    return null;
                }

                if (WpsClient.GetCredentialCount() > 1)
                {
                    _log.Write(LogLevel.Info, "wifi: the router offered several networks, using the first");
                }

                // Encoding.UTF8.GetString(byte[], int, int): the one-argument overload does not exist (reference §14).
                // A 32-byte SSID or a 64-digit PSK arrives whole; WifiLink refuses it (WifiCredentialLimits), nanoCLR cannot store it.
                string ssid = Encoding.UTF8.GetString(ssidBytes, 0, ssidLength);
                string passphrase = passLength == 0 ? string.Empty : Encoding.UTF8.GetString(passBytes, 0, passLength);
                return new WifiCredentials(ssid, passphrase);
            }
            finally
            {
                Array.Clear(passBytes, 0, passBytes.Length);
            }
        }

        private static WifiJoinResult FromWpsStatus(WpsStatus status, WpsFailReason reason)
        {
            switch (status)
            {
                case WpsStatus.InProgress:
                case WpsStatus.Timeout:
                    return new WifiJoinResult(WifiJoinStatus.WpsTimeout, null, "no router answered WPS in time");
                case WpsStatus.PbcOverlap:
                    return new WifiJoinResult(WifiJoinStatus.WpsOverlap, null, "more than one router in WPS mode, retry later");
                case WpsStatus.NotSupported:
                    return new WifiJoinResult(WifiJoinStatus.WpsNotSupported, null, "WPS not in this firmware image");
                default:
                    return new WifiJoinResult(WifiJoinStatus.WpsFailed, null, "WPS failed, reason " + ((int)reason).ToString());
            }
        }
#endif
    }
}
