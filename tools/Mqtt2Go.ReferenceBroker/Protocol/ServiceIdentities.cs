namespace Mqtt2Go.ReferenceBroker.Protocol;

/// <summary>
/// The broker accounts of the reference side itself. Every one contains a '.', which the device-id rule
/// (<see cref="Identifiers.IsValid"/>, the same rule as the firmware's <c>Topics.IsValidIdentifier</c>) forbids: no factory
/// or operational certificate can be minted for one of these names, and no activation can create, delete or replace one
/// (an activation only touches the dynsec client named by a valid device id and the roles <c>device-&lt;id&gt;</c> /
/// <c>activation-&lt;id&gt;</c>).
/// </summary>
public static class ServiceIdentities
{
    /// <summary>The dynsec administrator each broker is initialised with (admin listener only).</summary>
    public const string Admin = "mqtt2go.admin";

    /// <summary>The MQTT2GO services' account on the admin listener (admin role + publish/subscribe everywhere).</summary>
    public const string Service = "mqtt2go.service";

    /// <summary>Names used by versions before the device-id and service namespaces were separated; removed at start.</summary>
    public static readonly string[] LegacyAccounts = ["admin", "mqtt2go-service"];

    /// <summary>The controller of <paramref name="homeId"/>: certificate CN, dynsec client and role.</summary>
    public static string Controller(string homeId) => "controller." + homeId;

    /// <summary>The name the controller of <paramref name="homeId"/> had before (a valid device id, so an activation could replace it).</summary>
    public static string LegacyController(string homeId) => "controller-" + homeId;

    /// <summary>True when <paramref name="name"/> lies in the service namespace (contains '.'), which no device id can.</summary>
    public static bool IsServiceName(string? name) => name is not null && name.Contains('.', StringComparison.Ordinal);
}
