using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;
using REWorkflow = RulesEngine.Models.Workflow;
using RERule = RulesEngine.Models.Rule;

namespace Pathways;

/// <summary>
/// Merges packs in load order, checks every reference, screens every expression and compiles every rule with
/// RulesEngine's own expression parser, once. Any problem refuses the whole rule set: RulesEngine would only
/// report it at execute time, hidden as a false result.
/// </summary>
internal static class RuleSetCompiler
{
    internal static readonly Type[] CustomTypes = { typeof(Readiness), typeof(Benefit), typeof(BusinessCycle) };

    /// <summary>The settings for RulesEngine that Pathways compiles with; the raw engine uses the same.</summary>
    internal static ReSettings CreateSettings() => new()
    {
        CustomTypes = CustomTypes,
        EnableExceptionAsErrorMessageForRuleExpressionParsing = true,
        AutoRegisterInputType = false,
    };

    /// <param name="packs">The parsed packs, in load order.</param>
    /// <param name="parameterValues">Local values for named parameters, from the options.</param>
    /// <param name="earlier">Problems already found while reading the packs: reported together with the rest.</param>
    /// <param name="precompiled">Whether leaves of the built-in pack may be taken from <see cref="PrecompiledBuiltInPack"/> (where their expression and
    /// the parameters it sees are the ones it was generated from); <see langword="false"/> parses every expression.</param>
    public static CompiledRuleSet Compile(IReadOnlyList<PackDefinition> packs, IReadOnlyDictionary<string, double>? parameterValues = null, IReadOnlyList<PackProblem>? earlier = null, bool precompiled = true)
    {
        var problems = new List<PackProblem>(earlier ?? Array.Empty<PackProblem>());
        var set = TryCompile(packs, parameterValues, problems, precompiled: precompiled);
        return set is not null && problems.Count == 0 ? set : throw new PackLoadException(problems);
    }

    /// <summary>
    /// Merges and compiles, adding every problem to <paramref name="problems"/>: reference problems do not stop the
    /// expressions from being checked, so an author sees everything wrong at once. Returns <see langword="null"/>
    /// when anything was wrong (nothing half-loads).
    /// </summary>
    internal static CompiledRuleSet? TryCompile(IReadOnlyList<PackDefinition> packs, IReadOnlyDictionary<string, double>? parameterValues, List<PackProblem> problems, List<PackProblem>? warnings = null, bool precompiled = true)
    {
        var before = problems.Count;
        var merged = Merge(packs, parameterValues, problems);
        warnings?.AddRange(merged.Warnings);
        TextTemplate.Resolve(merged, problems);
        var table = new FactTable(merged.Facts);
        var compiled = CompileRules(merged, table, problems, precompiled: precompiled ? PrecompiledBuiltInPack.RulesFor(merged.Packs) : null);
        if (problems.Count > before || merged.Packs.Count == 0) return null;

        // Every rule is compiled above, whatever its dates, so that a rule in force only later is checked now too.
        var set = new CompiledRuleSet(merged, compiled, table);
        if (DatePlan.TryCreate(merged, set) is { } plan) set.UseDates(plan);
        return set;
    }

    /// <summary>
    /// The rules in force and the parameter values of one period of a dated rule set, compiled as a rule set of its
    /// own, with the whole rule set's facts. Everything in it was compiled and checked already, so a problem here is a defect.
    /// </summary>
    internal static CompiledRuleSet CompileView(Merged whole, Dictionary<string, ParameterEntry> parameters, List<RuleDef> rules, RuleSetInfo info, FactTable table)
    {
        var view = whole.WithView(parameters, rules);
        var problems = new List<PackProblem>();
        var compiled = CompileRules(view, table, problems, precompiled: PrecompiledBuiltInPack.RulesFor(view.Packs));
        if (problems.Count > 0) throw new InvalidOperationException("A dated view of a valid rule set did not compile: " + problems[0]);
        return new CompiledRuleSet(view, compiled, table, info);
    }

