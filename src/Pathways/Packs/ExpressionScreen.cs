using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Pathways;

/// <summary>
/// The allow-list for rule expressions. RulesEngine 6 lets an expression reach reflection
/// (<c>"".GetType().Assembly</c>) and any public type; Pathways lets it see only the profile, the context,
/// the pack's parameters and plain value, string, LINQ and Math operations.
/// </summary>
internal static class ExpressionScreen
{
    // A first, textual pass gives a clear message for the usual escapes before the parser sees them.
    private static readonly (Regex Pattern, string What)[] Banned =
    {
        (new Regex(@"\bGetType\b", RegexOptions.IgnoreCase), "GetType (reflection)"),
        (new Regex(@"\btypeof\b", RegexOptions.IgnoreCase), "typeof (reflection)"),
        (new Regex(@"\bAssembly\b", RegexOptions.IgnoreCase), "Assembly (reflection)"),
        (new Regex(@"\bReflection\b", RegexOptions.IgnoreCase), "System.Reflection"),
        (new Regex(@"\bActivator\b", RegexOptions.IgnoreCase), "Activator"),
        (new Regex(@"\bAppDomain\b", RegexOptions.IgnoreCase), "AppDomain"),
        (new Regex(@"\bEnvironment\b", RegexOptions.IgnoreCase), "Environment"),
        (new Regex(@"\bProcess\b", RegexOptions.IgnoreCase), "Process"),
        (new Regex(@"\bSystem\s*\.", RegexOptions.IgnoreCase), "the System namespace"),
        (new Regex(@"\bIO\s*\.", RegexOptions.IgnoreCase), "System.IO"),
        (new Regex(@"\b(File|Directory|Path|Console|Thread|Task|Marshal|GC|Type|Delegate|Expression)\s*\.", RegexOptions.IgnoreCase), "a type not meant for rules"),
        (new Regex(@"\bInvoke\b|\bDynamicInvoke\b", RegexOptions.IgnoreCase), "Invoke"),
        (new Regex(@"\bnew\b", RegexOptions.IgnoreCase), "object creation (new)"),
        (new Regex(@"\bprofile\s*\.\s*Id\b", RegexOptions.IgnoreCase), "profile.Id (an opaque reference that rules may not read)"),
        (new Regex(@"\b(DateTime|DateTimeOffset|Guid|Random)\b", RegexOptions.IgnoreCase), "a clock or random source (results must be deterministic)"),
    };

    private static readonly HashSet<Type> ValueTypes = new()
    {
        typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(char), typeof(string),
        typeof(Readiness), typeof(Benefit), typeof(BusinessCycle),
    };

    private static readonly HashSet<Type> MethodOwners = new()
    {
        typeof(string), typeof(Math), typeof(Enumerable), typeof(char),
        typeof(bool), typeof(int), typeof(long), typeof(double), typeof(decimal), typeof(float),
    };

    private static readonly HashSet<string> BannedMethods = new(StringComparer.Ordinal)
    {
        nameof(GetType), "GetHashCode", "MemberwiseClone", "Finalize", "ReferenceEquals", "Intern", "IsInterned",
        "Format", "Create", "Copy", "GetEnumerator",

        // Amplifiers: a short expression that allocates or loops without bound would let a pack exhaust memory or CPU.
        "PadLeft", "PadRight", "Range", "Repeat",
    };

    /// <summary>The reason the expression text is refused, or <see langword="null"/> if it passes the textual screen.</summary>
    public static string? ScreenText(string expression)
    {
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
    public static string? ScreenTree(Expression expression)
    {
        var visitor = new Visitor();
        visitor.Visit(expression);
        return visitor.Problem;
    }

    public static bool IsAllowedType(Type t)
    {
        if (ValueTypes.Contains(t) || t == typeof(CitizenProfile) || t == typeof(AssessmentContext)) return true;
        if (Nullable.GetUnderlyingType(t) is { } u) return IsAllowedType(u);
        if (t.IsArray) return IsAllowedType(t.GetElementType()!);
        if (t.IsGenericType)
        {
            var def = t.GetGenericTypeDefinition();
            if (def == typeof(IEnumerable<>) || def == typeof(IOrderedEnumerable<>) || def.FullName!.StartsWith("System.Func`", StringComparison.Ordinal))
                return t.GetGenericArguments().All(IsAllowedType);
        }

        return false;
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

            switch (node.NodeType)
            {
                case ExpressionType.Invoke:
                case ExpressionType.New:
                case ExpressionType.NewArrayBounds:
                case ExpressionType.MemberInit:
                case ExpressionType.ListInit:
                case ExpressionType.Dynamic:
                case ExpressionType.Extension:
                case ExpressionType.Assign:
                case ExpressionType.Quote:
                    Problem = $"uses {node.NodeType}, which rules may not use";
                    return node;
            }

            return base.Visit(node);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            var owner = node.Member.DeclaringType;
            var ok = owner == typeof(CitizenProfile) || owner == typeof(AssessmentContext)
                ? node.Member.Name != nameof(CitizenProfile.Id)
                : owner is not null && (ValueTypes.Contains(owner) || (owner.IsGenericType && owner.GetGenericTypeDefinition() == typeof(Nullable<>)));
            if (node.Member is FieldInfo { IsStatic: true, IsLiteral: false } && !(owner?.IsEnum ?? false))
                ok = false;
            if (!ok)
            {
                Problem = $"reads {Name(owner)}.{node.Member.Name}, which rules may not use";
                return node;
            }

            return base.VisitMember(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var owner = node.Method.DeclaringType;
            var ok = owner is not null && !BannedMethods.Contains(node.Method.Name)
                && (MethodOwners.Contains(owner) || (owner.IsGenericType && owner.GetGenericTypeDefinition() == typeof(Nullable<>)) || owner.IsEnum);
            if (!ok)
            {
                Problem = $"calls {Name(owner)}.{node.Method.Name}, which rules may not use";
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
            if (node.Method is not null && !MethodOwners.Contains(node.Method.DeclaringType!) && node.Method.DeclaringType?.IsGenericType != true)
                Problem = $"converts through {Name(node.Method.DeclaringType)}.{node.Method.Name}, which rules may not use";
            return base.VisitUnary(node);
        }

        private static string Name(Type? t) => t is null ? "?" : t.IsGenericType ? t.Name.Split('`')[0] : t.Name;
    }
}
