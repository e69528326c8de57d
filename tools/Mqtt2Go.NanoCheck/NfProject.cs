using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Mqtt2Go.NanoCheck;

/// <summary>A reference of an .nfproj: the assembly name from <c>Include</c> and the <c>HintPath</c> as written.</summary>
/// <param name="AssemblyName">The simple assembly name (first part of <c>Include</c>).</param>
/// <param name="HintPath">The HintPath text as written in the project, or null.</param>
public sealed record NfReference(string AssemblyName, string? HintPath);

/// <summary>The parts of a legacy nanoFramework project file (.nfproj) that decide what it compiles and against what.</summary>
/// <remarks>Evaluates only what the project system would: <c>Compile</c> items with wildcards and <c>Exists()</c> conditions,
/// <c>DefineConstants</c> (nanoFramework's targets always add NANOFRAMEWORK_1_0), references with HintPaths and project
/// references. Anything conditional on other properties is taken unconditionally, which errs towards compiling more.</remarks>
public sealed class NfProject
{
    private static readonly XNamespace Ns = "http://schemas.microsoft.com/developer/msbuild/2003";
    private static readonly Regex ExistsCondition = new(@"^\s*!?\s*Exists\('([^']*)'\)\s*$", RegexOptions.Compiled);

    private NfProject(string path)
    {
        FullPath = Path.GetFullPath(path);
        Directory = Path.GetDirectoryName(FullPath)!;
    }

    /// <summary>Absolute path of the .nfproj.</summary>
    public string FullPath { get; }

    /// <summary>The project's folder.</summary>
    public string Directory { get; }

    /// <summary>AssemblyName (NFUnitTest for test projects).</summary>
    public string AssemblyName { get; private set; } = "";

    /// <summary>ProjectGuid as written (with braces when well formed).</summary>
    public string ProjectGuid { get; private set; } = "";

    /// <summary>OutputType (Library or Exe).</summary>
    public string OutputType { get; private set; } = "Library";

    /// <summary>True for a unit-test project (IsTestProject).</summary>
    public bool IsTestProject { get; private set; }

    /// <summary>LangVersion as written, or null.</summary>
    public string? LangVersion { get; private set; }

    /// <summary>Preprocessor symbols, NANOFRAMEWORK_1_0 included.</summary>
    public IReadOnlyList<string> DefineConstants { get; private set; } = [];

    /// <summary>Absolute paths of the source files the project compiles, sorted.</summary>
    public IReadOnlyList<string> SourceFiles { get; private set; } = [];

    /// <summary>Assembly references.</summary>
    public IReadOnlyList<NfReference> References { get; private set; } = [];

    /// <summary>Absolute paths of referenced projects.</summary>
    public IReadOnlyList<string> ProjectReferences { get; private set; } = [];

    /// <summary>Reads and evaluates a project file.</summary>
    public static NfProject Load(string path)
    {
        var project = new NfProject(path);
        var document = XDocument.Load(project.FullPath);
        var root = document.Root ?? throw new InvalidDataException($"{path}: empty project file");
        string? Property(string name) => root.Descendants(Ns + name).Select(e => e.Value.Trim()).LastOrDefault(v => v.Length > 0);

        project.AssemblyName = Property("AssemblyName") ?? Path.GetFileNameWithoutExtension(path);
        project.ProjectGuid = Property("ProjectGuid") ?? "";
        project.OutputType = Property("OutputType") ?? "Library";
        project.IsTestProject = string.Equals(Property("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase);
        project.LangVersion = Property("LangVersion");

        var defines = new List<string> { "NANOFRAMEWORK_1_0" };
        foreach (var element in root.Descendants(Ns + "DefineConstants"))
        {
            if (!project.ConditionHolds(element.Attribute("Condition")?.Value) || !project.ConditionHolds(element.Parent?.Attribute("Condition")?.Value))
            {
                continue;
            }

            foreach (var symbol in element.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!symbol.StartsWith("$(", StringComparison.Ordinal) && !defines.Contains(symbol))
                {
                    defines.Add(symbol);
                }
            }
        }

        project.DefineConstants = defines;

        var sources = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in root.Descendants(Ns + "Compile"))
        {
            if (!project.ConditionHolds(item.Attribute("Condition")?.Value))
            {
                continue;
            }

            var include = item.Attribute("Include")?.Value;
            if (include is not null)
            {
                foreach (var file in project.Expand(include))
                {
                    sources.Add(file);
                }
            }

            var remove = item.Attribute("Remove")?.Value;
            if (remove is not null)
            {
                foreach (var file in project.Expand(remove))
                {
                    sources.Remove(file);
                }
            }
        }

        project.SourceFiles = sources.ToList();
        project.References = root.Descendants(Ns + "Reference")
            .Select(r => new NfReference(
                (r.Attribute("Include")?.Value ?? "").Split(',')[0].Trim(),
                r.Element(Ns + "HintPath")?.Value.Trim()))
            .ToList();
        project.ProjectReferences = root.Descendants(Ns + "ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(project.Directory, Normalize(r.Attribute("Include")?.Value ?? ""))))
            .ToList();
        return project;
    }

    /// <summary>Turns a Windows-style relative path of a project file into this platform's form.</summary>
    public static string Normalize(string path) => path.Replace('\\', Path.DirectorySeparatorChar);

    private bool ConditionHolds(string? condition)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return true;
        }

        var match = ExistsCondition.Match(condition);
        if (!match.Success)
        {
            return true;
        }

        var target = Path.Combine(Directory, Normalize(match.Groups[1].Value));
        var exists = File.Exists(target) || System.IO.Directory.Exists(target);
        return condition.TrimStart().StartsWith('!') ? !exists : exists;
    }

    private IEnumerable<string> Expand(string include)
    {
        foreach (var part in include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pattern = Normalize(part);
            if (!pattern.Contains('*'))
            {
                yield return Path.GetFullPath(Path.Combine(Directory, pattern));
                continue;
            }

            // MSBuild wildcards: '**' spans folders, '*' stays within one name.
            var firstWild = pattern.IndexOf('*');
            var baseEnd = pattern.LastIndexOf(Path.DirectorySeparatorChar, firstWild);
            var baseDir = Path.GetFullPath(Path.Combine(Directory, baseEnd < 0 ? "." : pattern[..baseEnd]));
            var rest = baseEnd < 0 ? pattern : pattern[(baseEnd + 1)..];
            if (!System.IO.Directory.Exists(baseDir))
            {
                continue;
            }

            var regex = new Regex("^" + Regex.Escape(rest.Replace(Path.DirectorySeparatorChar, '/'))
                .Replace(@"\*\*/", "(.*/)?").Replace(@"\*", "[^/]*") + "$");
            foreach (var file in System.IO.Directory.EnumerateFiles(baseDir, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(baseDir, file).Replace(Path.DirectorySeparatorChar, '/');
                if (relative.Split('/').Any(s => s is "bin" or "obj"))
                {
                    continue;
                }

                if (regex.IsMatch(relative))
                {
                    yield return file;
                }
            }
        }
    }
}
