using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

// nfbuild: compiles one nanoFramework project (.nfproj) the way nanoFramework's project system does, without it:
// its Compile items (wildcards, Remove, Exists() conditions), its DefineConstants for the chosen Configuration plus
// NANOFRAMEWORK_1_0 (and DEBUG;TRACE for Debug), its LangVersion (9 when not set), no standard library, signed with its key file when SignAssembly
// is true. Every reference (Reference and ProjectReference) is looked up by assembly name in the --refs folders, so a
// project compiles against only what it lists: a reference that is not there is an error, never silently skipped.
//
//   nfbuild compile --project P.nfproj --out DIR [--refs DIR]... [--config Release|Debug] [--version 1.2.3.4]
//   nfbuild name --project P.nfproj      prints AssemblyName and the output file name
//   nfbuild closure FILE [--refs DIR]...  prints the assemblies FILE needs, transitively, dependencies first (no mscorlib)
//   nfbuild tests FILE                    prints what nanoFramework's unit-test launcher will run: one line per method of a
//                                         [TestClass], "<setup|test|cleanup> <Namespace.Class.Method> <runs>"
// Exit 0 on success, 1 on a compile error or a missing reference, 2 on a usage error.
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("compile" or "name" or "closure" or "tests"))
        {
            return Usage("expected a command: compile | name | closure | tests");
        }

        if (args[0] is "closure" or "tests")
        {
            if (args.Length < 2)
            {
                return Usage($"{args[0]} needs a file");
            }

            var dirs = new List<string>();
            for (var i = 2; i + 1 < args.Length; i += 2)
            {
                if (args[i] != "--refs")
                {
                    return Usage($"unknown option {args[i]}");
                }

                dirs.Add(args[i + 1]);
            }

            return args[0] == "closure" ? Inspect.Closure(args[1], dirs) : Inspect.Tests(args[1]);
        }

        string? project = null, output = null, version = null;
        var configuration = "Release";
        var refs = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                return Usage($"missing value after {args[i]}");
            }

            switch (args[i])
            {
                case "--project": project = args[++i]; break;
                case "--out": output = args[++i]; break;
                case "--refs": refs.Add(args[++i]); break;
                case "--config": configuration = args[++i]; break;
                case "--version": version = args[++i]; break;
                default: return Usage($"unknown option {args[i]}");
            }
        }

        if (project is null)
        {
            return Usage("--project is required");
        }

        NfProject nf;
        try
        {
            nf = NfProject.Load(project, configuration);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Xml.XmlException)
        {
            Console.Error.WriteLine($"nfbuild: {project}: {ex.Message}");
            return 1;
        }

        if (args[0] == "name")
        {
            Console.WriteLine(nf.AssemblyName + " " + nf.OutputFileName);
            return 0;
        }

        if (output is null)
        {
            return Usage("--out is required");
        }

        return Compile(nf, refs, output, version);
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine("nfbuild: " + message);
        Console.Error.WriteLine("usage: nfbuild compile --project P.nfproj --out DIR [--refs DIR]... [--config Release|Debug] [--version V]");
        Console.Error.WriteLine("       nfbuild name --project P.nfproj");
        return 2;
    }

    private static int Compile(NfProject nf, List<string> refDirs, string outDir, string? version)
    {
        var references = new List<MetadataReference>();
        var missing = new List<string>();
        var used = new List<string>();
        foreach (var name in nf.ReferenceNames)
        {
            var path = refDirs.SelectMany(d => new[] { Path.Combine(d, name + ".dll"), Path.Combine(d, name + ".exe") })
                .FirstOrDefault(File.Exists);
            if (path is null)
            {
                missing.Add(name);
                continue;
            }

            references.Add(MetadataReference.CreateFromFile(path));
            used.Add(name);
        }

        var sourcesMissing = nf.SourceFiles.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0 || sourcesMissing.Count > 0)
        {
            foreach (var m in missing)
            {
                Console.Error.WriteLine($"nfbuild: {nf.Name}: reference {m} not found in: {string.Join(", ", refDirs)}");
            }

            foreach (var s in sourcesMissing)
            {
                Console.Error.WriteLine($"nfbuild: {nf.Name}: source file missing: {s}");
            }

            return 1;
        }

        var languageVersion = LanguageVersion.CSharp9;
        if (nf.LangVersion is not null && !LanguageVersionFacts.TryParse(nf.LangVersion, out languageVersion))
        {
            Console.Error.WriteLine($"nfbuild: {nf.Name}: LangVersion '{nf.LangVersion}' is not a C# version");
            return 1;
        }

        var parse = new CSharpParseOptions(languageVersion, preprocessorSymbols: nf.DefineConstants);
        var trees = nf.SourceFiles.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToList();
        if (version is not null && !trees.Any(t => t.ToString().Contains("AssemblyVersion", StringComparison.Ordinal)))
        {
            // What Nerdbank.GitVersioning adds in nanoFramework's own build.
            trees.Add(CSharpSyntaxTree.ParseText(
                $"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]\n[assembly: System.Reflection.AssemblyFileVersion(\"{version}\")]\n",
                parse, "NfBuildVersion.g.cs"));
        }

        var options = new CSharpCompilationOptions(
            nf.IsExe ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Disable,
            optimizationLevel: nf.Optimize ? OptimizationLevel.Release : OptimizationLevel.Debug,
            allowUnsafe: nf.AllowUnsafe,
            deterministic: true);
        if (nf.KeyFile is not null)
        {
            options = options.WithCryptoKeyFile(nf.KeyFile).WithStrongNameProvider(new DesktopStrongNameProvider());
        }

        var compilation = CSharpCompilation.Create(nf.AssemblyName, trees, references, options);
        Directory.CreateDirectory(outDir);
        var target = Path.Combine(outDir, nf.OutputFileName);
        using (var stream = new MemoryStream())
        {
            var result = compilation.Emit(stream);
            foreach (var d in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Distinct())
            {
                Console.Error.WriteLine($"nfbuild: {nf.Name}: {d}");
            }

            if (!result.Success)
            {
                return 1;
            }

            File.WriteAllBytes(target, stream.ToArray());
        }

        // Read from the emitted image: the compiler synthesizes this class without declaring it as a symbol.
        var embedded = Inspect.DefinesType(target, "Microsoft.CodeAnalysis", "EmbeddedAttribute");
        Console.WriteLine($"nfbuild: {nf.Name} -> {target} ({nf.SourceFiles.Count} sources, C# {languageVersion.MapSpecifiedToEffectiveVersion().ToDisplayString()}, "
            + $"{(nf.KeyFile is null ? "unsigned" : "signed")}, defines {string.Join(";", nf.DefineConstants)}, refs {string.Join(" ", used)}"
            + $"{(embedded ? ", synthesized Microsoft.CodeAnalysis.EmbeddedAttribute" : "")})");
        return 0;
    }
}

