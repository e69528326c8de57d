using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mqtt2Go.Mosquitto.DynSec;

/// <summary>Manages dynamic-security clients, roles and ACLs over a connected admin <see cref="MosquittoClient"/>.</summary>
/// <remarks>
/// Each command is published as <c>{"commands":[...]}</c> to <c>$CONTROL/dynamic-security/v1</c> with a unique
/// correlationData; the plugin echoes it in the matching entry of <c>$CONTROL/dynamic-security/v1/response</c>.
/// The admin client must be a dynsec client with the "admin" role that <c>mosquitto_ctrl dynsec init</c> creates.
/// </remarks>
public sealed class DynSecAdmin : IDisposable
{
    /// <summary>Topic the plugin reads commands from.</summary>
    public const string CommandTopic = "$CONTROL/dynamic-security/v1";

    /// <summary>Topic the plugin publishes responses to.</summary>
    public const string ResponseTopic = "$CONTROL/dynamic-security/v1/response";

    private readonly MosquittoClient _admin;
    private readonly string _commandTopic;
    private readonly string _responseTopic;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly SemaphoreSlim _subscribeGate = new(1, 1);
    private bool _subscribed;

    /// <summary>Wraps a connected admin client; the response subscription is made on first use.</summary>
    public DynSecAdmin(MosquittoClient admin)
        : this(admin, CommandTopic, ResponseTopic)
    {
    }

    /// <summary>The same command channel on another plugin's control topics (<see cref="Grants.GrantsAdmin"/>).</summary>
    internal DynSecAdmin(MosquittoClient admin, string commandTopic, string responseTopic)
    {
        ArgumentNullException.ThrowIfNull(admin);
        _admin = admin;
        _commandTopic = commandTopic;
        _responseTopic = responseTopic;
        _admin.MessageReceived += OnMessage;
    }

    /// <summary>How long a command waits for its response.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Creates a client (username = certificate CN for use_identity_as_username) with optional password and roles.</summary>
    public Task CreateClientAsync(string username, string? password, params string[] roles)
    {
        var command = new JsonObject { ["command"] = "createClient", ["username"] = username };
        if (password != null)
        {
            command["password"] = password;
        }

        command["roles"] = new JsonArray(roles.Select(r => (JsonNode)new JsonObject { ["rolename"] = r }).ToArray());
        return ExecuteAsync(command);
    }

    /// <summary>Creates a role with its ACLs.</summary>
    public Task CreateRoleAsync(string role, params DynSecAcl[] acls) =>
        ExecuteAsync(new JsonObject
        {
            ["command"] = "createRole",
            ["rolename"] = role,
            ["acls"] = new JsonArray(acls.Select(a => (JsonNode)AclJson(a)).ToArray()),
        });

    /// <summary>Replaces all ACLs of an existing role in one command.</summary>
    /// <remarks>mosquitto 2.0 rewrites its whole dynsec file after every modifying command (dynsec__config_save), so one
    /// modifyRole costs one rewrite where N addRoleACL cost N; in 2.0.11 it does not disconnect the role's clients
    /// (plugins/dynamic-security/roles.c, dynsec_roles__process_modify).</remarks>
    public Task ModifyRoleAclsAsync(string role, params DynSecAcl[] acls) =>
        ExecuteAsync(new JsonObject
        {
            ["command"] = "modifyRole",
            ["rolename"] = role,
            ["acls"] = new JsonArray(acls.Select(a => (JsonNode)AclJson(a)).ToArray()),
        });

    /// <summary>Adds one ACL to an existing role.</summary>
    public Task AddRoleAclAsync(string role, DynSecAcl acl)
    {
        JsonObject command = AclJson(acl);
        command["command"] = "addRoleACL";
        command["rolename"] = role;
        return ExecuteAsync(command);
    }

    /// <summary>Gives an existing client an existing role.</summary>
    public Task AddClientRoleAsync(string username, string role, int priority = 0) =>
        ExecuteAsync(new JsonObject { ["command"] = "addClientRole", ["username"] = username, ["rolename"] = role, ["priority"] = priority });

    /// <summary>Deletes a client; the broker disconnects it if it is connected.</summary>
    public Task DeleteClientAsync(string username) =>
        ExecuteAsync(new JsonObject { ["command"] = "deleteClient", ["username"] = username });

    /// <summary>Deletes a role.</summary>
    public Task DeleteRoleAsync(string role) =>
        ExecuteAsync(new JsonObject { ["command"] = "deleteRole", ["rolename"] = role });

