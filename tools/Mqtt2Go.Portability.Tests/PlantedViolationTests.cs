namespace Mqtt2Go.Portability.Tests;

/// <summary>One planted violation per rule: the checker must fail with that rule id on the marked line.</summary>
[TestClass]
public sealed class PlantedViolationTests
{
    private const string MemberTemplate = """
        using System;
        using System.Text;

        namespace Sample
        {
            public class Host
            {
        MEMBERS
            }
        }
        """;

    /// <summary>Violations planted as members of a class.</summary>
    [TestMethod]
    [DataRow(RuleIds.GenericUse, "public object Items = new System.Collections.Generic.List<int>(); // <-")]
    [DataRow(RuleIds.GenericUse, "public void M() { Func<int, int> f = i => i + 1; } // <-")]
    [DataRow(RuleIds.GenericUse, "public void M() { Action<string> a = s => { }; } // <-")]
    [DataRow(RuleIds.GenericUse, "public object M() { return Array.Empty<int>(); } // <-")]
    [DataRow(RuleIds.GenericUse, "public void M(System.Collections.Generic.IEnumerable<int> e) { } // <-")]
    [DataRow(RuleIds.GenericUse, "public void M(Span<byte> s) { } // <-")]
    [DataRow(RuleIds.GenericUse, "public void M(ReadOnlySpan<char> s) { } // <-")]
    [DataRow(RuleIds.GenericUse, "public void M(Memory<byte> s) { } // <-")]
    [DataRow(RuleIds.NullInTypedArray, "public string[] A = { \"a\", null }; // <-")]
    [DataRow(RuleIds.NullInTypedArray, "public object M() { return new string[] { null }; } // <-")]
    [DataRow(RuleIds.NullInTypedArray, "public object M() { return new[] { \"a\", null }; } // <-")]
    [DataRow(RuleIds.GenericDeclaration, "public T Echo<T>(T value) { return value; } // <-")]
    [DataRow(RuleIds.GenericDeclaration, "public delegate void Handler<T>(T value); // <-")]
    [DataRow(RuleIds.GenericDeclaration, "public class Box<T> { } // <-")]
    [DataRow(RuleIds.NullableValueType, "public int? Port; // <-")]
    [DataRow(RuleIds.NullableValueType, "public object M(string s) { var n = s?.Length; return n; } // <-")]
    [DataRow(RuleIds.Tuple, "public (int, string) Pair() { return (1, \"a\"); } // <-")]
    [DataRow(RuleIds.AnonymousType, "public object M() { return new { A = 1 }; } // <-")]
    [DataRow(RuleIds.Linq, "public object M(int[] a) { return from x in a select x; } // <-")]
    [DataRow(RuleIds.Linq, "public int M(int[] a) { return System.Linq.Enumerable.Count(a); } // <-")]
    [DataRow(RuleIds.Async, "public async void M() { } // <-")]
    [DataRow(RuleIds.Async, "public object M() { return System.Threading.Tasks.Task.CompletedTask; } // <-")]
    [DataRow(RuleIds.Async, "public System.Threading.Tasks.ValueTask M() { return default; } // <-")]
    [DataRow(RuleIds.Iterator, "public System.Collections.IEnumerable M() { yield return 1; } // <-")]
    [DataRow(RuleIds.Decimal, "public decimal Price; // <-")]
    [DataRow(RuleIds.Dynamic, "public dynamic Value; // <-")]
    [DataRow(RuleIds.MultiDimensionalArray, "public int[,] Grid; // <-")]
    [DataRow(RuleIds.MultiDimensionalArray, "public object M() { return new int[2, 3]; } // <-")]
    [DataRow(RuleIds.StackAlloc, "public unsafe void M() { int* p = stackalloc int[4]; } // <-")]
    [DataRow(RuleIds.Unsafe, "public unsafe void M() { } // <-")]
    [DataRow(RuleIds.Record, "public record Point(int X, int Y); // <-")]
    [DataRow(RuleIds.RangeIndex, "public string M(string s) { return s[1..3]; } // <-")]
    [DataRow(RuleIds.RangeIndex, "public char M(string s) { return s[^1]; } // <-")]
    [DataRow(RuleIds.InitAccessor, "public string Name { get; init; } // <-")]
    [DataRow(RuleIds.FormatSpecifier, "public string M(double d) { return $\"{d:0.00}\"; } // <-")]
    [DataRow(RuleIds.FormatSpecifier, "public string M(int i) { return $\"{i:#,##0}\"; } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public string M(string[] a) { return string.Join(\",\", a); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public string M(byte[] b) { return Encoding.UTF8.GetString(b); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public void M(StringBuilder b) { b.AppendFormat(\"{0}\", 1); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public DateTime M() { return DateTime.Now; } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public DateTime M() { return DateTime.Today; } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public Array M() { return Enum.GetValues(typeof(DayOfWeek)); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public bool M() { return Enum.IsDefined(typeof(DayOfWeek), 1); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public string M() { return Console.ReadLine(); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public string[] M(string s) { return s.Split(',', StringSplitOptions.RemoveEmptyEntries); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public bool M(string s) { return s.Contains('x'); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public string M(string s) { return s.Replace(\"a\", \"b\"); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public bool M(string s) { return string.IsNullOrWhiteSpace(s); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public bool M(char c) { return char.IsDigit(c); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public int M() { return Environment.TickCount; } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public string M(byte[] b) { return Convert.ToHexString(b); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public int M() { return Random.Shared.Next(); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public int M(int v) { return Math.Clamp(v, 0, 10); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public long M(long a, long b) { return Math.Max(a, b); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public void M(byte[] b) { Array.Resize(ref b, 4); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public long M(long x) { return System.Threading.Interlocked.Read(ref x); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public object M() { return new System.IO.MemoryStream(); } // <-")]
    [DataRow(RuleIds.ApiNotAvailable, "public object M() { return typeof(Host).GetMethods(); } // <-")]
    public void Check_PlantedMemberViolation_FailsWithRule(string rule, string members)
    {
        var source = MemberTemplate.Replace("MEMBERS", members);

        AssertPlanted(source, rule);
    }

