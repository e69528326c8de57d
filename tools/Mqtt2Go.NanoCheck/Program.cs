namespace Mqtt2Go.NanoCheck;

/// <summary>Command line: <c>Mqtt2Go.NanoCheck [--root DIR] [--mscorlib PATH] [--emit DIR]</c>; exit 0 clean, 1 problems, 2 usage error.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string? root = null;
        string? mscorlib = null;
        string? emit = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--root" or "--mscorlib" or "--emit" && i + 1 < args.Length)
            {
                switch (args[i])
                {
                    case "--root": root = args[++i]; break;
                    case "--mscorlib": mscorlib = args[++i]; break;
                    default: emit = args[++i]; break;
                }

                continue;
            }

            Console.Error.WriteLine(args[i] is "-h" or "--help" ? "" : $"error: unexpected argument {args[i]}");
            Console.Error.WriteLine("usage: Mqtt2Go.NanoCheck [--root DIR] [--mscorlib PATH] [--emit DIR]");
            Console.Error.WriteLine("  Checks every .nfproj under DIR (default: the repository around the current folder): ProjectGuids");
            Console.Error.WriteLine("  against the .sln, HintPaths against packages.config, compiles against the real nanoFramework");
            Console.Error.WriteLine("  mscorlib.dll, and measures each assembly's MetadataProcessor string table (budget 56 KiB).");
            Console.Error.WriteLine("  --emit DIR writes each compiled assembly to DIR/<project>/<assembly>.dll.");
            return args[i] is "-h" or "--help" ? 0 : 2;
        }

        root ??= FindRoot(Environment.CurrentDirectory);
        if (root is null)
        {
            Console.Error.WriteLine("error: no --root and no Mqtt2Go.Device.sln above the current folder");
            return 2;
        }

        NanoReferences references;
        try
        {
            references = NanoReferences.Load(mscorlib);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 2;
        }

        return NanoCheckRun.Run(Path.GetFullPath(root), references, Console.Out, emit) == 0 ? 0 : 1;
    }

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mqtt2Go.Device.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