    internal sealed class Merged
    {
        public List<PackDefinition> Packs { get; } = new();
        public Dictionary<string, ParameterEntry> Parameters { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, CitationEntry> Citations { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, InterventionEntry> Interventions { get; } = new(StringComparer.Ordinal);
        public List<(string Name, List<(ScopedParamDef Param, PackDefinition Pack)> Globals)> Workflows { get; } = new();
        public List<RuleDef> Rules { get; } = new();
        public Dictionary<string, double> ParameterOverrides { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> ParameterFirstPack { get; } = new(StringComparer.Ordinal);

        /// <summary>The facts the packs declare, in load order (at most <see cref="FactTable.MaxFacts"/> with the built-in ones).</summary>
        public List<FactDefinition> Facts { get; } = new();

        /// <summary>What makes the advice poorer but not wrong (CONTRACT §4.4): listed by validate, logged at load.</summary>
        public List<PackProblem> Warnings { get; } = new();

        // Where merging has got to, so that one more pack can be merged on top (PackValidator).
        public Dictionary<string, string> PackSources { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> RuleIndex { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> WorkflowIndex { get; } = new(StringComparer.Ordinal);
        public HashSet<string> BuiltInInterventions { get; } = new(StringComparer.Ordinal);

        /// <summary>A copy to merge one more pack into, leaving this one as it is.</summary>
        public Merged Clone()
        {
            var c = new Merged();
            c.Packs.AddRange(Packs);
            foreach (var kv in Parameters) c.Parameters[kv.Key] = kv.Value;
            foreach (var kv in Citations) c.Citations[kv.Key] = kv.Value;
            foreach (var kv in Interventions) c.Interventions[kv.Key] = kv.Value;
            c.Workflows.AddRange(Workflows.Select(w => (w.Name, new List<(ScopedParamDef Param, PackDefinition Pack)>(w.Globals))));
            c.Rules.AddRange(Rules);
            foreach (var kv in ParameterOverrides) c.ParameterOverrides[kv.Key] = kv.Value;
            foreach (var kv in ParameterFirstPack) c.ParameterFirstPack[kv.Key] = kv.Value;
            foreach (var kv in PackSources) c.PackSources[kv.Key] = kv.Value;
            foreach (var kv in RuleIndex) c.RuleIndex[kv.Key] = kv.Value;
            foreach (var kv in WorkflowIndex) c.WorkflowIndex[kv.Key] = kv.Value;
            c.BuiltInInterventions.UnionWith(BuiltInInterventions);
            c.Facts.AddRange(Facts);
            c.Warnings.AddRange(Warnings);
            return c;
        }

        /// <summary>The same packs with other parameter values and only some rules: one period of a dated rule set.</summary>
        public Merged WithView(Dictionary<string, ParameterEntry> parameters, List<RuleDef> rules)
        {
            var m = new Merged();
            m.Packs.AddRange(Packs);
            foreach (var kv in parameters) m.Parameters[kv.Key] = kv.Value;
            foreach (var kv in Citations) m.Citations[kv.Key] = kv.Value;
            foreach (var kv in Interventions) m.Interventions[kv.Key] = kv.Value;
            m.Workflows.AddRange(Workflows);
            m.Rules.AddRange(rules);
            foreach (var kv in ParameterOverrides) m.ParameterOverrides[kv.Key] = kv.Value;
            foreach (var kv in ParameterFirstPack) m.ParameterFirstPack[kv.Key] = kv.Value;
            m.Facts.AddRange(Facts);
            return m;
        }
    }

    private static Merged Merge(IReadOnlyList<PackDefinition> packs, IReadOnlyDictionary<string, double>? parameterValues, List<PackProblem> problems)
    {
        var m = new Merged();
        foreach (var pack in packs) MergePack(m, pack, problems);

        if (parameterValues is not null)
        {
            foreach (var kv in parameterValues.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                if (!m.Parameters.TryGetValue(kv.Key, out var p))
                {
                    problems.Add(new PackProblem("(options)", null, null, kv.Key, null, $"Parameter '{kv.Key}' is set in the options but no pack defines it; defined: {string.Join(", ", m.Parameters.Keys.OrderBy(k => k, StringComparer.Ordinal))}."));
                    continue;
                }

                if (p.IsInteger && (kv.Value != Math.Floor(kv.Value) || kv.Value < int.MinValue || kv.Value > int.MaxValue))
                {
                    problems.Add(new PackProblem("(options)", null, null, kv.Key, null, $"Parameter '{kv.Key}' is a whole number from {int.MinValue} to {int.MaxValue} but the options set it to {kv.Value.ToString(CultureInfo.InvariantCulture)}."));
                    continue;
                }

                // A local value applies on every day, in place of any dated values of the pack.
                m.Parameters[kv.Key] = p with { Value = kv.Value, Periods = null };
                m.ParameterOverrides[kv.Key] = kv.Value;
            }
        }

        return m;
    }

    /// <summary>
    /// Merges one more pack into <paramref name="m"/>, reporting its problems; the rules it adds or replaces are
    /// checked against what it and the packs before it define.
    /// </summary>
    internal static void MergePack(Merged m, PackDefinition pack, List<PackProblem> problems)
    {
        void Add(string? workflow, string? rule, int? line, string message) => problems.Add(new PackProblem(pack.Source, pack.Name, workflow, rule, line, message));

        if (m.PackSources.TryGetValue(pack.Name, out var otherSource))
        {
            Add(null, null, null, $"Pack '{pack.Name}' is already loaded from {otherSource}; a pack can be loaded once.");
            return;
        }

        m.PackSources[pack.Name] = pack.Source;
        if (pack.Source == BuiltInPack.SourceLabel) m.BuiltInInterventions.UnionWith(pack.Interventions.Select(i => i.Entry.Id));
        m.Packs.Add(pack);
        m.Warnings.AddRange(pack.Warnings);
        MergeFacts(pack, m, problems);

        MergeEntries(pack, pack.Parameters, p => p.Entry.Name, p => p.Override, p => p.Line, m.Parameters, p => p.Entry, e => e.Pack, "parameter", Add);
        // Only this pack can have added parameters: look at its own, not at every parameter so far (linear load).
        foreach (var name in pack.Parameters.Select(p => p.Entry.Name))
        {
            if (m.Parameters.ContainsKey(name) && !m.ParameterFirstPack.ContainsKey(name)) m.ParameterFirstPack[name] = m.Packs.Count - 1;
        }

        MergeEntries(pack, pack.Citations, c => c.Entry.Key, c => c.Override, c => c.Line, m.Citations, c => c.Entry, e => e.Pack, "citation key", Add);
        MergeEntries(pack, pack.Interventions, i => i.Entry.Id, i => i.Override, i => i.Line, m.Interventions, i => i.Entry, e => e.Pack, "intervention id", Add);

        var namesInPack = new HashSet<string>(StringComparer.Ordinal);
        var slotsOfPack = new List<int>();
        foreach (var wf in pack.Workflows)
        {
            if (!m.WorkflowIndex.TryGetValue(wf.Name, out var slot))
            {
                m.Workflows.Add((wf.Name, new()));
                slot = m.Workflows.Count - 1;
                m.WorkflowIndex[wf.Name] = slot;
            }

            // GlobalParams are visible to every rule of the workflow, so a second definition of one name (in this
            // pack or a later one) would silently change rules it does not own; RulesEngine refuses duplicates too.
            var globals = m.Workflows[slot].Globals;
            var globalNames = globals.Count == 0 ? null : globals.GroupBy(x => x.Param.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(x => x.Key, x => x.First(), StringComparer.OrdinalIgnoreCase);
            foreach (var g in wf.GlobalParams)
            {
                var clash = globalNames is not null && globalNames.TryGetValue(g.Name, out var found) ? found : default;
                if (clash.Pack is not null)
                    Add(wf.Name, null, g.Line, clash.Pack == pack
                        ? $"GlobalParam '{g.Name}' is defined twice in workflow '{wf.Name}'."
                        : $"GlobalParam '{g.Name}' of workflow '{wf.Name}' is already defined by pack '{clash.Pack.Name}'; choose another name.");
                else
                {
                    globals.Add((g, pack));
                    (globalNames ??= new(StringComparer.OrdinalIgnoreCase))[g.Name] = (g, pack);
                }
            }

            foreach (var rule in wf.Rules)
            {
                foreach (var name in Flatten(rule).Select(r => r.Name))
                {
                    if (!namesInPack.Add(name))
                        Add(wf.Name, name, rule.Line, $"Rule name '{name}' is used twice in this pack; rule names must be unique.");
                }

                if (m.RuleIndex.TryGetValue(rule.Name, out var at))
                {
                    var existing = m.Rules[at];
                    if (existing.Pack == pack.Name) continue; // reported above
                    if (!rule.Override)
                    {
                        Add(wf.Name, rule.Name, rule.Line, $"Rule '{rule.Name}' is already defined by pack '{existing.Pack}'; set \"override\": true in its Properties to replace it, or \"Enabled\": false as well to disable it.");
                        continue;
                    }

                    rule.Workflow = existing.Workflow;
                    m.Rules[at] = rule;
                    slotsOfPack.Add(at);
                }
                else
                {
                    // A local caveat or exclusion on a built-in intervention changes the built-in advice, so it must
                    // say so, as replacing or disabling a built-in rule must.
                    var changesBuiltIn = pack.Source != BuiltInPack.SourceLabel && rule.Enabled && rule.Role is RuleRole.Caveat or RuleRole.Exclude
                        && rule.SuccessEvent is not null && m.BuiltInInterventions.Contains(rule.SuccessEvent);
                    if (changesBuiltIn && !rule.Override)
                    {
                        var what = rule.Role == RuleRole.Exclude ? "excludes" : "adds a caveat to";
                        Add(wf.Name, rule.Name, rule.Line, $"Rule '{rule.Name}' {what} '{rule.SuccessEvent}', an intervention of the built-in pack, which changes the built-in advice: set \"override\": true in its Properties to say so.");
                        continue;
                    }

                    if (rule.Override && !changesBuiltIn)
                    {
                        Add(wf.Name, rule.Name, rule.Line, $"Rule '{rule.Name}' says \"override\": true but no earlier pack defines a rule of that name (nor is it a caveat or exclusion on a built-in intervention).");
                        continue;
                    }

                    m.RuleIndex[rule.Name] = m.Rules.Count;
                    slotsOfPack.Add(m.Rules.Count);
                    m.Rules.Add(rule);
                }
            }
        }

        // The rules this pack added or replaced, in rule-set order (not a scan of every rule so far). A list sorted once:
        // a SortedSet<int> is code that a ReadyToRun process compiles at start-up.
        slotsOfPack.Sort();
        for (var i = 0; i < slotsOfPack.Count; i++)
        {
            if (i > 0 && slotsOfPack[i] == slotsOfPack[i - 1]) continue;
            var rule = m.Rules[slotsOfPack[i]];
            if (rule.Enabled) CheckReferences(rule, m, problems);
        }
        CheckTests(pack, m, problems);
    }

    /// <summary>
    /// An enabled rule must name a catalogue id and known citations, and carry its texts. It is checked when its pack
    /// is merged, so it can use what its own pack and earlier packs define, never what a later pack defines.
    /// </summary>
    private static void CheckReferences(RuleDef rule, Merged m, List<PackProblem> problems)
    {
        void Add(int? line, string message) => problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, line, message));
        if (rule.SuccessEvent is null)
            Add(rule.Line, "The rule has no 'SuccessEvent': name the intervention id it recommends, qualifies or excludes.");
        else if (!m.Interventions.ContainsKey(rule.SuccessEvent))
            Add(rule.SuccessEventLine ?? rule.Line, $"SuccessEvent '{rule.SuccessEvent}' is not an intervention id in this or an earlier pack{Nearest(rule.SuccessEvent, m.Interventions.Keys)}.");

        // A property that is present but malformed was reported by the parser; "missing" would only repeat it.
        bool Given(string key) => rule.RawProperties.TryGetValue(key, out var v) && v is not null;
        if (rule.Citations.Count == 0 && !rule.CitationsMalformed)
            Add(rule.Line, "The rule cites no study: add 'citations' with at least one key to its Properties.");
        foreach (var key in rule.Citations)
        {
            if (!m.Citations.ContainsKey(key))
                Add(rule.CitationsLine ?? rule.Line, $"Citation key '{key}' is not in the bibliography of this or an earlier pack{Nearest(key, m.Citations.Keys)}.");
        }

        foreach (var key in rule.Findings.Keys)
        {
            if (!rule.Citations.Contains(key))
                Add(rule.Line, $"'findings' names '{key}', which the rule does not cite.");
        }

        if (rule.Citations.Distinct(StringComparer.Ordinal).Count() != rule.Citations.Count)
            Add(rule.CitationsLine ?? rule.Line, "The rule cites one key twice.");

        var roleGiven = Given("role") ? rule.RawProperties["role"] as string : "recommend";
        if (roleGiven is not ("recommend" or "caveat" or "exclude")) return;
        switch (rule.Role)
        {
            case RuleRole.Recommend:
                if (rule.Evidence is null && !Given("evidence")) Add(rule.Line, "A recommending rule needs 'evidence': 'strong', 'moderate', 'mixed' or 'limited', graded from the source's wording.");
                if (rule.Reason is null && !Given("reason"))
                    m.Warnings.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.Line, "The recommending rule has no 'reason' text, so the card says why from the facts it matched; add a 'reason' that says why it fits the citizen."));
                break;
            case RuleRole.Caveat:
                if (rule.Caveat is null && !Given("caveat")) Add(rule.Line, "A caveat rule needs a 'caveat' text.");
                break;
            case RuleRole.Exclude:
                if (rule.Reason is null && !Given("reason")) Add(rule.Line, "An exclusion rule needs a 'reason' text: why the intervention is not for this citizen.");
                break;
        }

        if (rule.Role != RuleRole.Caveat && Given("ifUnknown"))
            Add(rule.Line, "'ifUnknown' is for caveat rules only: the caveat shown when the rule cannot be decided because a fact it reads is unknown.");
    }

    /// <summary>
    /// A pack's declared facts: names unique across the built-in fields and every loaded pack, and at most
    /// <see cref="FactTable.MaxFacts"/> facts in all, so that a rule's needs stay one 64-bit mask.
    /// </summary>
    private static void MergeFacts(PackDefinition pack, Merged m, List<PackProblem> problems)
    {
        void Add(FactDefinition f, string message) => problems.Add(new PackProblem(pack.Source, pack.Name, null, "facts." + f.Name, f.Line, message));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fact in pack.Facts)
        {
            var builtIn = FactTable.BuiltIn.BuiltIns.FirstOrDefault(b => string.Equals(b.Name, fact.Name, StringComparison.OrdinalIgnoreCase))?.Name
                ?? new[] { "id", "context", "facts" }.FirstOrDefault(n => string.Equals(n, fact.Name, StringComparison.OrdinalIgnoreCase));
            if (!seen.Add(fact.Name))
                Add(fact, $"The fact '{fact.Name}' is declared twice in this pack.");
            else if (builtIn is not null)
                Add(fact, $"The fact '{fact.Name}' has the name of the built-in field '{builtIn}'; choose another name.");
            else if (m.Facts.FirstOrDefault(f => string.Equals(f.Name, fact.Name, StringComparison.OrdinalIgnoreCase)) is { } other)
                Add(fact, $"The fact '{fact.Name}' is already declared by pack '{other.Pack}'; fact names are unique across the loaded packs.");
            else if (m.Facts.Count + FactTable.BuiltInCount >= FactTable.MaxFacts)
                Add(fact, $"Too many facts: the loaded packs may declare at most {FactTable.MaxFacts - FactTable.BuiltInCount} facts in all ({FactTable.MaxFacts} with the {FactTable.BuiltInCount} built-in fields).");
            else
                m.Facts.Add(fact);
        }
    }

