namespace Mqtt2Go.Portability;

/// <summary>
/// Declarations of nanoFramework.TestFramework 3.x, so shared tests that use it resolve on the desktop compiler.
/// Signatures follow nanoframework/nanoFramework.TestFramework@d4fa55e source/TestFramework/Assert*.cs, CollectionAssert.cs and
/// source/TestFrameworkShared/*Attribute.cs; bodies are empty or throw because the stub is only analysed, never run.
/// </summary>
internal static class TestFrameworkStub
{
    /// <summary>Namespace of the nanoFramework test framework.</summary>
    public const string Namespace = "nanoFramework.TestFramework";

    /// <summary>Path given to the stub syntax tree (never reported).</summary>
    public const string Path = "<nanoFramework.TestFramework stub>";

    /// <summary>The stub source text: the same declarations NanoCheck compiles the test assemblies against
    /// (tools/Mqtt2Go.NanoCheck/ApiStubs/nanoFramework.TestFramework.cs, embedded in this assembly).</summary>
    public static readonly string Source = LoadSource();

    private static string LoadSource()
    {
        using var stream = typeof(TestFrameworkStub).Assembly.GetManifestResourceStream("Mqtt2Go.Portability.nanoFramework.TestFramework.cs")
            ?? throw new InvalidOperationException("embedded resource nanoFramework.TestFramework.cs missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Types and members of the stub that both nanoFramework.TestFramework 3.x and MSTest offer (style rule 16).</summary>
    public static readonly HashSet<string> CommonSubset = new(StringComparer.Ordinal)
    {
        "TestClassAttribute", "TestMethodAttribute", "DataRowAttribute", "Assert", "CollectionAssert",
        "Assert.AreEqual", "Assert.AreNotEqual", "Assert.IsTrue", "Assert.IsFalse", "Assert.IsNull", "Assert.IsNotNull",
        "CollectionAssert.AreEqual",
    };
}
