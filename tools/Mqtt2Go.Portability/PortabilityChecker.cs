using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mqtt2Go.Portability;

/// <summary>
/// Compiles the given sources as the nanoFramework side sees them (NANOFRAMEWORK_1_0 defined, C# 9) against the desktop
/// reference assemblies and reports everything outside the nanoFramework 1.x subset.
/// </summary>
public sealed class PortabilityChecker
{
    /// <summary>The preprocessor symbol the nanoFramework project system defines
    /// (nanoframework/nf-Visual-Studio-extension: VisualStudio.Extension-2022/Targets/NFProjectSystem.CSharp.targets).</summary>
    public const string NanoFrameworkSymbol = "NANOFRAMEWORK_1_0";

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    private readonly ApiAllowList _allowList;

    /// <summary>Creates a checker that uses the given allow-list.</summary>
    public PortabilityChecker(ApiAllowList allowList, LanguageVersion languageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp9)
    {
        _allowList = allowList;
        LanguageVersion = languageVersion;
    }

    /// <summary>
    /// C# version the sources are parsed with: 9.0 is the default LangVersion of the nanoFramework project system
    /// (nf-Visual-Studio-extension: VisualStudio.Extension-2022/Targets/NFProjectSystem.Default.props).
    /// </summary>
    public LanguageVersion LanguageVersion { get; }

    /// <summary>Creates a checker with the embedded allow-list and C# 9.</summary>
    public static PortabilityChecker CreateDefault() => new(ApiAllowList.LoadDefault());

    /// <summary>
    /// Checks files and directories (recursively, *.cs); paths in reports are shown as given. Context paths are compiled
    /// alongside only so that names resolve (e.g. a per-platform seam such as the test project's TestPlatform class);
    /// they are never checked and their own errors are ignored.
    /// </summary>
    public CheckResult CheckPaths(IEnumerable<string> paths, IEnumerable<string>? contextPaths = null)
    {
        var files = SourceCollector.Collect(paths);
        var checkedFiles = new HashSet<string>(files.Select(Path.GetFullPath), StringComparer.Ordinal);
        var context = SourceCollector.Collect(contextPaths ?? Array.Empty<string>())
            .Where(f => !checkedFiles.Contains(Path.GetFullPath(f)));
        return Check(
            files.Select(f => new SourceDocument(f, File.ReadAllText(f))),
            context.Select(f => new SourceDocument(f, File.ReadAllText(f))));
    }

    /// <summary>Checks source documents compiled together as one assembly, with optional unchecked context documents.</summary>
    public CheckResult Check(IEnumerable<SourceDocument> documents, IEnumerable<SourceDocument>? context = null)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion, DocumentationMode.None, SourceCodeKind.Regular, new[] { NanoFrameworkSymbol });
        var trees = documents.Select(d => CSharpSyntaxTree.ParseText(d.Text, parseOptions, d.Path)).ToList();
        var contextTrees = (context ?? Array.Empty<SourceDocument>()).Select(d => CSharpSyntaxTree.ParseText(d.Text, parseOptions, d.Path)).ToList();
        // Roslyn needs one language version per compilation; the stub is written in C# 7.3 so any version parses it.
        var stub = CSharpSyntaxTree.ParseText(TestFrameworkStub.Source, parseOptions, TestFrameworkStub.Path);
        var compilation = CSharpCompilation.Create(
            "Mqtt2Go.Portability.Subject",
            trees.Concat(contextTrees).Append(stub),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Disable));

        var violations = new List<Violation>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var diagnostic in tree.GetDiagnostics().Concat(model.GetDiagnostics()))
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    violations.Add(FromDiagnostic(tree.FilePath, diagnostic));
                }
            }

            DirectiveRules.Check(tree, violations);
            new NanoSubsetWalker(model, _allowList, violations).Visit(tree.GetRoot());
        }

        var distinct = violations
            .GroupBy(v => (v.Path, v.Line, v.Rule, v.Message))
            .Select(g => g.First())
            .OrderBy(v => v.Path, StringComparer.Ordinal)
            .ThenBy(v => v.Line)
            .ThenBy(v => v.Rule, StringComparer.Ordinal)
            .ToList();
        return new CheckResult(distinct, trees.Count);
    }

    private static Violation FromDiagnostic(string path, Diagnostic diagnostic)
    {
        var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        // CS8400/CS8773/CS9058 and friends: "Feature 'x' is not available in C# 9.0. Please use language version ...".
        var isLanguageVersion = message.Contains("language version", StringComparison.OrdinalIgnoreCase)
            || message.Contains("is not available in C#", StringComparison.Ordinal);
        return isLanguageVersion
            ? new Violation(path, line, RuleIds.LanguageVersion, $"{diagnostic.Id}: {message} (nanoFramework projects default to LangVersion 9.0)")
            : new Violation(path, line, RuleIds.Compile, $"{diagnostic.Id}: {message} (compiled as the nanoFramework side: {NanoFrameworkSymbol} defined)");
    }

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        // The running net10.0 runtime's own assemblies stand in for the desktop reference set; the allow-list decides what is usable.
        var tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        return tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p =>
            {
                var name = Path.GetFileName(p);
                return name.StartsWith("System.", StringComparison.Ordinal) || name == "mscorlib.dll" || name == "netstandard.dll";
            })
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    }
}
