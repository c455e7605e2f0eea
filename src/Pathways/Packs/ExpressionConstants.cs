using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace Pathways;

/// <summary>
/// Folds the constant parts of an expression at load, as the C# compiler would, and refuses one that divides by
/// zero, overflows, or gives infinity or NaN: such a part is wrong for every citizen (<c>1 / 0</c>,
/// <c>1e308 * 10</c>, <c>2147483647 + 1</c>). Parts that read the profile are left to the probe.
/// </summary>
internal static class ExpressionConstants
{
    private static readonly object NotConstant = new();

    /// <summary>The reason a constant part is refused, or <see langword="null"/>. The tree's depth is already bounded.</summary>
    public static string? Check(Expression e)
    {
        try
        {
            Fold(e);
            return null;
        }
        catch (ConstantProblem p)
        {
            return p.Message;
        }
    }

    private sealed class ConstantProblem(string message) : Exception(message);

    private static object? Fold(Expression e)
    {
        switch (e)
        {
            case ConstantExpression c:
                return Checked(c.Value, e);
            case MemberExpression { Member: FieldInfo { IsStatic: true, IsLiteral: true } f }:
                return Checked(f.GetValue(null), e);
            case UnaryExpression u:
            {
                var v = Fold(u.Operand);
                if (v == NotConstant || v is null || u.Method is not null || !AllowedMembers.IsNumber(u.Operand.Type) || !AllowedMembers.IsNumber(u.Type)) return NotConstant;
                return u.NodeType switch
                {
                    ExpressionType.Convert or ExpressionType.ConvertChecked => Guard(() => ConvertTo(v, u.Type), e),
                    ExpressionType.Negate or ExpressionType.NegateChecked => Guard(() => Arithmetic(ExpressionType.Subtract, ConvertTo(0, u.Type), v), e),
                    _ => NotConstant,
                };
            }

            case BinaryExpression b:
            {
                var l = Fold(b.Left);
                var r = Fold(b.Right);
                if (l == NotConstant || r == NotConstant || l is null || r is null || b.Method is not null) return NotConstant;
                if (!AllowedMembers.IsNumber(b.Type) || l.GetType() != r.GetType()) return NotConstant;
                return Guard(() => Arithmetic(b.NodeType, l, r), e);
            }

            case MethodCallExpression m:
            {
                var args = m.Arguments.Select(Fold).ToArray();
                if (m.Object is not null) Fold(m.Object);
                if (m.Method.DeclaringType != typeof(Math) || args.Any(a => a == NotConstant || a is null)) return NotConstant;
                return Guard(() =>
                {
                    try
                    {
                        return m.Method.Invoke(null, args);
                    }
                    catch (TargetInvocationException t) when (t.InnerException is not null)
                    {
                        throw t.InnerException;
                    }
                }, e);
            }

            case ConditionalExpression c:
                Fold(c.Test);
                Fold(c.IfTrue);
                Fold(c.IfFalse);
                return NotConstant;
            default:
                // Other nodes (parameters, members of the profile) are not constant; their children may have constant parts.
                foreach (var child in Children(e)) Fold(child);
                return NotConstant;
        }
    }

    private static IEnumerable<Expression> Children(Expression e) => e switch
    {
        MemberExpression { Expression: { } inner } => new[] { inner },
        TypeBinaryExpression t => new[] { t.Expression },
        _ => Array.Empty<Expression>(),
    };

    private static object? Checked(object? value, Expression e) => value switch
    {
        double d when double.IsNaN(d) || double.IsInfinity(d) => throw new ConstantProblem($"holds the constant {Show(e)}, which is not a finite number"),
        float f when float.IsNaN(f) || float.IsInfinity(f) => throw new ConstantProblem($"holds the constant {Show(e)}, which is not a finite number"),
        _ => value,
    };

    private static object? Guard(Func<object?> compute, Expression e)
    {
        object? v;
        try
        {
            v = compute();
        }
        catch (DivideByZeroException)
        {
            throw new ConstantProblem($"divides by zero in its constant part {Show(e)}, for every citizen");
        }
        catch (OverflowException)
        {
            throw new ConstantProblem($"overflows in its constant part {Show(e)}, for every citizen");
        }
        catch (Exception x) when (x is ArithmeticException or ArgumentException or InvalidCastException or FormatException)
        {
            throw new ConstantProblem($"throws {x.GetType().Name} in its constant part {Show(e)}, for every citizen");
        }

        if (v is double d && (double.IsNaN(d) || double.IsInfinity(d)) || v is float f && (float.IsNaN(f) || float.IsInfinity(f)))
            throw new ConstantProblem($"gives infinity or NaN in its constant part {Show(e)}, for every citizen");
        return v;
    }

    private static object ConvertTo(object v, Type t)
    {
        var target = Nullable.GetUnderlyingType(t) ?? t;
        if (v is double or float && target != typeof(double) && target != typeof(float) && target != typeof(decimal))
        {
            // A C# cast truncates towards zero; checked, it overflows outside the target's range.
            var d = Math.Truncate(Convert.ToDouble(v, CultureInfo.InvariantCulture));
            return Convert.ChangeType(d, target, CultureInfo.InvariantCulture);
        }

        return Convert.ChangeType(v, target, CultureInfo.InvariantCulture);
    }

    private static object Arithmetic(ExpressionType op, object l, object r)
    {
        switch (l)
        {
            case int or long:
            {
                // Whole numbers in 64 bits, checked, then back to the operand's width (checked again).
                long a = Convert.ToInt64(l, CultureInfo.InvariantCulture), b = Convert.ToInt64(r, CultureInfo.InvariantCulture);
                object result = op switch
                {
                    ExpressionType.Add or ExpressionType.AddChecked => checked(a + b),
                    ExpressionType.Subtract or ExpressionType.SubtractChecked => checked(a - b),
                    ExpressionType.Multiply or ExpressionType.MultiplyChecked => checked(a * b),
                    ExpressionType.Divide => a == long.MinValue && b == -1 ? throw new OverflowException() : a / b,
                    ExpressionType.Modulo => b == -1 ? 0L : a % b,
                    _ => NotConstant,
                };
                return result is long n && l is int ? checked((int)n) : result;
            }

            default:
            {
                // Other numbers in double precision: exact enough to find a division by zero, an overflow or infinity.
                if (l is not (double or float or decimal or uint or ulong or short or ushort or byte or sbyte)) return NotConstant;
                var a = Convert.ToDouble(l, CultureInfo.InvariantCulture);
                var b = Convert.ToDouble(r, CultureInfo.InvariantCulture);
                if (l is not (double or float) && b == 0 && op is ExpressionType.Divide or ExpressionType.Modulo) throw new DivideByZeroException();
                var result = op switch
                {
                    ExpressionType.Add or ExpressionType.AddChecked => a + b,
                    ExpressionType.Subtract or ExpressionType.SubtractChecked => a - b,
                    ExpressionType.Multiply or ExpressionType.MultiplyChecked => a * b,
                    ExpressionType.Divide => a / b,
                    ExpressionType.Modulo => a % b,
                    _ => double.NaN,
                };
                if (double.IsNaN(result) && op is not (ExpressionType.Divide or ExpressionType.Modulo)) return NotConstant;
                return l is decimal && Math.Abs(result) > (double)decimal.MaxValue ? throw new OverflowException() : result;
            }
        }
    }

    private static string Show(Expression e)
    {
        var s = e.ToString();
        return s.Length > 60 ? s.Substring(0, 57) + "…" : s;
    }
}
