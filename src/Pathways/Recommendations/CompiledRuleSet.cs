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
    // The caches of results without explanations are made on first use: a one-shot explained call never needs them.
    private ConcurrentDictionary<PatternKey, IReadOnlyList<Recommendation>>? _cacheField;
    private readonly RuleSetCompiler.Merged _merged;
    private ConcurrentDictionary<ulong, IReadOnlyList<Recommendation>>[]? _byMaskField;
    private readonly (ulong Recommend, ulong Caveat, ulong Exclude)[] _bitsBy;

    /// <summary>Per rule, what its texts end with to name the pack they came from; null for the built-in pack.</summary>
    private readonly LocalizedText?[] _attribution;
    private FusedMatcher? _fused;

    /// <summary>Shared lists of results without explanations for rule sets beyond 64 rules, by their true bits.</summary>
    private SpanKeyCache<IReadOnlyList<Recommendation>>? _large;

    private static bool AllZero(ReadOnlySpan<ulong> words)
    {
        foreach (var w in words)
        {
            if (w != 0) return false;
        }

        return true;
    }

    /// <summary>At most this many 64-rule words in a stack key (20,000 rules, the documented most, need 313).</summary>
    private const int MaxLargeKeyWords = 320;
    private int _fusedState; // 0 not built, 1 built, 2 cannot be fused
    private DatePlan? _dates;
    private readonly ExplanationCache _explanations;

    public CompiledRuleSet(RuleSetCompiler.Merged merged, List<CompiledRule> rules, FactTable facts, RuleSetInfo? info = null)
    {
        _merged = merged;
        Facts = facts;
        Warnings = merged.Warnings.ToArray();
        _rules = rules.ToArray();
        foreach (var rule in _rules) Attach(rule, FailureLog);
        // Sorted with a comparison, not OrderBy on the enum key: that generic code is compiled at start-up (ReadyToRun).
        _catalogue = merged.Interventions.Values.ToArray();
        Array.Sort(_catalogue, static (a, b) => a.Kind != b.Kind ? ((int)a.Kind).CompareTo((int)b.Kind) : string.CompareOrdinal(a.Id, b.Id));
        Citations = merged.Citations;
        Parameters = merged.Parameters;
        var first = merged.Packs[0];
        var packs = merged.Packs.Select(p => new PackInfo(p.Name, p.Version, p.Source, p.Hash)).ToArray();
        Info = info ?? new RuleSetInfo(
            string.Join("+", packs.Select(p => p.Name)),
            string.Join("+", packs.Select(p => p.Version)),
            RuleSetCompiler.RuleSetHash(merged),
            packs);
        var advisory = merged.Packs.LastOrDefault(p => p.Advisory is not null)?.Advisory;
        Advisory = advisory ?? new LocalizedText(
            "Vejledende: anbefalingerne bygger på de indlæste regelpakker og erstatter ikke sagsbehandlerens faglige vurdering.",
            "Guidance only: the recommendations rest on the loaded rule packs and do not replace the caseworker's professional judgement.");

        // One pass over the rules (not one per catalogue entry), so that many rules and entries stay linear.
        var entryOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var e = 0; e < _catalogue.Length; e++) entryOf[_catalogue[e].Id] = e;
        // Per role (Recommend, Caveat, Exclude: the enum's order), per catalogue entry, the rules in rule-set order.
        var byRole = new List<int>[3][];
        for (var role = 0; role < 3; role++)
        {
            byRole[role] = new List<int>[_catalogue.Length];
            for (var e = 0; e < _catalogue.Length; e++) byRole[role][e] = new List<int>();
        }

        for (var i = 0; i < _rules.Length; i++)
        {
            var def = _rules[i].Def;
            if (def.SuccessEvent is not null && entryOf.TryGetValue(def.SuccessEvent, out var e)) byRole[(int)def.Role][e].Add(i);
        }

        _recommendBy = byRole[(int)RuleRole.Recommend].Select(l => l.ToArray()).ToArray();
        _caveatBy = byRole[(int)RuleRole.Caveat].Select(l => l.ToArray()).ToArray();
        _excludeBy = byRole[(int)RuleRole.Exclude].Select(l => l.ToArray()).ToArray();
        _attribution = _rules.Select(r => r.Def.Source == BuiltInPack.SourceLabel
            ? null
            : new LocalizedText($" (fra pakken '{r.Def.Pack}')", $" (from pack '{r.Def.Pack}')")).ToArray();
        static ulong Bits(int[] indexes)
        {
            var bits = 0UL;
            foreach (var i in indexes)
            {
                if (i < 64) bits |= 1UL << i;
            }

            return bits;
        }

        _bitsBy = new (ulong, ulong, ulong)[_catalogue.Length];
        for (var e = 0; e < _catalogue.Length; e++) _bitsBy[e] = (Bits(_recommendBy[e]), Bits(_caveatBy[e]), Bits(_excludeBy[e]));
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

    /// <summary>Every fact the rules can read: the built-in fields and the facts the packs declare.</summary>
    public FactTable Facts { get; }

    /// <summary>What makes the packs' advice poorer but not wrong (CONTRACT §4.4), logged at load.</summary>
    public IReadOnlyList<PackProblem> Warnings { get; }

    /// <summary>How many 64-rule blocks the fused matcher has, once built (0 before, or when it cannot be fused).</summary>
    internal int FusedBlocks => _fused?.Blocks ?? 0;

    public LocalizedText Advisory { get; }

    public IReadOnlyDictionary<string, CitationEntry> Citations { get; }

    public IReadOnlyDictionary<string, ParameterEntry> Parameters { get; }

    public IReadOnlyList<InterventionEntry> Catalogue => _catalogue;

    public IReadOnlyList<CompiledRule> Rules => _rules;

    public int RuleCount => _rules.Length;

    /// <summary>Parameter values set in the options, by name.</summary>
    public IReadOnlyDictionary<string, double> ParameterOverrides => _merged.ParameterOverrides;

    /// <summary>The packs, in load order, with their test cases.</summary>
    public IReadOnlyList<PackDefinition> Packs => _merged.Packs;

    /// <summary>What makes the packs' advice poorer but not wrong (CONTRACT §4.4): dated rules and values that cannot apply as written.</summary>
    public IReadOnlyList<PackProblem> PackWarnings => _dates?.Warnings ?? (IReadOnlyList<PackProblem>)Array.Empty<PackProblem>();

    /// <summary>Whether any rule or parameter is dated, so that the advice can differ from day to day.</summary>
    public bool HasDates => _dates is not null;

    /// <summary>Makes this the whole rule set of a pack set with dated rules or values; <paramref name="plan"/> gives the view per day.</summary>
    internal void UseDates(DatePlan plan) => _dates = plan;

    /// <summary>
    /// The rules and parameter values in force on <paramref name="day"/>: this set itself when nothing is dated (no
    /// work per call), else the view compiled once for the period the day falls in.
    /// </summary>
    public CompiledRuleSet ForDate(DateTime day) => _dates is null ? this : _dates.For(day);

    /// <summary>The names of the top-level rules that are definitely true for the citizen (for pack tests).</summary>
    public HashSet<string> Fired(CitizenProfile profile, AssessmentContext context)
    {
        var unknown = Facts.Unknown(profile, context);
        return new HashSet<string>(_rules.Where(r => r.Evaluate(profile, context, unknown) == RuleState.True).Select(r => r.Name), StringComparer.Ordinal);
    }

    /// <summary>The rules as plain RulesEngine workflows, for comparing with RulesEngine itself.</summary>
    public RulesEngine.Models.Workflow[] ToRulesEngineWorkflows() => RuleSetCompiler.ToRulesEngine(_merged);

    public RecommendationResult Recommend(CitizenProfile profile, AssessmentContext context, Language language, bool explain, DateTime day) =>
        _dates is null ? RecommendInForce(profile, context, language, explain, day) : _dates.For(day).RecommendInForce(profile, context, language, explain, day);

    private RecommendationResult RecommendInForce(CitizenProfile profile, AssessmentContext context, Language language, bool explain, DateTime day)
    {
        // The built-in fields and the declared facts are checked together, so that every problem is listed at once.
        var builtInValid = FactTable.BuiltInValid(profile, context);
        var facts = profile.Facts.Count == 0 ? null : profile.Facts.Resolve(Facts);
        if (!builtInValid || facts?.Problems is not null)
        {
            var problems = new List<ProfileProblem>(ProfileValidator.Validate(profile, context));
            if (facts?.Problems is { } factProblems) problems.AddRange(factProblems);
            if (problems.Count > 0) throw new ProfileValidationException(problems);
        }

        if (!explain && _rules.Length <= FusedMatcher.MaxRules && (uint)language <= (uint)Language.En)
        {
            var mask = Match(profile, context, out var failed);
            return Result(profile, day, language, ByMask(mask, language), NoneNotRecommended, failed == 0 ? NoWarnings : RuleWarnings(failed, language));
        }

        if (explain)
        {
            var (explained, whyNot, warnings) = _explanations.Get(profile, context, language);
            return Result(profile, day, language, explained, whyNot, warnings);
        }

        var unknown = Facts.Unknown(profile, context);
        var n = _rules.Length;

        // Beyond 64 rules: the fused blocks' true bits are the key of a bounded cache of shared lists (a rule that threw
        // for this citizen, which adds a warning, takes the path below).
        var words = (n + 63) >> 6;
        if (words <= MaxLargeKeyWords && (uint)language <= (uint)Language.En)
        {
            Span<ulong> key = stackalloc ulong[1 + words];
            Span<ulong> failedWords = stackalloc ulong[words];
            key[0] = (ulong)language;
            if (TryMatchWords(profile, context, unknown, key.Slice(1), failedWords) && AllZero(failedWords))
            {
                var cache = _large ?? LazyInitializer.EnsureInitialized(ref _large, static () => new SpanKeyCache<IReadOnlyList<Recommendation>>(8192))!;
                var hash = SpanKeyCache<IReadOnlyList<Recommendation>>.Hash(key);
                if (cache.Get(key, hash) is not { } list)
                {
                    var fromBits = n <= 256 ? stackalloc RuleState[n] : new RuleState[n];
                    for (var i = 0; i < n; i++) fromBits[i] = (key[1 + (i >> 6)] & (1UL << (i & 63))) != 0 ? RuleState.True : RuleState.False;
                    list = Build(fromBits, language, null, null);
                    cache.Add(key, hash, list);
                }

                return Result(profile, day, language, list, NoneNotRecommended, NoWarnings);
            }
        }

        Span<RuleState> states = n <= 256 ? stackalloc RuleState[n] : new RuleState[n];
        // Without explanations only "definitely true" matters: the fused blocks give it for any number of rules.
        MatchAll(profile, context, unknown, states);

        return Result(profile, day, language, Cached(states, language), NoneNotRecommended, RuleWarnings(states, language));
    }

    private RecommendationResult Result(CitizenProfile profile, DateTime day, Language language, IReadOnlyList<Recommendation> recommendations, IReadOnlyList<NotRecommendedIntervention> notRecommended, IReadOnlyList<string> warnings) => new()
    {
        Id = profile.Id,
        AssessmentDate = day,
        RuleSet = Info,
        Advisory = Advisory.Get(language),
        Language = language,
        Recommendations = recommendations,
        NotRecommended = notRecommended,
        Warnings = warnings,
    };

    /// <summary>One warning per top-level rule that threw for this citizen and so counts as not met.</summary>
    internal IReadOnlyList<string> RuleWarnings(ReadOnlySpan<RuleState> states, Language language)
    {
        List<string>? list = null;
        for (var i = 0; i < states.Length; i++)
        {
            if (states[i] == RuleState.Failed) (list ??= new()).Add(_rules[i].CouldNotEvaluate(language));
        }

        return list is null ? NoWarnings : list.AsReadOnly();
    }

    /// <summary>The same, from the fused matcher's failed bits.</summary>
    private IReadOnlyList<string> RuleWarnings(ulong failed, Language language)
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
        var unknown = Facts.Unknown(profile, context);
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

    /// <summary>
    /// Which top-level rules are definitely true and which failed, 64 per word, from the fused blocks (built on first
    /// use); <see langword="false"/>, with nothing written, when the rule set cannot be fused. A failure flagged by the
    /// fused &amp;&amp; and || is confirmed by the rule's own evaluation, as in <see cref="Match(CitizenProfile, AssessmentContext, out ulong)"/>.
    /// </summary>
    internal bool TryMatchWords(CitizenProfile profile, AssessmentContext context, ulong unknown, Span<ulong> top, Span<ulong> failedWords)
    {
        var fused = _fused;
        if (fused is null && Volatile.Read(ref _fusedState) == 0) fused = BuildFused();
        if (fused is null) return false;
        var blocks = (_rules.Length + 63) / 64;
        for (var b = 0; b < blocks; b++)
        {
            top[b] = fused.Match(b, profile, context, unknown, out var failed);
            for (var i = 0; failed != 0 && i < 64; i++)
            {
                var bit = 1UL << i;
                if ((failed & bit) != 0 && _rules[(b * 64) + i].Evaluate(profile, context, unknown) != RuleState.Failed) failed &= ~bit;
            }

            failedWords[b] = failed;
        }

        return true;
    }

    /// <summary>
    /// Which top-level rules are definitely true, 64 per word, through the fused blocks where they can be used; a rule
    /// that threw is not true and its state is <see cref="RuleState.Failed"/> in <paramref name="states"/>.
    /// </summary>
    internal void MatchAll(CitizenProfile profile, AssessmentContext context, ulong unknown, Span<RuleState> states)
    {
        var fused = _fused;
        if (fused is null && Volatile.Read(ref _fusedState) == 0) fused = BuildFused();
        var blocks = (_rules.Length + 63) / 64;
        for (var b = 0; b < blocks; b++)
        {
            var start = b * 64;
            var end = Math.Min(_rules.Length, start + 64);
            if (fused is null)
            {
                for (var i = start; i < end; i++)
                {
                    var s = _rules[i].Evaluate(profile, context, unknown);
                    states[i] = s == RuleState.Unknown ? RuleState.False : s;
                }

                continue;
            }

            var mask = fused.Match(b, profile, context, unknown, out var failed);
            for (var i = start; i < end; i++)
            {
                var bit = 1UL << (i - start);
                states[i] = (mask & bit) != 0 ? RuleState.True
                    : (failed & bit) != 0 && _rules[i].Evaluate(profile, context, unknown) == RuleState.Failed ? RuleState.Failed
                    : RuleState.False;
            }
        }
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
        var cache = (_byMaskField ?? LazyInitializer.EnsureInitialized(ref _byMaskField, static () => new ConcurrentDictionary<ulong, IReadOnlyList<Recommendation>>[] { new(), new() })!)[(int)language];
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
        var patterns = _cacheField ?? LazyInitializer.EnsureInitialized(ref _cacheField, static () => new ConcurrentDictionary<PatternKey, IReadOnlyList<Recommendation>>())!;
        if (patterns.TryGetValue(key, out var hit)) return hit;
        var built = Build(states, language, null, null);
        if (patterns.Count < MaxCachedPatterns) patterns.TryAdd(key, built);
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
            var reasons = new DistinctTexts();
            var caveats = new DistinctTexts();
            var citations = new List<Citation>();
            var cited = new DistinctTexts();
            var facts = 0UL;
            foreach (var i in _recommendBy[e])
            {
                if (states[i] != RuleState.True) continue;
                var def = _rules[i].Def;
                if (def.Evidence < grade) grade = def.Evidence!.Value;
                reasons.Add(def.Reason is { } reason ? Attributed(i, reason.Get(language), language) : ReasonFromFacts(_rules[i], language, profile, context));
                AddCitations(citations, cited, def, language);
                facts |= _rules[i].Facts;
            }

            foreach (var i in _caveatBy[e])
            {
                // A caveat that a missing fact kept from deciding says so, where the pack gives it the words (explained results only).
                if (states[i] == RuleState.Unknown && profile is not null && _rules[i].Def.IfUnknown is { } ifUnknown)
                {
                    caveats.Add(Attributed(i, ifUnknown.Get(language), language));
                    AddCitations(citations, cited, _rules[i].Def, language);
                    continue;
                }

                if (states[i] != RuleState.True) continue;
                var def = _rules[i].Def;
                caveats.Add(Attributed(i, def.Caveat!.Get(language), language));
                AddCitations(citations, cited, def, language);
            }

            if (profile is not null && context is not null && facts != 0)
            {
                // A fact that is unknown may sit in a rule that a known branch decided: it says nothing about the citizen.
                var described = new List<string>();
                foreach (var f in Facts.AllArray)
                {
                    if ((facts & (1UL << f.Bit)) != 0 && Facts.TryGet(f, profile, context, out var value)) described.Add(FactTable.Describe(f, value, language));
                }

                if (described.Count > 0)
                    reasons.Items.Add((language == Language.En ? "The citizen's situation: " : "Borgerens forhold: ") + string.Join(", ", described) + ".");
            }

            (list ??= new()).Add(new Recommendation
            {
                InterventionId = entry.Id,
                Kind = entry.Kind,
                Title = entry.Title.Get(language),
                Evidence = grade,
                Conclusion = entry.Conclusion,
                Reasons = reasons.Items.AsReadOnly(),
                Caveats = caveats.Items.AsReadOnly(),
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

    /// <summary>
    /// The reason of a recommending rule that gives none (a warning at load, CONTRACT §4.4): the facts it matched on,
    /// with the citizen's values when explaining, else by their labels.
    /// </summary>
    private string ReasonFromFacts(CompiledRule rule, Language language, CitizenProfile? profile, AssessmentContext? context)
    {
        var en = language == Language.En;
        var facts = Facts.All.Where(f => (rule.Facts & (1UL << f.Bit)) != 0).ToList();
        if (facts.Count == 0)
            return en ? $"Pack '{rule.Def.Pack}' recommends it (rule '{rule.Name}')." : $"Pakken '{rule.Def.Pack}' anbefaler den (reglen '{rule.Name}').";
        var described = profile is not null && context is not null
            ? facts.Select(f => Facts.Describe(f, profile, context, language))
            : facts.Select(f => f.GetLabel(language));
        return (en ? $"Pack '{rule.Def.Pack}' recommends it on: " : $"Pakken '{rule.Def.Pack}' anbefaler den ud fra: ") + string.Join(", ", described) + ".";
    }

    /// <summary>The facts whose values <see cref="Build"/> names in the reasons for these states.</summary>
    internal ulong Described(ReadOnlySpan<RuleState> states)
    {
        var facts = 0UL;
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

    internal IReadOnlyList<NotRecommendedIntervention> WhyNot(ReadOnlySpan<RuleState> states, Language language, CitizenProfile profile, AssessmentContext context, ulong unknown)
    {
        var list = new List<NotRecommendedIntervention>();
        for (var e = 0; e < _catalogue.Length; e++)
        {
            if (IsRecommended(states, e)) continue;
            var reasons = new DistinctTexts();
            foreach (var i in _excludeBy[e])
            {
                if (states[i] == RuleState.True) reasons.Add(Attributed(i, _rules[i].Def.Reason!.Get(language), language));
            }

            var missing = 0UL;
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
                        foreach (var f in failures) reasons.Add(Attributed(i, f, language));
                        break;
                }
            }

            if (missing != 0)
            {
                var names = Facts.All.Where(f => (missing & (1UL << f.Bit)) != 0).Select(f => FactTable.Missing(f, language) + " (" + f.Path + ")");
                reasons.Items.Add((language == Language.En ? "Unknown, so not assessed: " : "Ukendt, derfor ikke vurderet: ") + string.Join("; ", names) + ".");
            }

            if (reasons.Items.Count == 0)
                reasons.Items.Add(language == Language.En ? "No rule in the loaded packs recommends it." : "Ingen regel i de indlæste pakker anbefaler den.");

            list.Add(new NotRecommendedIntervention(_catalogue[e].Id, _catalogue[e].Title.Get(language), reasons.Items.AsReadOnly()));
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

    private void AddCitations(List<Citation> into, DistinctTexts cited, RuleDef def, Language language)
    {
        foreach (var key in def.Citations)
        {
            if (!cited.Add(key)) continue;
            var entry = Citations[key];
            var finding = def.Findings.TryGetValue(key, out var f) ? f : entry.Finding;
            into.Add(new Citation(key, entry.DisplayText, finding.Get(language)));
        }
    }

    /// <summary>A rule's text, ending with the pack it came from unless that is the built-in pack.</summary>
    private string Attributed(int rule, string text, Language language) =>
        _attribution[rule] is { } suffix ? text + suffix.Get(language) : text;

    /// <summary>
    /// Texts in first-seen order without repeats: a list while short, with a set beside it once long, so that
    /// thousands of firing rules stay linear (a list alone made one explained call quadratic).
    /// </summary>
    private sealed class DistinctTexts
    {
        private HashSet<string>? _seen;

        public List<string> Items { get; } = new();

        public bool Add(string text)
        {
            if (_seen is null)
            {
                if (Items.Count < 16)
                {
                    if (Items.Contains(text)) return false;
                    Items.Add(text);
                    return true;
                }

                _seen = new HashSet<string>(Items, StringComparer.Ordinal);
            }

            if (!_seen.Add(text)) return false;
            Items.Add(text);
            return true;
        }
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
