namespace Mqtt2Go.Mosquitto.Client;

/// <summary>Life cycle of one native libmosquitto handle, ordered by progress.</summary>
internal enum SessionState
{
    Created,
    Connecting,
    Connected,
    Disconnecting,
    Closed,
}
