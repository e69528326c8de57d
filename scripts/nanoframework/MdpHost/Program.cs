// mdp: our front end of nanoFramework's MetadataProcessor (its shared code, compiled in from a checkout; see MdpHost.csproj).
// Same options as the MetadataProcessor's console and MSBuild task, in the same order semantics:
//   mdp [-loadHints <assembly-name> <file>]... [-excludeClassByName <class>]... -parse <in.dll|exe> -compile <out.pe> <isCoreLibrary>
// Unlike the MetadataProcessor's console it exits non-zero on any error (a string table overflow included) and leaves no .pe.
using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;
using Mono.Cecil;
using nanoFramework.Tools.MetadataProcessor;
using nanoFramework.Tools.MetadataProcessor.Core;

internal static class Program
{
    private static int Main(string[] args)
    {
        var hints = new Dictionary<string, string>(StringComparer.Ordinal);
        var exclude = new List<string>();
        string input = null, output = null;
        var isCoreLibrary = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i].ToLowerInvariant();
            if (arg == "-loadhints" && i + 2 < args.Length) { hints[args[i + 1]] = args[i + 2]; i += 2; }
            else if (arg == "-excludeclassbyname" && i + 1 < args.Length) { exclude.Add(args[++i]); }
            else if (arg == "-parse" && i + 1 < args.Length) { input = args[++i]; }
            else if (arg == "-compile" && i + 2 < args.Length && bool.TryParse(args[i + 2], out isCoreLibrary)) { output = args[i + 1]; i += 2; }
            else
            {
                Console.Error.WriteLine($"mdp: unexpected argument '{args[i]}'");
                Console.Error.WriteLine("usage: mdp [-loadHints NAME FILE]... [-excludeClassByName CLASS]... -parse IN -compile OUT.pe true|false");
                return 2;
            }
        }

        if (input == null || output == null)
        {
            Console.Error.WriteLine("mdp: -parse and -compile are required");
            return 2;
        }

        try
        {
            var assembly = AssemblyDefinition.ReadAssembly(input,
                new ReaderParameters { AssemblyResolver = new LoadHintsAssemblyResolver(hints) });
            var builder = new nanoAssemblyBuilder(assembly, exclude, false, isCoreLibrary);
            var temp = output + ".tmp";
            using (var stream = File.Open(temp, FileMode.Create, FileAccess.ReadWrite))
            using (var writer = new BinaryWriter(stream))
            {
                builder.Write(nanoBinaryWriter.CreateLittleEndianBinaryWriter(writer));
            }

            File.Delete(temp);
            builder.Minimize();
            using (var stream = File.Open(temp, FileMode.Create, FileAccess.ReadWrite))
            using (var writer = new BinaryWriter(stream))
            {
                builder.Write(nanoBinaryWriter.CreateLittleEndianBinaryWriter(writer));
            }

            using (var writer = XmlWriter.Create(Path.ChangeExtension(output, "pdbx")))
            {
                builder.Write(writer);
            }

            File.Move(temp, output, true);
            Console.WriteLine($"mdp: {Path.GetFileName(input)} -> {output} ({new FileInfo(output).Length} bytes, "
                + $"string table {builder.TablesContext.StringTable.GetItems().Count} strings)");
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"mdp: MetadataProcessor error on {input}: {ex.GetType().Name}: {ex.Message}");
            File.Delete(output + ".tmp");
            File.Delete(output);
            return 1;
        }
    }
}
