namespace Mqtt2Go.Portability;

/// <summary>One parameter of an allow-listed nanoFramework method.</summary>
public sealed class ApiParameter
{
    /// <summary>Creates a parameter from its full type name and modifiers.</summary>
    public ApiParameter(string typeName, string refKind, bool isParams, bool isOptional)
    {
        TypeName = typeName;
        RefKind = refKind;
        IsParams = isParams;
        IsOptional = isOptional;
    }

    /// <summary>Full type name, e.g. <c>System.Char[]</c>.</summary>
    public string TypeName { get; }

    /// <summary>"out", "ref" or an empty string.</summary>
    public string RefKind { get; }

    /// <summary>True for a <c>params</c> array.</summary>
    public bool IsParams { get; }

    /// <summary>True when the parameter has a default value.</summary>
    public bool IsOptional { get; }

    /// <summary>Parses one parameter as written in the allow-list (<c>params System.Char[]</c>, <c>out System.Int32</c>, <c>System.Char=</c>).</summary>
    public static ApiParameter Parse(string text)
    {
        var rest = text.Trim();
        var isParams = false;
        var refKind = string.Empty;
        if (rest.StartsWith("params ", StringComparison.Ordinal))
        {
            isParams = true;
            rest = rest.Substring(7).Trim();
        }

        if (rest.StartsWith("out ", StringComparison.Ordinal) || rest.StartsWith("ref ", StringComparison.Ordinal))
        {
            refKind = rest.Substring(0, 3);
            rest = rest.Substring(4).Trim();
        }

        var isOptional = rest.EndsWith('=');
        if (isOptional)
        {
            rest = rest.Substring(0, rest.Length - 1);
        }

        return new ApiParameter(rest, refKind, isParams, isOptional);
    }

    /// <summary>Formats the parameter the way it is written in the allow-list.</summary>
    public override string ToString() =>
        (IsParams ? "params " : string.Empty) + (RefKind.Length > 0 ? RefKind + " " : string.Empty) + TypeName + (IsOptional ? "=" : string.Empty);
}
