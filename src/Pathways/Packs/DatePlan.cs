using System.Globalization;
using System.Linq.Expressions;

namespace Pathways;

/// <summary>
/// Dated rules and parameter values (CONTRACT §4.3), resolved once per period rather than per rule per call. The
/// days on which any rule starts or stops, or any parameter changes value, cut time into periods in which the rules
/// in force and the parameter values are the same; each period gets its own compiled view of the rule set (the
/// parameters are constants in the compiled expressions), built on first use and shared by periods that turn out
/// alike. Finding a day's view is a binary search over the cut days.
/// </summary>
internal sealed class DatePlan
{
    private readonly RuleSetCompiler.Merged _merged;
    private readonly RuleSetInfo _info;
    private readonly FactTable _facts;
    private readonly DateTime[] _cuts;
    private readonly Lazy<CompiledRuleSet>[] _views;
    private readonly Dictionary<RuleDef, string[]> _reads;
    private readonly Dictionary<string, CompiledRuleSet> _bySignature = new(StringComparer.Ordinal);

    private DatePlan(RuleSetCompiler.Merged merged, CompiledRuleSet whole, DateTime[] cuts)
    {
        _merged = merged;
        _info = whole.Info;
        _facts = whole.Facts;
        _cuts = cuts;
        _reads = whole.Rules.ToDictionary(r => r.Def, r => ParametersRead(r, merged).ToArray());
        _views = Enumerable.Range(0, cuts.Length + 1)
            .Select(i => new Lazy<CompiledRuleSet>(() => Build(Start(i)), LazyThreadSafetyMode.ExecutionAndPublication)).ToArray();
        Warnings = FindWarnings();
    }

    /// <summary>Rules that can never be in force, and dated values that overlap.</summary>
    public IReadOnlyList<PackProblem> Warnings { get; }

    /// <summary>A plan for the merged packs, or <see langword="null"/> when nothing in them is dated.</summary>
    public static DatePlan? TryCreate(RuleSetCompiler.Merged merged, CompiledRuleSet whole)
    {
        // Most rule sets have no dates at all: say so without building the set of cuts.
        if (!whole.Rules.Any(r => r.Def.ValidFrom is not null || r.Def.ValidTo is not null) && !merged.Parameters.Values.Any(p => p.Periods is not null))
            return null;

        var cuts = new SortedSet<DateTime>();
        foreach (var rule in whole.Rules.Select(r => r.Def))
        {
            if (rule.ValidFrom is { } from) cuts.Add(from);
            if (rule.ValidTo is { } to) cuts.Add(to.AddDays(1));
        }

        foreach (var p in merged.Parameters.Values.Where(p => p.Periods is not null))
        {
            foreach (var period in p.Periods!)
            {
                cuts.Add(period.From);
                cuts.Add(period.To.AddDays(1));
            }
        }

        return cuts.Count == 0 ? null : new DatePlan(merged, whole, cuts.ToArray());
    }

    /// <summary>The view in force on <paramref name="day"/>.</summary>
    public CompiledRuleSet For(DateTime day)
    {
        var i = Array.BinarySearch(_cuts, day);
        return _views[i >= 0 ? i + 1 : ~i].Value;
    }

    /// <summary>The first day of period <paramref name="i"/> (the earliest representable day for the first period).</summary>
    private DateTime Start(int i) => i == 0 ? DateTime.MinValue : _cuts[i - 1];

    private Dictionary<string, double?> ValuesOn(DateTime day) =>
        _merged.Parameters.Values.ToDictionary(p => p.Name, p => p.ValueOn(day), StringComparer.Ordinal);

    private bool InForce(RuleDef rule, DateTime day, Dictionary<string, double?> values) =>
        (rule.ValidFrom is null || rule.ValidFrom <= day)
        && (rule.ValidTo is null || day <= rule.ValidTo)
        && _reads[rule].All(name => values[name] is not null);

