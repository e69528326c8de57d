using Microsoft.Extensions.Hosting;

namespace Mqtt2Go.ReferenceBroker.Discovery;

/// <summary>A host lifetime that takes no signals: the REST server is embedded in a program (serve, the demo, tests) that
/// owns Ctrl+C / SIGTERM itself and stops the server, and the brokers, in its own order.</summary>
/// <remarks>The default console lifetime would take SIGINT and SIGTERM, stop only the REST server and let the
/// program run on.</remarks>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
