namespace Mqtt2Go.Identity.Tests;

/// <summary>Builds the usual test setup: a temp folder with a broker working directory and a device output folder.</summary>
internal static class Fixture
{
    public const string DiscoveryHost = "127.0.0.1";

    public const int DiscoveryPort = 18883;

    public static MintOptions Options(TempFolder temp, string device = "device") => new()
    {
        OutputDirectory = temp.Sub(device),
        BrokerWorkDir = temp.Sub("broker"),
        DiscoveryHost = DiscoveryHost,
        DiscoveryPort = DiscoveryPort,
    };
}
