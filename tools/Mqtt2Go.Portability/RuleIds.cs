namespace Mqtt2Go.Portability;

/// <summary>Rule ids printed in reports; each names one thing nanoFramework 1.x lacks (reference/nanoframework.md §8, §14).</summary>
public static class RuleIds
{
    /// <summary>Use of a constructed generic type or generic method (List&lt;T&gt;, Func&lt;T&gt;, Array.Empty&lt;T&gt;()).</summary>
    public const string GenericUse = "generic-use";

    /// <summary>A declaration with type parameters (own generic class, method, delegate, interface, local function).</summary>
    public const string GenericDeclaration = "generic-declaration";

    /// <summary>Nullable value types (<c>int?</c>, i.e. Nullable&lt;T&gt;, a generic type).</summary>
    public const string NullableValueType = "nullable-value-type";

    /// <summary>Tuples (System.ValueTuple, generic).</summary>
    public const string Tuple = "tuple";

    /// <summary>Anonymous types (compiled to generic classes).</summary>
    public const string AnonymousType = "anonymous-type";

    /// <summary>LINQ: query syntax, System.Linq symbols or usings.</summary>
    public const string Linq = "linq";

    /// <summary>async/await (no Task type in mscorlib 1.x).</summary>
    public const string Async = "async";

    /// <summary>yield iterators (need IEnumerable&lt;T&gt;/IEnumerator&lt;T&gt; machinery).</summary>
    public const string Iterator = "iterator";

    /// <summary>The decimal type (a stub without arithmetic in CoreLibrary).</summary>
    public const string Decimal = "decimal";

    /// <summary>The dynamic type (needs Microsoft.CSharp runtime binder).</summary>
    public const string Dynamic = "dynamic";

    /// <summary>Multi-dimensional arrays (T[,]); use jagged arrays.</summary>
    public const string MultiDimensionalArray = "multidim-array";

    /// <summary>stackalloc (needs Span&lt;T&gt; or pointers).</summary>
    public const string StackAlloc = "stackalloc";

    /// <summary>unsafe code, pointers and fixed.</summary>
    public const string Unsafe = "unsafe";

    /// <summary>record types and with-expressions (need IEquatable&lt;T&gt;; CoreLibrary's record test is commented out).</summary>
    public const string Record = "record";

    /// <summary>Ranges and indices (<c>a..b</c>, <c>^1</c>: System.Range/System.Index do not exist).</summary>
    public const string RangeIndex = "range-index";

    /// <summary>init accessors (not used anywhere in nanoFramework's own libraries; treated as unverified).</summary>
    public const string InitAccessor = "init-accessor";

    /// <summary>required members (RequiredMemberAttribute does not exist).</summary>
    public const string RequiredMember = "required-member";

    /// <summary>ref struct declarations (IsByRefLikeAttribute does not exist).</summary>
    public const string RefStruct = "ref-struct";

    /// <summary>Interface members with bodies or static members (default interface methods need runtime support).</summary>
    public const string DefaultInterfaceMember = "default-interface-member";

    /// <summary>Numeric format specifiers other than D, F, G, N, X in interpolated strings.</summary>
    public const string FormatSpecifier = "format-specifier";

    /// <summary>A type or member from a referenced assembly that is not on the nanoFramework 1.x allow-list.</summary>
    public const string ApiNotAvailable = "api-not-available";

    /// <summary>A using directive for a namespace outside the allowed ones.</summary>
    public const string Namespace = "namespace";

    /// <summary>Preprocessor use other than #if NANOFRAMEWORK_1_0 / #if !NANOFRAMEWORK_1_0 / #else / #endif.</summary>
    public const string Preprocessor = "preprocessor";

    /// <summary>Test framework API outside the subset shared by nanoFramework.TestFramework 3.x and MSTest.</summary>
    public const string TestApi = "test-api";

    /// <summary>A language feature newer than the nanoFramework project system's LangVersion (9.0 by default).</summary>
    public const string LanguageVersion = "language-version";

    /// <summary>A null in the initializer of an array whose elements are not object (e.g. string[]): nanoCLR leaves such an
    /// element as a typed null that == null does not match in Debug-built code (docs/platform-differences.md §1).</summary>
    public const string NullInTypedArray = "null-in-typed-array";

    /// <summary>The code does not compile against the nanoFramework subset (unresolved names and other errors).</summary>
    public const string Compile = "compile";
}
