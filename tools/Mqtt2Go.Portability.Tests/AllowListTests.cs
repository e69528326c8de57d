namespace Mqtt2Go.Portability.Tests;

/// <summary>The data file parses and holds the facts read from the nanoFramework sources.</summary>
[TestClass]
public sealed class AllowListTests
{
    /// <summary>The embedded list loads and has a plausible size.</summary>
    [TestMethod]
    public void LoadDefault_EmbeddedFile_HasTypesAndMembers()
    {
        var list = ApiAllowList.LoadDefault();

        Assert.IsTrue(list.TypeCount > 100, $"types: {list.TypeCount}");
        Assert.IsTrue(list.MemberCount > 800, $"members: {list.MemberCount}");
    }

    /// <summary>Spot checks against CoreLibrary/System.Text/System.Collections sources.</summary>
    [TestMethod]
    [DataRow("System.String", "Split", 2)]
    [DataRow("System.String", "Contains", 1)]
    [DataRow("System.String", "Join", 0)]
    [DataRow("System.String", "Replace", 0)]
    [DataRow("System.Text.Encoding", "GetString", 1)]
    [DataRow("System.Collections.Hashtable", "#ctor", 3)]
    [DataRow("System.Threading.Thread", "Sleep", 2)]
    [DataRow("System.DateTime", "Now", 0)]
    [DataRow("System.DateTime", "UtcNow", 1)]
    public void GetMembers_KnownMember_HasExpectedOverloadCount(string type, string member, int expected)
    {
        var list = ApiAllowList.LoadDefault();

        Assert.AreEqual(expected, list.GetMembers(type, member).Count);
    }

    /// <summary>Generic and excluded types are absent.</summary>
    [TestMethod]
    [DataRow("System.Collections.Generic.List<T>")]
    [DataRow("System.Decimal")]
    [DataRow("System.Linq.Enumerable")]
    [DataRow("System.Reflection.MethodInfo")]
    public void IsTypeAllowed_ExcludedType_False(string type)
    {
        Assert.IsFalse(ApiAllowList.LoadDefault().IsTypeAllowed(type));
    }

    /// <summary>Entries parse with params/out/optional modifiers; '#ctor' is not mistaken for a comment.</summary>
    [TestMethod]
    public void Parse_MemberLines_ReadsModifiers()
    {
        var list = ApiAllowList.Parse("T A.B  # cite\nM A.B.#ctor(System.Int32=)  # c\nM A.B.F(params System.Char[],out System.Int32) : System.Void\nP A.B.this[System.Int32]\n");

        var ctor = list.GetMembers("A.B", "#ctor").Single();
        var method = list.GetMembers("A.B", "F").Single();
        Assert.IsTrue(ctor.Parameters[0].IsOptional);
        Assert.IsTrue(method.Parameters[0].IsParams);
        Assert.AreEqual("out", method.Parameters[1].RefKind);
        Assert.AreEqual("System.Void", method.ReturnType);
        Assert.AreEqual(1, list.GetMembers("A.B", "this").Count);
    }

    /// <summary>A member outside its type block is a format error, so a typo cannot silently allow nothing.</summary>
    [TestMethod]
    public void Parse_MemberOutsideTypeBlock_Throws()
    {
        Assert.ThrowsException<FormatException>(() => ApiAllowList.Parse("T A.B\nM A.C.F()\n"));
    }
}
