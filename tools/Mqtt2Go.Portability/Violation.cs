namespace Mqtt2Go.Portability;

/// <summary>One place where a source file steps outside the nanoFramework 1.x subset.</summary>
public sealed class Violation
{
    /// <summary>Creates a violation for a file, a 1-based line, a rule id and a reason.</summary>
    public Violation(string path, int line, string rule, string message)
    {
        Path = path;
        Line = line;
        Rule = rule;
        Message = message;
    }

    /// <summary>Path of the offending file as it was given to the checker.</summary>
    public string Path { get; }

    /// <summary>1-based line number of the offending code.</summary>
    public int Line { get; }

    /// <summary>Rule id, one of the constants in <see cref="RuleIds"/>.</summary>
    public string Rule { get; }

    /// <summary>Human-readable reason, naming the construct and what to use instead.</summary>
    public string Message { get; }

    /// <summary>Formats the violation as <c>path:line: rule: message</c>, the format compilers use.</summary>
    public override string ToString() => $"{Path}:{Line}: {Rule}: {Message}";
}
