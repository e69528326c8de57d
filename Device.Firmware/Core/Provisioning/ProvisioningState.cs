namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>The provisioning machine's one state enum, ordered by progress so <c>state &lt; ConnectBroker</c> means "not activated yet".</summary>
    /// <remarks>Modelled on ESP-IDF wifi_provisioning's ordered state enum; see docs/state-machine.md for the transition table.</remarks>
    public enum ProvisioningState
    {
        /// <summary>Power-on or restart: resets the run's counters and deadline.</summary>
        Boot = 0,
        /// <summary>Validates the configuration and reads the three checkpoints.</summary>
        LoadConfiguration = 1,
        /// <summary>Joins the Wi-Fi network with the stored credentials.</summary>
        JoinWifi = 2,
        /// <summary>Runs WPS push-button and stores the credentials it delivers.</summary>
        AwaitWps = 3,
        /// <summary>Joins the local gateway's guest network (MQTT2GO 1.1 guest-Wi-Fi variant; passphrase = the activation code)
        /// when WPS is unavailable or failed and no stored network exists.</summary>
        JoinGuestWifi = 4,
        /// <summary>On the guest network: finds the gateway by mDNS, asks GET_WIFI_CREDENTIALS on <c>&lt;code&gt;/wifi</c> with the
        /// factory certificate, checks and stores the home network, then joins it.</summary>
        AwaitWifiCredentials = 5,
        /// <summary>Opens the device's own WPA2 access point (SSID from the device id, passphrase = the activation code) when
        /// neither WPS nor a gateway's guest network gave the home network.</summary>
        OpenAccessPoint = 6,
        /// <summary>Waits for the phone's request with the home network on the access point, checks and stores it, closes the
        /// access point and joins the home network.</summary>
        AwaitAccessPointCredentials = 7,
        /// <summary>Waits for the wall clock (SNTP) that TLS needs.</summary>
        AwaitClock = 8,
        /// <summary>Looks for a local MQTT2GO gateway with mDNS.</summary>
        ProbeLocalGateway = 9,
        /// <summary>Connects to the local gateway with the factory certificate and asks GET_CREDENTIALS.</summary>
        ConnectLocalGateway = 10,
        /// <summary>Waits for the gateway's credentials.</summary>
        AwaitCredentials = 11,
        /// <summary>Connects to the Discovery broker and asks GET_BROKER_DATA (pipelined, no SUBACK wait).</summary>
        ConnectDiscovery = 12,
        /// <summary>Waits for the broker data (MQTT2GO step 7).</summary>
        AwaitBrokerData = 13,
        /// <summary>Connects to the operational (cloud or gateway) broker with the delivered certificate.</summary>
        ConnectBroker = 14,
        /// <summary>Waits for the device topics (MQTT2GO step 12) after GET_DEVICE_TOPICS.</summary>
        AwaitTopics = 15,
        /// <summary>Subscribes to every delivered topic and announces availability.</summary>
        SubscribeTopics = 16,
        /// <summary>Provisioned and connected: serves commands.</summary>
        Operational = 17,
        /// <summary>Connection lost after activation: waits a jittered backoff, then reconnects.</summary>
        Reconnecting = 18,
        /// <summary>Terminal failure; <see cref="ProvisioningMachine.Failure"/> says why. A button press restarts.</summary>
        Failed = 19
    }
}