    /// <summary>Disables a client: it can no longer connect and is disconnected if connected.</summary>
    public Task DisableClientAsync(string username) =>
        ExecuteAsync(new JsonObject { ["command"] = "disableClient", ["username"] = username });

    /// <summary>Enables a disabled client.</summary>
    public Task EnableClientAsync(string username) =>
        ExecuteAsync(new JsonObject { ["command"] = "enableClient", ["username"] = username });

    /// <summary>Sets the default access applied when no ACL of a client's roles matches (dynsec default: only publishClientReceive and unsubscribe allowed).</summary>
    public Task SetDefaultAclAccessAsync(bool publishClientSend, bool publishClientReceive, bool subscribe, bool unsubscribe) =>
        ExecuteAsync(new JsonObject
        {
            ["command"] = "setDefaultACLAccess",
            ["acls"] = new JsonArray(
                new JsonObject { ["acltype"] = "publishClientSend", ["allow"] = publishClientSend },
                new JsonObject { ["acltype"] = "publishClientReceive", ["allow"] = publishClientReceive },
                new JsonObject { ["acltype"] = "subscribe", ["allow"] = subscribe },
                new JsonObject { ["acltype"] = "unsubscribe", ["allow"] = unsubscribe }),
        });

    /// <summary>Sends any dynsec command (e.g. getClient) and returns its response object; an "error" field throws <see cref="DynSecException"/>.</summary>
    public async Task<JsonObject> ExecuteAsync(JsonObject command)
    {
        ArgumentNullException.ThrowIfNull(command);
        string name = command["command"]?.GetValue<string>() ?? throw new ArgumentException("command field missing", nameof(command));
        await EnsureSubscribedAsync().ConfigureAwait(false);

        string correlation = Guid.NewGuid().ToString("N");
        command["correlationData"] = correlation;
        var tcs = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlation] = tcs;
        try
        {
            byte[] body = Encoding.UTF8.GetBytes(new JsonObject { ["commands"] = new JsonArray(command) }.ToJsonString());
            int reason = await _admin.PublishAsync(_commandTopic, body, 1).ConfigureAwait(false);
            if (reason >= 0x80)
            {
                throw new DynSecException(name, $"publish to {_commandTopic} refused with reason {reason} ({Libmosquitto.ReasonString(reason)})");
            }

            Task finished = await Task.WhenAny(tcs.Task, Task.Delay(Timeout)).ConfigureAwait(false);
            if (finished != tcs.Task)
            {
                throw new TimeoutException($"{_commandTopic} {name}: no response within {Timeout.TotalSeconds:0.#} s");
            }

            JsonObject response = await tcs.Task.ConfigureAwait(false);
            if (response["error"] is JsonNode error)
            {
                throw new DynSecException(name, error.GetValue<string>());
            }

            return response;
        }
        finally
        {
            _pending.TryRemove(correlation, out _);
        }
    }

    /// <summary>Stops listening for responses (the admin client itself is not disposed).</summary>
    public void Dispose()
    {
        _admin.MessageReceived -= OnMessage;
        _subscribeGate.Dispose();
    }

    private static JsonObject AclJson(DynSecAcl acl) => new()
    {
        ["acltype"] = acl.AclType,
        ["topic"] = acl.Topic,
        ["allow"] = acl.Allow,
        ["priority"] = acl.Priority,
    };

    private async Task EnsureSubscribedAsync()
    {
        if (_subscribed)
        {
            return;
        }

        await _subscribeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_subscribed)
            {
                int[] granted = await _admin.SubscribeAsync([_responseTopic], 1).ConfigureAwait(false);
                if (granted[0] >= 0x80)
                {
                    throw new DynSecException("subscribe", $"{_responseTopic} refused with {granted[0]}: is this client an admin?");
                }

                _subscribed = true;
            }
        }
        finally
        {
            _subscribeGate.Release();
        }
    }

    private void OnMessage(MqttMessage message)
    {
        if (message.Topic != _responseTopic)
        {
            return;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(message.Payload);
        }
        catch (JsonException)
        {
            return; // not ours to judge: a malformed response cannot be correlated and times out
        }

        if (root?["responses"] is not JsonArray responses)
        {
            return;
        }

        foreach (JsonNode? item in responses)
        {
            if (item is JsonObject response
                && response["correlationData"] is JsonValue value
                && value.TryGetValue(out string? correlation)
                && _pending.TryGetValue(correlation, out TaskCompletionSource<JsonObject>? tcs))
            {
                tcs.TrySetResult((JsonObject)response.DeepClone());
            }
        }
    }
}
