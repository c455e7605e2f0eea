using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace Pathways.Tests.Packs.Precompiled;

/// <summary>
/// Writes an expression tree as C# with the same meaning, for the precompiled built-in pack. It knows the node kinds
/// that the built-in pack's rules and the fact table's delegates use (and a few more) and throws on anything else, so a
/// tree it cannot write exactly stops the generator instead of becoming different code.
/// </summary>
internal sealed class CSharpExpressionWriter
{
    private readonly List<string> _fields;

    /// <param name="fields">Receives static fields for constants that are objects (arrays), so that no call allocates them.</param>
    public CSharpExpressionWriter(List<string> fields)
    {
        _fields = fields;
    }

    /// <summary>A lambda as a static method's body: <c>=&gt; expr;</c>, or a block with its variables and a return.</summary>
    public string MethodBody(LambdaExpression lambda)
    {
        if (lambda.Body is BlockExpression block)
        {
            var sb = new StringBuilder("\n    {\n");
            foreach (var v in block.Variables) sb.Append("        ").Append(TypeName(v.Type)).Append(' ').Append(Name(v)).Append(";\n");
            for (var i = 0; i < block.Expressions.Count - 1; i++) sb.Append("        ").Append(Write(block.Expressions[i])).Append(";\n");
            var last = block.Expressions[block.Expressions.Count - 1];
            sb.Append("        ").Append(lambda.ReturnType == typeof(void) ? string.Empty : "return ").Append(Write(last)).Append(";\n    }\n");
            return sb.ToString();
        }

        return " => " + Write(lambda.Body) + ";\n";
    }

    /// <summary>A lambda as a C# lambda expression (no blocks).</summary>
    public string Lambda(LambdaExpression lambda) =>
        "static (" + string.Join(", ", lambda.Parameters.Select(Name)) + ") => " + Write(lambda.Body);

    public string Write(Expression e)
    {
        switch (e)
        {
            case ConstantExpression c:
                return Literal(c.Value, c.Type);
            case ParameterExpression p:
                return Name(p);
            case MemberExpression m:
                if (m.Member is not PropertyInfo and not FieldInfo) throw Unsupported(e);
                return (m.Expression is null ? TypeName(m.Member.DeclaringType!) : Operand(m.Expression)) + "." + m.Member.Name;
            case UnaryExpression u:
                return Unary(u);
            case BinaryExpression b:
                return Binary(b);
            case ConditionalExpression c:
                return "(" + Write(c.Test) + " ? " + Cast(c.IfTrue, c.Type) + " : " + Cast(c.IfFalse, c.Type) + ")";
            case MethodCallExpression call:
                if (call.Method.IsGenericMethod) throw Unsupported(e);
                var target = call.Object is null ? TypeName(call.Method.DeclaringType!) : Operand(call.Object);
                return target + "." + call.Method.Name + "(" + string.Join(", ", call.Arguments.Select(Write)) + ")";
            case DefaultExpression d:
                return "default(" + TypeName(d.Type) + ")";
            default:
                throw Unsupported(e);
        }
    }

    private string Unary(UnaryExpression u)
    {
        var operand = Write(u.Operand);
        switch (u.NodeType)
        {
            case ExpressionType.Convert when u.Method is null:
                return u.Type == u.Operand.Type ? operand : "((" + TypeName(u.Type) + ")" + Paren(operand) + ")";
            case ExpressionType.ConvertChecked when u.Method is null:
                return "checked((" + TypeName(u.Type) + ")" + Paren(operand) + ")";
            case ExpressionType.Not when u.Method is null:
                return (u.Type == typeof(bool) || u.Type == typeof(bool?) ? "!" : "~") + Paren(operand);
            case ExpressionType.Negate when u.Method is null:
                return "(-" + Paren(operand) + ")";
            case ExpressionType.NegateChecked when u.Method is null:
                return "checked(-" + Paren(operand) + ")";
            case ExpressionType.ArrayLength:
                return Paren(operand) + ".Length";
            default:
                throw Unsupported(u);
        }
    }

    private string Binary(BinaryExpression b)
    {
        if (b.NodeType == ExpressionType.Assign) return Assign(b);
        if (b.NodeType == ExpressionType.ArrayIndex) return Operand(b.Left) + "[" + Write(b.Right) + "]";

        // A comparison lifted to null gives bool? in a tree but bool in C#; none is written, so none can differ.
        if (b.IsLiftedToNull && b.Type != b.Left.Type) throw Unsupported(b);

        // An operator method is what C# would pick for the same operand types (string ==, decimal, DateTime); any other
        // method is not written.
        if (b.Method is not null && !b.Method.IsSpecialName) throw Unsupported(b);
        var (op, isChecked) = b.NodeType switch
        {
            ExpressionType.AndAlso => ("&&", false),
            ExpressionType.OrElse => ("||", false),
            ExpressionType.Equal => ("==", false),
            ExpressionType.NotEqual => ("!=", false),
            ExpressionType.LessThan => ("<", false),
            ExpressionType.LessThanOrEqual => ("<=", false),
            ExpressionType.GreaterThan => (">", false),
            ExpressionType.GreaterThanOrEqual => (">=", false),
            ExpressionType.And => ("&", false),
            ExpressionType.Or => ("|", false),
            ExpressionType.ExclusiveOr => ("^", false),
            ExpressionType.Add => ("+", false),
            ExpressionType.Subtract => ("-", false),
            ExpressionType.Multiply => ("*", false),
            ExpressionType.Divide => ("/", false),
            ExpressionType.Modulo => ("%", false),
            ExpressionType.AddChecked => ("+", true),
            ExpressionType.SubtractChecked => ("-", true),
            ExpressionType.MultiplyChecked => ("*", true),
            ExpressionType.Coalesce => ("??", false),
            _ => throw Unsupported(b),
        };
        var text = "(" + Write(b.Left) + " " + op + " " + Write(b.Right) + ")";
        return isChecked ? "checked" + text : text;
    }

