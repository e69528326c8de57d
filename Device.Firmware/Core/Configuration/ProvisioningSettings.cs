using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Configuration
{
    /// <summary>Tunables from settings.json (all optional; defaults in code). Key names follow Eurotech's provisioning
    /// settings; each property names its key, unit in the file and accepted range.</summary>
    public sealed class ProvisioningSettings
    {
        /// <summary>Creates the defaults.</summary>
        public ProvisioningSettings()
        {
            Enabled = true;
            CaAuthentication = true;
            TimeoutMs = 10000;
            RetryIntervalMs = 500;
            RetryMaxIntervalMs = 30000;
            RetryMaxAttempts = 8;
            OverallDeadlineMs = 600000;
            MdnsBudgetMs = 3000;
            MdnsHeadStartMs = 150;
            LocalGateway = true;
            GuestWifi = true;
            AccessPoint = true;
            AccessPointWindowMs = 300000;
            WpsTimeoutMs = 120000;
            Protocol = MqttProtocol.V5;
            KeepAliveSeconds = 60;
            StatusIntervalSeconds = 300;
        }

        /// <summary>"enabled": provisioning runs at all (default true).</summary>
        public bool Enabled { get; set; }

        /// <summary>"provisioned": the device was provisioned by other means (default false).</summary>
        public bool Provisioned { get; set; }

        /// <summary>"ca-authentication": verify server certificates against the trust anchor (default true).</summary>
        public bool CaAuthentication { get; set; }

        /// <summary>"timeout" in seconds, 1..300: one connect or one request/answer wait (default 10 s).</summary>
        public int TimeoutMs { get; set; }

        /// <summary>"retry-interval" in milliseconds, 100..60000: first backoff delay (default 500 ms).</summary>
        public int RetryIntervalMs { get; set; }

        /// <summary>"retry-max-interval" in milliseconds, 100..600000 and not below retry-interval: backoff cap (default 30 s).</summary>
        public int RetryMaxIntervalMs { get; set; }

        /// <summary>"retry-max-attempts": attempts per step, 1..10000, or -1 for forever (default 8).</summary>
        public int RetryMaxAttempts { get; set; }

        /// <summary>"deadline" in seconds, 1..899: the whole activation, below the 15-minute Discovery window (default 600 s).</summary>
        public int OverallDeadlineMs { get; set; }

        /// <summary>"mdns-budget" in milliseconds, 500..30000: the local-gateway probe (default 3000 ms).</summary>
        public int MdnsBudgetMs { get; set; }

        /// <summary>How long the first mDNS query is given before the remote flow starts alongside the probe, in ms
        /// (default 150: RFC 6762 §6 responders answer within 20-120 ms). The probe keeps listening for the rest of its
        /// budget; a gateway that answers before the broker data arrives still wins.</summary>
        public int MdnsHeadStartMs { get; set; }

        /// <summary>"local-gateway": look for <c>mqtt2go.local</c> before the Discovery server (default true).</summary>
        public bool LocalGateway { get; set; }

        /// <summary>"guest-wifi": when WPS is unavailable or fails and no network is stored, join the local gateway's guest
        /// network and ask it for the home network (MQTT2GO 1.1 guest-Wi-Fi variant; default true).</summary>
        public bool GuestWifi { get; set; }

        /// <summary>"access-point": when neither WPS nor a gateway's guest network gave the home network, open the device's own
        /// WPA2 access point (SSID <c>mqtt2go-</c> + device id, passphrase = the activation code) for a phone to send it.</summary>
        public bool AccessPoint { get; set; }

        /// <summary>"access-point-window" (seconds, 30-600): how long the access point waits for the phone each time it opens.</summary>
        public int AccessPointWindowMs { get; set; }

        /// <summary>"wps-timeout" in seconds, 10..300: WPS push-button wait (default 120 s, the WPS walk time).</summary>
        public int WpsTimeoutMs { get; set; }

        /// <summary>"mqtt-version": "5" (default) or "3.1.1".</summary>
        public MqttProtocol Protocol { get; set; }

        /// <summary>"keep-alive" in seconds, 10..1200 (default 60).</summary>
        public int KeepAliveSeconds { get; set; }

        /// <summary>"status-interval" in seconds, 10..86400: periodic state report (default 300).</summary>
        public int StatusIntervalSeconds { get; set; }
    }
}