/// <summary>Reads compiled assemblies with System.Reflection.Metadata.</summary>
internal static class Inspect
{
    public static int Closure(string file, List<string> dirs)
    {
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();

        void Visit(string path)
        {
            foreach (var name in References(path))
            {
                if (name == "mscorlib" || !seen.Add(name))
                {
                    continue;
                }

                var found = dirs.SelectMany(d => new[] { Path.Combine(d, name + ".dll"), Path.Combine(d, name + ".exe") }).FirstOrDefault(File.Exists);
                if (found is null)
                {
                    missing.Add(name);
                    continue;
                }

                Visit(found);
                order.Add(name);
            }
        }

        Visit(file);
        foreach (var m in missing)
        {
            Console.Error.WriteLine($"nfbuild: {Path.GetFileName(file)} needs {m}, not found in: {string.Join(", ", dirs)}");
        }

        foreach (var name in order)
        {
            Console.WriteLine(name);
        }

        return missing.Count == 0 ? 0 : 1;
    }

    public static int Tests(string file)
    {
        using var stream = File.OpenRead(file);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(typeHandle);
            if (!AttributeNames(md, type.GetCustomAttributes()).Contains("TestClassAttribute"))
            {
                continue;
            }

            var ns = md.GetString(type.Namespace);
            var typeName = (ns.Length > 0 ? ns + "." : "") + md.GetString(type.Name);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                var names = AttributeNames(md, method.GetCustomAttributes());
                var rows = names.Count(n => n == "DataRowAttribute");
                var kind = names.Contains("SetupAttribute") ? "setup"
                    : names.Contains("CleanupAttribute") ? "cleanup"
                    : rows > 0 || names.Contains("TestMethodAttribute") ? "test" : null;
                if (kind is not null)
                {
                    Console.WriteLine($"{kind} {typeName}.{md.GetString(method.Name)} {(kind == "test" && rows > 0 ? rows : 1)}");
                }
            }
        }

        return 0;
    }

    public static bool DefinesType(string path, string ns, string name)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return md.TypeDefinitions.Select(md.GetTypeDefinition).Any(t => md.GetString(t.Namespace) == ns && md.GetString(t.Name) == name);
    }

    private static List<string> References(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToList();
    }

    private static List<string> AttributeNames(System.Reflection.Metadata.MetadataReader md, System.Reflection.Metadata.CustomAttributeHandleCollection attributes)
    {
        var names = new List<string>();
        foreach (var handle in attributes)
        {
            var ctor = md.GetCustomAttribute(handle).Constructor;
            System.Reflection.Metadata.StringHandle name = default;
            if (ctor.Kind == System.Reflection.Metadata.HandleKind.MemberReference)
            {
                var parent = md.GetMemberReference((System.Reflection.Metadata.MemberReferenceHandle)ctor).Parent;
                if (parent.Kind == System.Reflection.Metadata.HandleKind.TypeReference)
                {
                    name = md.GetTypeReference((System.Reflection.Metadata.TypeReferenceHandle)parent).Name;
                }
                else if (parent.Kind == System.Reflection.Metadata.HandleKind.TypeDefinition)
                {
                    name = md.GetTypeDefinition((System.Reflection.Metadata.TypeDefinitionHandle)parent).Name;
                }
            }
            else if (ctor.Kind == System.Reflection.Metadata.HandleKind.MethodDefinition)
            {
                name = md.GetTypeDefinition(md.GetMethodDefinition((System.Reflection.Metadata.MethodDefinitionHandle)ctor).GetDeclaringType()).Name;
            }

            if (!name.IsNil)
            {
                names.Add(md.GetString(name));
            }
        }

        return names;
    }
}

