using System.Xml.Linq;

namespace Mqtt2Go.NanoCheck;

/// <summary>One package of a packages.config.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">Exact version.</param>
public sealed record PackageEntry(string Id, string Version);

/// <summary>A legacy packages.config (what a nanoFramework project restores into the solution's packages/ folder).</summary>
public static class PackagesConfig
{
    /// <summary>Reads the packages.config beside a project; an empty list when there is none.</summary>
    public static IReadOnlyList<PackageEntry> LoadBeside(NfProject project)
    {
        var path = Path.Combine(project.Directory, "packages.config");
        if (!File.Exists(path))
        {
            return [];
        }

        return XDocument.Load(path).Descendants("package")
            .Select(p => new PackageEntry(p.Attribute("id")?.Value ?? "", p.Attribute("version")?.Value ?? ""))
            .ToList();
    }
}
