using System.Text;

namespace Mqtt2Go.NanoCheck.Tests;

[TestClass]
public sealed class CompileAndStringTableTests
{
    private const string Guid1 = "{11111111-2222-3333-4444-555555555555}";
    private static readonly (string, string)[] MscorlibRef = [("mscorlib", @"..\..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll")];
    private static NanoReferences? _references;

    private static NanoReferences References => _references ??= NanoReferences.Load();

    [TestMethod]
    public void RealMscorlib_IsTheNanoFrameworkOne()
    {
        // nanoFramework's mscorlib has no System.Text.Encoding (it lives in nanoFramework.System.Text); desktop .NET's has.
        using var repo = new ScratchRepo();
        repo.Write("src/Lib/A.cs", "namespace N { public static class A { public static byte[] B(string s) { return System.Text.Encoding.UTF8.GetBytes(s); } } }");
        var project = NfProject.Load(repo.Library("src/Lib", "Lib", Guid1, MscorlibRef, ScratchRepo.Mscorlib));

        var outcome = new NanoCompiler(References).Compile(project);

        Assert.IsFalse(outcome.Compiled);
        Assert.IsTrue(outcome.Errors.Any(e => e.Contains("CS0234") && e.Contains("Text")), string.Join("\n", outcome.Errors));
    }

    [TestMethod]
    public void MissingMscorlibMember_IsACompilerError()
    {
        // string.Join and DateTime.Now do not exist in nanoFramework 1.17.11's mscorlib.
        using var repo = new ScratchRepo();
        repo.Write("src/Lib/A.cs", "namespace N { public static class A { public static string J(string[] s) { return string.Join(\",\", s) + System.DateTime.Now; } } }");
        var project = NfProject.Load(repo.Library("src/Lib", "Lib", Guid1, MscorlibRef, ScratchRepo.Mscorlib));

        var outcome = new NanoCompiler(References).Compile(project);

        Assert.IsFalse(outcome.Compiled);
        Assert.IsTrue(outcome.Errors.Any(e => e.Contains("Join")), string.Join("\n", outcome.Errors));
        Assert.IsTrue(outcome.Errors.Any(e => e.Contains("Now")), string.Join("\n", outcome.Errors));
    }

    [TestMethod]
    public void ReferenceWithoutAnAssemblyHere_IsReportedAsUnavailable()
    {
        using var repo = new ScratchRepo();
        repo.Write("src/Lib/A.cs", "namespace N { public class A { } }");
        var project = NfProject.Load(repo.Library("src/Lib", "Lib", Guid1,
            [.. MscorlibRef, ("nanoFramework.M2Mqtt", @"..\..\packages\nanoFramework.M2Mqtt.5.1.220\lib\nanoFramework.M2Mqtt.dll")],
            [.. ScratchRepo.Mscorlib, ("nanoFramework.M2Mqtt", "5.1.220")]));

        var outcome = new NanoCompiler(References).Compile(project);

        Assert.IsFalse(outcome.Compiled);
        CollectionAssert.AreEqual(new[] { "nanoFramework.M2Mqtt" }, outcome.Unavailable.ToArray());
    }

    [TestMethod]
    public void StringTable_CountsEachDistinctNameAndLiteralOnce_AsUtf8PlusNul()
    {
        using var repo = new ScratchRepo();
        repo.Write("src/Lib/A.cs", "namespace Ns { public class Alpha { public int Beta; public string Gamma() { return \"délta\" + Beta; } public string Again() { return \"délta\"; } } }");
        var outcome = new NanoCompiler(References).Compile(NfProject.Load(repo.Library("src/Lib", "Lib", Guid1, MscorlibRef, ScratchRepo.Mscorlib)));
        Assert.IsTrue(outcome.Compiled, string.Join("\n", outcome.Errors));

        var size = StringTableMeter.Measure(outcome.Image!);

        // "délta" once: 6 UTF-8 bytes + NUL; the identifiers include Ns, Alpha, Beta, Gamma, Again, Lib, mscorlib.
        Assert.AreEqual(7, size.LiteralBytes);
        foreach (var name in new[] { "Ns", "Alpha", "Beta", "Gamma", "Again", "Lib", "mscorlib" })
        {
            Assert.IsTrue(size.IdentifierBytes >= name.Length + 1);
        }

        Assert.AreEqual(size.IdentifierBytes + size.LiteralBytes, size.TotalBytes);
    }

    [TestMethod]
    public void AssertArgumentTexts_AreLiteralsOfTheTestAssembly()
    {
        // nanoFramework.TestFramework's messages are [CallerArgumentExpression]: the compiler stores "ready && count == 2".
        using var repo = new ScratchRepo();
        repo.Write("t/T.cs", "namespace N { public class T { public void M(bool ready, int count) { nanoFramework.TestFramework.Assert.IsTrue(ready && count == 2); } } }");
        var project = NfProject.Load(repo.Library("t", "NFUnitTest", Guid1,
            [("mscorlib", @"..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll"),
             ("nanoFramework.TestFramework", @"..\packages\nanoFramework.TestFramework.3.0.80\lib\nanoFramework.TestFramework.dll")],
            [.. ScratchRepo.Mscorlib, ("nanoFramework.TestFramework", "3.0.80")]));

        var outcome = new NanoCompiler(References).Compile(project);

        Assert.IsTrue(outcome.Compiled, string.Join("\n", outcome.Errors));
        Assert.AreEqual("ready && count == 2".Length + 1, StringTableMeter.Measure(outcome.Image!).LiteralBytes);
    }

    [TestMethod]
    public void OversizeAssembly_FailsTheCheck()
    {
        // A planted test assembly with 60 KiB of distinct literals: over the 56 KiB budget (and near the 64 KiB limit).
        using var repo = new ScratchRepo();
        var source = new StringBuilder("namespace N { public static class Big { public static int Length() { int n = 0;\n");
        for (var i = 0; i < 600; i++)
        {
            source.Append("n += \"").Append(i.ToString("D4")).Append(new string('x', 96)).Append("\".Length;\n");
        }

        repo.Write("t/Big.cs", source.Append("return n; } } }").ToString());
        repo.Library("t", "NFUnitTest", Guid1, [("mscorlib", @"..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll")], ScratchRepo.Mscorlib);
        var output = new StringWriter();

        var problems = NanoCheckRun.Run(repo.Root, References, output);

        Assert.AreEqual(1, problems, output.ToString());
        StringAssert.Contains(output.ToString(), "over budget");
    }

    [TestMethod]
    public void TheRepositorysTestAssemblies_AllCompile_AndFitTheBudget()
    {
        var root = FindRepositoryRoot();
        var tests = NanoCheckRun.FindProjects(root).Select(NfProject.Load).Where(p => p.IsTestProject).ToList();
        var compiler = new NanoCompiler(References);

        Assert.IsTrue(tests.Count >= 2, "the shared tests are split into several nanoFramework test assemblies");
        foreach (var test in tests)
        {
            var outcome = compiler.Compile(test);
            Assert.IsTrue(outcome.Compiled, test.FullPath + ":\n" + string.Join("\n", outcome.Errors.Concat(outcome.Unavailable)));
            Assert.AreEqual("NFUnitTest", test.AssemblyName, test.FullPath);
            Assert.IsTrue(StringTableMeter.Measure(outcome.Image!).TotalBytes <= StringTableMeter.Budget, test.FullPath);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mqtt2Go.Device.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("no Mqtt2Go.Device.sln above " + AppContext.BaseDirectory);
    }
}
