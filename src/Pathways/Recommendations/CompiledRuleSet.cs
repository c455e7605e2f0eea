using System.Collections.Concurrent;

namespace Pathways;

/// <summary>
/// Everything compiled from the loaded packs: immutable after construction and shared by every call, so a
/// reload is one reference swap. Results that depend only on which rules matched are built once per match
/// pattern and language, and reused.
/// </summary>
internal sealed class CompiledRuleSet
{
    private const int MaxCachedPatterns = 4096;
    private static readonly IReadOnlyList<NotRecommendedIntervention> NoneNotRecommended = Array.Empty<NotRecommendedIntervention>();
    private static readonly IReadOnlyList<string> NoWarnings = Array.Empty<string>();

    private readonly CompiledRule[] _rules;
    private readonly InterventionEntry[] _catalogue;
    private readonly int[][] _recommendBy;
    private readonly int[][] _caveatBy;
    private readonly int[][] _excludeBy;
    private readonly ConcurrentDictionary<PatternKey, IReadOnlyList<Recommendation>> _cache = new();
    private readonly RuleSetCompiler.Merged _merged;
    private readonly ConcurrentDictionary<ulong, IReadOnlyList<Recommendation>>[] _byMask =
        { new(), new() };
    private readonly (ulong Recommend, ulong Caveat, ulong Exclude)[] _bitsBy;
    private FusedMatcher? _fused;
    private int _fusedState; // 0 not built, 1 built, 2 cannot be fused
    private readonly ExplanationCache _explanations;

    public CompiledRuleSet(RuleSetCompiler.Merged merged, List<CompiledRule> rules)
    {
        _merged = merged;
        _rules = rules.ToArray();
        foreach (var rule in _rules) Attach(rule, FailureLog);
        _catalogue = merged.Interventions.Values
            .OrderBy(i => i.Kind).ThenBy(i => i.Id, StringComparer.Ordinal).ToArray();
        Citations = merged.Citations;
        Parameters = merged.Parameters;
        var first = merged.Packs[0];
        var packs = merged.Packs.Select(p => new PackInfo(p.Name, p.Version, p.Source, p.Hash)).ToArray();
        Info = new RuleSetInfo(
            string.Join("+", packs.Select(p => p.Name)),
            string.Join("+", packs.Select(p => p.Version)),
            RuleSetCompiler.RuleSetHash(merged),
            packs);
        var advisory = merged.Packs.LastOrDefault(p => p.Advisory is not null)?.Advisory;
        Advisory = advisory ?? new LocalizedText(
            "Vejledende: anbefalingerne bygger på de indlæste regelpakker og erstatter ikke sagsbehandlerens faglige vurdering.",
            "Guidance only: the recommendations rest on the loaded rule packs and do not replace the caseworker's professional judgement.");

        int[] Indexes(InterventionEntry entry, RuleRole role) =>
            Enumerable.Range(0, _rules.Length).Where(i => _rules[i].Def.Role == role && _rules[i].Def.SuccessEvent == entry.Id).ToArray();
        _recommendBy = _catalogue.Select(e => Indexes(e, RuleRole.Recommend)).ToArray();
        _caveatBy = _catalogue.Select(e => Indexes(e, RuleRole.Caveat)).ToArray();
        _excludeBy = _catalogue.Select(e => Indexes(e, RuleRole.Exclude)).ToArray();
        static ulong Bits(int[] indexes) => indexes.Where(i => i < 64).Aggregate(0UL, (m, i) => m | (1UL << i));
        _bitsBy = Enumerable.Range(0, _catalogue.Length)
            .Select(e => (Bits(_recommendBy[e]), Bits(_caveatBy[e]), Bits(_excludeBy[e]))).ToArray();
        _ = first;
        _explanations = new ExplanationCache(this);
    }

    public RuleSetInfo Info { get; }

    /// <summary>The shared explained results (ExplanationCache.cs).</summary>
    internal ExplanationCache Explanations => _explanations;

    /// <summary>Whether <see cref="Match(CitizenProfile, AssessmentContext)"/> already runs the fused delegate.</summary>
    internal bool HasFused => Volatile.Read(ref _fusedState) == 1;

    /// <summary>Where rules that throw at advice time are logged; the recommender that puts this set in force sets its logger.</summary>
    public RuleFailureLog FailureLog { get; } = new();

    public LocalizedText Advisory { get; }

