namespace Mqtt2Go.ReferenceBroker.Hosting;

/// <summary>Where a broker listens and which process it is.</summary>
/// <param name="Host">Host (always 127.0.0.1).</param>
/// <param name="Port">mTLS port.</param>
/// <param name="Pid">Process id of the mosquitto process.</param>
/// <param name="CaFile">The PEM cafile the broker verifies client certificates with.</param>
/// <param name="LogPath">The broker's log file.</param>
/// <param name="ServicePort">The loopback listener the services log in on (password of the broker directory's <c>service.secret</c>); 0 when not known.</param>
public sealed record BrokerEndpoint(string Host, int Port, int Pid, string CaFile, string LogPath, int ServicePort = 0);
