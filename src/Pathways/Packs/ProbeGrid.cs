using System.Globalization;
using System.Runtime.CompilerServices;

namespace Pathways;

/// <summary>
/// The synthetic profiles every rule is tried on at load: for each fact of the rule set's fact table (the built-in
/// fields and the facts the packs declare), its boundary values (unknown, lowest, highest, every enum value,
/// true/false). They are made up, never a citizen's data, so a refusal may name them.
/// </summary>
/// <remarks>
/// One <see cref="ProbeFact"/> per fact definition, derived from its type, range and values, so a fact a pack declares
/// adds its own row and the grid follows. The points are: every fact at the same position of its list (so one point
/// has every fact unknown, one every fact at its lowest, one every fact at its highest), and then every value of
/// every fact on its own, the other facts at a typical known value.
/// </remarks>
internal static class ProbeGrid
{
    /// <summary>The highest value tried for a whole-number fact that declares no maximum (e.g. months on benefits).</summary>
    public const int OpenMaximum = 1200;

    /// <summary>One fact and its boundary values; <see langword="null"/> is unknown.</summary>
    /// <param name="Def">The fact.</param>
    /// <param name="Values">Unknown first (the lowest for a required fact), then lowest, highest, the others; the last is a typical value.</param>
    internal sealed record ProbeFact(FactDefinition Def, IReadOnlyList<FactValue?> Values);

    /// <summary>One synthetic profile and context, and which facts are unknown in it.</summary>
    internal sealed record ProbePoint(CitizenProfile Profile, AssessmentContext Context, ulong Unknown);

    private static readonly ConditionalWeakTable<FactTable, IReadOnlyList<ProbePoint>> Grids = new();

    /// <summary>The rows of the built-in facts.</summary>
    public static IReadOnlyList<ProbeFact> BuiltIn { get; } = Rows(FactTable.BuiltIn);

    /// <summary>The grid over the built-in facts.</summary>
    public static IReadOnlyList<ProbePoint> Points => For(FactTable.BuiltIn);

    /// <summary>The grid over a rule set's facts, built once per table.</summary>
    public static IReadOnlyList<ProbePoint> For(FactTable table) => Grids.GetValue(table, t => Build(t, Rows(t)));

    /// <summary>One row per fact of the table, its values from its type, range and values.</summary>
    public static IReadOnlyList<ProbeFact> Rows(FactTable table) => table.All.Select(Row).ToArray();

    private static ProbeFact Row(FactDefinition def)
    {
        var values = new List<FactValue?>();
        switch (def.Type)
        {
            case FactType.Boolean:
                values.AddRange(new FactValue?[] { null, FactValue.Of(false), FactValue.Of(true), FactValue.Of(false) });
                break;
            case FactType.Enum:
                var known = Enumerable.Range(0, def.Values.Count).Where(i => i != def.UnknownIndex).Select(i => (FactValue?)new FactValue(FactKind.Text, i, def.Values[i])).ToList();
                values.Add(def.UnknownIndex >= 0 ? new FactValue(FactKind.Text, def.UnknownIndex, def.Values[def.UnknownIndex]) : def.IsRequired ? known[0] : null);
                values.AddRange(known);
                values.Add(known[known.Count > 1 ? 1 : 0]);
                break;
            default:
                var low = def.Minimum ?? 0;
                var high = def.Maximum ?? Math.Max(low, OpenMaximum);
                var typical = def.Type == FactType.Integer ? Math.Floor((low + Math.Min(high, low + 40)) / 2) : (low + Math.Min(high, low + 20)) / 2;
                values.Add(def.IsRequired ? FactValue.Of(low) : null);
                values.AddRange(new FactValue?[] { FactValue.Of(low), FactValue.Of(high), FactValue.Of(typical) });
                break;
        }

        return new ProbeFact(def, values);
    }

    private static IReadOnlyList<ProbePoint> Build(FactTable table, IReadOnlyList<ProbeFact> facts)
    {
        var points = new List<ProbePoint>();
        var longest = facts.Max(f => f.Values.Count);
        for (var i = 0; i < longest; i++)
            points.Add(Point(table, facts, f => f.Values[Math.Min(i, f.Values.Count - 1)]));

        foreach (var fact in facts)
        {
            foreach (var value in fact.Values)
                points.Add(Point(table, facts, f => f == fact ? value : f.Values[f.Values.Count - 1]));
        }

        return points;
    }

    private static ProbePoint Point(FactTable table, IReadOnlyList<ProbeFact> facts, Func<ProbeFact, FactValue?> valueOf)
    {
        var p = new CitizenProfile();
        var c = new AssessmentContext();
        var declared = FactValues.Empty;
        foreach (var f in facts)
        {
            if (valueOf(f) is not { } v) continue;
            if (f.Def.Location == FactLocation.Facts)
                declared = declared.With(f.Def.Name, v);
            else
                FactTable.Set(f.Def, f.Def.Location == FactLocation.Context ? c : p, v);
        }

        if (declared.Count > 0) p = p with { Facts = declared };
        return new ProbePoint(p, c, table.Unknown(p, c));
    }

    /// <summary>The point's values of the given facts, as <c>age 15, monthsOnBenefits unknown</c>: synthetic values only.</summary>
    public static string Describe(FactTable table, ProbePoint point, ulong read)
    {
        var parts = table.All.Where(f => (read & (1UL << f.Bit)) != 0).Select(f =>
            f.Path + " " + ((point.Unknown & (1UL << f.Bit)) != 0 || !table.TryGet(f, point.Profile, point.Context, out var v) ? "unknown" : Show(v)));
        return string.Join(", ", parts);
    }

    private static string Show(FactValue v) => v.Kind switch
    {
        FactKind.Boolean => v.Number != 0 ? "true" : "false",
        FactKind.Text => v.Text ?? string.Empty,
        _ => v.Number.ToString("R", CultureInfo.InvariantCulture),
    };
}