    public IReadOnlyDictionary<string, CitationEntry> Citations { get; }

    public IReadOnlyDictionary<string, ParameterEntry> Parameters { get; }

    public IReadOnlyList<InterventionEntry> Catalogue => _catalogue;

    public IReadOnlyList<CompiledRule> Rules => _rules;

    public int RuleCount => _rules.Length;

    /// <summary>The rules as plain RulesEngine workflows, for comparing with RulesEngine itself.</summary>
    public RulesEngine.Models.Workflow[] ToRulesEngineWorkflows() => RuleSetCompiler.ToRulesEngine(_merged);

    public RecommendationResult Recommend(CitizenProfile profile, AssessmentContext context, Language language, bool explain)
    {
        if (!explain && _rules.Length <= FusedMatcher.MaxRules && (uint)language <= (uint)Language.En)
        {
            var mask = Match(profile, context, out var failed);
            return new RecommendationResult
            {
                Id = profile.Id,
                RuleSet = Info,
                Advisory = Advisory.Get(language),
                Language = language,
                Recommendations = ByMask(mask, language),
                NotRecommended = NoneNotRecommended,
                Warnings = failed == 0 ? NoWarnings : Warnings(failed, language),
            };
        }

        if (explain)
        {
            var (explained, whyNot, warnings) = _explanations.Get(profile, context, language);
            return new RecommendationResult
            {
                Id = profile.Id,
                RuleSet = Info,
                Advisory = Advisory.Get(language),
                Language = language,
                Recommendations = explained,
                NotRecommended = whyNot,
                Warnings = warnings,
            };
        }

        var unknown = FactText.Unknown(profile, context);
        var n = _rules.Length;
        Span<RuleState> states = n <= 256 ? stackalloc RuleState[n] : new RuleState[n];
        for (var i = 0; i < n; i++)
        {
            states[i] = _rules[i].Evaluate(profile, context, unknown);
        }

        return new RecommendationResult
        {
            Id = profile.Id,
            RuleSet = Info,
            Advisory = Advisory.Get(language),
            Language = language,
            Recommendations = Cached(states, language),
            NotRecommended = NoneNotRecommended,
            Warnings = Warnings(states, language),
        };
    }

    /// <summary>One warning per top-level rule that threw for this citizen and so counts as not met.</summary>
    internal IReadOnlyList<string> Warnings(ReadOnlySpan<RuleState> states, Language language)
    {
        List<string>? list = null;
        for (var i = 0; i < states.Length; i++)
        {
            if (states[i] == RuleState.Failed) (list ??= new()).Add(_rules[i].CouldNotEvaluate(language));
        }

        return list is null ? NoWarnings : list.AsReadOnly();
    }

    /// <summary>The same, from the fused matcher's failed bits.</summary>
    private IReadOnlyList<string> Warnings(ulong failed, Language language)
    {
        var list = new List<string>();
        for (var i = 0; i < _rules.Length; i++)
        {
            if ((failed & (1UL << i)) != 0) list.Add(_rules[i].CouldNotEvaluate(language));
        }

        return list.AsReadOnly();
    }

    private static void Attach(CompiledRule rule, RuleFailureLog log)
    {
        rule.FailureLog = log;
        foreach (var child in rule.Children) Attach(child, log);
    }

    /// <summary>
    /// Which top-level rules are definitely true, one bit each: the fused delegate (built on first use, so a
    /// process that only explains never pays for it), else the per-rule path.
    /// </summary>
    internal ulong Match(CitizenProfile profile, AssessmentContext context) => Match(profile, context, out _);

    /// <param name="profile">The citizen.</param>
    /// <param name="context">The context.</param>
    /// <param name="failed">One bit per top-level rule that is not true because a part of it threw.</param>
    internal ulong Match(CitizenProfile profile, AssessmentContext context, out ulong failed)
    {
        var unknown = FactText.Unknown(profile, context);
        var fused = _fused;
        if (fused is null && Volatile.Read(ref _fusedState) == 0) fused = BuildFused();
        ulong mask;
        if (fused is not null)
        {
            mask = fused.Match(profile, context, unknown, out failed);

            // Rare: a guarded leaf threw. The fused && and || flag every rule in which one threw; the per-rule path
            // says whether the failure decided the rule (a nested Or may be true anyway), for these rules only.
            for (var i = 0; failed != 0 && i < _rules.Length; i++)
            {
                if ((failed & (1UL << i)) != 0 && _rules[i].Evaluate(profile, context, unknown) != RuleState.Failed) failed &= ~(1UL << i);
            }

            return mask;
        }

        mask = 0;
        failed = 0;
        for (var i = 0; i < _rules.Length; i++)
        {
            var state = _rules[i].Evaluate(profile, context, unknown);
            if (state == RuleState.True) mask |= 1UL << i;
            else if (state == RuleState.Failed) failed |= 1UL << i;
        }

        return mask;
    }