    private string Assign(BinaryExpression b)
    {
        switch (b.Left)
        {
            case ParameterExpression p:
                return Name(p) + " = " + Write(b.Right);
            case MemberExpression { Member: PropertyInfo property, Expression: { } owner }:
                var setter = property.SetMethod ?? throw Unsupported(b);
                if (!IsInitOnly(setter)) return Operand(owner) + "." + property.Name + " = " + Write(b.Right);

                // An init-only property (the profile's records) is set after construction by the reader, as the compiled
                // tree does: through the internal field of its name, which the records have for this (CitizenProfile.cs).
                var field = property.DeclaringType!.GetField("_" + char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1), BindingFlags.Instance | BindingFlags.NonPublic);
                if (field is not { IsAssembly: true } || field.FieldType != property.PropertyType)
                    throw new NotSupportedException($"{property.DeclaringType.Name}.{property.Name} is init-only and has no internal field of its name and type for the reader to set.");
                return Operand(owner) + "." + field.Name + " = " + Write(b.Right);
            default:
                throw Unsupported(b);
        }
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private string Cast(Expression e, Type type) => e.Type == type ? Write(e) : "((" + TypeName(type) + ")" + Paren(Write(e)) + ")";

    private string Operand(Expression e)
    {
        var text = Write(e);
        return e is ParameterExpression or MemberExpression or ConstantExpression { Value: not null } ? text : Paren(text);
    }

    private static string Paren(string text) => text.StartsWith("(", StringComparison.Ordinal) && Balanced(text) ? text : "(" + text + ")";

    /// <summary>Whether the text's first parenthesis closes at its end (so it is one parenthesised operand).</summary>
    private static bool Balanced(string text)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (inString)
            {
                if (ch == '\\') i++;
                else if (ch == '"') inString = false;
                continue;
            }

            if (ch == '"') inString = true;
            else if (ch == '(') depth++;
            else if (ch == ')' && --depth == 0 && i != text.Length - 1) return false;
        }

        return depth == 0;
    }

    private string Literal(object? value, Type type)
    {
        switch (value)
        {
            case null:
                return "default(" + TypeName(type) + ")";
            case bool v:
                return Typed(v ? "true" : "false", type, typeof(bool));
            case int v:
                return Typed(v == int.MinValue ? "int.MinValue" : v.ToString(CultureInfo.InvariantCulture), type, typeof(int));
            case uint v:
                return Typed(v.ToString(CultureInfo.InvariantCulture) + "u", type, typeof(uint));
            case long v:
                return Typed(v == long.MinValue ? "long.MinValue" : v.ToString(CultureInfo.InvariantCulture) + "L", type, typeof(long));
            case ulong v:
                return Typed("0x" + v.ToString("X", CultureInfo.InvariantCulture) + "UL", type, typeof(ulong));
            case double v:
                return Typed(Double(v), type, typeof(double));
            case string v:
                return Typed(StringLiteral(v), type, typeof(string));
            case Enum v:
                return Typed("((" + TypeName(v.GetType()) + ")" + Convert.ToInt64(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + ")", type, v.GetType());
            case int[] array:
                var field = "Numbers" + _fields.Count.ToString(CultureInfo.InvariantCulture);
                _fields.Add($"    private static readonly int[] {field} = {{ {string.Join(", ", array.Select(n => n.ToString(CultureInfo.InvariantCulture)))} }};\n");
                return field;
            default:
                throw new NotSupportedException($"A constant of type {value.GetType()} cannot be written as C#.");
        }
    }

    private static string Typed(string literal, Type declared, Type actual) =>
        declared == actual ? literal : "((" + TypeName(declared) + ")" + literal + ")";

    internal static string Double(double v) =>
        double.IsNaN(v) ? "double.NaN"
        : double.IsPositiveInfinity(v) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(v) ? "double.NegativeInfinity"
        : v.ToString("R", CultureInfo.InvariantCulture) + "d";

    internal static string StringLiteral(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (ch < 0x20 || ch is '\u2028' or '\u2029' or '\u0085' || char.IsSurrogate(ch)) sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(ch);
                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    internal static string TypeName(Type t)
    {
        if (Nullable.GetUnderlyingType(t) is { } inner) return TypeName(inner) + "?";
        if (t.IsArray) return TypeName(t.GetElementType()!) + "[]";
        if (t == typeof(bool)) return "bool";
        if (t == typeof(int)) return "int";
        if (t == typeof(uint)) return "uint";
        if (t == typeof(long)) return "long";
        if (t == typeof(ulong)) return "ulong";
        if (t == typeof(double)) return "double";
        if (t == typeof(string)) return "string";
        if (t == typeof(object)) return "object";
        if (t.IsGenericType || t.IsNested) throw new NotSupportedException($"Type {t} is not written as C#.");
        return "global::" + t.FullName;
    }

    private static string Name(ParameterExpression p)
    {
        var name = p.Name ?? throw new NotSupportedException("A parameter without a name.");
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
            throw new NotSupportedException($"Parameter name '{name}' is not a C# identifier.");
        return "@" + name;
    }

    private static NotSupportedException Unsupported(Expression e) =>
        new($"The generator of the precompiled built-in pack cannot write a {e.NodeType} node ({e}) as C#; extend {nameof(CSharpExpressionWriter)} and its test.");
}