/// <summary>The parts of an .nfproj that decide what it compiles: evaluated for one Configuration (Platform AnyCPU).</summary>
internal sealed class NfProject
{
    private static readonly XNamespace Ns = "http://schemas.microsoft.com/developer/msbuild/2003";
    private static readonly Regex Property = new(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", RegexOptions.Compiled);
    private static readonly Regex Exists = new(@"^(!)?\s*Exists\s*\(\s*'([^']*)'\s*\)?$", RegexOptions.Compiled);
    private static readonly Regex Comparison = new(@"^'([^']*)'\s*(==|!=)\s*'([^']*)'$", RegexOptions.Compiled);
    private readonly Dictionary<string, string> _properties = new(StringComparer.OrdinalIgnoreCase);

    private NfProject(string path)
    {
        FullPath = Path.GetFullPath(path);
        Folder = Path.GetDirectoryName(FullPath)!;
        Name = Path.GetFileName(FullPath);
    }

    public string FullPath { get; }

    public string Folder { get; }

    public string Name { get; }

    public string AssemblyName => Get("AssemblyName") is { Length: > 0 } n ? n : Path.GetFileNameWithoutExtension(FullPath);

    public bool IsExe => string.Equals(Get("OutputType"), "Exe", StringComparison.OrdinalIgnoreCase);

    public string OutputFileName => AssemblyName + (IsExe ? ".exe" : ".dll");

    public string? LangVersion => Get("LangVersion") is { Length: > 0 } v ? v : null;

    public bool Optimize => Get("Optimize") is { Length: > 0 } o
        ? string.Equals(o, "true", StringComparison.OrdinalIgnoreCase)
        : !string.Equals(Get("Configuration"), "Debug", StringComparison.OrdinalIgnoreCase);

    public bool AllowUnsafe => string.Equals(Get("AllowUnsafeBlocks"), "true", StringComparison.OrdinalIgnoreCase);

    public string? KeyFile { get; private set; }

    public List<string> DefineConstants { get; } = [];

    public List<string> SourceFiles { get; } = [];

    public List<string> ReferenceNames { get; } = [];

    public static NfProject Load(string path, string configuration)
    {
        var p = new NfProject(path);
        p._properties["Configuration"] = configuration;
        p._properties["Platform"] = "AnyCPU";
        p._properties["MSBuildProjectDirectory"] = p.Folder;
        var fixedProps = new HashSet<string>(["Configuration", "Platform"], StringComparer.OrdinalIgnoreCase);
        var groups = p.Walk(p.FullPath, 0).ToList();

        // Properties first, in document order (imports followed where the file exists), each under its condition.
        foreach (var (group, file) in groups.Where(g => g.Group.Name == Ns + "PropertyGroup"))
        {
            p.EnterFile(file);
            if (!p.Holds(group))
            {
                continue;
            }

            foreach (var element in group.Elements().Where(e => p.Holds(e)))
            {
                var name = element.Name.LocalName;
                if (!fixedProps.Contains(name))
                {
                    p._properties[name] = p.Expand(element.Value.Trim());
                }
            }
        }

        // nanoFramework's targets always define NANOFRAMEWORK_1_0; a Debug build also DEBUG and TRACE.
        var implied = string.Equals(configuration, "Debug", StringComparison.OrdinalIgnoreCase) ? ";NANOFRAMEWORK_1_0;DEBUG;TRACE" : ";NANOFRAMEWORK_1_0";
        foreach (var symbol in (p.Get("DefineConstants") + implied).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!p.DefineConstants.Contains(symbol))
            {
                p.DefineConstants.Add(symbol);
            }
        }

        if (string.Equals(p.Get("SignAssembly"), "true", StringComparison.OrdinalIgnoreCase) && p.Get("AssemblyOriginatorKeyFile") is { Length: > 0 } key)
        {
            p.KeyFile = Path.GetFullPath(Path.Combine(p.Folder, Normalize(key)));
        }

        var sources = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (group, file) in groups.Where(g => g.Group.Name == Ns + "ItemGroup"))
        {
            p.EnterFile(file);
            if (!p.Holds(group))
            {
                continue;
            }

            foreach (var item in group.Elements().Where(e => p.Holds(e)))
            {
                var include = item.Attribute("Include")?.Value;
                switch (item.Name.LocalName)
                {
                    case "Compile":
                        if (include is not null)
                        {
                            foreach (var f in p.Glob(include))
                            {
                                sources.Add(f);
                            }
                        }

                        if (item.Attribute("Remove")?.Value is { } remove)
                        {
                            foreach (var f in p.Glob(remove))
                            {
                                sources.Remove(f);
                            }
                        }

                        break;
                    case "Reference" when include is not null:
                        p.ReferenceNames.Add(include.Split(',')[0].Trim());
                        break;
                    case "ProjectReference" when include is not null:
                        var referenced = Path.GetFullPath(Path.Combine(p.Folder, Normalize(p.Expand(include))));
                        p.ReferenceNames.Add(Load(referenced, configuration).AssemblyName);
                        break;
                    case "EmbeddedResource" when include is not null:
                        Console.Error.WriteLine($"nfbuild: {p.Name}: warning: EmbeddedResource {include} is not compiled in");
                        break;
                }
            }
        }