    private FusedMatcher? BuildFused()
    {
        // Two threads may build at once; both results are equal and one wins.
        var fused = FusedMatcher.TryCreate(_rules);
        _fused = fused;
        Volatile.Write(ref _fusedState, fused is null ? 2 : 1);
        return fused;
    }

    private IReadOnlyList<Recommendation> ByMask(ulong mask, Language language)
    {
        // Only the bits that change the result count: an entry's recommend and caveat rules when it is
        // recommended, nothing of it otherwise. Fewer keys, so fewer shared results to keep.
        ulong key = 0;
        foreach (var (recommend, caveat, exclude) in _bitsBy)
        {
            if ((mask & exclude) == 0 && (mask & recommend) != 0) key |= mask & (recommend | caveat);
        }

        mask = key;
        var cache = _byMask[(int)language];
        if (cache.TryGetValue(mask, out var hit)) return hit;
        Span<RuleState> states = stackalloc RuleState[_rules.Length];
        for (var i = 0; i < states.Length; i++) states[i] = (mask & (1UL << i)) != 0 ? RuleState.True : RuleState.False;
        var built = Build(states, language, null, null);
        if (cache.Count < MaxCachedPatterns) cache.TryAdd(mask, built);
        return built;
    }

    private IReadOnlyList<Recommendation> Cached(ReadOnlySpan<RuleState> states, Language language)
    {
        if (_rules.Length > 128) return Build(states, language, null, null);
        var key = PatternKey.From(states, language);
        if (_cache.TryGetValue(key, out var hit)) return hit;
        var built = Build(states, language, null, null);
        if (_cache.Count < MaxCachedPatterns) _cache.TryAdd(key, built);
        return built;
    }

    internal IReadOnlyList<Recommendation> Build(ReadOnlySpan<RuleState> states, Language language, CitizenProfile? profile, AssessmentContext? context)
    {
        List<Recommendation>? list = null;
        for (var e = 0; e < _catalogue.Length; e++)
        {
            if (!IsRecommended(states, e)) continue;
            var entry = _catalogue[e];
            var grade = EvidenceGrade.Limited;
            var reasons = new List<string>();
            var caveats = new List<string>();
            var citations = new List<Citation>();
            var facts = Facts.None;
            foreach (var i in _recommendBy[e])
            {
                if (states[i] != RuleState.True) continue;
                var def = _rules[i].Def;
                if (def.Evidence < grade) grade = def.Evidence!.Value;
                AddDistinct(reasons, def.Reason!.Get(language));
                AddCitations(citations, def, language);
                facts |= _rules[i].Facts;
            }

            foreach (var i in _caveatBy[e])
            {
                // A caveat that a missing fact kept from deciding says so, where the pack gives it the words (explained results only).
                if (states[i] == RuleState.Unknown && profile is not null && _rules[i].Def.IfUnknown is { } ifUnknown)
                {
                    AddDistinct(caveats, ifUnknown.Get(language));
                    AddCitations(citations, _rules[i].Def, language);
                    continue;
                }

                if (states[i] != RuleState.True) continue;
                var def = _rules[i].Def;
                AddDistinct(caveats, def.Caveat!.Get(language));
                AddCitations(citations, def, language);
            }

            if (profile is not null && context is not null && facts != Facts.None)
            {
                var described = FactText.All.Where(f => (facts & f) != 0).Select(f => FactText.Describe(f, profile, context, language));
                reasons.Add((language == Language.En ? "The citizen's situation: " : "Borgerens forhold: ") + string.Join(", ", described) + ".");
            }

            (list ??= new()).Add(new Recommendation
            {
                InterventionId = entry.Id,
                Kind = entry.Kind,
                Title = entry.Title.Get(language),
                Evidence = grade,
                Conclusion = entry.Conclusion,
                Reasons = reasons.AsReadOnly(),
                Caveats = caveats.AsReadOnly(),
                Citations = citations.AsReadOnly(),
            });
        }

        if (list is null) return Array.Empty<Recommendation>();

        // Interventions before practice, then strongest evidence, then id (CONTRACT §3).
        list.Sort(static (a, b) =>
        {
            var c = a.Kind.CompareTo(b.Kind);
            if (c != 0) return c;
            c = a.Evidence.CompareTo(b.Evidence);
            return c != 0 ? c : string.CompareOrdinal(a.InterventionId, b.InterventionId);
        });
        return list.AsReadOnly();
    }

