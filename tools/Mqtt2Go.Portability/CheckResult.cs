namespace Mqtt2Go.Portability;

/// <summary>Outcome of one checker run.</summary>
public sealed class CheckResult
{
    /// <summary>Creates a result from the violations found and the number of files read.</summary>
    public CheckResult(IReadOnlyList<Violation> violations, int fileCount)
    {
        Violations = violations;
        FileCount = fileCount;
    }

    /// <summary>Violations ordered by path and line.</summary>
    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>Number of source files analysed.</summary>
    public int FileCount { get; }

    /// <summary>True when at least one violation was found.</summary>
    public bool HasViolations => Violations.Count > 0;

    /// <summary>True when any violation carries the given rule id.</summary>
    public bool HasRule(string rule) => Violations.Any(v => v.Rule == rule);
}
