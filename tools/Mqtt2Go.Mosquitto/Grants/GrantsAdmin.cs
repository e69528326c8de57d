using System.Text.Json.Nodes;
using Mqtt2Go.Mosquitto.DynSec;

namespace Mqtt2Go.Mosquitto.Grants;

/// <summary>
/// Sets, reads and deletes the topic grants of one client in the project's mosquitto plugin <c>mqtt2go_grants</c>
/// (<c>tools/mosquitto-grants</c>), over a connected admin <see cref="MosquittoClient"/>.
/// </summary>
/// <remarks>
/// The plugin holds each client's literal topics in memory and appends each change to a journal, so a change costs the
/// same whatever the number of clients; mosquitto's dynsec rewrites its whole file on every change. The admin client
/// needs a dynsec role with publishClientSend, publishClientReceive and subscribePattern on <c>$CONTROL/mqtt2go-grants/#</c>.
/// Errors come back as <see cref="DynSecException"/> (the same response format as dynsec's).
/// </remarks>
public sealed class GrantsAdmin : IDisposable
{
    /// <summary>Topic the plugin reads commands from.</summary>
    public const string CommandTopic = "$CONTROL/mqtt2go-grants/v1";

    /// <summary>Topic the plugin publishes responses to.</summary>
    public const string ResponseTopic = "$CONTROL/mqtt2go-grants/v1/response";

    /// <summary>The plugin's file name.</summary>
    public const string PluginFileName = "mqtt2go_grants.so";

    /// <summary>The environment variable that names the plugin file (overrides the search).</summary>
    public const string PluginEnvironmentVariable = "MQTT2GO_GRANTS_PLUGIN";

    private readonly DynSecAdmin _channel;

    /// <summary>Wraps a connected admin client; the response subscription is made on first use.</summary>
    public GrantsAdmin(MosquittoClient admin) => _channel = new DynSecAdmin(admin, CommandTopic, ResponseTopic);

    /// <summary>How long a command waits for its response.</summary>
    public TimeSpan Timeout
    {
        get => _channel.Timeout;
        set => _channel.Timeout = value;
    }

    /// <summary>
    /// Replaces the grants of <paramref name="client"/> (a username) with <paramref name="grants"/>: literal topics,
    /// acltype subscribeLiteral, publishClientSend or publishClientReceive. Applied live; nobody is disconnected.
    /// </summary>
    public Task SetAsync(string client, params DynSecAcl[] grants) =>
        _channel.ExecuteAsync(new JsonObject
        {
            ["command"] = "setGrants",
            ["client"] = client,
            ["grants"] = new JsonArray(grants.Select(g => (JsonNode)new JsonObject { ["acltype"] = g.AclType, ["topic"] = g.Topic }).ToArray()),
        });

    /// <summary>Removes the grants of <paramref name="client"/> and disconnects it; no error when it had none.</summary>
    public Task DeleteAsync(string client) =>
        _channel.ExecuteAsync(new JsonObject { ["command"] = "deleteGrants", ["client"] = client });

    /// <summary>The grants of <paramref name="client"/>, or null when the plugin holds none for it.</summary>
    public async Task<DynSecAcl[]?> GetAsync(string client)
    {
        var response = await _channel.ExecuteAsync(new JsonObject { ["command"] = "getGrants", ["client"] = client }).ConfigureAwait(false);
        if (response["data"]?["grants"] is not JsonArray grants)
        {
            return null;
        }

        return grants.Select(g => new DynSecAcl(g?["acltype"]?.GetValue<string>() ?? "", g?["topic"]?.GetValue<string>() ?? "")).ToArray();
    }

    /// <summary>Sends any command object and returns its response; an "error" field throws <see cref="DynSecException"/>.</summary>
    public Task<JsonObject> ExecuteAsync(JsonObject command) => _channel.ExecuteAsync(command);

    /// <summary>Stops listening for responses (the admin client itself is not disposed).</summary>
    public void Dispose() => _channel.Dispose();

    /// <summary>
    /// The plugin file: <see cref="PluginEnvironmentVariable"/>, else <c>artifacts/mosquitto-grants/mqtt2go_grants.so</c>
    /// in this program's folder or a parent (where <c>scripts/ensure-deps.sh</c> builds it), else
    /// <c>/usr/local/lib/mosquitto</c>.
    /// </summary>
    public static string FindPlugin()
    {
        var named = Environment.GetEnvironmentVariable(PluginEnvironmentVariable);
        if (!string.IsNullOrEmpty(named))
        {
            return File.Exists(named) ? Path.GetFullPath(named) : throw new FileNotFoundException($"{PluginEnvironmentVariable} names {named}, which does not exist", named);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "artifacts", "mosquitto-grants", PluginFileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var installed = Path.Combine("/usr/local/lib/mosquitto", PluginFileName);
        return File.Exists(installed)
            ? installed
            : throw new FileNotFoundException($"{PluginFileName} not found: build it with scripts/ensure-deps.sh (cmake -S tools/mosquitto-grants), or set {PluginEnvironmentVariable}");
    }
}