    /// <summary>The facts whose values <see cref="Build"/> names in the reasons for these states.</summary>
    internal Facts Described(ReadOnlySpan<RuleState> states)
    {
        var facts = Facts.None;
        for (var e = 0; e < _catalogue.Length; e++)
        {
            if (!IsRecommended(states, e)) continue;
            foreach (var i in _recommendBy[e])
            {
                if (states[i] == RuleState.True) facts |= _rules[i].Facts;
            }
        }

        return facts;
    }

    internal IReadOnlyList<NotRecommendedIntervention> WhyNot(ReadOnlySpan<RuleState> states, Language language, CitizenProfile profile, AssessmentContext context, Facts unknown)
    {
        var list = new List<NotRecommendedIntervention>();
        for (var e = 0; e < _catalogue.Length; e++)
        {
            if (IsRecommended(states, e)) continue;
            var reasons = new List<string>();
            foreach (var i in _excludeBy[e])
            {
                if (states[i] == RuleState.True) AddDistinct(reasons, _rules[i].Def.Reason!.Get(language));
            }

            var missing = Facts.None;
            foreach (var i in _recommendBy[e])
            {
                switch (states[i])
                {
                    case RuleState.Unknown:
                        missing |= _rules[i].Missing(profile, context, unknown);
                        break;
                    case RuleState.False:
                    case RuleState.Failed:
                        if (states[i] == RuleState.Failed) missing |= _rules[i].Missing(profile, context, unknown);
                        var failures = new List<string>();
                        _rules[i].CollectFailures(profile, context, unknown, language, failures);
                        foreach (var f in failures) AddDistinct(reasons, f);
                        break;
                }
            }

            if (missing != Facts.None)
            {
                var names = FactText.All.Where(f => (missing & f) != 0).Select(f => FactText.Missing(f, language) + " (" + FactText.JsonName(f) + ")");
                reasons.Add((language == Language.En ? "Unknown, so not assessed: " : "Ukendt, derfor ikke vurderet: ") + string.Join("; ", names) + ".");
            }

            if (reasons.Count == 0)
                reasons.Add(language == Language.En ? "No rule in the loaded packs recommends it." : "Ingen regel i de indlæste pakker anbefaler den.");

            list.Add(new NotRecommendedIntervention(_catalogue[e].Id, _catalogue[e].Title.Get(language), reasons.AsReadOnly()));
        }

        return list.AsReadOnly();
    }

    private bool IsRecommended(ReadOnlySpan<RuleState> states, int e)
    {
        foreach (var i in _excludeBy[e])
        {
            if (states[i] == RuleState.True) return false;
        }

        foreach (var i in _recommendBy[e])
        {
            if (states[i] == RuleState.True) return true;
        }

        return false;
    }

    private void AddCitations(List<Citation> into, RuleDef def, Language language)
    {
        foreach (var key in def.Citations)
        {
            if (into.Exists(c => c.Key == key)) continue;
            var entry = Citations[key];
            var finding = def.Findings.TryGetValue(key, out var f) ? f : entry.Finding;
            into.Add(new Citation(key, entry.DisplayText, finding.Get(language)));
        }
    }

    private static void AddDistinct(List<string> list, string text)
    {
        if (!list.Contains(text)) list.Add(text);
    }

    /// <summary>Which top-level rules were true, as 2×64 bits, plus the language.</summary>
    private readonly record struct PatternKey(ulong Low, ulong High, Language Language)
    {
        public static PatternKey From(ReadOnlySpan<RuleState> states, Language language)
        {
            ulong low = 0, high = 0;
            for (var i = 0; i < states.Length; i++)
            {
                if (states[i] != RuleState.True) continue;
                if (i < 64) low |= 1UL << i;
                else high |= 1UL << (i - 64);
            }

            return new PatternKey(low, high, language);
        }
    }
}
