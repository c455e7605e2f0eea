namespace Pathways;

internal enum RuleState : byte
{
    False = 0,
    True = 1,
    Unknown = 2,
}

/// <summary>
/// A rule compiled once at load into a typed delegate. Evaluation is three-valued: a leaf whose facts are
/// unknown is <see cref="RuleState.Unknown"/>; nested rules combine children with Kleene logic, so a known
/// fact can still decide an Or (one true child) or an And (one false child).
/// </summary>
internal sealed class CompiledRule
{
    public CompiledRule(RuleDef def, Func<CitizenProfile, AssessmentContext, bool>? predicate, CompiledRule[] children, ulong facts, System.Linq.Expressions.Expression<Func<CitizenProfile, AssessmentContext, bool>>? lambda = null)
    {
        Def = def;
        Predicate = predicate;
        Lambda = lambda;
        Children = children;
        IsAnd = def.Operator is "And" or "AndAlso";
        Facts = facts;
    }

    public RuleDef Def { get; }

    public string Name => Def.Name;

    /// <summary>The leaf's compiled expression; <see langword="null"/> for a nested rule.</summary>
    public Func<CitizenProfile, AssessmentContext, bool>? Predicate { get; }

    public CompiledRule[] Children { get; }

    /// <summary>The leaf's expression tree, kept so that the whole rule set can be fused into one delegate.</summary>
    public System.Linq.Expressions.Expression<Func<CitizenProfile, AssessmentContext, bool>>? Lambda { get; }

    public bool IsAnd { get; }

    /// <summary>Every fact the rule (and its children) reads, one bit each (<see cref="FactDefinition.Bit"/>).</summary>
    public ulong Facts { get; }

    public RuleState Evaluate(CitizenProfile p, AssessmentContext c, ulong unknown)
    {
        if (Predicate is not null)
        {
            if ((Facts & unknown) != 0) return RuleState.Unknown;
            return Invoke(p, c) ? RuleState.True : RuleState.False;
        }

        var anyUnknown = false;
        if (IsAnd)
        {
            foreach (var child in Children)
            {
                var s = child.Evaluate(p, c, unknown);
                if (s == RuleState.False) return RuleState.False;
                anyUnknown |= s == RuleState.Unknown;
            }

            return anyUnknown ? RuleState.Unknown : RuleState.True;
        }

        foreach (var child in Children)
        {
            var s = child.Evaluate(p, c, unknown);
            if (s == RuleState.True) return RuleState.True;
            anyUnknown |= s == RuleState.Unknown;
        }

        return anyUnknown ? RuleState.Unknown : RuleState.False;
    }

    /// <summary>Two-valued evaluation exactly as RulesEngine does it (no unknown-gating); used to prove equivalence.</summary>
    public bool EvaluateRaw(CitizenProfile p, AssessmentContext c)
    {
        if (Predicate is not null) return Invoke(p, c);
        if (Children.Length == 0) return false;
        if (IsAnd)
        {
            var all = true;
            foreach (var child in Children) all &= child.EvaluateRaw(p, c);
            return all;
        }

        var any = false;
        foreach (var child in Children) any |= child.EvaluateRaw(p, c);
        return any;
    }

    /// <summary>The unknown facts that kept this rule from deciding.</summary>
    public ulong Missing(CitizenProfile p, AssessmentContext c, ulong unknown)
    {
        if (Predicate is not null) return Facts & unknown;
        var missing = 0UL;
        foreach (var child in Children)
        {
            if (child.Evaluate(p, c, unknown) == RuleState.Unknown) missing |= child.Missing(p, c, unknown);
        }

        return missing;
    }

    /// <summary>The why-not texts of the leaves that failed, deepest first where they have one.</summary>
    public void CollectFailures(CitizenProfile p, AssessmentContext c, ulong unknown, Language lang, List<string> into)
    {
        if (Def.WhyNot is { } own)
        {
            into.Add(own.Get(lang));
            return;
        }

        if (Predicate is null)
        {
            var before = into.Count;
            foreach (var child in Children)
            {
                if (child.Evaluate(p, c, unknown) == RuleState.False) child.CollectFailures(p, c, unknown, lang, into);
            }

            if (into.Count > before) return;
        }

        if (!string.IsNullOrWhiteSpace(Def.ErrorMessage))
        {
            into.Add(Def.ErrorMessage!);
            return;
        }

        into.Add(lang == Language.En ? $"The condition of rule '{Name}' is not met." : $"Betingelsen i reglen '{Name}' er ikke opfyldt.");
    }

    private bool Invoke(CitizenProfile p, AssessmentContext c)
    {
        try
        {
            return Predicate!(p, c);
        }
        catch (Exception e) when (e is ArithmeticException or NullReferenceException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            // RulesEngine turns a throwing rule into a false result; so does Pathways, so that the two agree.
            return false;
        }
    }
}
