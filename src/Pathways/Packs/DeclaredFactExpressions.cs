using System.Linq.Dynamic.Core;
using System.Linq.Expressions;
using System.Reflection;

namespace Pathways;

/// <summary>
/// The <c>facts</c> parameter of rule expressions: a type made at load with one nullable property per declared
/// fact (<c>bool?</c>, <c>int?</c>, <c>double?</c>, <c>string</c> for an enum), so that RulesEngine's parser
/// type-checks <c>facts.homeless == true</c> and refuses <c>facts.homles</c>. Plain RulesEngine reads such an
/// object as it is; Pathways rewrites each read into a typed read of the profile's checked values.
/// </summary>
internal static class DeclaredFactTypes
{
    public static Type Create(IReadOnlyList<FactDefinition> declared) =>
        declared.Count == 0 ? typeof(NoDeclaredFacts) : Emit(declared);

    // Apart, so that a rule set without declared facts never loads System.Linq.Dynamic.Core for this method's sake.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Type Emit(IReadOnlyList<FactDefinition> declared) =>
        DynamicClassFactory.CreateType(declared.Select(d => new DynamicProperty(d.Name, ClrType(d.Type))).ToList(), createParameterCtor: false);

    public static Type ClrType(FactType type) => type switch
    {
        FactType.Boolean => typeof(bool?),
        FactType.Integer => typeof(int?),
        FactType.Number => typeof(double?),
        _ => typeof(string),
    };

    /// <summary>An object of <paramref name="table"/>'s facts type holding the citizen's declared facts (for plain RulesEngine).</summary>
    public static object Instance(FactTable table, CitizenProfile profile)
    {
        var o = Activator.CreateInstance(table.FactsType)!;
        foreach (var def in table.Declared)
        {
            if (!table.TryGet(def, profile, AssessmentContext.Unknown, out var v)) continue;
            object value = def.Type switch
            {
                FactType.Boolean => v.Number != 0,
                FactType.Integer => (int)v.Number,
                FactType.Number => v.Number,
                _ => v.Text!,
            };
            table.FactsType.GetProperty(def.Name)!.SetValue(o, value);
        }

        return o;
    }
}

/// <summary>The <c>facts</c> parameter's type when no loaded pack declares a fact: it has nothing to read.</summary>
internal sealed class NoDeclaredFacts
{
}

/// <summary>Typed reads of a declared fact, as compiled rules call them: <see langword="null"/> when the fact is unknown.</summary>
internal static class FactReads
{
    public static bool? Boolean(CitizenProfile p, FactTable t, int bit, int slot)
    {
        var r = p.Facts.Resolve(t);
        return (r.Unknown & (1UL << bit)) != 0 ? null : r.Slots[slot].Number != 0;
    }

    public static int? Integer(CitizenProfile p, FactTable t, int bit, int slot)
    {
        var r = p.Facts.Resolve(t);
        return (r.Unknown & (1UL << bit)) != 0 ? null : (int)r.Slots[slot].Number;
    }

    public static double? Number(CitizenProfile p, FactTable t, int bit, int slot)
    {
        var r = p.Facts.Resolve(t);
        return (r.Unknown & (1UL << bit)) != 0 ? null : r.Slots[slot].Number;
    }

    public static string? Enum(CitizenProfile p, FactTable t, int bit, int slot)
    {
        var r = p.Facts.Resolve(t);
        return (r.Unknown & (1UL << bit)) != 0 ? null : r.Slots[slot].Text;
    }

    public static MethodInfo For(FactType type) => typeof(FactReads).GetMethod(type.ToString(), BindingFlags.Public | BindingFlags.Static)!;
}

/// <summary>
/// Replaces each <c>facts.name</c> in a parsed expression by a typed read (or, for the allow-list screen, by a
/// default value of the same type), records which facts it needs, and finds comparisons of an enum fact with a
/// string that is not one of its values.
/// </summary>
internal sealed class FactReadRewriter(ParameterExpression facts, ParameterExpression profile, FactTable table, bool forScreen) : ExpressionVisitor
{
    public ulong Needed { get; private set; }

    public List<FactDefinition> Used { get; } = new();

    /// <summary>Comparisons with a value the enum fact does not have, one sentence each.</summary>
    public List<string> BadValues { get; } = new();

    /// <summary>Whether <c>facts</c> is used other than as <c>facts.name</c>.</summary>
    public bool UsedWhole { get; private set; }

    public static Expression ForScreen(Expression e, ParameterExpression facts, ParameterExpression profile, FactTable table) =>
        new FactReadRewriter(facts, profile, table, forScreen: true).Visit(e);

    protected override Expression VisitMember(MemberExpression node)
    {
        if (node.Expression != facts || !table.TryGetDeclared(node.Member.Name, out var def)) return base.VisitMember(node);
        Needed |= 1UL << def.Bit;
        if (!Used.Contains(def)) Used.Add(def);
        // For the screen, a read of a declared fact is an opaque value of its type: allowed, and never folded as a constant.
        if (forScreen) return Expression.Parameter(node.Type, "facts." + def.Name);
        return Expression.Call(FactReads.For(def.Type), profile, Expression.Constant(table), Expression.Constant(def.Bit), Expression.Constant(def.Slot));
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (node == facts) UsedWhole = true;
        return node;
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual)
        {
            CheckEnumValue(node.Left, node.Right);
            CheckEnumValue(node.Right, node.Left);
        }

        return base.VisitBinary(node);
    }

    private void CheckEnumValue(Expression read, Expression other)
    {
        if (read is MemberExpression m && m.Expression == facts && table.TryGetDeclared(m.Member.Name, out var def)
            && def.Type == FactType.Enum && other is ConstantExpression { Value: string s } && !def.Values.Contains(s))
        {
            BadValues.Add($"compares facts.{def.Name} with \"{s}\", which is not one of its values: {string.Join(", ", def.Values.Select(v => "'" + v + "'"))}");
        }
    }
}
