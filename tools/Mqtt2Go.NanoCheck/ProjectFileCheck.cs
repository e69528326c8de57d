using System.Text.RegularExpressions;

namespace Mqtt2Go.NanoCheck;

/// <summary>Checks what Visual Studio needs to build an .nfproj of the solution: every HintPath resolves, from the project's
/// folder, into the solution-level <c>packages/</c> folder at exactly a package id and version the project's packages.config
/// restores, and the project's ProjectGuid (with braces) is the one the .sln lists for it.</summary>
public static class ProjectFileCheck
{
    private static readonly Regex SolutionProject = new(
        "^Project\\(\"\\{[^}]+\\}\"\\) = \"[^\"]*\", \"(?<path>[^\"]+)\", \"(?<guid>[^\"]+)\"", RegexOptions.Multiline);

    private static readonly Regex BracedGuid = new("^\\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}$");

    /// <summary>The problems of one project; empty when it is fine.</summary>
    /// <param name="project">The project.</param>
    /// <param name="solutionDirectory">The folder of the .sln (where packages/ is restored).</param>
    public static IReadOnlyList<string> CheckHintPaths(NfProject project, string solutionDirectory)
    {
        var problems = new List<string>();
        var packages = PackagesConfig.LoadBeside(project);
        var packagesRoot = Path.GetFullPath(Path.Combine(solutionDirectory, "packages")) + Path.DirectorySeparatorChar;
        foreach (var reference in project.References)
        {
            if (string.IsNullOrEmpty(reference.HintPath))
            {
                problems.Add($"reference {reference.AssemblyName}: no HintPath (Visual Studio cannot find it)");
                continue;
            }

            var resolved = Path.GetFullPath(Path.Combine(project.Directory, NfProject.Normalize(reference.HintPath)));
            if (!resolved.StartsWith(packagesRoot, StringComparison.Ordinal))
            {
                problems.Add($"reference {reference.AssemblyName}: HintPath {reference.HintPath} resolves to {resolved}, "
                    + $"not into the solution's packages folder {packagesRoot}");
                continue;
            }

            var segments = resolved[packagesRoot.Length..].Split(Path.DirectorySeparatorChar);
            var folder = segments[0];
            var package = packages.FirstOrDefault(p => string.Equals(p.Id + "." + p.Version, folder, StringComparison.Ordinal));
            if (package is null)
            {
                problems.Add($"reference {reference.AssemblyName}: HintPath folder packages/{folder} is no id.version of "
                    + $"{Path.Combine(Path.GetFileName(project.Directory), "packages.config")} "
                    + $"({(packages.Count == 0 ? "missing or empty" : string.Join(", ", packages.Select(p => p.Id + "." + p.Version)))})");
                continue;
            }

            if (segments.Length < 3 || segments[1] != "lib")
            {
                problems.Add($"reference {reference.AssemblyName}: HintPath {reference.HintPath} is not in the package's lib folder");
            }
        }

        return problems;
    }

    /// <summary>Problems of the projects of a solution file with their ProjectGuids; keyed by absolute project path.</summary>
    public static IReadOnlyList<string> CheckSolutionGuids(string solutionPath)
    {
        var problems = new List<string>();
        var solutionDirectory = Path.GetDirectoryName(Path.GetFullPath(solutionPath))!;
        foreach (Match match in SolutionProject.Matches(File.ReadAllText(solutionPath)))
        {
            var relative = match.Groups["path"].Value;
            if (!relative.EndsWith(".nfproj", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var path = Path.Combine(solutionDirectory, NfProject.Normalize(relative));
            if (!File.Exists(path))
            {
                problems.Add($"{relative}: listed in {Path.GetFileName(solutionPath)} but missing");
                continue;
            }

            var project = NfProject.Load(path);
            var listed = match.Groups["guid"].Value;
            if (!BracedGuid.IsMatch(project.ProjectGuid))
            {
                problems.Add($"{relative}: ProjectGuid '{project.ProjectGuid}' is not a GUID in braces");
            }
            else if (!string.Equals(project.ProjectGuid, listed, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{relative}: ProjectGuid {project.ProjectGuid} differs from {listed} in {Path.GetFileName(solutionPath)}");
            }
        }

        return problems;
    }
}
