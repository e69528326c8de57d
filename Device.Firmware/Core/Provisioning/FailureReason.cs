namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>Why the provisioning machine stopped in <see cref="ProvisioningState.Failed"/>.</summary>
    public enum FailureReason
    {
        /// <summary>Not failed.</summary>
        None = 0,
        /// <summary>The configuration passed in is missing or invalid.</summary>
        InvalidConfiguration = 1,
        /// <summary>Provisioning is disabled in settings.json ("enabled": false).</summary>
        Disabled = 2,
        /// <summary>The Wi-Fi network could not be joined within the retries.</summary>
        NoNetwork = 3,
        /// <summary>WPS is unavailable or failed within the retries.</summary>
        WpsFailed = 4,
        /// <summary>The wall clock was never set, so TLS cannot validate certificates.</summary>
        ClockNotSet = 5,
        /// <summary>A server certificate did not chain to the trust anchor (wrong CA).</summary>
        UntrustedServer = 6,
        /// <summary>Discovery kept refusing the device (the controller never added it).</summary>
        ActivationRefused = 7,
        /// <summary>Discovery reported the activation as expired or already used.</summary>
        ActivationExpired = 8,
        /// <summary>The server kept answering with invalid data.</summary>
        InvalidResponse = 9,
        /// <summary>The overall activation deadline passed.</summary>
        DeadlineExceeded = 10,
        /// <summary>A phase used up its retry attempts.</summary>
        RetriesExhausted = 11,
        /// <summary>The Wi-Fi network's SSID or passphrase is longer than nanoCLR can store (WifiCredentialLimits).</summary>
        UnsupportedNetwork = 12
    }
}
