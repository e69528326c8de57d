using System;
using System.Device.Gpio;
using System.Threading;
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Esp32;
using nanoFramework.Runtime.Native;

namespace Mqtt2Go.Device
{
    /// <summary>Composition root of the ESP32 firmware: builds the adapters, hands them to the core and runs it.</summary>
    /// <remarks>Wiring only; every decision lives in Core (docs/state-machine.md), every platform call in Esp32/.</remarks>
    public static class Program
    {
        /// <summary>GPIO of the status LED: GPIO2 on ESP32 DevKit v1 style boards (change for your board, docs/flashing.md).</summary>
        public const int LedPin = 2;

        /// <summary>True when the LED lights with the pin high.</summary>
        public const bool LedActiveHigh = true;

        /// <summary>GPIO of the BOOT button: GPIO0 on classic ESP32 DevKits (GPIO9 on ESP32-C3 boards).</summary>
        public const int ButtonPin = 0;

        /// <summary>How often a failed machine checks for a button press.</summary>
        public const int FailedPollMs = 200;

        /// <summary>Pause before rebooting after an unexpected exception, so the log line reaches the serial console.</summary>
        public const int RebootDelayMs = 2000;

        /// <summary>Which build this is (docs/flashing.md, "Which build for which image").</summary>
#if MQTT2GO_STOCK_IMAGE
        public const string BuildName = "stock-image build, no WPS";
#else
        public const string BuildName = "WPS-image build";
#endif

        /// <summary>Entry point started by nanoCLR.</summary>
        public static void Main()
        {
            // Log first, so every later step can report (Console output: debugger channel, or a terminal at 921600 baud).
            // Set LogLevel.Debug to also log memory at every transition (docs/board-verification.md, heap high-water).
            DebugLog log = new DebugLog(LogLevel.Info);
            log.Write(LogLevel.Info, "boot: Mqtt2Go.Device firmware (" + BuildName + ") starting, " + EspMemory.Describe());

            // Board LED (status patterns and the switch output) and the BOOT button share one GPIO controller.
            GpioController gpio = new GpioController();
            BoardIndicator indicator = new BoardIndicator(gpio, LedPin, LedActiveHigh);
            indicator.Show(IndicatorPattern.Provisioning);

            // Platform services the core calls: storage on I:, JSON, and certificate parsing (the key check needs a carrier certificate).
            IStore store = new LittleFsStore(log);
            IJson json = new NanoJson();
            ICertificateInspector certificates = new NanoCertificateInspector(SelectCarrierCertificate(store));

            // Factory identity and settings from I:; an invalid configuration is listed problem by problem and stops here.
            ConfigurationResult configuration = new ConfigurationLoader(json, certificates).Load(store);
            if (!configuration.IsValid)
            {
                ReportInvalidConfiguration(configuration, log, indicator);
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            // SNTP once an address arrives (nanoCLR usually starts it itself); the machine's AwaitClock waits for a valid clock before TLS.
            // TimeSync and BootButton stay alive through the static event sources they subscribe to.
            TimeSync timeSync = new TimeSync(log);
            timeSync.EnsureStarted();

            // The ports of the core, one adapter each.
            DevicePorts ports = new DevicePorts();
            ports.Wifi = new WifiLink(log);
            ports.Mdns = new UdpMdnsTransport(log);
            ports.AccessPoint = new SoftAccessPoint(log);
            ports.Mqtt = new M2MqttSession(log);
            ports.Json = json;
            ports.Store = store;
            ports.Clock = new SystemClock();
            ports.Log = log;
            ports.Indicator = indicator;
            ports.Certificates = certificates;
            ports.Random = new Random(SeedFromClock());

            // The provisioning machine; at Debug level memory is logged at each transition (Describe runs a GC, so only then).
            ProvisioningMachine machine = new ProvisioningMachine(configuration.Configuration, ports);
            if (log.MinimumLevel == LogLevel.Debug)
            {
                machine.StateChanged += (sender, e) => log.Write(LogLevel.Debug, "memory: " + EspMemory.Describe());
            }

            // BOOT button: short press = WPS (or retry after a failure), long press (>= 5 s) = factory reset.
            BootButton button = new BootButton(gpio, ButtonPin, log);
            button.Pressed += (sender, e) => machine.PressButton(e.IsLongPress);

            // Run: provision, then serve until the machine fails; a failed machine waits for the button.
            // The core does not throw on network input; should a platform call still throw, log it and reboot: the
            // checkpoints make the restart resume where it was, without a new activation.
            try
            {
                while (true)
                {
                    if (machine.RunUntilSettled() == ProvisioningState.Operational)
                    {
                        machine.RunOperational(long.MaxValue);
                        continue;
                    }

                    while (!machine.Step())
                    {
                        Thread.Sleep(FailedPollMs);
                    }
                }
            }
            catch (Exception e)
            {
                log.Write(LogLevel.Error, "fatal: " + e.GetType().Name + " in state " + ProvisioningText.StateName(machine.State) + "; rebooting");
                indicator.Show(IndicatorPattern.Failed);
                Thread.Sleep(RebootDelayMs);

                // nanoFramework.Runtime.Native/Power.cs: RebootDevice(RebootOption rebootOption = NormalReboot).
                Power.RebootDevice();
            }
        }

        private static void ReportInvalidConfiguration(ConfigurationResult configuration, ILog log, IIndicator indicator)
        {
            string[] problems = configuration.Problems;
            int count = problems == null ? 0 : problems.Length;
            log.Write(LogLevel.Error, "config: invalid, " + count.ToString() + " problem(s); fix the files on I:\\ (docs/flashing.md) and reset");
            for (int i = 0; i < count; i++)
            {
                log.Write(LogLevel.Error, "config: " + problems[i]);
            }

            indicator.Show(IndicatorPattern.Failed);
        }

        private static byte[] SelectCarrierCertificate(IStore store)
        {
            // NanoCertificateInspector checks a key by pairing it with any certificate that parses; the trust anchor is
            // preferred, the factory certificate is the fallback. If neither parses, the loader reports both files anyway.
            NanoCertificateInspector parser = new NanoCertificateInspector(null);
            byte[] trustAnchor = store.Read(StoreNames.TrustAnchor);
            if (parser.Inspect(trustAnchor) != null)
            {
                return trustAnchor;
            }

            byte[] factoryCertificate = store.Read(StoreNames.FactoryCertificate);
            return parser.Inspect(factoryCertificate) != null ? factoryCertificate : null;
        }

        private static int SeedFromClock()
        {
            // Backoff jitter must differ between devices that boot together; the tick count at this point varies with
            // Wi-Fi and flash timing. A hardware RNG seed would be better still (not exposed by nanoFramework 1.x).
            return (int)(Environment.TickCount64 & 0x7FFFFFFF);
        }
    }
}