    /// <summary>A test may name the interventions, citations and top-level rules of its own and earlier packs.</summary>
    private static void CheckTests(PackDefinition pack, Merged m, List<PackProblem> problems)
    {
        // The precompiled built-in pack is the first pack merged, as when it was generated and its tests checked against
        // itself (PrecompiledBuiltInPackTests compiles the parsed pack, which checks them); making them here would only cost.
        if (pack.IsPrecompiled && m.Packs.Count == 1) return;
        foreach (var test in pack.Tests)
        {
            foreach (var (kind, value, line) in test.References)
            {
                var (known, what) = kind switch
                {
                    PackTestReference.Intervention => ((ICollection<string>)m.Interventions.Keys, "an intervention id"),
                    PackTestReference.Citation => (m.Citations.Keys, "a citation key"),
                    _ => (m.Rules.Select(r => r.Name).ToList(), "a top-level rule"),
                };
                if (!known.Contains(value))
                    problems.Add(new PackProblem(pack.Source, pack.Name, null, null, line ?? test.Line, $"Test '{test.Name}' names '{value}', which is not {what} in this or an earlier pack{Nearest(value, known)}."));
            }
        }
    }

    private static void MergeEntries<TDef, TEntry>(
        PackDefinition pack,
        List<TDef> items,
        Func<TDef, string> key,
        Func<TDef, bool> isOverride,
        Func<TDef, int?> line,
        Dictionary<string, TEntry> into,
        Func<TDef, TEntry> entry,
        Func<TEntry, string> owner,
        string what,
        Action<string?, string?, int?, string> add)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var k = key(item);
            if (!seen.Add(k))
            {
                add(null, k, line(item), $"The {what} '{k}' is defined twice in this pack.");
                continue;
            }

