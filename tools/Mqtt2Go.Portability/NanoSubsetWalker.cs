using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mqtt2Go.Portability;

/// <summary>Walks one syntax tree with its semantic model and records every use of something nanoFramework 1.x lacks.</summary>
internal sealed class NanoSubsetWalker : CSharpSyntaxWalker
{
    // Namespaces a using directive may import (besides the project's own): mscorlib, System.Collections, System.Text,
    // System.Threading and Debug; reference/nanoframework.md §8.
    private static readonly HashSet<string> AllowedNamespaces = new(StringComparer.Ordinal)
    {
        "System", "System.Collections", "System.Text", "System.Threading", "System.Diagnostics",
        "System.Diagnostics.CodeAnalysis", "System.Runtime.CompilerServices", "System.IO", TestFrameworkStub.Namespace,
    };

    // Standard numeric formats nanoFramework implements (github.io simplifications-and-trade-offs.md; reference §8).
    private static readonly Regex NumericFormat = new("^[DdFfGgNnXx][0-9]{0,2}$", RegexOptions.CultureInvariant);

    private static readonly SymbolDisplayFormat FullName = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.ExpandNullable);

    private readonly SemanticModel _model;
    private readonly ApiAllowList _allowList;
    private readonly List<Violation> _violations;
    private readonly string _path;

    /// <summary>Creates a walker that appends to <paramref name="violations"/>.</summary>
    public NanoSubsetWalker(SemanticModel model, ApiAllowList allowList, List<Violation> violations)
        : base(SyntaxWalkerDepth.Node)
    {
        _model = model;
        _allowList = allowList;
        _violations = violations;
        _path = model.SyntaxTree.FilePath;
    }

    /// <summary>Dispatches every node to the syntax rules, then the semantic rules.</summary>
    public override void Visit(SyntaxNode? node)
    {
        if (node is null)
        {
            return;
        }

        CheckSyntax(node);
        CheckSemantics(node);
        base.Visit(node);
    }

    private void CheckSyntax(SyntaxNode node)
    {
        switch (node)
        {
            case TypeParameterListSyntax:
                Report(node, RuleIds.GenericDeclaration, "declaration with type parameters: generics are not supported on nanoFramework 1.x (only the 2.0 preview); use object, ArrayList/Hashtable wrapped in a typed class");
                break;
            case QueryExpressionSyntax:
                Report(node, RuleIds.Linq, "LINQ query syntax: System.Linq does not exist on nanoFramework 1.x; write a loop");
                break;
            case UsingDirectiveSyntax usingDirective:
                CheckUsing(usingDirective);
                break;
            case InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ArrayInitializerExpression } arrayInitializer:
                CheckNullInTypedArray(arrayInitializer);
                break;
            case AwaitExpressionSyntax:
                Report(node, RuleIds.Async, "await: async/await is not supported (no Task in mscorlib 1.x); use Thread, Timer and wait handles");
                break;
            case YieldStatementSyntax:
                Report(node, RuleIds.Iterator, "yield iterator: needs generic IEnumerable<T>; return an array or an ArrayList");
                break;
            case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                Report(node, RuleIds.StackAlloc, "stackalloc: needs Span<T> or pointers; allocate (and reuse) a byte[]");
                break;
            case UnsafeStatementSyntax or FixedStatementSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax:
                Report(node, RuleIds.Unsafe, "unsafe code and pointers are not part of the portable subset");
                break;
            case RecordDeclarationSyntax:
                Report(node, RuleIds.Record, "record: compiles to IEquatable<T>/EqualityComparer<T> (generic); CoreLibrary's record test is commented out; write a class");
                break;
            case WithExpressionSyntax:
                Report(node, RuleIds.Record, "with-expression: needs a record (or C# 10 struct 'with'); copy explicitly");
                break;
            case RangeExpressionSyntax:
                Report(node, RuleIds.RangeIndex, "range '..': System.Range does not exist; use Substring/Array.Copy");
                break;
            case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.IndexExpression):
                Report(node, RuleIds.RangeIndex, "index from end '^': System.Index does not exist; use Length - n");
                break;
            case AccessorDeclarationSyntax accessor when accessor.IsKind(SyntaxKind.InitAccessorDeclaration):
                Report(node, RuleIds.InitAccessor, "init accessor: IsExternalInit exists in CoreLibrary but no nanoFramework library uses init (unverified on device); use a get-only property set in the constructor");
                break;
            case AnonymousObjectCreationExpressionSyntax:
                Report(node, RuleIds.AnonymousType, "anonymous type: compiled to a generic class; declare a small class");
                break;
            case TupleTypeSyntax or TupleExpressionSyntax:
                Report(node, RuleIds.Tuple, "tuple: System.ValueTuple is generic and does not exist on nanoFramework 1.x; declare a small class or use out parameters");
                break;
            case NullableTypeSyntax nullable:
                if (_model.GetTypeInfo(nullable).Type is { IsValueType: true })
                {
                    Report(node, RuleIds.NullableValueType, $"'{nullable}': Nullable<T> is generic and does not exist on nanoFramework 1.x; use a flag or a sentinel value");
                }

                break;
            case InterfaceDeclarationSyntax interfaceDeclaration:
                CheckInterface(interfaceDeclaration);
                break;
            case StructDeclarationSyntax structDeclaration when structDeclaration.Modifiers.Any(SyntaxKind.RefKeyword):
                Report(node, RuleIds.RefStruct, "ref struct: IsByRefLikeAttribute and Span<T> do not exist on nanoFramework 1.x");
                break;
            case InterpolationSyntax interpolation when interpolation.FormatClause is not null:
                CheckInterpolationFormat(interpolation);
                break;
            case MemberDeclarationSyntax member when member is not BaseNamespaceDeclarationSyntax:
                CheckModifiers(member);
                break;
        }
    }

    private void CheckModifiers(MemberDeclarationSyntax member)
    {
        foreach (var modifier in member.Modifiers)
        {
            if (modifier.IsKind(SyntaxKind.AsyncKeyword))
            {
                Report(member, RuleIds.Async, "async method: async/await is not supported (no Task in mscorlib 1.x)");
            }
            else if (modifier.IsKind(SyntaxKind.UnsafeKeyword))
            {
                Report(member, RuleIds.Unsafe, "unsafe member: pointers are not part of the portable subset");
            }
            else if (modifier.IsKind(SyntaxKind.RequiredKeyword))
            {
                Report(member, RuleIds.RequiredMember, "required member: RequiredMemberAttribute does not exist on nanoFramework 1.x; take it in the constructor");
            }
        }
    }

    private void CheckUsing(UsingDirectiveSyntax usingDirective)
    {
        var name = usingDirective.NamespaceOrType?.ToString() ?? string.Empty;
        if (name == "System.Linq" || name.StartsWith("System.Linq.", StringComparison.Ordinal))
        {
            Report(usingDirective, RuleIds.Linq, $"using {name}: System.Linq does not exist on nanoFramework 1.x");
            return;
        }

        if (usingDirective.StaticKeyword != default || usingDirective.Alias is not null)
        {
            return; // the imported type itself is checked where it is referenced
        }

        var symbol = _model.GetSymbolInfo(usingDirective.NamespaceOrType!).Symbol as INamespaceSymbol;
        if (symbol is not null && symbol.Locations.Any(l => l.IsInSource && l.SourceTree?.FilePath != TestFrameworkStub.Path))
        {
            return; // a namespace of the project's own sources
        }

        if (!AllowedNamespaces.Contains(name))
        {
            Report(usingDirective, RuleIds.Namespace, $"using {name}: namespace is not part of the nanoFramework 1.x subset the core may use");
        }
    }

    private void CheckInterface(InterfaceDeclarationSyntax interfaceDeclaration)
    {
        foreach (var member in interfaceDeclaration.Members)
        {
            var hasBody = member switch
            {
                MethodDeclarationSyntax m => m.Body is not null || m.ExpressionBody is not null,
                PropertyDeclarationSyntax p => p.ExpressionBody is not null || (p.AccessorList?.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null) ?? false),
                _ => false,
            };
            if (hasBody || member.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                Report(member, RuleIds.DefaultInterfaceMember, "interface member with a body or static member: default interface methods need runtime support nanoFramework 1.x lacks");
            }
        }
    }

    private void CheckInterpolationFormat(InterpolationSyntax interpolation)
    {
        var type = _model.GetTypeInfo(interpolation.Expression).Type;
        if (type is null || !IsNumeric(type))
        {
            return; // DateTime/TimeSpan formats are handled by their own ToString(string)
        }

        var format = interpolation.FormatClause!.FormatStringToken.ValueText;
        if (!NumericFormat.IsMatch(format))
        {
            Report(interpolation, RuleIds.FormatSpecifier, $"numeric format '{format}': nanoFramework implements only the standard formats D, F, G, N and X (custom formats are not supported)");
        }
    }

    private static bool IsNumeric(ITypeSymbol type) => type.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double;

    private void CheckSemantics(SyntaxNode node)
    {
        switch (node)
        {
            case SimpleNameSyntax name:
                CheckSymbol(name, _model.GetSymbolInfo(name).Symbol, FindArguments(name));
                break;
            case PredefinedTypeSyntax predefined:
                CheckSymbol(predefined, _model.GetSymbolInfo(predefined).Symbol, null);
                break;
            case ArrayTypeSyntax arrayType:
                CheckType(arrayType, _model.GetTypeInfo(arrayType).Type, fromExpression: true);
                break;
            case ObjectCreationExpressionSyntax creation:
                CheckSymbol(creation, _model.GetSymbolInfo(creation).Symbol, creation.ArgumentList ?? EmptyArguments);
                break;
            case ImplicitObjectCreationExpressionSyntax implicitCreation:
                CheckSymbol(implicitCreation, _model.GetSymbolInfo(implicitCreation).Symbol, implicitCreation.ArgumentList);
                break;
            case ConstructorInitializerSyntax initializer:
                CheckSymbol(initializer, _model.GetSymbolInfo(initializer).Symbol, initializer.ArgumentList);
                break;
            case ElementAccessExpressionSyntax elementAccess:
                CheckSymbol(elementAccess, _model.GetSymbolInfo(elementAccess).Symbol, elementAccess.ArgumentList);
                break;
            case BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or AssignmentExpressionSyntax:
                if (_model.GetSymbolInfo(node).Symbol is IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator } op)
                {
                    CheckSymbol(node, op, null);
                }

                break;
        }

        if (node is ExpressionSyntax expression && node is not TypeSyntax)
        {
            var info = _model.GetTypeInfo(expression);
            CheckType(node, info.Type, fromExpression: true);
            if (!SymbolEqualityComparer.Default.Equals(info.Type, info.ConvertedType))
            {
                CheckType(node, info.ConvertedType, fromExpression: true);
            }
        }
    }

    private static readonly ArgumentListSyntax EmptyArguments = SyntaxFactory.ArgumentList();

    private static BaseArgumentListSyntax? FindArguments(SimpleNameSyntax name)
    {
        SyntaxNode expression = name;
        if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
        {
            expression = access;
        }
        else if (name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name)
        {
            expression = binding;
        }

        return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation.ArgumentList : null;
    }

    private void CheckSymbol(SyntaxNode node, ISymbol? symbol, BaseArgumentListSyntax? arguments)
    {
        switch (symbol)
        {
            case null or INamespaceSymbol or ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol or IDiscardSymbol:
                return;
            case ITypeSymbol type:
                CheckType(node, type, fromExpression: false);
                return;
            case IMethodSymbol method:
                CheckMethod(node, method, arguments);
                return;
            default:
                CheckMember(node, symbol);
                return;
        }
    }

    private void CheckType(SyntaxNode node, ITypeSymbol? type, bool fromExpression)
    {
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                if (array.Rank > 1)
                {
                    Report(node, RuleIds.MultiDimensionalArray, $"multi-dimensional array {type.ToDisplayString()}: not supported; use a jagged array");
                }

                CheckType(node, array.ElementType, fromExpression);
                return;
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                Report(node, RuleIds.Unsafe, "pointer type: not part of the portable subset");
                return;
            case IDynamicTypeSymbol:
                Report(node, RuleIds.Dynamic, "dynamic: needs the Microsoft.CSharp runtime binder, which nanoFramework does not have");
                return;
            case ITypeParameterSymbol:
                return; // reported at the declaration
        }

        if (type.SpecialType == SpecialType.System_Decimal)
        {
            Report(node, RuleIds.Decimal, "decimal: System.Decimal is a stub without arithmetic in CoreLibrary; use long (fixed point) or double");
            return;
        }

        if (type is not INamedTypeSymbol named)
        {
            return;
        }

        if (named.IsAnonymousType)
        {
            Report(node, RuleIds.AnonymousType, "anonymous type: compiled to a generic class; declare a small class");
            return;
        }

        if (named.IsTupleType)
        {
            Report(node, RuleIds.Tuple, $"tuple {type.ToDisplayString()}: System.ValueTuple does not exist on nanoFramework 1.x");
            return;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            Report(node, RuleIds.NullableValueType, $"{type.ToDisplayString()}: Nullable<T> is generic and does not exist on nanoFramework 1.x");
            return;
        }

        if (named.IsGenericType)
        {
            Report(node, RuleIds.GenericUse, $"generic type {type.ToDisplayString()}: generics are not supported on nanoFramework 1.x");
        }

        if (!fromExpression || named.IsGenericType)
        {
            CheckTypeAvailable(node, named);
        }
    }

    private void CheckTypeAvailable(SyntaxNode node, INamedTypeSymbol type)
    {
        var origin = Origin(type);
        if (origin == SymbolOrigin.Source)
        {
            return;
        }

        var name = type.OriginalDefinition.ToDisplayString(FullName);
        if (origin == SymbolOrigin.TestStub)
        {
            if (!TestFrameworkStub.CommonSubset.Contains(type.Name))
            {
                Report(node, RuleIds.TestApi, $"{name}: not in the test API shared by nanoFramework.TestFramework 3.x and MSTest (style rule 16)");
            }

            return;
        }

        var containingNamespace = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (containingNamespace == "System.Linq" || containingNamespace.StartsWith("System.Linq.", StringComparison.Ordinal))
        {
            Report(node, RuleIds.Linq, $"{name}: System.Linq does not exist on nanoFramework 1.x");
            return;
        }

        if (containingNamespace == "System.Threading.Tasks")
        {
            Report(node, RuleIds.Async, $"{name}: System.Threading.Tasks does not exist on nanoFramework 1.x");
            return;
        }

        if (!_allowList.IsTypeAllowed(name))
        {
            Report(node, RuleIds.ApiNotAvailable, $"type {name} is not on the nanoFramework 1.x allow-list (nanoframework-1x-api.txt)");
        }
    }

    private void CheckMethod(SyntaxNode node, IMethodSymbol method, BaseArgumentListSyntax? arguments)
    {
        if (method.MethodKind == MethodKind.ReducedExtension && method.ReducedFrom is not null)
        {
            method = method.ReducedFrom;
        }

        if (method.IsGenericMethod)
        {
            Report(node, RuleIds.GenericUse, $"generic method {method.ToDisplayString()}: generics are not supported on nanoFramework 1.x");
        }

        if (method.MethodKind is MethodKind.BuiltinOperator or MethodKind.AnonymousFunction or MethodKind.LocalFunction)
        {
            return;
        }

        var origin = Origin(method);
        if (origin == SymbolOrigin.Source)
        {
            return;
        }

        var containingType = method.ContainingType;
        var typeName = containingType.OriginalDefinition.ToDisplayString(FullName);
        var ns = containingType.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ns == "System.Linq" || ns.StartsWith("System.Linq.", StringComparison.Ordinal))
        {
            Report(node, RuleIds.Linq, $"{typeName}.{method.Name}: System.Linq does not exist on nanoFramework 1.x");
            return;
        }

        if (origin == SymbolOrigin.TestStub)
        {
            CheckTestMember(node, containingType, method.MethodKind == MethodKind.Constructor ? null : method.Name);
            return;
        }

        if (containingType.TypeKind == TypeKind.Delegate && method.Name is "Invoke")
        {
            return; // invoking a delegate of an allowed type
        }

        if (containingType.IsGenericType)
        {
            return; // already reported as generic-use at the type
        }

        var memberName = method.MethodKind == MethodKind.Constructor ? "#ctor" : method.Name;
        var verdict = FindOverload(method, typeName, memberName, arguments, ReceiverChain(node));
        if (verdict is not null)
        {
            Report(node, RuleIds.ApiNotAvailable, verdict);
        }
    }

    // Returns null when an allow-listed overload accepts the call, else the reason.
    private string? FindOverload(IMethodSymbol method, string typeName, string memberName, BaseArgumentListSyntax? arguments, IReadOnlyList<string> receiverChain)
    {
        // Desktop and nanoFramework may declare a member at different levels of the hierarchy (ManualResetEvent.Set is
        // inherited from EventWaitHandle on desktop, declared on ManualResetEvent in CoreLibrary): look at the receiver's
        // types first, then along the chain of overridden methods.
        var lookups = new List<(string TypeName, IMethodSymbol Method)>();
        foreach (var receiverType in receiverChain)
        {
            lookups.Add((receiverType, method));
        }

        for (var overridden = method; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            lookups.Add((overridden.ContainingType.OriginalDefinition.ToDisplayString(FullName), overridden));
        }

        var firstCandidates = new List<ApiMember>();
        foreach (var (currentType, current) in lookups)
        {
            var candidates = _allowList.GetMembers(currentType, memberName).Where(m => m.Kind == 'M').ToList();
            if (candidates.Count > 0)
            {
                if (candidates.Any(c => SameSignature(c, current)))
                {
                    return null;
                }

                if (arguments is not null)
                {
                    var compatible = candidates.Where(c => Accepts(c, current, arguments)).ToList();
                    var desktopReturn = current.ReturnType.ToDisplayString(FullName);
                    if (compatible.Any(c => c.ReturnType.Length == 0 || c.ReturnType == desktopReturn || current.MethodKind == MethodKind.Constructor))
                    {
                        return null;
                    }

                    if (compatible.Count > 0)
                    {
                        return $"{typeName}.{method.Name}: on nanoFramework the matching overload is {compatible[0]} returning {compatible[0].ReturnType}, not {desktopReturn}";
                    }
                }

                if (firstCandidates.Count == 0)
                {
                    firstCandidates.AddRange(candidates);
                }
            }
        }

        if (firstCandidates.Count > 0)
        {
            return $"{typeName}.{(memberName == "#ctor" ? "ctor" : memberName)}({string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString()))}) "
                + $"does not exist on nanoFramework 1.x; available: {string.Join("; ", firstCandidates.Take(6))}";
        }

        return $"{typeName}.{(memberName == "#ctor" ? "ctor" : memberName)} does not exist on nanoFramework 1.x (not on the allow-list)";
    }

    // The static type of the expression a member is accessed on, and its base types (empty for unqualified names).
    private IReadOnlyList<string> ReceiverChain(SyntaxNode node)
    {
        ExpressionSyntax? receiver = node.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == node => access.Expression,
            MemberBindingExpressionSyntax binding when binding.Name == node => binding.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()?.Expression,
            _ => null,
        };
        if (node is ElementAccessExpressionSyntax elementAccess)
        {
            receiver = elementAccess.Expression;
        }

        var chain = new List<string>();
        for (var type = receiver is null ? null : _model.GetTypeInfo(receiver).Type as INamedTypeSymbol; type is not null; type = type.BaseType)
        {
            chain.Add(type.OriginalDefinition.ToDisplayString(FullName));
        }

        return chain;
    }

    private static bool SameSignature(ApiMember candidate, IMethodSymbol method)
    {
        if (candidate.Parameters.Count != method.Parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var p = method.Parameters[i];
            var c = candidate.Parameters[i];
            if (c.TypeName != p.Type.ToDisplayString(FullName) || c.RefKind != RefKindText(p.RefKind))
            {
                return false;
            }
        }

        return true;
    }

    private bool Accepts(ApiMember candidate, IMethodSymbol desktop, BaseArgumentListSyntax argumentList)
    {
        var arguments = argumentList.Arguments;
        var parameters = candidate.Parameters;
        var hasParams = parameters.Count > 0 && parameters[parameters.Count - 1].IsParams;
        var required = parameters.Count(p => !p.IsOptional && !p.IsParams);
        if (arguments.Count < required || (!hasParams && arguments.Count > parameters.Count))
        {
            return false;
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var isParamsSlot = hasParams && i >= parameters.Count - 1;
            var parameter = isParamsSlot ? parameters[parameters.Count - 1] : parameters[i];
            var argumentRefKind = argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) ? "out"
                : argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) ? "ref" : string.Empty;
            if (argumentRefKind != parameter.RefKind)
            {
                return false;
            }

            if (argumentRefKind.Length > 0)
            {
                var desktopType = i < desktop.Parameters.Length ? desktop.Parameters[i].Type.ToDisplayString(FullName) : string.Empty;
                if (desktopType != parameter.TypeName)
                {
                    return false;
                }

                continue;
            }

            var parameterType = ResolveType(parameter.TypeName);
            if (parameterType is null)
            {
                return false;
            }

            if (_model.ClassifyConversion(argument.Expression, parameterType).IsImplicit)
            {
                continue;
            }

            if (isParamsSlot && parameterType is IArrayTypeSymbol array && _model.ClassifyConversion(argument.Expression, array.ElementType).IsImplicit)
            {
                continue;
            }

            return false;
        }

        return true;
    }

    private ITypeSymbol? ResolveType(string name)
    {
        var rank = 0;
        while (name.EndsWith("[]", StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - 2);
            rank++;
        }

        ITypeSymbol? type = _model.Compilation.GetTypeByMetadataName(name);
        var nested = name;
        while (type is null && nested.LastIndexOf('.') is var dot && dot > 0)
        {
            nested = nested.Substring(0, dot) + "+" + nested.Substring(dot + 1);
            type = _model.Compilation.GetTypeByMetadataName(nested);
        }

        for (var i = 0; i < rank && type is not null; i++)
        {
            type = _model.Compilation.CreateArrayTypeSymbol(type);
        }

        return type;
    }

    private static string RefKindText(RefKind refKind) => refKind switch
    {
        RefKind.Out => "out",
        RefKind.Ref => "ref",
        _ => string.Empty,
    };

    private void CheckMember(SyntaxNode node, ISymbol member)
    {
        if (member is not (IPropertySymbol or IFieldSymbol or IEventSymbol))
        {
            return;
        }

        var origin = Origin(member);
        if (origin == SymbolOrigin.Source)
        {
            return;
        }

        var containingType = member.ContainingType;
        if (origin == SymbolOrigin.TestStub)
        {
            CheckTestMember(node, containingType, member.Name);
            return;
        }

        if (containingType.IsGenericType || containingType.IsTupleType)
        {
            return; // reported as generic-use / tuple at the type
        }

        var memberName = member is IPropertySymbol { IsIndexer: true } ? "this" : member.Name;
        var kind = member switch { IPropertySymbol => 'P', IFieldSymbol => 'F', _ => 'E' };
        if (ReceiverChain(node).Any(t => _allowList.GetMembers(t, memberName).Any(m => m.Kind == kind)))
        {
            return;
        }

        for (ISymbol? current = member; current is not null; current = (current as IPropertySymbol)?.OverriddenProperty ?? (ISymbol?)(current as IEventSymbol)?.OverriddenEvent)
        {
            var typeName = current.ContainingType.OriginalDefinition.ToDisplayString(FullName);
            if (_allowList.GetMembers(typeName, memberName).Any(m => m.Kind == kind))
            {
                return;
            }
        }

        var declaring = containingType.OriginalDefinition.ToDisplayString(FullName);
        Report(node, RuleIds.ApiNotAvailable, $"{declaring}.{member.Name} does not exist on nanoFramework 1.x (not on the allow-list)");
    }

    private void CheckTestMember(SyntaxNode node, INamedTypeSymbol containingType, string? memberName)
    {
        var key = memberName is null ? containingType.Name : containingType.Name + "." + memberName;
        if (!TestFrameworkStub.CommonSubset.Contains(key))
        {
            Report(node, RuleIds.TestApi, $"{TestFrameworkStub.Namespace}.{key}: not in the test API shared by nanoFramework.TestFramework 3.x and MSTest "
                + "([TestClass], [TestMethod], [DataRow], Assert.AreEqual/AreNotEqual/IsTrue/IsFalse/IsNull/IsNotNull, CollectionAssert.AreEqual; style rule 16)");
        }
    }

    private static SymbolOrigin Origin(ISymbol symbol)
    {
        var location = symbol.Locations.FirstOrDefault();
        if (location is null || !location.IsInSource)
        {
            return SymbolOrigin.Metadata;
        }

        return location.SourceTree?.FilePath == TestFrameworkStub.Path ? SymbolOrigin.TestStub : SymbolOrigin.Source;
    }

    private void CheckNullInTypedArray(InitializerExpressionSyntax initializer)
    {
        var arrayType = _model.GetTypeInfo(initializer).ConvertedType as IArrayTypeSymbol
            ?? (initializer.Parent switch
            {
                ArrayCreationExpressionSyntax creation => _model.GetTypeInfo(creation).Type,
                ImplicitArrayCreationExpressionSyntax implicitCreation => _model.GetTypeInfo(implicitCreation).Type,
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } => _model.GetTypeInfo(declaration.Type).Type,
                _ => null,
            }) as IArrayTypeSymbol;
        if (arrayType is null || arrayType.ElementType.IsValueType || arrayType.ElementType.SpecialType == SpecialType.System_Object)
        {
            return;
        }

        foreach (var element in initializer.Expressions)
        {
            if (element.IsKind(SyntaxKind.NullLiteralExpression) || element.IsKind(SyntaxKind.DefaultLiteralExpression))
            {
                Report(element, RuleIds.NullInTypedArray, $"null in a {arrayType.ElementType.Name}[] initializer: the compiler never stores it, and nanoCLR "
                    + "leaves the element as a typed null that == null does not match (docs/platform-differences.md §1); pass null on its own");
            }
        }
    }

    private void Report(SyntaxNode node, string rule, string message)
    {
        var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        _violations.Add(new Violation(_path, line, rule, message));
    }

    private enum SymbolOrigin
    {
        Source,
        TestStub,
        Metadata,
    }
}
