namespace Mqtt2Go.NanoCheck;

/// <summary>What compiling one .nfproj here gave.</summary>
public sealed class CompileOutcome
{
    /// <summary>The project.</summary>
    public required NfProject Project { get; init; }

    /// <summary>The compiled assembly, or null when it was not compiled or did not compile.</summary>
    public byte[]? Image { get; init; }

    /// <summary>Compiler errors (empty when it compiled).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>References with no assembly here (then the project is not checkable in CI; see docs/nanoclr.md).</summary>
    public IReadOnlyList<string> Unavailable { get; init; } = [];

    /// <summary>True when the project compiled.</summary>
    public bool Compiled => Image is not null;
}
