namespace Mqtt2Go.Flash;

/// <summary>A native assembly as nanoCLR reports it: name, native version and native methods checksum.</summary>
public sealed record NativeAssembly(string Name, string Version, uint Checksum);
