namespace Mqtt2Go.Mosquitto.DynSec;

/// <summary>The dynamic security plugin answered a command with an error.</summary>
public sealed class DynSecException : Exception
{
    /// <summary>Creates the exception for <paramref name="command"/> with the plugin's error text.</summary>
    public DynSecException(string command, string error)
        : base($"dynsec {command}: {error}")
    {
        Command = command;
        Error = error;
    }

    /// <summary>The command name, e.g. "createClient".</summary>
    public string Command { get; }

    /// <summary>The plugin's error text, e.g. "Client already exists".</summary>
    public string Error { get; }
}
