using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Mqtt2Go.NanoCheck;

/// <summary>Size of the string table a .pe would get, as nanoFramework's MetadataProcessor builds it.</summary>
/// <param name="TotalBytes">All of it: each distinct string once, UTF-8 plus its NUL terminator.</param>
/// <param name="IdentifierBytes">The part from names (assembly, type, field, method, member references, attribute names).</param>
/// <param name="LiteralBytes">The part from string literals (ldstr) and attribute string arguments not already counted.</param>
/// <param name="Count">Distinct strings.</param>
public sealed record StringTableSize(int TotalBytes, int IdentifierBytes, int LiteralBytes, int Count);

/// <summary>Measures the MetadataProcessor's string table from a compiled IL assembly.</summary>
/// <remarks>After nanoframework/metadata-processor@4541b46 (v3.0.100): nanoStringTable.GetOrCreateStringId adds each
/// distinct string (ordinal) as UTF-8 + NUL and throws "String table overflow" when the offset passes 65,535; it is fed by
/// the assembly name, assembly references, type references (namespace, name), member references, type definitions
/// (namespace, name), fields, methods (nanoTypeDefinitionTable, nanoTablesContext, nanoAssemblyReferenceTable), every ldstr
/// operand (CodeWriter), and attribute string arguments, named-argument names and type arguments (nanoSignaturesTable).
/// The MetadataProcessor also keeps about 900 well-known names (".ctor", "ToString", ...) in a table of constants that costs
/// nothing, and it leaves out names it never refers to (mscorlib, the compiler's Debuggable/Assembly* attributes); this
/// meter counts them anyway, so it errs high, never low. Checked against the MetadataProcessor's own output
/// (built with the real tool chain, docs/nanoclr.md, 2026-12-03): for the Configuration test assembly this meter gives 25,673 B and the
/// .pe's string table holds 22,497 B, every string of it also in this meter's set. The test framework's Assert methods
/// take [CallerArgumentExpression] messages, so every assertion's argument text is a literal of the test assembly: that
/// is most of a test assembly's literals, and why the API stub declares the attribute too.</remarks>
public static class StringTableMeter
{
    /// <summary>The hard limit: offsets are 16-bit.</summary>
    public const int Limit = 65535;

    /// <summary>The project's budget per assembly: 56 KiB, headroom below the limit for growth.</summary>
    public const int Budget = 56 * 1024;

    /// <summary>Measures an assembly image.</summary>
    public static StringTableSize Measure(byte[] image)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        var md = pe.GetMetadataReader();
        var identifiers = new HashSet<string>(StringComparer.Ordinal) { string.Empty };
        void Name(StringHandle handle)
        {
            if (!handle.IsNil)
            {
                identifiers.Add(md.GetString(handle));
            }
        }

        Name(md.GetAssemblyDefinition().Name);
        foreach (var handle in md.AssemblyReferences)
        {
            Name(md.GetAssemblyReference(handle).Name);
        }

        foreach (var handle in md.TypeReferences)
        {
            var type = md.GetTypeReference(handle);
            Name(type.Namespace);
            Name(type.Name);
        }

        foreach (var handle in md.MemberReferences)
        {
            Name(md.GetMemberReference(handle).Name);
        }

        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            Name(type.Namespace);
            Name(type.Name);
        }

        foreach (var handle in md.FieldDefinitions)
        {
            Name(md.GetFieldDefinition(handle).Name);
        }

        foreach (var handle in md.MethodDefinitions)
        {
            Name(md.GetMethodDefinition(handle).Name);
        }

        var literals = new HashSet<string>(StringComparer.Ordinal);
        var userString = md.GetNextHandle(default(UserStringHandle));
        while (!userString.IsNil)
        {
            literals.Add(md.GetUserString(userString));
            userString = md.GetNextHandle(userString);
        }

        var provider = new AttributeTypeNames();
        foreach (var handle in md.CustomAttributes)
        {
            CustomAttributeValue<string> value;
            try
            {
                value = md.GetCustomAttribute(handle).DecodeValue(provider);
            }
            catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException or ArgumentException)
            {
                continue;
            }

            foreach (var argument in value.FixedArguments)
            {
                Argument(argument.Type, argument.Value, literals);
            }

            foreach (var argument in value.NamedArguments)
            {
                if (argument.Name is not null)
                {
                    identifiers.Add(argument.Name);
                }

                Argument(argument.Type, argument.Value, literals);
            }
        }

        literals.ExceptWith(identifiers);
        var identifierBytes = identifiers.Sum(Cost);
        var literalBytes = literals.Sum(Cost);
        return new StringTableSize(identifierBytes + literalBytes, identifierBytes, literalBytes, identifiers.Count + literals.Count);
    }

    private static int Cost(string value) => Encoding.UTF8.GetByteCount(value) + 1;

    private static void Argument(string type, object? value, HashSet<string> literals)
    {
        switch (value)
        {
            case string text:
                literals.Add(text);
                break;
            case ImmutableArray<CustomAttributeTypedArgument<string>> items:
                foreach (var item in items)
                {
                    Argument(item.Type, item.Value, literals);
                }

                break;
        }
    }

    /// <summary>Names the types of attribute arguments; enums are taken as int (their size does not matter here).</summary>
    private sealed class AttributeTypeNames : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type is "System.Type" or "Type";
    }
}
