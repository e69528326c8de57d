using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mqtt2Go.ReferenceBroker.Hosting;

/// <summary>The content of <c>reference-broker.json</c>: what runs where, for the controller and the device host.</summary>
public sealed class ReferenceBrokerEndpoints
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The Discovery broker (cafile = manufacturer CA).</summary>
    public BrokerEndpoint DiscoveryBroker { get; set; } = null!;

    /// <summary>URL of <c>POST /activate_device</c> (client certificate from the service CA required).</summary>
    public string DiscoveryRest { get; set; } = "";

    /// <summary>The cloud broker (cafile = operational + service CA).</summary>
    public BrokerEndpoint CloudBroker { get; set; } = null!;

    /// <summary>The local gateway broker (cafile = manufacturer + operational CA), null when not started.</summary>
    public BrokerEndpoint? GatewayBroker { get; set; }

    /// <summary>UDP port of the loopback mDNS responder, null when the gateway is not started.</summary>
    public int? MdnsPort { get; set; }

    /// <summary>PEM of the service CA: the trust anchor devices and the controller verify servers with.</summary>
    public string ServiceCa { get; set; } = "";

    /// <summary>DER of the service CA (what the firmware stores).</summary>
    public string ServiceCaDer { get; set; } = "";

    /// <summary>PEM of the manufacturer CA (signs factory certificates).</summary>
    public string ManufacturerCa { get; set; } = "";

    /// <summary>PEM of the operational CA (signs operational certificates).</summary>
    public string OperationalCa { get; set; } = "";

    /// <summary>The cloud controller's certificate (service CA, CN controller-&lt;home&gt;).</summary>
    public ClientCredentialPaths Controller { get; set; } = null!;

    /// <summary>The local controller's certificate for the gateway broker (operational CA), null without gateway.</summary>
    public ClientCredentialPaths? GatewayController { get; set; }

    /// <summary>The controller's home id.</summary>
    public string HomeId { get; set; } = "";

    /// <summary>The SQLite database (or "postgresql").</summary>
    public string Database { get; set; } = "";

    /// <summary>Serialises to indented snake_case JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a <c>reference-broker.json</c> file.</summary>
    public static ReferenceBrokerEndpoints Load(string path) =>
        JsonSerializer.Deserialize<ReferenceBrokerEndpoints>(File.ReadAllText(path), JsonOptions) ?? throw new InvalidDataException(path + " is empty");
}
