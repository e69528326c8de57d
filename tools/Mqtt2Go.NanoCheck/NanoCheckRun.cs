namespace Mqtt2Go.NanoCheck;

/// <summary>The whole check over a repository: solution GUIDs, HintPaths, the real-mscorlib compile and string tables.</summary>
public static class NanoCheckRun
{
    /// <summary>Runs every check under a repository root, writes a line per finding, and returns the number of problems.</summary>
    public static int Run(string root, NanoReferences references, TextWriter output, string? emitDirectory = null)
    {
        var problems = 0;
        void Problem(string text)
        {
            output.WriteLine("FAIL " + text);
            problems++;
        }

        foreach (var solution in Directory.EnumerateFiles(root, "*.sln"))
        {
            foreach (var problem in ProjectFileCheck.CheckSolutionGuids(solution))
            {
                Problem(problem);
            }
        }

        var projects = FindProjects(root).Select(NfProject.Load).ToList();
        var compiler = new NanoCompiler(references);
        var mustCompile = new HashSet<string>(StringComparer.Ordinal);
        foreach (var test in projects.Where(p => p.IsTestProject))
        {
            mustCompile.Add(test.FullPath);
            foreach (var referenced in test.ProjectReferences)
            {
                mustCompile.Add(referenced);
            }
        }

        foreach (var project in projects)
        {
            var name = Path.GetRelativePath(root, project.FullPath);
            foreach (var problem in ProjectFileCheck.CheckHintPaths(project, root))
            {
                Problem($"{name}: {problem}");
            }

            var outcome = compiler.Compile(project);
            if (outcome.Errors.Count > 0)
            {
                Problem($"{name}: {outcome.Errors.Count} compiler error(s) against the real nanoFramework mscorlib:");
                foreach (var error in outcome.Errors.Take(40))
                {
                    output.WriteLine("     " + error);
                }

                continue;
            }

            if (!outcome.Compiled)
            {
                var needs = string.Join(", ", outcome.Unavailable);
                if (mustCompile.Contains(project.FullPath))
                {
                    Problem($"{name}: cannot be compiled in CI, no reference assembly for {needs}");
                }
                else
                {
                    output.WriteLine($"skip {name}: not compiled in CI (needs {needs}; compiling it needs the real nanoFramework libraries: docs/nanoclr.md)");
                }

                continue;
            }

            if (emitDirectory is not null)
            {
                var target = Path.Combine(emitDirectory, Path.GetFileNameWithoutExtension(project.FullPath));
                Directory.CreateDirectory(target);
                File.WriteAllBytes(Path.Combine(target, project.AssemblyName + ".dll"), outcome.Image!);
            }

            var size = StringTableMeter.Measure(outcome.Image!);
            var line = $"{name} ({project.AssemblyName}): {project.SourceFiles.Count} files, string table {size.TotalBytes:N0} B "
                + $"({size.IdentifierBytes:N0} identifiers, {size.LiteralBytes:N0} literals; budget {StringTableMeter.Budget:N0}, limit {StringTableMeter.Limit:N0})";
            if (size.TotalBytes > StringTableMeter.Budget)
            {
                Problem(line + " over budget: split the assembly");
            }
            else
            {
                output.WriteLine("ok   " + line);
            }
        }

        output.WriteLine(problems == 0
            ? $"nanoFramework projects: OK, {projects.Count} project(s) checked"
            : $"nanoFramework projects: {problems} problem(s) in {projects.Count} project(s)");
        return problems;
    }

    /// <summary>Every .nfproj under the root, outside build output, restored packages and hidden folders.</summary>
    public static IEnumerable<string> FindProjects(string root)
    {
        return Directory.EnumerateFiles(root, "*.nfproj", SearchOption.AllDirectories)
            .Where(p => !Path.GetRelativePath(root, p).Split(Path.DirectorySeparatorChar)
                .Any(s => s is "bin" or "obj" or "packages" or "build" || s.StartsWith('.')))
            .Order(StringComparer.Ordinal);
    }
}