    private CompiledRuleSet Build(DateTime day)
    {
        var values = ValuesOn(day);
        var rules = _merged.Rules.Where(r => !r.Enabled || !_reads.ContainsKey(r) || InForce(r, day, values)).ToList();
        var parameters = _merged.Parameters.Values.ToDictionary(
            p => p.Name,
            p => values[p.Name] is { } v ? p with { Value = v, Periods = null } : p with { Periods = null },
            StringComparer.Ordinal);
        var signature = string.Join(",", rules.Select(r => r.Name)) + "|" + string.Join(",", parameters.Values.Select(p => p.Name + "=" + p.Value.ToString("R", CultureInfo.InvariantCulture)));
        lock (_bySignature)
        {
            if (_bySignature.TryGetValue(signature, out var same)) return same;
            var view = RuleSetCompiler.CompileView(_merged, parameters, rules, _info, _facts);
            _bySignature[signature] = view;
            return view;
        }
    }

    private List<PackProblem> FindWarnings()
    {
        var warnings = new List<PackProblem>();
        var starts = Enumerable.Range(0, _cuts.Length + 1).Select(Start).ToList();
        var valuesByPeriod = starts.Select(ValuesOn).ToList();
        foreach (var rule in _reads.Keys)
        {
            if (Enumerable.Range(0, starts.Count).Any(i => InForce(rule, starts[i], valuesByPeriod[i]))) continue;
            var dated = _reads[rule].Where(n => _merged.Parameters[n].Periods is not null).ToList();
            var why = dated.Count == 0
                ? "its validFrom and validTo leave no day"
                : $"on the days it is in force, parameter{(dated.Count == 1 ? string.Empty : "s")} {string.Join(", ", dated.Select(n => "'" + n + "'"))} ha{(dated.Count == 1 ? "s" : "ve")} no value";
            warnings.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.Line, $"Rule '{rule.Name}' is in force on no day: {why}, so it never fires."));
        }

        foreach (var p in _merged.Parameters.Values.Where(p => p.Periods is { Count: > 1 }))
        {
            var def = _merged.Packs.Where(k => k.Name == p.Pack).SelectMany(k => k.Parameters).LastOrDefault(d => d.Entry.Name == p.Name);
            var source = _merged.Packs.FirstOrDefault(k => k.Name == p.Pack)?.Source ?? p.Pack;
            var periods = p.Periods!;
            for (var i = 0; i < periods.Count; i++)
            {
                for (var j = i + 1; j < periods.Count; j++)
                {
                    var (a, b) = (periods[i], periods[j]);
                    if (a.From > b.To || b.From > a.To) continue;
                    var from = a.From > b.From ? a.From : b.From;
                    var to = a.To < b.To ? a.To : b.To;
                    warnings.Add(new PackProblem(source, p.Pack, null, p.Name, def?.Line, $"Parameter '{p.Name}' has values from {AssessmentDates.Format(a.From)} and from {AssessmentDates.Format(b.From)} that overlap from {AssessmentDates.Format(from)} to {AssessmentDates.Format(to)}; there the value with the later 'from' applies (of two with the same 'from', the one listed later)."));
                }
            }
        }

        return warnings;
    }

    /// <summary>The pack parameters a rule reads, in its own expressions and its nested rules'.</summary>
    private static IEnumerable<string> ParametersRead(CompiledRule rule, RuleSetCompiler.Merged merged)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        void Visit(CompiledRule r)
        {
            if (r.Lambda is not null)
            {
                var v = new VariableNames();
                v.Visit(r.Lambda);
                found.UnionWith(v.Names.Where(merged.Parameters.ContainsKey));
            }

            foreach (var c in r.Children) Visit(c);
        }

        Visit(rule);
        return found;
    }

    private sealed class VariableNames : ExpressionVisitor
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (node.Name is not null) Names.Add(node.Name);
            return node;
        }
    }
}
