using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mqtt2Go.Portability;

/// <summary>Preprocessor rule: only <c>#if NANOFRAMEWORK_1_0</c>, <c>#if !NANOFRAMEWORK_1_0</c>, <c>#else</c>, <c>#endif</c>.</summary>
internal static class DirectiveRules
{
    /// <summary>Adds a violation for every directive outside the allowed forms.</summary>
    public static void Check(SyntaxTree tree, List<Violation> violations)
    {
        foreach (var trivia in tree.GetRoot().DescendantTrivia(descendIntoTrivia: true))
        {
            if (!trivia.HasStructure || trivia.GetStructure() is not DirectiveTriviaSyntax directive)
            {
                continue;
            }

            var line = trivia.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            switch (directive)
            {
                case IfDirectiveTriviaSyntax ifDirective when !IsNanoCondition(ifDirective.Condition):
                    violations.Add(new Violation(tree.FilePath, line, RuleIds.Preprocessor,
                        $"'#if {ifDirective.Condition}': only #if {PortabilityChecker.NanoFrameworkSymbol} or #if !{PortabilityChecker.NanoFrameworkSymbol} is allowed"));
                    break;
                case ElifDirectiveTriviaSyntax:
                    violations.Add(new Violation(tree.FilePath, line, RuleIds.Preprocessor, "#elif is not allowed: use #if/#else/#endif"));
                    break;
                case DefineDirectiveTriviaSyntax or UndefDirectiveTriviaSyntax:
                    violations.Add(new Violation(tree.FilePath, line, RuleIds.Preprocessor,
                        "#define/#undef is not allowed: the nanoFramework side is selected by the project system's symbol only"));
                    break;
            }
        }
    }

    private static bool IsNanoCondition(ExpressionSyntax condition)
    {
        while (condition is ParenthesizedExpressionSyntax parenthesized)
        {
            condition = parenthesized.Expression;
        }

        if (condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not)
        {
            return IsNanoCondition(not.Operand);
        }

        return condition is IdentifierNameSyntax name && name.Identifier.ValueText == PortabilityChecker.NanoFrameworkSymbol;
    }
}