    /// <summary>Violations planted at file level (usings, directives, types, language version, test API).</summary>
    [TestMethod]
    [DataRow(RuleIds.Linq, "using System.Linq; // <-\nnamespace Sample { }")]
    [DataRow(RuleIds.Namespace, "using System.Net; // <-\nnamespace Sample { }")]
    [DataRow(RuleIds.Namespace, "using System.Collections.Generic; // <-\nnamespace Sample { }")]
    [DataRow(RuleIds.Preprocessor, "#if DEBUG // <-\n#endif\nnamespace Sample { }")]
    [DataRow(RuleIds.Preprocessor, "#define FOO // <-\nnamespace Sample { }")]
    [DataRow(RuleIds.Preprocessor, "#if NANOFRAMEWORK_1_0\n#elif NET10_0 // <-\n#endif\nnamespace Sample { }")]
    [DataRow(RuleIds.DefaultInterfaceMember, "namespace Sample { public interface I {\n void M() { } // <-\n } }")]
    [DataRow(RuleIds.RefStruct, "namespace Sample {\n public ref struct S { } // <-\n }")]
    [DataRow(RuleIds.LanguageVersion, "namespace Sample; // <-\npublic class C { }")]
    [DataRow(RuleIds.LanguageVersion, "namespace Sample { public class C {\n public string M() { return \"\"\"raw\"\"\"; } // <-\n } }")]
    [DataRow(RuleIds.RequiredMember, "namespace Sample { public class C {\n public required string Name { get; set; } // <-\n } }")]
    [DataRow(RuleIds.Compile, "namespace Sample { public class C {\n public nanoFramework.Runtime.Native.GC Gc; // <-\n } }")]
    [DataRow(RuleIds.TestApi, "using nanoFramework.TestFramework;\nnamespace Sample { [TestClass] public class T { [TestMethod] public void M() {\n Assert.ThrowsException(typeof(System.Exception), () => { }); // <-\n } } }")]
    [DataRow(RuleIds.TestApi, "using nanoFramework.TestFramework;\nnamespace Sample { [TestClass] public class T {\n [Setup] // <-\n public void S() { } } }")]
    [DataRow(RuleIds.TestApi, "using nanoFramework.TestFramework;\nnamespace Sample { [TestClass] public class T { [TestMethod] public void M() {\n Assert.Contains(\"a\", \"abc\"); // <-\n } } }")]
    [DataRow(RuleIds.Namespace, "using Microsoft.VisualStudio.TestTools.UnitTesting; // <-\nnamespace Sample { }")]
    public void Check_PlantedFileViolation_FailsWithRule(string rule, string source)
    {
        AssertPlanted(source, rule);
    }

    /// <summary>Reports use the compiler format path:line: rule: message.</summary>
    [TestMethod]
    public void Violation_ToString_UsesCompilerFormat()
    {
        var violation = new Violation("Core/A.cs", 12, RuleIds.GenericUse, "List<int>");

        Assert.AreEqual("Core/A.cs:12: generic-use: List<int>", violation.ToString());
    }

    private static void AssertPlanted(string source, string rule)
    {
        var result = CheckerRunner.Run(source);
        var line = CheckerRunner.MarkedLine(source);

        Assert.IsTrue(result.HasViolations, "planted violation not detected:\n" + source);
        Assert.IsTrue(
            result.Violations.Any(v => v.Rule == rule && v.Line == line && v.Path == "Sample.cs"),
            $"expected {rule} at line {line}; got:\n{CheckerRunner.Describe(result)}\nsource:\n{source}");
    }
}
