namespace Mqtt2Go.Portability;

/// <summary>Expands command-line paths into the C# files to check.</summary>
public static class SourceCollector
{
    /// <summary>
    /// Returns every *.cs file under the given directories (recursively, skipping bin/ and obj/) plus the given files,
    /// sorted and without duplicates; throws <see cref="FileNotFoundException"/> for a path that does not exist.
    /// </summary>
    public static IReadOnlyList<string> Collect(IEnumerable<string> paths)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories))
                {
                    if (!IsBuildOutput(Path.GetRelativePath(path, file)))
                    {
                        files.Add(file);
                    }
                }
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"No such file or directory: {path}", path);
            }
        }

        return files.ToList();
    }

    private static bool IsBuildOutput(string relativePath)
    {
        var parts = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts.Any(p => p.Equals("bin", StringComparison.OrdinalIgnoreCase) || p.Equals("obj", StringComparison.OrdinalIgnoreCase));
    }
}
