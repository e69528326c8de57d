using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mqtt2Go.NanoCheck;

/// <summary>The reference assemblies a nanoFramework project compiles against here: the real <c>mscorlib.dll</c> of the
/// NuGet package nanoFramework.CoreLibrary 1.17.11 (copied beside this tool by its build), and declaration-only stubs of the
/// other nanoFramework libraries the core and the tests use (ApiStubs/, compiled against that mscorlib).</summary>
/// <remarks>A missing mscorlib member is therefore a compiler error. The stubs declare only the members of the portability
/// allow-list, so for those libraries the allow-list stays the authority.</remarks>
public sealed class NanoReferences
{
    private static readonly Regex StubHeader = new(@"^// StubAssembly: (?<name>\S+) (?<version>[0-9.]+)\s*$", RegexOptions.Multiline);
    private readonly Dictionary<string, MetadataReference> _byName;

    private NanoReferences(string mscorlibPath, Dictionary<string, MetadataReference> byName)
    {
        MscorlibPath = mscorlibPath;
        _byName = byName;
    }

    /// <summary>Path of the real nanoFramework mscorlib.dll in use.</summary>
    public string MscorlibPath { get; }

    /// <summary>Names of the assemblies available (mscorlib and the stubs).</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>Default mscorlib location: beside this tool (see Mqtt2Go.NanoCheck.csproj).</summary>
    public static string DefaultMscorlibPath => Path.Combine(AppContext.BaseDirectory, "nanoframework", "mscorlib.dll");

    /// <summary>Loads mscorlib and compiles every stub; throws when mscorlib is missing or a stub does not compile.</summary>
    public static NanoReferences Load(string? mscorlibPath = null)
    {
        mscorlibPath ??= DefaultMscorlibPath;
        if (!File.Exists(mscorlibPath))
        {
            throw new FileNotFoundException($"nanoFramework mscorlib.dll not found at {mscorlibPath} (restore nanoFramework.CoreLibrary 1.17.11)", mscorlibPath);
        }

        var mscorlib = MetadataReference.CreateFromFile(mscorlibPath);
        var byName = new Dictionary<string, MetadataReference>(StringComparer.Ordinal) { ["mscorlib"] = mscorlib };
        var assembly = typeof(NanoReferences).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Mqtt2Go.NanoCheck.ApiStubs.", StringComparison.Ordinal)).Order())
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            var text = reader.ReadToEnd();
            var header = StubHeader.Match(text);
            if (!header.Success)
            {
                throw new InvalidDataException($"{resource}: no '// StubAssembly: <name> <version>' line");
            }

            var name = header.Groups["name"].Value;
            var source = $"[assembly: System.Reflection.AssemblyVersion(\"{header.Groups["version"].Value}\")]\n" + text;
            var compilation = CSharpCompilation.Create(
                name,
                [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9), resource)],
                [mscorlib],
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            if (!result.Success)
            {
                throw new InvalidDataException($"API stub {resource} does not compile against {mscorlibPath}:\n  "
                    + string.Join("\n  ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }

            byName[name] = MetadataReference.CreateFromImage(image.ToArray());
        }

        return new NanoReferences(mscorlibPath, byName);
    }

    /// <summary>The reference for an assembly name, or null when none is available here.</summary>
    public MetadataReference? Find(string assemblyName) => _byName.GetValueOrDefault(assemblyName);
}
