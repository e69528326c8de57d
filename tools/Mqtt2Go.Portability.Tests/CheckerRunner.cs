namespace Mqtt2Go.Portability.Tests;

/// <summary>Runs the checker over inline sources; the allow-list is parsed once for all tests.</summary>
internal static class CheckerRunner
{
    private static readonly Lazy<PortabilityChecker> Checker = new(PortabilityChecker.CreateDefault);

    /// <summary>Checks one inline file.</summary>
    public static CheckResult Run(string source) => Checker.Value.Check(new[] { new SourceDocument("Sample.cs", source) });

    /// <summary>Checks several inline files compiled together.</summary>
    public static CheckResult Run(params SourceDocument[] documents) => Checker.Value.Check(documents);

    /// <summary>Checks documents with unchecked context documents.</summary>
    public static CheckResult Run(SourceDocument[] documents, SourceDocument[] context) => Checker.Value.Check(documents, context);

    /// <summary>All violations, one per line, for assertion messages.</summary>
    public static string Describe(CheckResult result) =>
        result.Violations.Count == 0 ? "(no violations)" : string.Join(Environment.NewLine, result.Violations);

    /// <summary>1-based line of the first line containing the marker "// <-".</summary>
    public static int MarkedLine(string source)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains("// <-", StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new ArgumentException("The planted source has no '// <-' marker.");
    }
}
