namespace Pathways;

internal enum RuleState : byte
{
    False = 0,
    True = 1,
    Unknown = 2,

    /// <summary>
    /// Not met because the expression threw for this citizen (as RulesEngine makes a throwing rule false); the result
    /// says so in its warnings. Combines as <see cref="False"/>, except that a nested rule remembers it.
    /// </summary>
    Failed = 3,
}

/// <summary>
/// A rule compiled once at load into a typed delegate. Evaluation is three-valued: a leaf whose facts are
/// unknown is <see cref="RuleState.Unknown"/>; nested rules combine children with Kleene logic, so a known
/// fact can still decide an Or (one true child) or an And (one false child).
/// </summary>
internal sealed class CompiledRule
{
    public CompiledRule(RuleDef def, Func<CitizenProfile, AssessmentContext, bool>? predicate, CompiledRule[] children, ulong facts, System.Linq.Expressions.Expression<Func<CitizenProfile, AssessmentContext, bool>>? lambda = null, string? scopeKey = null)
    {
        Def = def;
        Predicate = predicate;
        _lambda = lambda;
        ScopeKey = scopeKey;
        Children = children;
        IsAnd = def.Operator is "And" or "AndAlso";
        Facts = facts;
    }

    public RuleDef Def { get; }

    public string Name => Def.Name;

    /// <summary>The leaf's compiled expression; <see langword="null"/> for a nested rule.</summary>
    public Func<CitizenProfile, AssessmentContext, bool>? Predicate { get; }

    public CompiledRule[] Children { get; }

    /// <summary>
    /// A leaf taken from the precompiled built-in pack (<see cref="PrecompiledBuiltInPack"/>): its delegate is C# compiled
    /// with the library, and its expression tree is parsed only when something needs it (fusing the rule set).
    /// </summary>
    public CompiledRule(RuleDef def, Func<CitizenProfile, AssessmentContext, bool> predicate, ulong facts, Func<System.Linq.Expressions.Expression<Func<CitizenProfile, AssessmentContext, bool>>> lambda)
        : this(def, predicate, Array.Empty<CompiledRule>(), facts)
    {
        _lazyLambda = lambda;
        IsPrecompiled = true;
    }

    private System.Linq.Expressions.Expression<Func<CitizenProfile, AssessmentContext, bool>>? _lambda;
    private Func<System.Linq.Expressions.Expression<Func<CitizenProfile, AssessmentContext, bool>>>? _lazyLambda;

    /// <summary>The leaf's expression tree, kept so that the whole rule set can be fused into one delegate.</summary>
    public System.Linq.Expressions.Expression<Func<CitizenProfile, AssessmentContext, bool>>? Lambda
    {
        get
        {
            if (_lambda is null && _lazyLambda is { } make)
            {
                Interlocked.CompareExchange(ref _lambda, make(), null);
                _lazyLambda = null;
            }

            return _lambda;
        }
    }

    /// <summary>Whether the leaf's delegate came from the precompiled built-in pack rather than from parsing its expression.</summary>
    public bool IsPrecompiled { get; }

    /// <summary>
    /// The pack parameters (name, type and value) that a leaf's expression could see, in scope order; with the expression
    /// text they decide its tree (RuleSetCompiler.ScopeKeyOf). <see langword="null"/> for a nested rule.
    /// </summary>
    public string? ScopeKey { get; }

    public bool IsAnd { get; }

    /// <summary>Every fact the rule (and its children) reads, one bit each (<see cref="FactDefinition.Bit"/>).</summary>
    public ulong Facts { get; }

    /// <summary>Where the rule reports that it threw; set by the rule set that owns it.</summary>
    public RuleFailureLog? FailureLog { get; set; }

    public RuleState Evaluate(CitizenProfile p, AssessmentContext c, ulong unknown)
    {
        if (Predicate is not null)
        {
            if ((Facts & unknown) != 0) return RuleState.Unknown;
            return Invoke(p, c);
        }

        // A failed child counts as false (as in RulesEngine). The parent says Failed when the failure decided it: for
        // an And, when the first child that is not true failed (as the fused matcher's && stops there); for an Or,
        // when no child is true and one failed. So both paths warn about the same rules.
        bool anyUnknown = false, anyFailed = false;
        if (IsAnd)
        {
            var first = RuleState.True;
            foreach (var child in Children)
            {
                var s = child.Evaluate(p, c, unknown);
                if (first == RuleState.True) first = s;
                if (s == RuleState.False) break;
                anyUnknown |= s == RuleState.Unknown;
                anyFailed |= s == RuleState.Failed;
            }

            return first is RuleState.Failed ? RuleState.Failed
                : first is RuleState.False || anyFailed ? RuleState.False
                : anyUnknown ? RuleState.Unknown : RuleState.True;
        }

        foreach (var child in Children)
        {
            var s = child.Evaluate(p, c, unknown);
            if (s == RuleState.True) return RuleState.True;
            anyUnknown |= s == RuleState.Unknown;
            anyFailed |= s == RuleState.Failed;
        }

        return anyFailed ? RuleState.Failed : anyUnknown ? RuleState.Unknown : RuleState.False;
    }

    /// <summary>Two-valued evaluation exactly as RulesEngine does it (no unknown-gating); used to prove equivalence.</summary>
    public bool EvaluateRaw(CitizenProfile p, AssessmentContext c)
    {
        if (Predicate is not null) return Invoke(p, c) == RuleState.True;
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
        if (Predicate is not null && (Facts & unknown) == 0 && Invoke(p, c) == RuleState.Failed)
        {
            into.Add(CouldNotEvaluate(lang));
            return;
        }

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
                if (child.Evaluate(p, c, unknown) is RuleState.False or RuleState.Failed) child.CollectFailures(p, c, unknown, lang, into);
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

    /// <summary>What a result says about a rule that threw for this citizen: in its warnings, and as its why-not.</summary>
    public string CouldNotEvaluate(Language lang) => lang == Language.En
        ? $"Rule '{Name}' of pack '{Def.Pack}' could not be evaluated for this citizen and counts as not met."
        : $"Reglen '{Name}' i pakken '{Def.Pack}' kunne ikke vurderes for denne borger og tæller som ikke opfyldt.";

    private RuleState Invoke(CitizenProfile p, AssessmentContext c)
    {
        try
        {
            return Predicate!(p, c) ? RuleState.True : RuleState.False;
        }
        catch (Exception e) when (!RuleFailures.IsFatal(e))
        {
            // RulesEngine turns a throwing rule into a false result; so does Pathways, so that the two agree, and the
            // result says that the rule could not be evaluated. Every exception is caught: the answer is never lost.
            FailureLog?.Report(this, e);
            return RuleState.Failed;
        }
    }
}
