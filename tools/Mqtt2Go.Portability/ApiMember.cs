namespace Mqtt2Go.Portability;

/// <summary>One member line of the allow-list: a method, constructor, property, indexer, field or event.</summary>
public sealed class ApiMember
{
    /// <summary>Creates a member entry.</summary>
    public ApiMember(char kind, string typeName, string name, IReadOnlyList<ApiParameter> parameters, string returnType, int line)
    {
        Kind = kind;
        TypeName = typeName;
        Name = name;
        Parameters = parameters;
        ReturnType = returnType;
        Line = line;
    }

    /// <summary>'M' method or constructor, 'P' property or indexer, 'F' field, 'E' event.</summary>
    public char Kind { get; }

    /// <summary>Full name of the declaring type.</summary>
    public string TypeName { get; }

    /// <summary>Member name; <c>#ctor</c> for constructors, <c>this</c> for indexers.</summary>
    public string Name { get; }

    /// <summary>Parameters of a method, constructor or indexer (empty otherwise).</summary>
    public IReadOnlyList<ApiParameter> Parameters { get; }

    /// <summary>Full return type name of a method (empty when not given).</summary>
    public string ReturnType { get; }

    /// <summary>Line in the allow-list file, for diagnostics.</summary>
    public int Line { get; }

    /// <summary>Formats the entry as a readable signature.</summary>
    public override string ToString() =>
        Kind == 'M' ? $"{TypeName}.{Name}({string.Join(", ", Parameters)})" : $"{TypeName}.{Name}";
}
