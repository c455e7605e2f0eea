using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Pathways;

/// <summary>
/// The allow-list for rule expressions. RulesEngine 6 lets an expression reach reflection
/// (<c>"".GetType().Assembly</c>) and any public type; Pathways lets it see only the profile, the context,
/// the pack's parameters, values, operators and the short list of calls in <see cref="AllowedMembers"/>.
/// Everything else is refused by construction: a node kind, type, member or method not on a list.
/// </summary>
/// <remarks>
/// Checked in order: the size limits (<see cref="ExpressionLimits"/>) and a textual pass on the text, before the
/// parser runs; then, on the parsed tree, its depth, every node against the allow-list, and its constant parts
/// (<see cref="ExpressionConstants"/>).
/// </remarks>
internal static class ExpressionScreen
{
    // A first, textual pass gives a clear message for the usual escapes before the parser sees them.
    private static readonly (Regex Pattern, string What)[] Banned =
    {
        (new Regex(@"\bGetType\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "GetType (reflection)"),
        (new Regex(@"\btypeof\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "typeof (reflection)"),
        (new Regex(@"\bAssembly\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "Assembly (reflection)"),
        (new Regex(@"\bReflection\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "System.Reflection"),
        (new Regex(@"\bActivator\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "Activator"),
        (new Regex(@"\bAppDomain\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "AppDomain"),
        (new Regex(@"\bEnvironment\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "Environment"),
        (new Regex(@"\bProcess\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "Process"),
        (new Regex(@"\bSystem\s*\.", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "the System namespace"),
        (new Regex(@"\bIO\s*\.", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "System.IO"),
        (new Regex(@"\b(File|Directory|Path|Console|Thread|Task|Marshal|GC|Type|Delegate|Expression)\s*\.", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "a type not meant for rules"),
        (new Regex(@"\bInvoke\b|\bDynamicInvoke\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "Invoke"),
        (new Regex(@"\bnew\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "object creation (new)"),
        (new Regex(@"\bprofile\s*\.\s*Id\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "profile.Id (an opaque reference that rules may not read)"),
        (new Regex(@"\b(DateTime|DateTimeOffset|Guid|Random)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "a clock or random source (results must be deterministic)"),
    };

    // The node kinds an expression may have: values, reads, comparisons, logic, arithmetic, conditionals and the
    // calls of the allow-list. No lambdas (so no loops over collections), no object creation, no assignment.
    private static readonly HashSet<ExpressionType> AllowedNodes = new()
    {
        ExpressionType.Constant, ExpressionType.Parameter, ExpressionType.MemberAccess, ExpressionType.Call,
        ExpressionType.Conditional, ExpressionType.Coalesce, ExpressionType.Not, ExpressionType.Negate,
        ExpressionType.NegateChecked, ExpressionType.UnaryPlus, ExpressionType.Convert, ExpressionType.ConvertChecked,
        ExpressionType.Add, ExpressionType.AddChecked, ExpressionType.Subtract, ExpressionType.SubtractChecked,
        ExpressionType.Multiply, ExpressionType.MultiplyChecked, ExpressionType.Divide, ExpressionType.Modulo,
        ExpressionType.Equal, ExpressionType.NotEqual, ExpressionType.LessThan, ExpressionType.LessThanOrEqual,
        ExpressionType.GreaterThan, ExpressionType.GreaterThanOrEqual, ExpressionType.AndAlso, ExpressionType.OrElse,
        ExpressionType.And, ExpressionType.Or, ExpressionType.ExclusiveOr,
    };

    private static readonly HashSet<Type> ValueTypes = new()
    {
        typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(char), typeof(string),
        typeof(Readiness), typeof(Benefit), typeof(BusinessCycle),
    };

    /// <summary>The reason the expression text is refused, or <see langword="null"/> if it passes the textual screen.</summary>
    public static string? ScreenText(string expression)
    {
        if (ExpressionLimits.CheckText(expression) is { } tooBig) return tooBig;
        var withoutStrings = Regex.Replace(expression, "\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        foreach (var (pattern, what) in Banned)
        {
            if (pattern.IsMatch(withoutStrings))
            {
                return $"uses {what}, which rules may not use";
            }
        }

        return null;
    }

    /// <summary>The reason a parsed expression tree is refused, or <see langword="null"/> if every node is allowed.</summary>
    /// <remarks>
    /// The depth is measured first without recursion, so the visitors that follow (this one, the compiler's, the
    /// fused matcher's) stay within <see cref="ExpressionLimits.MaxTreeDepth"/> levels whatever the pack holds.
    /// </remarks>
    public static string? ScreenTree(Expression expression)
    {
        var depth = ExpressionLimits.TreeDepth(expression);
        if (depth > ExpressionLimits.MaxTreeDepth)
            return $"is more than {ExpressionLimits.MaxTreeDepth} levels deep once parsed (a chain of && or || is as deep as it has terms); split it into LocalParams or nested rules";
        var visitor = new Visitor();
        visitor.Visit(expression);
        return visitor.Problem ?? ExpressionConstants.Check(expression);
    }

    public static bool IsAllowedType(Type t)
    {
        if (ValueTypes.Contains(t) || t == typeof(CitizenProfile) || t == typeof(AssessmentContext)) return true;
        return Nullable.GetUnderlyingType(t) is { } u && IsAllowedType(u);
    }

    private sealed class Visitor : ExpressionVisitor
    {
        public string? Problem { get; private set; }

        public override Expression? Visit(Expression? node)
        {
            if (node is null || Problem is not null) return node;
            if (!IsAllowedType(node.Type) && node.NodeType != ExpressionType.Lambda && node.NodeType != ExpressionType.Block)
            {
                Problem = $"produces a value of type {Name(node.Type)}, which rules may not use";
                return node;
            }

            if (!AllowedNodes.Contains(node.NodeType))
            {
                Problem = $"uses {node.NodeType}, which rules may not use";
                return node;
            }

            return base.Visit(node);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (!AllowedMembers.IsAllowedMember(node.Member))
            {
                Problem = $"reads {Name(node.Member.DeclaringType)}.{node.Member.Name}, which rules may not use";
                return node;
            }

            return base.VisitMember(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (!AllowedMembers.IsAllowedCall(node.Method))
            {
                Problem = $"calls {Name(node.Method.DeclaringType)}.{node.Method.Name}, which rules may not use; expressions may call only {AllowedMembers.CallsText}";
                return node;
            }

            return base.VisitMethodCall(node);
        }

        protected override Expression VisitConstant(ConstantExpression node)
        {
            if (node.Value is not null && !IsAllowedType(node.Value.GetType()))
                Problem = $"holds a constant of type {Name(node.Value.GetType())}, which rules may not use";
            return node;
        }

        protected override Expression VisitUnary(UnaryExpression node)
        {
            if (node.Method is not null && !AllowedMembers.IsAllowedCall(node.Method))
            {
                Problem = $"converts through {Name(node.Method.DeclaringType)}.{node.Method.Name}, which rules may not use";
                return node;
            }

            return base.VisitUnary(node);
        }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.Method is not null && !AllowedMembers.IsAllowedCall(node.Method))
            {
                Problem = node.Method.DeclaringType == typeof(string) && node.Method.Name == "Compare"
                    ? "orders strings (<, >), which depends on the culture; rules may not use it, compare strings with == or !="
                    : $"calls {Name(node.Method.DeclaringType)}.{node.Method.Name}, which rules may not use; expressions may call only {AllowedMembers.CallsText}";
                return node;
            }

            return base.VisitBinary(node);
        }

        private static string Name(Type? t) => t is null ? "?" : t.IsGenericType ? t.Name.Split('`')[0] : t.Name;
    }
}
