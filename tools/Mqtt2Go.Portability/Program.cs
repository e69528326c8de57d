using Microsoft.CodeAnalysis.CSharp;

namespace Mqtt2Go.Portability;

/// <summary>Command line: <c>Mqtt2Go.Portability [--langversion N] [dir-or-file ...]</c>; exit 0 clean, 1 violations, 2 usage error.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var paths = new List<string>();
        var context = new List<string>();
        var languageVersion = LanguageVersion.CSharp9;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "-h" or "--help")
            {
                PrintUsage(Console.Out);
                return 0;
            }

            if (args[i] == "--langversion")
            {
                if (i + 1 >= args.Length || !LanguageVersionFacts.TryParse(args[i + 1], out languageVersion))
                {
                    Console.Error.WriteLine("error: --langversion needs a C# version such as 9.0");
                    PrintUsage(Console.Error);
                    return 2;
                }

                i++;
                continue;
            }

            if (args[i] == "--context")
            {
                if (i + 1 >= args.Length)
                {
                    Console.Error.WriteLine("error: --context needs a file or directory");
                    PrintUsage(Console.Error);
                    return 2;
                }

                context.Add(args[++i]);
                continue;
            }

            if (args[i].StartsWith('-'))
            {
                Console.Error.WriteLine($"error: unknown option {args[i]}");
                PrintUsage(Console.Error);
                return 2;
            }

            paths.Add(args[i]);
        }

        if (paths.Count == 0)
        {
            var root = RepositoryLocator.FindRoot(Environment.CurrentDirectory);
            if (root is null)
            {
                Console.Error.WriteLine("error: no path given and no repository root (Mqtt2Go.Device.sln or .git) above the current directory");
                return 2;
            }

            paths.AddRange(RepositoryLocator.DefaultFolders.Select(f => Path.Combine(root, f)));
            context.AddRange(RepositoryLocator.DefaultContext.Select(f => Path.Combine(root, f)).Where(File.Exists));
        }

        CheckResult result;
        try
        {
            result = new PortabilityChecker(ApiAllowList.LoadDefault(), languageVersion).CheckPaths(paths, context);
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }

        foreach (var violation in result.Violations)
        {
            Console.WriteLine(violation);
        }

        Console.WriteLine(result.HasViolations
            ? $"nanoFramework portability: {result.Violations.Count} violation(s) in {result.FileCount} file(s)"
            : $"nanoFramework portability: OK, {result.FileCount} file(s) checked");
        return result.HasViolations ? 1 : 0;
    }

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("usage: Mqtt2Go.Portability [--langversion 9.0] [--context dir-or-file]... [dir-or-file ...]");
        writer.WriteLine("  Without paths: Device.Firmware/Core and Device.Tests/Shared under the repository root,");
        writer.WriteLine("  with Device.Tests/Desktop/TestPlatform.cs as context (compiled for name resolution, not checked).");
        writer.WriteLine("  Exit code: 0 no violation, 1 violations found, 2 usage error.");
    }
}