            if (into.TryGetValue(k, out var existing))
            {
                if (!isOverride(item))
                {
                    if (!Equals(Strip(existing), Strip(entry(item))))
                        add(null, k, line(item), $"The {what} '{k}' is already defined differently by pack '{owner(existing)}'; set \"override\": true to replace it.");
                    continue;
                }

                into[k] = entry(item);
            }
            else if (isOverride(item))
            {
                add(null, k, line(item), $"The {what} '{k}' says \"override\": true but no earlier pack defines it.");
            }
            else
            {
                into[k] = entry(item);
            }
        }

        static object? Strip(TEntry e) => e switch
        {
            CitationEntry c => c with { Pack = string.Empty },
            InterventionEntry i => i with { Pack = string.Empty },
            ParameterEntry p => (p with { Pack = string.Empty, Periods = null }, p.PeriodsKey),
            _ => e,
        };
    }

    internal static IEnumerable<RuleDef> Flatten(RuleDef rule)
    {
        yield return rule;
        foreach (var c in rule.Children)
        {
            foreach (var d in Flatten(c)) yield return d;
        }
    }

    private static string Nearest(string value, IEnumerable<string> known)
    {
        var best = known.OrderBy(k => ProfileJson.Distance(value, k)).ThenBy(k => k, StringComparer.Ordinal).FirstOrDefault();
        return best is not null && ProfileJson.Distance(value, best) <= Math.Max(3, value.Length / 3) ? $" (did you mean '{best}'?)" : string.Empty;
    }

    /// <summary>
    /// A name in scope: a pack parameter (a constant) or a GlobalParam or LocalParam (a parsed expression). A constant's
    /// expression and variable are made when first asked for, so that precompiled rules never build an expression.
    /// </summary>
    private sealed class Scope
    {
        private ParameterExpression? _variable;
        private Expression? _value;

        public Scope(string name, object constant)
        {
            Name = name;
            Constant = constant;
        }

        public Scope(ParameterExpression variable, Expression value)
        {
            Name = variable.Name!;
            _variable = variable;
            _value = value;
        }

        public string Name { get; }

        /// <summary>A pack parameter's value (an int or a double); <see langword="null"/> for a parsed expression.</summary>
        public object? Constant { get; }

        public Expression Value => _value ??= Expression.Constant(Constant);

        public ParameterExpression Variable => _variable ??= Expression.Variable(Value.Type, Name);
    }

    /// <summary>The expression parameters: <c>profile</c>, <c>context</c> and <c>facts</c> (the declared facts), and the table.</summary>
    private sealed class Inputs(FactTable table, Merged merged)
    {
        private ParameterExpression? _profile;
        private ParameterExpression? _context;
        private ParameterExpression? _facts;

        public ParameterExpression Profile => _profile ??= Expression.Parameter(typeof(CitizenProfile), "profile");

        public ParameterExpression Context => _context ??= Expression.Parameter(typeof(AssessmentContext), "context");

        public ParameterExpression Facts => _facts ??= Expression.Parameter(table.FactsType, "facts");

        public FactTable Table => table;

        public Merged Merged => merged;
    }

    /// <summary>
    /// Merges one pack on top of packs already merged and compiles only its rules (and GlobalParams), adding its
    /// problems: how <see cref="PackValidator"/> checks a pack on top of the packs found valid, without merging and
    /// compiling those again for every pack of a folder (which made validating a folder quadratic).
    /// </summary>
    /// <param name="accepted">The packs merged so far (valid ones); left unchanged.</param>
    /// <param name="pack">The pack to check on top of them.</param>
    /// <param name="problems">Receives the pack's problems.</param>
    /// <param name="parser">A parser shared by the checks of one validation: a new parser's first expression is slow.</param>
    /// <returns>The merge with the pack added, to keep as the new start when the pack is valid.</returns>
    internal static Merged CheckOnTop(Merged accepted, PackDefinition pack, List<PackProblem> problems, RuleExpressionParser parser)
    {
        var merged = accepted.Clone();
        MergePack(merged, pack, problems);
        TextTemplate.Resolve(merged, problems, pack.Name);
        CompileRules(merged, new FactTable(merged.Facts), problems, pack.Name, new Parsers(parser));
        return merged;
    }

    /// <summary>The packs merged in order, as the start for <see cref="CheckOnTop"/>.</summary>
    internal static Merged MergeOnly(IEnumerable<PackDefinition> packs, List<PackProblem> problems)
    {
        var m = new Merged();
        foreach (var pack in packs) MergePack(m, pack, problems);
        return m;
    }

    private static List<CompiledRule> CompileRules(Merged m, FactTable table, List<PackProblem> problems, string? onlyPack = null, Parsers? shared = null, IReadOnlyDictionary<string, PrecompiledRule>? precompiled = null)
    {
        // Created on first use: a rule set whose every leaf is precompiled never starts System.Linq.Dynamic.Core.
        var parser = shared ?? new Parsers(null);
        var inputs = new Inputs(table, m);

        // Pack parameters are constants, visible by name to every expression (as RulesEngine GlobalParams).
        // A rule sees the parameters of its own and earlier packs (with their final values, so that a later pack
        // or the options can change a threshold), never a parameter that only a later pack defines.
        var baseScope = new List<Scope>();
        var firstPack = new Dictionary<Scope, int>();
        foreach (var p in m.Parameters.Values)
        {
            var scope = new Scope(p.Name, p.IsInteger ? (object)(int)p.Value : p.Value);
            baseScope.Add(scope);
            firstPack[scope] = m.ParameterFirstPack.TryGetValue(p.Name, out var i) ? i : 0;
        }

        var parameterNames = new HashSet<string>(baseScope.Select(b => b.Name), StringComparer.OrdinalIgnoreCase);
        var rules = m.Rules.Where(r => r.Enabled && (onlyPack is null || r.Pack == onlyPack)).ToList();
        var workflowsUsed = onlyPack is null ? null : new HashSet<string>(rules.Select(r => r.Workflow), StringComparer.Ordinal);
        var workflowScopes = new Dictionary<string, List<Scope>>(StringComparer.Ordinal);
        foreach (var (name, globals) in m.Workflows)
        {
            if (workflowsUsed is not null && !workflowsUsed.Contains(name) && !globals.Any(g => g.Pack.Name == onlyPack)) continue;
            var scope = new List<Scope>(baseScope);
            foreach (var (g, pack) in globals)
            {
                if (parameterNames.Contains(g.Name))
                {
                    problems.Add(new PackProblem(pack.Source, pack.Name, name, null, g.Line, $"GlobalParam '{g.Name}' has the name of a pack parameter; choose another name."));
                    continue;
                }

                if (ParseScoped(parser, g, inputs, scope, pack.Source, pack.Name, name, null, problems) is { } s)
                    scope.Add(s);
            }

            workflowScopes[name] = scope;
        }

        var packIndexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < m.Packs.Count; i++) packIndexes[m.Packs[i].Name] = i;
        var compiled = new List<CompiledRule>();
        foreach (var rule in rules)
        {
            var scope = workflowScopes.TryGetValue(rule.Workflow, out var s) ? s : baseScope;
            var packIndex = packIndexes.TryGetValue(rule.Pack, out var at) ? at : -1;
            scope = scope.Where(x => !firstPack.TryGetValue(x, out var first) || first <= packIndex).ToList();
            if (CompileRule(parser, rule, inputs, scope, problems, precompiled) is { } c)
                compiled.Add(c);
        }

        return compiled;
    }

    private static CompiledRule? CompileRule(Parsers parser, RuleDef rule, Inputs inputs, List<Scope> outer, List<PackProblem> problems, IReadOnlyDictionary<string, PrecompiledRule>? precompiled)
    {
        var scope = new List<Scope>(outer);
        var ok = true;
        var inScope = rule.LocalParams.Count == 0 ? null : new HashSet<string>(scope.Select(s => s.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var lp in rule.LocalParams)
        {
            if (!inScope!.Add(lp.Name))
            {
                problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, lp.Line, $"LocalParam '{lp.Name}' has the name of a parameter already in scope; choose another name."));
                ok = false;
                continue;
            }

            if (ParseScoped(parser, lp, inputs, scope, rule.Source, rule.Pack, rule.Workflow, rule.Name, problems) is { } sp)
                scope.Add(sp);
            else
                ok = false;
        }

        if (rule.Operator is not null)
        {
            var children = new List<CompiledRule>();
            foreach (var child in rule.Children.Where(c => c.Enabled))
            {
                child.Workflow = rule.Workflow;
                if (CompileRule(parser, child, inputs, scope, problems, precompiled) is { } cc) children.Add(cc);
                else ok = false;
            }

            if (children.Count == 0 && ok)
            {
                problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.Line, "Every nested rule is disabled, so this rule could never match."));
                return null;
            }

            return ok ? new CompiledRule(rule, null, children.ToArray(), FactsOfChildren(children)) : null;
        }

        // A rule without an expression was already reported by the parser; compiling "" would only repeat it.
        if (string.IsNullOrWhiteSpace(rule.Expression)) return null;
        var expression = rule.Expression!;
        var visible = Visible(scope, expression);
        var scopeKey = ok ? ScopeKeyOf(visible) : null;

        // The built-in pack's leaves were parsed, screened, probed and compiled to C# when the library was built; one is
        // taken only where its expression text and every pack parameter it could see are exactly as generated.
        if (ok && precompiled is not null && scopeKey is not null && rule.LocalParams.Count == 0
            && precompiled.TryGetValue(rule.Name, out var pre) && pre.Matches(rule, scopeKey))
        {
            return new CompiledRule(rule, pre.Predicate, pre.Facts, () =>
            {
                var problemsOfLambda = new List<PackProblem>();
                lock (parser)
                {
                    return CompileRule(parser, rule, inputs, outer, problemsOfLambda, null)?.Lambda
                        ?? throw new InvalidOperationException($"The precompiled rule '{rule.Name}' does not parse: {problemsOfLambda.FirstOrDefault()}");
                }
            });
        }

        if (ExpressionScreen.ScreenText(expression) is { } refused)
        {
            problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.ExpressionLine ?? rule.Line, $"Expression \"{Shorten(expression)}\" {refused}."));
            return null;
        }

        if (UndeclaredFact(expression, inputs) is { } undeclared)
        {
            problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.ExpressionLine ?? rule.Line, $"Expression \"{Shorten(expression)}\" {undeclared}"));
            return null;
        }

        Expression body;
        try
        {
            body = parser.Value.Parse(expression, Params(inputs, visible), typeof(bool));
        }
        catch (Exception e)
        {
            problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.ExpressionLine ?? rule.Line, $"Expression \"{Shorten(expression)}\" does not compile: {Clean(e.Message)}"));
            return null;
        }

        if (Screen(body, inputs) is { } treeRefused)
        {
            problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.ExpressionLine ?? rule.Line, $"Expression \"{Shorten(expression)}\" {treeRefused}."));
            return null;
        }

        body = AllowedMembers.Harden(body);

        if (!ok) return null;

        // Only the scoped parameters the expression reads (directly or through other scoped parameters) are
        // assigned, so that a rule needs exactly the facts it reads.
        var used = UsedScopes(body, scope);
        var block = used.Count == 0
            ? body
            : Expression.Block(used.Select(u => u.Variable), used.Select(u => (Expression)Expression.Assign(u.Variable, u.Value)).Append(body));
        // facts.name becomes a typed read of the citizen's checked values; its bit joins the rule's needs.
        var (profile, context) = (inputs.Profile, inputs.Context);
        var rewriter = new FactReadRewriter(inputs.Facts, profile, inputs.Table, forScreen: false);
        block = rewriter.Visit(block);
        if (!FactReadsAreValid(rule, expression, rewriter, inputs, problems)) return null;
        var lambda = Expression.Lambda<Func<CitizenProfile, AssessmentContext, bool>>(block, profile, context);
        var facts = FactsOf(lambda, profile, context) | rewriter.Needed;
        var predicate = lambda.Compile();
        if (ExpressionProbe.Refusal(predicate, facts, inputs.Table) is { } thrown)
        {
            problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.ExpressionLine ?? rule.Line, $"Expression \"{Shorten(expression)}\" {thrown}."));
            return null;
        }

        return new CompiledRule(rule, predicate, Array.Empty<CompiledRule>(), facts, lambda, scopeKey);
    }

    private static ulong FactsOfChildren(List<CompiledRule> children)
    {
        var facts = 0UL;
        foreach (var c in children) facts |= c.Facts;
        return facts;
    }

    /// <summary>RulesEngine's expression parser, made when the first expression is parsed; shared by one compilation.</summary>
    internal sealed class Parsers(RuleExpressionParser? given)
    {
        private RuleExpressionParser? _parser = given;

        public RuleExpressionParser Value => _parser ??= new RuleExpressionParser(CreateSettings());
    }

    /// <summary>
    /// The pack parameters an expression is parsed with (<see cref="Visible"/>), as <c>name:type=value</c>; with the
    /// expression text they decide its tree. <see langword="null"/> when one of them is not a constant.
    /// </summary>
    private static string? ScopeKeyOf(List<Scope> visible)
    {
        var parts = new string[visible.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var s = visible[i];
            parts[i] = s.Constant switch
            {
                int n => s.Name + ":int=" + n.ToString(CultureInfo.InvariantCulture),
                double d => s.Name + ":double=" + d.ToString("R", CultureInfo.InvariantCulture),
                _ => null!,
            };
            if (parts[i] is null) return null;
        }

        return string.Join(";", parts);
    }

    /// <summary>
    /// The allow-list screen, with each <c>facts.name</c> seen as a value of its type; <c>facts</c> used any other way
    /// (a comparison with null, a method, RulesEngine's dynamic member fallback) is refused.
    /// </summary>
    private static string? Screen(Expression e, Inputs inputs)
    {
        var r = new FactReadRewriter(inputs.Facts, inputs.Profile, inputs.Table, forScreen: true);
        var screened = r.Visit(e);
        return r.UsedWhole ? "uses 'facts' other than to read a declared fact as facts.name, which rules may not do" : ExpressionScreen.ScreenTree(screened);
    }

    /// <summary>Names a <c>facts.name</c> that no loaded pack declares, before the parser turns it into a dynamic read.</summary>
    private static string? UndeclaredFact(string expression, Inputs inputs)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(expression, "\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"(?<![\w.])facts\s*\.\s*([A-Za-z_]\w*)"))
        {
            var name = m.Groups[1].Value;
            if (inputs.Table.TryGetDeclared(name, out _)) continue;
            var declared = inputs.Table.Declared.Select(d => d.Name).ToList();
            return declared.Count == 0
                ? $"reads 'facts.{name}', which is not a declared fact: no loaded pack declares facts; declare it in the pack's 'facts'."
                : $"reads 'facts.{name}', which is not a declared fact{Nearest(name, declared)}; declared: {string.Join(", ", declared)}.";
        }

        return null;
    }

    /// <summary>
    /// A rule reads only facts that its own or an earlier pack declares, reads them one by one (never <c>facts</c>
    /// as a whole), and compares an enum fact only with one of its values.
    /// </summary>
    private static bool FactReadsAreValid(RuleDef rule, string expression, FactReadRewriter rewriter, Inputs inputs, List<PackProblem> problems)
    {
        var line = rule.ExpressionLine ?? rule.Line;
        var before = problems.Count;
        void Add(string message) => problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, line, $"Expression \"{Shorten(expression)}\" {message}."));
        if (rewriter.UsedWhole) Add("uses 'facts' as a whole; read one declared fact as facts.name");
        foreach (var bad in rewriter.BadValues) Add(bad);
        var packIndex = inputs.Merged.Packs.FindIndex(p => p.Name == rule.Pack);
        foreach (var def in rewriter.Used)
        {
            if (inputs.Merged.Packs.FindIndex(p => p.Name == def.Pack) > packIndex)
                Add($"reads facts.{def.Name}, which pack '{def.Pack}' declares and which loads after this pack; a rule reads the facts of its own and earlier packs");
        }

        return problems.Count == before;
    }

    private static Scope? ParseScoped(Parsers parser, ScopedParamDef p, Inputs inputs, List<Scope> scope, string source, string? pack, string? workflow, string? rule, List<PackProblem> problems)
    {
        if (ExpressionScreen.ScreenText(p.Expression) is { } refused)
        {
            problems.Add(new PackProblem(source, pack, workflow, rule, p.Line, $"Parameter '{p.Name}' expression \"{Shorten(p.Expression)}\" {refused}."));
            return null;
        }

        if (UndeclaredFact(p.Expression, inputs) is { } undeclared)
        {
            problems.Add(new PackProblem(source, pack, workflow, rule, p.Line, $"Parameter '{p.Name}' expression \"{Shorten(p.Expression)}\" {undeclared}"));
            return null;
        }

        Expression value;
        try
        {
            value = parser.Value.Parse(p.Expression, Params(inputs, Visible(scope, p.Expression)), null!);
        }
        catch (Exception e)
        {
            problems.Add(new PackProblem(source, pack, workflow, rule, p.Line, $"Parameter '{p.Name}' expression \"{Shorten(p.Expression)}\" does not compile: {Clean(e.Message)}"));
            return null;
        }

        if (Screen(value, inputs) is { } treeRefused)
        {
            problems.Add(new PackProblem(source, pack, workflow, rule, p.Line, $"Parameter '{p.Name}' expression \"{Shorten(p.Expression)}\" {treeRefused}."));
            return null;
        }

        value = AllowedMembers.Harden(value);

        return new Scope(Expression.Variable(value.Type, p.Name), value);
    }

    /// <summary>
    /// The scoped parameters an expression names, in scope order. Only these are handed to the parser: handing it every
    /// parameter in scope made each of a chain of 2,000 LocalParams parse against all earlier ones (quadratic time and
    /// memory). A later scoped parameter of the same name hides an earlier one, as in RulesEngine: walk from the end
    /// and keep the first of each name.
    /// </summary>
    private static List<Scope> Visible(List<Scope> scope, string expression)
    {
        var named = Identifiers(expression);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var visible = new List<Scope>();
        for (var i = scope.Count - 1; i >= 0; i--)
        {
            var name = scope[i].Name;
            if (named.Contains(name) && taken.Add(name)) visible.Add(scope[i]);
        }

        visible.Reverse();
        return visible;
    }

    /// <summary>The parser's parameters: <c>profile</c>, <c>context</c>, <c>facts</c> and the visible scoped parameters.</summary>
    private static ParameterExpression[] Params(Inputs inputs, List<Scope> visible)
    {
        var list = new List<ParameterExpression>(visible.Count + 3) { inputs.Profile, inputs.Context, inputs.Facts };
        foreach (var s in visible) list.Add(s.Variable);
        return list.ToArray();
    }

    /// <summary>Every word that could be an identifier in the expression (string contents too: a spare name does no harm).</summary>
    private static HashSet<string> Identifiers(string expression)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < expression.Length;)
        {
            if (!char.IsLetter(expression[i]) && expression[i] != '_')
            {
                i++;
                continue;
            }

            var start = i;
            while (i < expression.Length && (char.IsLetterOrDigit(expression[i]) || expression[i] == '_')) i++;
            words.Add(expression.Substring(start, i - start));
        }

        return words;
    }

    private static List<Scope> UsedScopes(Expression body, List<Scope> scope)
    {
        // Each scoped parameter's value is visited once: a work list, not passes over the scope until nothing changes.
        var byVariable = new Dictionary<ParameterExpression, Scope>();
        foreach (var s in scope) byVariable[s.Variable] = s;
        var needed = new HashSet<ParameterExpression>();
        var work = new Stack<ParameterExpression>(ParametersIn(body));
        while (work.Count > 0)
        {
            var v = work.Pop();
            if (!needed.Add(v) || !byVariable.TryGetValue(v, out var s)) continue;
            foreach (var p in ParametersIn(s.Value))
            {
                if (!needed.Contains(p)) work.Push(p);
            }
        }

        return scope.Where(s => needed.Contains(s.Variable)).ToList();
    }

    private static IEnumerable<ParameterExpression> ParametersIn(Expression e)
    {
        var v = new ParameterCollector();
        v.Visit(e);
        return v.Found;
    }

    private static ulong FactsOf(Expression e, ParameterExpression profile, ParameterExpression context)
    {
        var v = new FactCollector(profile, context);
        v.Visit(e);
        return v.Facts;
    }

    private sealed class ParameterCollector : ExpressionVisitor
    {
        public HashSet<ParameterExpression> Found { get; } = new();

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found.Add(node);
            return node;
        }
    }

    private sealed class FactCollector(ParameterExpression profile, ParameterExpression context) : ExpressionVisitor
    {
        public ulong Facts { get; private set; }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == profile || node.Expression == context)
                Facts |= FactTable.BitOf(node.Expression.Type, node.Member.Name);
            return base.VisitMember(node);
        }
    }

    private static string Shorten(string s) => s.Length > 80 ? s.Substring(0, 77) + "…" : s;

    private static string Clean(string message)
    {
        var s = message.Replace("Exception while parsing expression `", "in `").TrimEnd('.', ' ');

        // An unknown property of profile or context: name the nearest one and every one that exists.
        var m = System.Text.RegularExpressions.Regex.Match(s, "No property or field '(\\w+)' exists in type '(CitizenProfile|AssessmentContext)'");
        if (m.Success)
        {
            var type = m.Groups[2].Value == nameof(CitizenProfile) ? typeof(CitizenProfile) : typeof(AssessmentContext);
            var names = type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
                .Select(p => p.Name).Where(n => n is not (nameof(CitizenProfile.Id) or nameof(CitizenProfile.Facts) or nameof(AssessmentContext.AssessmentDate))).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var prefix = type == typeof(CitizenProfile) ? "profile." : "context.";
            s += $"{Nearest(m.Groups[1].Value, names)}; {prefix}* has {string.Join(", ", names)}";
        }

        return s + ".";
    }

    /// <summary>The merged rules as plain RulesEngine workflows (parameters as GlobalParams), for the raw engine.</summary>
    internal static REWorkflow[] ToRulesEngine(Merged m)
    {
        var parameters = m.Parameters.Values.Select(p => new ScopedParam
        {
            Name = p.Name,
            Expression = p.IsInteger ? ((int)p.Value).ToString(CultureInfo.InvariantCulture) : p.Value.ToString("R", CultureInfo.InvariantCulture),
        }).ToList();
        return m.Workflows.Select(w => new REWorkflow
        {
            WorkflowName = w.Name,
            GlobalParams = parameters.Concat(w.Globals.Select(g => new ScopedParam { Name = g.Param.Name, Expression = g.Param.Expression })).ToList(),
            Rules = m.Rules.Where(r => r.Workflow == w.Name).Select(ToRule).ToList(),
        }).Where(w => w.Rules.Any()).ToArray();

        static RERule ToRule(RuleDef r) => new()
        {
            RuleName = r.Name,
            // A rule disabled by an override may have no expression; RulesEngine still validates disabled rules.
            Expression = r.Operator is null ? r.Expression ?? "false" : null,
            Operator = r.Operator,
            SuccessEvent = r.SuccessEvent,
            Enabled = r.Enabled,
            ErrorMessage = r.ErrorMessage,
            LocalParams = r.LocalParams.Select(l => new ScopedParam { Name = l.Name, Expression = l.Expression }).ToList(),
            Rules = r.Operator is null ? null : r.Children.Select(ToRule).ToList(),
            Properties = r.RawProperties.ToDictionary(k => k.Key, k => k.Value!),
        };
    }

    internal static string RuleSetHash(Merged m)
    {
        var input = RuleSetHashInput(m.Packs, m.ParameterOverrides);

        // The built-in pack alone: hashed when the library was built (SHA-256 here would load the crypto library).
        return input == PrecompiledBuiltInPack.AloneHashInput ? PrecompiledBuiltInPack.AloneHash : Hashing.Sha256Hex(input);
    }

    /// <summary>What the rule set hash is the SHA-256 of: each pack's name, version and hash, then the options' parameter values.</summary>
    internal static string RuleSetHashInput(IReadOnlyList<PackDefinition> packs, Dictionary<string, double> overrides)
    {
        var sb = new StringBuilder();
        foreach (var p in packs) sb.Append(p.Name).Append('\n').Append(p.Version).Append('\n').Append(p.Hash).Append('\n');
        if (overrides.Count == 0) return sb.ToString();
        var names = overrides.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        foreach (var name in names)
            sb.Append("param:").Append(name).Append('=').Append(overrides[name].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }
}