        p.EnterFile(p.FullPath);
        p.SourceFiles.AddRange(sources);
        return p;
    }

    /// <summary>The PropertyGroups and ItemGroups of a project file and of the files it imports (shared projects'
    /// .projitems, for example), in document order; imports whose file does not exist (nanoFramework's project system,
    /// NuGet build files) are left out, as their Exists() conditions say.</summary>
    private IEnumerable<(XElement Group, string File)> Walk(string file, int depth)
    {
        var root = XDocument.Load(file).Root ?? throw new InvalidDataException($"{file}: empty project file");
        foreach (var element in root.Elements())
        {
            if (element.Name == Ns + "PropertyGroup" || element.Name == Ns + "ItemGroup")
            {
                yield return (element, file);
            }
            else if (element.Name == Ns + "Import" && depth < 8)
            {
                EnterFile(file);
                var target = Expand(element.Attribute("Project")?.Value ?? "");
                if (target.Length == 0 || !Holds(element))
                {
                    continue;
                }

                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Normalize(target)));
                if (File.Exists(path))
                {
                    foreach (var inner in Walk(path, depth + 1))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    private void EnterFile(string file)
    {
        _properties["MSBuildThisFileDirectory"] = Path.GetDirectoryName(Path.GetFullPath(file))! + Path.DirectorySeparatorChar;
    }

    private static string Normalize(string path) => path.Replace('\\', Path.DirectorySeparatorChar);

    private string Get(string name) => _properties.TryGetValue(name, out var v) ? v : "";

    private string Expand(string text) => Property.Replace(text, m => Get(m.Groups[1].Value));

    /// <summary>Evaluates the Condition of an element: Exists(), '..' == '..', '..' != '..', joined by and / or.</summary>
    private bool Holds(XElement element)
    {
        var condition = element.Attribute("Condition")?.Value;
        if (string.IsNullOrWhiteSpace(condition))
        {
            return true;
        }

        return Regex.Split(condition, @"\s+or\s+", RegexOptions.IgnoreCase)
            .Any(any => Regex.Split(any, @"\s+and\s+", RegexOptions.IgnoreCase).All(Term));
    }

    private bool Term(string term)
    {
        term = term.Trim().Trim('(', ')').Trim(); // Exists('...') loses its own ')' here; the pattern allows that.
        var exists = Exists.Match(term);
        if (exists.Success)
        {
            var target = Path.Combine(Folder, Normalize(Expand(exists.Groups[2].Value)));
            var found = File.Exists(target) || Directory.Exists(target);
            return exists.Groups[1].Success ? !found : found;
        }

        var comparison = Comparison.Match(term);
        if (comparison.Success)
        {
            var equal = string.Equals(Expand(comparison.Groups[1].Value).Trim(), Expand(comparison.Groups[3].Value).Trim(), StringComparison.OrdinalIgnoreCase);
            return comparison.Groups[2].Value == "==" ? equal : !equal;
        }

        Console.Error.WriteLine($"nfbuild: {Name}: warning: condition not understood, taken as true: {term}");
        return true;
    }

    private IEnumerable<string> Glob(string include)
    {
        foreach (var part in Expand(include).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pattern = Normalize(part);
            if (!pattern.Contains('*'))
            {
                yield return Path.GetFullPath(Path.Combine(Folder, pattern));
                continue;
            }

            var firstWild = pattern.IndexOf('*');
            var baseEnd = pattern.LastIndexOf(Path.DirectorySeparatorChar, firstWild);
            var baseDir = Path.GetFullPath(Path.Combine(Folder, baseEnd < 0 ? "." : pattern[..baseEnd]));
            var rest = baseEnd < 0 ? pattern : pattern[(baseEnd + 1)..];
            if (!Directory.Exists(baseDir))
            {
                continue;
            }

            var regex = new Regex("^" + Regex.Escape(rest.Replace(Path.DirectorySeparatorChar, '/'))
                .Replace(@"\*\*/", "(.*/)?").Replace(@"\*", "[^/]*") + "$");
            foreach (var file in Directory.EnumerateFiles(baseDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(baseDir, file).Replace(Path.DirectorySeparatorChar, '/');
                if (!relative.Split('/').Any(s => s is "bin" or "obj") && regex.IsMatch(relative))
                {
                    yield return file;
                }
            }
        }
    }
}
