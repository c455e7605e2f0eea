using System.Linq.Expressions;
using System.Reflection;

namespace Pathways;

/// <summary>
/// The allow-list of what a rule expression may call or read, by construction: anything not listed here is refused
/// at load. Every entry allocates nothing and runs in time bounded by the expression's own size (the only strings
/// an expression has are its literals, at most <see cref="ExpressionLimits.MaxLength"/> characters), so no
/// expression that loads can exhaust memory or time. None of them depends on the current culture: string tests are
/// ordinal, and nothing parses, formats or builds a string.
/// </summary>
/// <remarks>
/// The set, with what each may allocate (docs/writing-packs.md lists the same):
/// <list type="bullet">
/// <item><c>Math.Min/Max/Abs/Round/Floor/Ceiling</c> on numbers (<c>Round</c> with digits 0–15): nothing, constant time.</item>
/// <item><c>s.Contains(t)</c>, <c>s.StartsWith(t)</c>, <c>s.EndsWith(t)</c> (made ordinal by <see cref="Harden"/>), <c>s.Length</c>,
/// <c>string.IsNullOrEmpty</c>, <c>==</c>/<c>!=</c> on strings (ordinal): nothing, time linear in the literals' length.</item>
/// <item><c>x.HasValue</c>, <c>x.Value</c>, <c>x.GetValueOrDefault()</c>, <c>x.GetValueOrDefault(d)</c>: nothing, constant time.</item>
/// <item><c>decimal</c> operators: nothing (a value type), constant time.</item>
/// <item>the properties of <c>profile</c> and <c>context</c> (not <c>profile.Id</c>), enum values and numeric constants: nothing.</item>
/// </list>
/// </remarks>
internal static class AllowedMembers
{
    /// <summary>The allowed calls in one line, for refusal messages.</summary>
    public static string CallsText { get; } = "Math.Min/Max/Abs/Round/Floor/Ceiling, string Contains/StartsWith/EndsWith/Length/IsNullOrEmpty, nullable HasValue/Value/GetValueOrDefault";

    private static readonly HashSet<Type> Numbers = new()
    {
        typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal),
    };

    private static readonly HashSet<Type> Integers = new()
    {
        typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
    };

    private static readonly HashSet<string> MathMethods = new(StringComparer.Ordinal) { "Min", "Max", "Abs", "Round", "Floor", "Ceiling" };

    private static readonly MethodInfo StartsWithOrdinal = typeof(string).GetMethod(nameof(string.StartsWith), new[] { typeof(string), typeof(StringComparison) })!;
    private static readonly MethodInfo EndsWithOrdinal = typeof(string).GetMethod(nameof(string.EndsWith), new[] { typeof(string), typeof(StringComparison) })!;

    private static Type Underlying(Type t) => Nullable.GetUnderlyingType(t) ?? t;

    public static bool IsNumber(Type t) => Numbers.Contains(Nullable.GetUnderlyingType(t) ?? t);

    public static bool IsInteger(Type t) => Integers.Contains(Nullable.GetUnderlyingType(t) ?? t);

    /// <summary>Whether an expression may call this method (directly, or as the operator method of a node).</summary>
    public static bool IsAllowedCall(MethodInfo m)
    {
        var owner = m.DeclaringType;
        var ps = m.GetParameters();
        if (owner == typeof(Math))
        {
            if (!MathMethods.Contains(m.Name) || !ps.All(p => IsNumber(p.ParameterType))) return false;
            return m.Name != "Round" || ps.Length == 1 || (ps.Length == 2 && ps[1].ParameterType == typeof(int));
        }

        if (owner == typeof(string))
        {
            return m.Name switch
            {
                nameof(string.Contains) => !m.IsStatic && ps.Length == 1 && (ps[0].ParameterType == typeof(string) || ps[0].ParameterType == typeof(char)),
                nameof(string.StartsWith) or nameof(string.EndsWith) => !m.IsStatic && ps.Length == 1 && (ps[0].ParameterType == typeof(string) || ps[0].ParameterType == typeof(char)),
                nameof(string.IsNullOrEmpty) => true,
                nameof(string.Equals) => ps.All(p => p.ParameterType == typeof(string)),
                "op_Equality" or "op_Inequality" => true,
                _ => false,
            };
        }

        if (owner is { IsGenericType: true } && owner.GetGenericTypeDefinition() == typeof(Nullable<>))
            return m.Name is "GetValueOrDefault" or "get_HasValue" or "get_Value";

        // Decimal arithmetic and comparison are operator methods on decimal; they allocate nothing.
        if (owner == typeof(decimal))
            return m.Name.StartsWith("op_", StringComparison.Ordinal) && ps.All(p => IsNumber(p.ParameterType));

        return false;
    }

    /// <summary>Whether an expression may read this property or field.</summary>
    public static bool IsAllowedMember(MemberInfo member)
    {
        var owner = member.DeclaringType;
        if (owner == typeof(CitizenProfile) || owner == typeof(AssessmentContext))
            return member is PropertyInfo { GetMethod.IsStatic: false } && member.Name != nameof(CitizenProfile.Id);
        if (member is FieldInfo { IsStatic: true } f)
            return f.IsLiteral && (owner!.IsEnum || Numbers.Contains(owner));
        if (owner == typeof(string)) return member.Name == nameof(string.Length);
        if (owner is { IsGenericType: true } && owner.GetGenericTypeDefinition() == typeof(Nullable<>))
            return member.Name is "HasValue" or "Value";
        return false;
    }

    /// <summary>
    /// The expression as Pathways runs it: string tests ordinal whatever the culture, and whole-number arithmetic
    /// and conversions checked, so that an overflow is an error (found at load by the probe, or reported at advice
    /// time) instead of a silently wrapped number that gives wrong advice.
    /// </summary>
    public static Expression Harden(Expression e) => new Hardener().Visit(e)!;

    private sealed class Hardener : ExpressionVisitor
    {
        protected override Expression VisitBinary(BinaryExpression node)
        {
            var b = (BinaryExpression)base.VisitBinary(node);
            if (b.Method is not null || !IsInteger(b.Type)) return b;
            return b.NodeType switch
            {
                ExpressionType.Add => Expression.AddChecked(b.Left, b.Right),
                ExpressionType.Subtract => Expression.SubtractChecked(b.Left, b.Right),
                ExpressionType.Multiply => Expression.MultiplyChecked(b.Left, b.Right),
                _ => b,
            };
        }

        protected override Expression VisitUnary(UnaryExpression node)
        {
            var u = (UnaryExpression)base.VisitUnary(node);
            if (u.Method is not null) return u;
            if (u.NodeType == ExpressionType.Negate && IsInteger(u.Type)) return Expression.NegateChecked(u.Operand);
            if (u.NodeType == ExpressionType.Convert && IsInteger(u.Type) && IsNumber(u.Operand.Type) && Underlying(u.Type) != Underlying(u.Operand.Type))
                return Expression.ConvertChecked(u.Operand, u.Type);
            return u;
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var m = (MethodCallExpression)base.VisitMethodCall(node);
            if (m.Method.DeclaringType == typeof(string) && m.Arguments.Count == 1 && m.Arguments[0].Type == typeof(string))
            {
                var ordinal = Expression.Constant(StringComparison.Ordinal);
                if (m.Method.Name == nameof(string.StartsWith)) return Expression.Call(m.Object, StartsWithOrdinal, m.Arguments[0], ordinal);
                if (m.Method.Name == nameof(string.EndsWith)) return Expression.Call(m.Object, EndsWithOrdinal, m.Arguments[0], ordinal);
            }

            return m;
        }
    }
}
