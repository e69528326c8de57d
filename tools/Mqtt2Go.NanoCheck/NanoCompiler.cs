using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mqtt2Go.NanoCheck;

/// <summary>Compiles an .nfproj as nanoFramework's project system would (C# of the project's LangVersion, default 9;
/// NANOFRAMEWORK_1_0; no standard library), against only the project's own references.</summary>
public sealed class NanoCompiler
{
    private readonly NanoReferences _references;
    private readonly Dictionary<string, CompileOutcome> _done = new(StringComparer.Ordinal);

    /// <summary>Creates the compiler over a reference set.</summary>
    public NanoCompiler(NanoReferences references)
    {
        _references = references;
    }

    /// <summary>Compiles a project (and first the projects it references); results are cached by path.</summary>
    public CompileOutcome Compile(NfProject project)
    {
        if (_done.TryGetValue(project.FullPath, out var cached))
        {
            return cached;
        }

        var references = new List<MetadataReference>();
        var unavailable = new List<string>();
        foreach (var reference in project.References)
        {
            // The unit-test launcher is an executable the test adapter deploys; nothing compiles against it.
            if (reference.HintPath?.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) == true)
            {
                continue;
            }

            var found = _references.Find(reference.AssemblyName);
            if (found is null)
            {
                unavailable.Add(reference.AssemblyName);
            }
            else
            {
                references.Add(found);
            }
        }

        var errors = new List<string>();
        foreach (var path in project.ProjectReferences)
        {
            var referenced = Compile(NfProject.Load(path));
            if (referenced.Image is null)
            {
                unavailable.AddRange(referenced.Unavailable.Select(u => $"{u} (via {Path.GetFileName(path)})"));
                errors.AddRange(referenced.Errors.Select(e => $"{Path.GetFileName(path)}: {e}"));
            }
            else
            {
                references.Add(MetadataReference.CreateFromImage(referenced.Image));
            }
        }

        CompileOutcome outcome;
        if (unavailable.Count > 0 || errors.Count > 0)
        {
            outcome = new CompileOutcome { Project = project, Unavailable = unavailable, Errors = errors };
        }
        else
        {
            outcome = Emit(project, references);
        }

        _done[project.FullPath] = outcome;
        return outcome;
    }

    private static CompileOutcome Emit(NfProject project, List<MetadataReference> references)
    {
        var version = LanguageVersion.CSharp9;
        if (project.LangVersion is not null && !LanguageVersionFacts.TryParse(project.LangVersion, out version))
        {
            return new CompileOutcome { Project = project, Errors = [$"LangVersion '{project.LangVersion}' is not a C# version"] };
        }

        var parse = new CSharpParseOptions(version, preprocessorSymbols: project.DefineConstants);
        var missing = project.SourceFiles.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            return new CompileOutcome { Project = project, Errors = missing.Select(m => $"source file missing: {m}").ToList() };
        }

        var trees = project.SourceFiles.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToList();
        var options = new CSharpCompilationOptions(
            project.OutputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Disable,
            deterministic: true);
        var compilation = CSharpCompilation.Create(project.AssemblyName, trees, references, options);
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => d.ToString()).Distinct().ToList();
            return new CompileOutcome { Project = project, Errors = errors };
        }

        return new CompileOutcome { Project = project, Image = image.ToArray() };
    }
}
