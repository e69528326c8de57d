using System.Text.Json.Nodes;

namespace Mqtt2Go.DeviceHost.Tests;

/// <summary>The device's <c>settings.json</c> for a test: short timeouts and backoff so runs are fast (keys as read by
/// Device.Firmware/Core/Configuration/ConfigurationLoader.cs).</summary>
public sealed class DeviceSettings
{
    /// <summary>"timeout" in seconds: one connect or one request/answer wait.</summary>
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>"retry-interval" in milliseconds: the first backoff delay.</summary>
    public int RetryIntervalMs { get; set; } = 200;

    /// <summary>"retry-max-interval" in milliseconds: the backoff cap.</summary>
    public int RetryMaxIntervalMs { get; set; } = 1000;

    /// <summary>"retry-max-attempts": attempts per phase.</summary>
    public int RetryMaxAttempts { get; set; } = 20;

    /// <summary>"deadline" in seconds: the whole activation.</summary>
    public int DeadlineSeconds { get; set; } = 60;

    /// <summary>"local-gateway": probe mDNS first (off unless mDNS is the subject: the probe costs its budget).</summary>
    public bool LocalGateway { get; set; }

    /// <summary>"mdns-budget" in milliseconds.</summary>
    public int MdnsBudgetMs { get; set; } = 1000;

    /// <summary>"mqtt-version": "5" or "3.1.1".</summary>
    public string MqttVersion { get; set; } = "5";

    /// <summary>"access-point-window" in seconds (30-600).</summary>
    public int AccessPointWindowSeconds { get; set; } = 60;

    /// <summary>The JSON text of settings.json.</summary>
    public string ToJson() => new JsonObject
    {
        ["timeout"] = TimeoutSeconds,
        ["retry-interval"] = RetryIntervalMs,
        ["retry-max-interval"] = RetryMaxIntervalMs,
        ["retry-max-attempts"] = RetryMaxAttempts,
        ["deadline"] = DeadlineSeconds,
        ["local-gateway"] = LocalGateway,
        ["mdns-budget"] = MdnsBudgetMs,
        ["mqtt-version"] = MqttVersion,
        ["access-point-window"] = AccessPointWindowSeconds,
    }.ToJsonString();
}
