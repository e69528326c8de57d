namespace Mqtt2Go.NanoCheck.Tests;

[TestClass]
public sealed class HintPathTests
{
    private const string Guid1 = "{11111111-2222-3333-4444-555555555555}";

    [TestMethod]
    public void HintPath_IntoTheSolutionPackagesFolder_AtThePackagesConfigVersion_IsAccepted()
    {
        using var repo = new ScratchRepo();
        var path = repo.Library("src/Lib", "Lib", Guid1, [("mscorlib", @"..\..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll")], ScratchRepo.Mscorlib);

        var problems = ProjectFileCheck.CheckHintPaths(NfProject.Load(path), repo.Root);

        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
    }

    [TestMethod]
    public void HintPath_RelativeToTheProjectFolder_IsRefused()
    {
        // The defect of Mqtt2Go.Wps.nfproj: packages\... resolves below the project, but packages restore beside the .sln.
        using var repo = new ScratchRepo();
        var path = repo.Library("src/Lib", "Lib", Guid1, [("mscorlib", @"packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll")], ScratchRepo.Mscorlib);

        var problems = ProjectFileCheck.CheckHintPaths(NfProject.Load(path), repo.Root);

        Assert.AreEqual(1, problems.Count);
        StringAssert.Contains(problems[0], "not into the solution's packages folder");
    }

    [TestMethod]
    public void HintPath_AtAnotherVersionThanPackagesConfig_IsRefused()
    {
        using var repo = new ScratchRepo();
        var path = repo.Library("src/Lib", "Lib", Guid1, [("mscorlib", @"..\..\packages\nanoFramework.CoreLibrary.1.17.10\lib\mscorlib.dll")], ScratchRepo.Mscorlib);

        var problems = ProjectFileCheck.CheckHintPaths(NfProject.Load(path), repo.Root);

        Assert.AreEqual(1, problems.Count);
        StringAssert.Contains(problems[0], "nanoFramework.CoreLibrary.1.17.10");
    }

    [TestMethod]
    public void Reference_WithoutHintPath_OrOutsideLib_IsRefused()
    {
        using var repo = new ScratchRepo();
        var path = repo.Library("src/Lib", "Lib", Guid1,
            [("mscorlib", ""), ("Other", @"..\..\packages\nanoFramework.CoreLibrary.1.17.11\mscorlib.dll")], ScratchRepo.Mscorlib);

        var problems = ProjectFileCheck.CheckHintPaths(NfProject.Load(path), repo.Root);

        Assert.AreEqual(2, problems.Count, string.Join("\n", problems));
        StringAssert.Contains(problems[0], "no HintPath");
        StringAssert.Contains(problems[1], "lib folder");
    }

    [TestMethod]
    public void SolutionGuid_WithoutBraces_OrDifferent_IsRefused()
    {
        using var repo = new ScratchRepo();
        repo.Library("a", "A", "11111111-2222-3333-4444-555555555555", [], []);
        repo.Library("b", "B", "{66666666-2222-3333-4444-555555555555}", [], []);
        repo.Library("c", "C", Guid1, [], []);
        var sln = repo.Write("X.sln", string.Concat(new[] { ("A", "a\\A.nfproj", Guid1), ("B", "b\\B.nfproj", Guid1), ("C", "c\\C.nfproj", Guid1) }
            .Select(p => $"Project(\"{{11A8DD76-328B-46DF-9F39-F559912D0360}}\") = \"{p.Item1}\", \"{p.Item2}\", \"{p.Item3}\"\nEndProject\n")));

        var problems = ProjectFileCheck.CheckSolutionGuids(sln);

        Assert.AreEqual(2, problems.Count, string.Join("\n", problems));
        StringAssert.Contains(problems[0], "not a GUID in braces");
        StringAssert.Contains(problems[1], "differs from");
    }
}
