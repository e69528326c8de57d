namespace Mqtt2Go.Portability;

/// <summary>Finds the repository root and the default folders the checker guards.</summary>
public static class RepositoryLocator
{
    /// <summary>Folders checked when no path is given, relative to the repository root.</summary>
    public static readonly IReadOnlyList<string> DefaultFolders = new[]
    {
        Path.Combine("Device.Firmware", "Core"),
        Path.Combine("Device.Tests", "Shared"),
    };

    /// <summary>
    /// Compiled as unchecked context in the default run: the desktop test twin declares the per-platform seam (TestPlatform)
    /// that the shared tests call; the desktop twin compiles the same shared files against it, so its signatures are the contract.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultContext = new[]
    {
        Path.Combine("Device.Tests", "Desktop", "TestPlatform.cs"),
    };

    /// <summary>Walks up from <paramref name="start"/> to the folder holding Mqtt2Go.Device.sln or .git; null if none.</summary>
    public static string? FindRoot(string start)
    {
        var dir = new DirectoryInfo(Path.GetFullPath(start));
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mqtt2Go.Device.sln")) || Directory.Exists(Path.Combine(dir.FullName, ".git"))
                || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        return null;
    }
}
