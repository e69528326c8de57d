namespace Mqtt2Go.NanoCheck.Tests;

/// <summary>A throw-away repository folder with a solution, nanoFramework projects and sources written by a test.</summary>
internal sealed class ScratchRepo : IDisposable
{
    public ScratchRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "nanocheck-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative.Replace('\\', '/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A class-library .nfproj with the given references (assembly name, HintPath) and a packages.config.</summary>
    public string Library(string folder, string assembly, string guid, (string Name, string Hint)[] references, (string Id, string Version)[] packages, string compile = "*.cs")
    {
        var refs = string.Concat(references.Select(r =>
            $"<Reference Include=\"{r.Name}, Version=1.0.0.0, Culture=neutral, PublicKeyToken=c07d481e9758c731\"><HintPath>{r.Hint}</HintPath></Reference>"));
        Write(folder + "/packages.config", "<?xml version=\"1.0\" encoding=\"utf-8\"?><packages>"
            + string.Concat(packages.Select(p => $"<package id=\"{p.Id}\" version=\"{p.Version}\" targetFramework=\"netnano1.0\" />")) + "</packages>");
        return Write($"{folder}/{assembly}.nfproj", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Project ToolsVersion="Current" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
              <PropertyGroup>
                <ProjectGuid>{guid}</ProjectGuid>
                <OutputType>Library</OutputType>
                <AssemblyName>{assembly}</AssemblyName>
                <LangVersion>9.0</LangVersion>
              </PropertyGroup>
              <ItemGroup><Compile Include="{compile}" /></ItemGroup>
              <ItemGroup>{refs}</ItemGroup>
            </Project>
            """);
    }

    public static readonly (string, string)[] Mscorlib = [("nanoFramework.CoreLibrary", "1.17.11")];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
        }
    }
}
