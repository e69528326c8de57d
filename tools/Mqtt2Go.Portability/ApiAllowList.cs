using System.Reflection;

namespace Mqtt2Go.Portability;

/// <summary>The nanoFramework 1.x types and members that the portable code may use (nanoframework-1x-api.txt).</summary>
public sealed class ApiAllowList
{
    private const string ResourceName = "Mqtt2Go.Portability.nanoframework-1x-api.txt";

    private readonly HashSet<string> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ApiMember>> _members = new(StringComparer.Ordinal);

    /// <summary>Number of allowed types.</summary>
    public int TypeCount => _types.Count;

    /// <summary>Number of allowed members (all overloads counted).</summary>
    public int MemberCount => _members.Values.Sum(list => list.Count);

    /// <summary>Loads the allow-list embedded in this assembly.</summary>
    public static ApiAllowList LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Parses allow-list text; throws <see cref="FormatException"/> with the line number on a malformed line.</summary>
    public static ApiAllowList Parse(string text)
    {
        var list = new ApiAllowList();
        var lines = text.Split('\n');
        string? currentType = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = CommentStart(line);
            if (hash >= 0)
            {
                line = line.Substring(0, hash);
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 3 || line[1] != ' ')
            {
                throw new FormatException($"Allow-list line {i + 1}: expected '<kind> <entry>'.");
            }

            var kind = line[0];
            var entry = line.Substring(2).Trim();
            if (kind == 'T')
            {
                list._types.Add(entry);
                currentType = entry;
                continue;
            }

            if (kind != 'M' && kind != 'P' && kind != 'F' && kind != 'E')
            {
                throw new FormatException($"Allow-list line {i + 1}: unknown kind '{kind}'.");
            }

            var member = ParseMember(kind, entry, i + 1);
            if (currentType is null || !string.Equals(member.TypeName, currentType, StringComparison.Ordinal))
            {
                throw new FormatException($"Allow-list line {i + 1}: member of {member.TypeName} listed outside its type block.");
            }

            var key = member.TypeName + "::" + member.Name;
            if (!list._members.TryGetValue(key, out var overloads))
            {
                overloads = new List<ApiMember>();
                list._members.Add(key, overloads);
            }

            overloads.Add(member);
        }

        return list;
    }

    /// <summary>True when the type (full name, e.g. <c>System.Collections.Hashtable</c>) is on the list.</summary>
    public bool IsTypeAllowed(string fullTypeName) => _types.Contains(fullTypeName);

    /// <summary>All allowed overloads of a member (<c>#ctor</c> for constructors, <c>this</c> for indexers).</summary>
    public IReadOnlyList<ApiMember> GetMembers(string fullTypeName, string memberName) =>
        _members.TryGetValue(fullTypeName + "::" + memberName, out var list) ? list : Array.Empty<ApiMember>();

    // A comment starts at a '#' at the start of the line or after white space; "#ctor" follows a dot.
    private static int CommentStart(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return i;
            }
        }

        return -1;
    }

    private static ApiMember ParseMember(char kind, string entry, int line)
    {
        var returnType = string.Empty;
        var colon = entry.LastIndexOf(" : ", StringComparison.Ordinal);
        if (colon >= 0)
        {
            returnType = entry.Substring(colon + 3).Trim();
            entry = entry.Substring(0, colon).Trim();
        }

        var parameters = new List<ApiParameter>();
        var head = entry;
        var open = entry.IndexOf('(');
        var bracket = entry.IndexOf(".this[", StringComparison.Ordinal);
        if (kind == 'P' && bracket >= 0)
        {
            head = entry.Substring(0, bracket) + ".this";
            parameters.AddRange(SplitParameters(entry.Substring(bracket + 6, entry.Length - bracket - 7)));
        }
        else if (open >= 0)
        {
            if (!entry.EndsWith(')'))
            {
                throw new FormatException($"Allow-list line {line}: unbalanced parentheses.");
            }

            head = entry.Substring(0, open);
            parameters.AddRange(SplitParameters(entry.Substring(open + 1, entry.Length - open - 2)));
        }

        var dot = head.LastIndexOf('.');
        if (dot <= 0)
        {
            throw new FormatException($"Allow-list line {line}: expected <type>.<member>.");
        }

        return new ApiMember(kind, head.Substring(0, dot), head.Substring(dot + 1), parameters, returnType, line);
    }

    private static IEnumerable<ApiParameter> SplitParameters(string text) =>
        text.Trim().Length == 0
            ? Array.Empty<ApiParameter>()
            : text.Split(',').Select(ApiParameter.Parse);
}
