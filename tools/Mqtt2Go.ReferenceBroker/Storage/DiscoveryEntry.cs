namespace Mqtt2Go.ReferenceBroker.Storage;

/// <summary>A device registered at the Discovery server and waiting for GET_BROKER_DATA (MQTT2GO step 2).</summary>
/// <param name="DeviceId">The device id (CN of its factory certificate).</param>
/// <param name="ActivationCode">The key of the entry's activation topic <c>&lt;code&gt;/activation</c>: the Discovery service
/// stores <see cref="Discovery.ActivationCodeHash"/> of the code here, never the code itself.</param>
/// <param name="BrokerData">The step-7 report value as JSON text (broker address, certificate, optional login).</param>
/// <param name="CreatedAt">When the entry was registered.</param>
/// <param name="ExpiresAt">When the entry stops being served (created + 15 minutes).</param>
/// <param name="HandedOverAt">When the broker data was handed to the device, or null while pending.</param>
public sealed record DiscoveryEntry(string DeviceId, string ActivationCode, string BrokerData, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? HandedOverAt);
