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
    public static CompiledRuleSet Compile(IReadOnlyList<PackDefinition> packs, IReadOnlyDictionary<string, double>? parameterValues = null, IReadOnlyList<PackProblem>? earlier = null)
    {
        var problems = new List<PackProblem>(earlier ?? Array.Empty<PackProblem>());
        var set = TryCompile(packs, parameterValues, problems);
        return set is not null && problems.Count == 0 ? set : throw new PackLoadException(problems);
    }

    /// <summary>
    /// Merges and compiles, adding every problem to <paramref name="problems"/>: reference problems do not stop the
    /// expressions from being checked, so an author sees everything wrong at once. Returns <see langword="null"/>
    /// when anything was wrong (nothing half-loads).
    /// </summary>
    internal static CompiledRuleSet? TryCompile(IReadOnlyList<PackDefinition> packs, IReadOnlyDictionary<string, double>? parameterValues, List<PackProblem> problems)
    {
        var before = problems.Count;
        var merged = Merge(packs, parameterValues, problems);
        TextTemplate.Resolve(merged, problems);
        var compiled = CompileRules(merged, problems);
        return problems.Count > before || merged.Packs.Count == 0 ? null : new CompiledRuleSet(merged, compiled);
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
    }

    private static Merged Merge(IReadOnlyList<PackDefinition> packs, IReadOnlyDictionary<string, double>? parameterValues, List<PackProblem> problems)
    {
        var m = new Merged();
        var packNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pack in packs)
        {
            void Add(string? workflow, string? rule, int? line, string message) => problems.Add(new PackProblem(pack.Source, pack.Name, workflow, rule, line, message));

            if (packNames.TryGetValue(pack.Name, out var otherSource))
            {
                Add(null, null, null, $"Pack '{pack.Name}' is already loaded from {otherSource}; a pack can be loaded once.");
                continue;
            }

            packNames[pack.Name] = pack.Source;
            m.Packs.Add(pack);

            MergeEntries(pack, pack.Parameters, p => p.Entry.Name, p => p.Override, p => p.Line, m.Parameters, p => p.Entry, e => e.Pack, "parameter", Add);
            foreach (var name in m.Parameters.Keys.Where(k => !m.ParameterFirstPack.ContainsKey(k)).ToList())
                m.ParameterFirstPack[name] = m.Packs.Count - 1;
            MergeEntries(pack, pack.Citations, c => c.Entry.Key, c => c.Override, c => c.Line, m.Citations, c => c.Entry, e => e.Pack, "citation key", Add);
            MergeEntries(pack, pack.Interventions, i => i.Entry.Id, i => i.Override, i => i.Line, m.Interventions, i => i.Entry, e => e.Pack, "intervention id", Add);

            var namesInPack = new HashSet<string>(StringComparer.Ordinal);
            foreach (var wf in pack.Workflows)
            {
                var slot = m.Workflows.FindIndex(w => w.Name == wf.Name);
                if (slot < 0)
                {
                    m.Workflows.Add((wf.Name, new()));
                    slot = m.Workflows.Count - 1;
                }

                // GlobalParams are visible to every rule of the workflow, so a second definition of one name (in this
                // pack or a later one) would silently change rules it does not own; RulesEngine refuses duplicates too.
                var globals = m.Workflows[slot].Globals;
                foreach (var g in wf.GlobalParams)
                {
                    var clash = globals.FirstOrDefault(x => string.Equals(x.Param.Name, g.Name, StringComparison.OrdinalIgnoreCase));
                    if (clash.Pack is not null)
                        Add(wf.Name, null, g.Line, clash.Pack == pack
                            ? $"GlobalParam '{g.Name}' is defined twice in workflow '{wf.Name}'."
                            : $"GlobalParam '{g.Name}' of workflow '{wf.Name}' is already defined by pack '{clash.Pack.Name}'; choose another name.");
                    else
                        globals.Add((g, pack));
                }

                foreach (var rule in wf.Rules)
                {
                    foreach (var name in Flatten(rule).Select(r => r.Name))
                    {
                        if (!namesInPack.Add(name))
                            Add(wf.Name, name, rule.Line, $"Rule name '{name}' is used twice in this pack; rule names must be unique.");
                    }

                    if (ruleIndex.TryGetValue(rule.Name, out var at))
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
                    }
                    else
                    {
                        if (rule.Override)
                        {
                            Add(wf.Name, rule.Name, rule.Line, $"Rule '{rule.Name}' says \"override\": true but no earlier pack defines a rule of that name.");
                            continue;
                        }

                        ruleIndex[rule.Name] = m.Rules.Count;
                        m.Rules.Add(rule);
                    }
                }
            }

            foreach (var rule in m.Rules.Where(r => r.Pack == pack.Name && r.Enabled))
                CheckReferences(rule, m, problems);
        }

        if (parameterValues is not null)
        {
            foreach (var kv in parameterValues.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                if (!m.Parameters.TryGetValue(kv.Key, out var p))
                {
                    problems.Add(new PackProblem("(options)", null, null, kv.Key, null, $"Parameter '{kv.Key}' is set in the options but no pack defines it; defined: {string.Join(", ", m.Parameters.Keys.OrderBy(k => k, StringComparer.Ordinal))}."));
                    continue;
                }

                if (p.IsInteger && kv.Value != Math.Floor(kv.Value))
                {
                    problems.Add(new PackProblem("(options)", null, null, kv.Key, null, $"Parameter '{kv.Key}' is a whole number but the options set it to {kv.Value.ToString(CultureInfo.InvariantCulture)}."));
                    continue;
                }

                m.Parameters[kv.Key] = p with { Value = kv.Value };
                m.ParameterOverrides[kv.Key] = kv.Value;
            }
        }

        return m;
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
                if (rule.Reason is null && !Given("reason")) Add(rule.Line, "A recommending rule needs a 'reason' text: why it fits the citizen.");
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
            ParameterEntry p => p with { Pack = string.Empty },
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

    private sealed record Scope(ParameterExpression Variable, Expression Value);

    private static List<CompiledRule> CompileRules(Merged m, List<PackProblem> problems)
    {
        var parser = new RuleExpressionParser(CreateSettings());
        var profile = Expression.Parameter(typeof(CitizenProfile), "profile");
        var context = Expression.Parameter(typeof(AssessmentContext), "context");

        // Pack parameters are constants, visible by name to every expression (as RulesEngine GlobalParams).
        // A rule sees the parameters of its own and earlier packs (with their final values, so that a later pack
        // or the options can change a threshold), never a parameter that only a later pack defines.
        var baseScope = new List<Scope>();
        var firstPack = new Dictionary<Scope, int>();
        foreach (var p in m.Parameters.Values)
        {
            var value = p.IsInteger ? Expression.Constant((int)p.Value) : Expression.Constant(p.Value);
            var scope = new Scope(Expression.Variable(value.Type, p.Name), value);
            baseScope.Add(scope);
            firstPack[scope] = m.ParameterFirstPack.TryGetValue(p.Name, out var i) ? i : 0;
        }

        var workflowScopes = new Dictionary<string, List<Scope>>(StringComparer.Ordinal);
        foreach (var (name, globals) in m.Workflows)
        {
            var scope = new List<Scope>(baseScope);
            foreach (var (g, pack) in globals)
            {
                if (baseScope.Any(b => string.Equals(b.Variable.Name, g.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add(new PackProblem(pack.Source, pack.Name, name, null, g.Line, $"GlobalParam '{g.Name}' has the name of a pack parameter; choose another name."));
                    continue;
                }

                if (ParseScoped(parser, g, profile, context, scope, pack.Source, pack.Name, name, null, problems) is { } s)
                    scope.Add(s);
            }

            workflowScopes[name] = scope;
        }

        var compiled = new List<CompiledRule>();
        foreach (var rule in m.Rules.Where(r => r.Enabled))
        {
            var scope = workflowScopes.TryGetValue(rule.Workflow, out var s) ? s : baseScope;
            var packIndex = m.Packs.FindIndex(p => p.Name == rule.Pack);
            scope = scope.Where(x => !firstPack.TryGetValue(x, out var first) || first <= packIndex).ToList();
            if (CompileRule(parser, rule, profile, context, scope, problems) is { } c)
                compiled.Add(c);
        }

        return compiled;
    }

    private static CompiledRule? CompileRule(RuleExpressionParser parser, RuleDef rule, ParameterExpression profile, ParameterExpression context, List<Scope> outer, List<PackProblem> problems)
    {
        var scope = new List<Scope>(outer);
        var ok = true;
        foreach (var lp in rule.LocalParams)
        {
            if (scope.Any(s => string.Equals(s.Variable.Name, lp.Name, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, lp.Line, $"LocalParam '{lp.Name}' has the name of a parameter already in scope; choose another name."));
                ok = false;
                continue;
            }

            if (ParseScoped(parser, lp, profile, context, scope, rule.Source, rule.Pack, rule.Workflow, rule.Name, problems) is { } sp)
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
                if (CompileRule(parser, child, profile, context, scope, problems) is { } cc) children.Add(cc);
                else ok = false;
            }

            if (children.Count == 0 && ok)
            {
                problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.Line, "Every nested rule is disabled, so this rule could never match."));
                return null;
            }

            return ok ? new CompiledRule(rule, null, children.ToArray(), children.Aggregate(Facts.None, (f, c) => f | c.Facts)) : null;
        }

        // A rule without an expression was already reported by the parser; compiling "" would only repeat it.
        if (string.IsNullOrWhiteSpace(rule.Expression)) return null;
        var expression = rule.Expression!;
        if (ExpressionScreen.ScreenText(expression) is { } refused)
        {
            problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.ExpressionLine ?? rule.Line, $"Expression \"{Shorten(expression)}\" {refused}."));
            return null;
        }

        Expression body;
        try
        {
            body = parser.Parse(expression, Params(profile, context, scope), typeof(bool));
        }
        catch (Exception e)
        {
            problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.ExpressionLine ?? rule.Line, $"Expression \"{Shorten(expression)}\" does not compile: {Clean(e.Message)}"));
            return null;
        }

        if (ExpressionScreen.ScreenTree(body) is { } treeRefused)
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
        var lambda = Expression.Lambda<Func<CitizenProfile, AssessmentContext, bool>>(block, profile, context);
        var facts = FactsOf(lambda, profile, context);
        var predicate = lambda.Compile();
        if (ExpressionProbe.Refusal(predicate, facts) is { } thrown)
        {
            problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.ExpressionLine ?? rule.Line, $"Expression \"{Shorten(expression)}\" {thrown}."));
            return null;
        }

        return new CompiledRule(rule, predicate, Array.Empty<CompiledRule>(), facts, lambda);
    }

    private static Scope? ParseScoped(RuleExpressionParser parser, ScopedParamDef p, ParameterExpression profile, ParameterExpression context, List<Scope> scope, string source, string? pack, string? workflow, string? rule, List<PackProblem> problems)
    {
        if (ExpressionScreen.ScreenText(p.Expression) is { } refused)
        {
            problems.Add(new PackProblem(source, pack, workflow, rule, p.Line, $"Parameter '{p.Name}' expression \"{Shorten(p.Expression)}\" {refused}."));
            return null;
        }

        Expression value;
        try
        {
            value = parser.Parse(p.Expression, Params(profile, context, scope), null!);
        }
        catch (Exception e)
        {
            problems.Add(new PackProblem(source, pack, workflow, rule, p.Line, $"Parameter '{p.Name}' expression \"{Shorten(p.Expression)}\" does not compile: {Clean(e.Message)}"));
            return null;
        }

        if (ExpressionScreen.ScreenTree(value) is { } treeRefused)
        {
            problems.Add(new PackProblem(source, pack, workflow, rule, p.Line, $"Parameter '{p.Name}' expression \"{Shorten(p.Expression)}\" {treeRefused}."));
            return null;
        }

        value = AllowedMembers.Harden(value);

        return new Scope(Expression.Variable(value.Type, p.Name), value);
    }

    private static ParameterExpression[] Params(ParameterExpression profile, ParameterExpression context, List<Scope> scope)
    {
        var list = new List<ParameterExpression>(scope.Count + 2) { profile, context };
        // A later scoped parameter of the same name hides an earlier one, as in RulesEngine.
        for (var i = 0; i < scope.Count; i++)
        {
            if (!scope.Skip(i + 1).Any(s => string.Equals(s.Variable.Name, scope[i].Variable.Name, StringComparison.OrdinalIgnoreCase)))
                list.Add(scope[i].Variable);
        }

        return list.ToArray();
    }

    private static List<Scope> UsedScopes(Expression body, List<Scope> scope)
    {
        var needed = new HashSet<ParameterExpression>(ParametersIn(body));
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var s in scope)
            {
                if (needed.Contains(s.Variable))
                {
                    foreach (var p in ParametersIn(s.Value))
                        changed |= needed.Add(p);
                }
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

    private static Facts FactsOf(Expression e, ParameterExpression profile, ParameterExpression context)
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
        public Facts Facts { get; private set; }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == profile || node.Expression == context)
                Facts |= FactText.FromProperty(node.Expression.Type, node.Member.Name);
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
                .Select(p => p.Name).Where(n => n != nameof(CitizenProfile.Id)).OrderBy(n => n, StringComparer.Ordinal).ToList();
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
        var sb = new StringBuilder();
        foreach (var p in m.Packs) sb.Append(p.Name).Append('\n').Append(p.Version).Append('\n').Append(p.Hash).Append('\n');
        foreach (var kv in m.ParameterOverrides.OrderBy(k => k.Key, StringComparer.Ordinal))
            sb.Append("param:").Append(kv.Key).Append('=').Append(kv.Value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        return "sha256:" + PackParser.Hex(Encoding.UTF8.GetBytes(sb.ToString()));
    }
}
