namespace Mqtt2Go.Mosquitto.Tests;

/// <summary>Runs a test body in its own <see cref="BrokerEnvironment"/> and prints the broker log when it fails.</summary>
internal static class BrokerTest
{
    public static async Task RunAsync(Func<BrokerEnvironment, Task> body, Action<MosquittoBrokerOptions>? configure = null, bool withAdmin = true)
    {
        BrokerEnvironment env = await BrokerEnvironment.StartAsync(configure, withAdmin);
        try
        {
            await body(env);
        }
        catch (Exception)
        {
            Console.WriteLine(env.Diagnostics());
            throw;
        }
        finally
        {
            await env.DisposeAsync();
        }
    }
}
