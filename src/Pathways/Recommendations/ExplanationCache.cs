namespace Pathways;

/// <summary>
/// Explained results built once per key and shared. An explanation depends only on (1) the state of every
/// top-level rule (true, false or unknown) and, for nested rules, of every child, (2) which facts are unknown,
/// (3) the language, and (4) the values of the facts that the reasons name ("Borgerens forhold: 45 år, …").
/// (1)–(3) decide the why-not list and which recommendations there are: a <see cref="Skeleton"/>, cached once per
/// such key. (4) adds the citizen's values: the recommendation list is cached per skeleton and those values. Both
/// keys are computed into a stack buffer of 64-bit words, so a call that hits allocates only its result.
/// </summary>
/// <remarks>
/// The lists are immutable (<see cref="System.Collections.ObjectModel.ReadOnlyCollection{T}"/> of records), so
/// sharing them between citizens and threads is safe. Both caches are bounded; an evicted entry is rebuilt
/// when needed, so eviction only costs time. A fact that cannot be encoded in the value key
/// (<see cref="TryValueCode"/>) makes the call build its recommendations afresh, never share a wrong one.
/// </remarks>
internal sealed class ExplanationCache
{
    /// <summary>Explained calls on the per-rule path before the fused matcher is built, so that a one-shot process never pays for compiling it.</summary>
    internal const int CallsBeforeFused = 256;

    private const int MaxStackWords = 256;

    private readonly CompiledRuleSet _set;
    private readonly CompiledRule[] _rules;
    private readonly int[] _nested;        // indexes of the top-level rules that have children
    private readonly int[] _nestedWordAt;  // first key word of each nested rule's packed states
    private readonly int _topWordAt;
    private readonly int _failedWordAt;
    private readonly int _keyWords;
    private readonly SpanKeyCache<Skeleton> _skeletons;
    private readonly SpanKeyCache<IReadOnlyList<Recommendation>> _recommendations;
    private long _nextSkeletonId;
    private long _misses;
    private int _calls;

    public ExplanationCache(CompiledRuleSet set, int skeletons = 8192, int recommendationLists = 8192)
    {
        _set = set;
        _rules = set.Rules.ToArray();
        var nested = new List<int>();
        for (var i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].Predicate is null) nested.Add(i);
        }

        _nested = nested.ToArray();
        _topWordAt = 1 + FactsKey.Words;
        _failedWordAt = _topWordAt + ((_rules.Length + 63) >> 6);
        var at = _failedWordAt + ((_rules.Length + 63) >> 6);
        _nestedWordAt = new int[_nested.Length];
        for (var k = 0; k < _nested.Length; k++)
        {
            _nestedWordAt[k] = at;
            at += ((2 * Nodes(_rules[_nested[k]])) + 63) >> 6;
        }

        _keyWords = at;
        // Both levels keep a key only when it is seen again: a batch of distinct citizens (nearly every key new) then
        // neither churns the caches nor keeps its why-not lists alive into the older GC generations, which cost a
        // batch of 100,000 generated profiles more than building them did.
        _skeletons = new SpanKeyCache<Skeleton>(skeletons, admitOnSecondSight: true);
        _recommendations = new SpanKeyCache<IReadOnlyList<Recommendation>>(recommendationLists, admitOnSecondSight: true);
    }

    /// <summary>Words in the first-level key: language, unknown facts, top-level true bits, nested rules' states.</summary>
    internal int KeyWords => _keyWords;

    /// <summary>Calls that had to build a list (a skeleton or a recommendation list) so far.</summary>
    internal long Misses => Interlocked.Read(ref _misses);

    /// <summary>The explained recommendations and why-not list, shared with every earlier call that had the same key.</summary>
    public (IReadOnlyList<Recommendation> Recommendations, IReadOnlyList<NotRecommendedIntervention> NotRecommended, IReadOnlyList<string> Warnings) Get(
        CitizenProfile profile, AssessmentContext context, Language language)
    {
        var unknown = _set.Facts.Unknown(profile, context);
        var key = _keyWords <= MaxStackWords ? stackalloc ulong[_keyWords] : new ulong[_keyWords];
        key.Clear();
        WriteKey(profile, context, language, unknown, key);
        var hash = SpanKeyCache<Skeleton>.Hash(key);
        var skeleton = _skeletons.Get(key, hash);
        // Large rule sets get their states array only when a miss needs it.
        var states = _rules.Length <= MaxStackWords ? stackalloc RuleState[_rules.Length] : default;
        var evaluated = false;
        if (skeleton is null)
        {
            Interlocked.Increment(ref _misses);
            if (states.Length < _rules.Length) states = new RuleState[_rules.Length];
            Evaluate(profile, context, unknown, states);
            evaluated = true;
            skeleton = NewSkeleton(states, profile, context, language, unknown);
            _skeletons.Add(key, hash, skeleton);
        }

        if (skeleton.Recommendations is { } shared) return (shared, skeleton.NotRecommended, skeleton.Warnings);

        Span<ulong> values = stackalloc ulong[1 + skeleton.Described.Length];
        values[0] = skeleton.Id;
        var encodable = true;
        for (var i = 0; i < skeleton.Described.Length && encodable; i++)
            encodable = TryValueCode(_set.Facts, skeleton.Described[i], profile, context, out values[1 + i]);

        var valuesHash = encodable ? SpanKeyCache<IReadOnlyList<Recommendation>>.Hash(values) : 0;
        if (encodable && _recommendations.Get(values, valuesHash) is { } hit) return (hit, skeleton.NotRecommended, skeleton.Warnings);

        if (!evaluated)
        {
            Interlocked.Increment(ref _misses);
            if (states.Length < _rules.Length) states = new RuleState[_rules.Length];
            Evaluate(profile, context, unknown, states);
        }

        var built = _set.Build(states, language, profile, context);
        if (encodable) _recommendations.Add(values, valuesHash, built);
        return (built, skeleton.NotRecommended, skeleton.Warnings);
    }

    /// <summary>The same explanations built afresh, without any cache: what <see cref="Get"/> must always equal.</summary>
    internal (IReadOnlyList<Recommendation> Recommendations, IReadOnlyList<NotRecommendedIntervention> NotRecommended, IReadOnlyList<string> Warnings) Fresh(
        CitizenProfile profile, AssessmentContext context, Language language)
    {
        var unknown = _set.Facts.Unknown(profile, context);
        var states = new RuleState[_rules.Length];
        Evaluate(profile, context, unknown, states);
        return (_set.Build(states, language, profile, context), _set.WhyNot(states, language, profile, context, unknown), _set.RuleWarnings(states, language));
    }

    /// <summary>
    /// The value of a fact that a reason names, as one word. A fact's unknown-ness is in the first-level key, so an
    /// unknown fact may share its code with a known one. False for a fact this method does not know, so that a
    /// new kind of fact is never shared by mistake.
    /// </summary>
    internal static bool TryValueCode(FactTable table, FactDefinition fact, CitizenProfile p, AssessmentContext c, out ulong code)
    {
        code = 0;
        if (!table.TryGet(fact, p, c, out var v)) return true; // unknown: told apart by the first-level key
        switch (fact.Type)
        {
            case FactType.Boolean:
                code = v.Number != 0 ? 2UL : 1UL;
                return true;
            case FactType.Enum:
                // The value's index among the declared values; a text not among them is never shared.
                for (var i = 0; i < fact.Values.Count; i++)
                {
                    if (string.Equals(fact.Values[i], v.Text, StringComparison.Ordinal))
                    {
                        code = 1 + (ulong)i;
                        return true;
                    }
                }

                return false;
            case FactType.Integer:
            case FactType.Number:
                code = (ulong)BitConverter.DoubleToInt64Bits(v.Number);
                return true;
            default:
                return false;
        }
    }

    private void WriteKey(CitizenProfile profile, AssessmentContext context, Language language, ulong unknown, Span<ulong> key)
    {
        key[0] = (ulong)(int)language;
        FactsKey.Write(unknown, key.Slice(1, FactsKey.Words));

        // Leaf rules: true or not (unknown follows from the unknown facts). The fused matcher answers all of them
        // at once, once it is built; until then (and for rule sets it cannot fuse) each rule is asked.
        // A leaf that threw is neither: its own bit says so (it changes the why-not list and gives a warning).
        var top = key.Slice(_topWordAt);
        var failed = key.Slice(_failedWordAt);
        // Any number of rules: one fused block per 64 top-level rules (a large municipal pack stays off the per-rule path).
        if ((_set.HasFused || Interlocked.Increment(ref _calls) > CallsBeforeFused) && _set.TryMatchWords(profile, context, unknown, top, failed))
        {
            foreach (var i in _nested)
            {
                top[i >> 6] &= ~(1UL << (i & 63));
                failed[i >> 6] &= ~(1UL << (i & 63));
            }
        }
        else
        {
            for (var i = 0; i < _rules.Length; i++)
            {
                if (_rules[i].Predicate is null) continue;
                var state = _rules[i].Evaluate(profile, context, unknown);
                if (state == RuleState.True) top[i >> 6] |= 1UL << (i & 63);
                else if (state == RuleState.Failed) failed[i >> 6] |= 1UL << (i & 63);
            }
        }

        // Nested rules: the state of every node, two bits each, since the why-not texts follow the children.
        for (var k = 0; k < _nested.Length; k++)
        {
            var bit = 0;
            Pack(_rules[_nested[k]], profile, context, unknown, key.Slice(_nestedWordAt[k]), ref bit);
        }
    }

    private Skeleton NewSkeleton(ReadOnlySpan<RuleState> states, CitizenProfile profile, AssessmentContext context, Language language, ulong unknown)
    {
        var described = _set.Described(states);
        var facts = _set.Facts.AllArray.Where(f => (described & (1UL << f.Bit)) != 0).ToArray();
        var whyNot = _set.WhyNot(states, language, profile, context, unknown);
        var shared = facts.Length == 0 ? _set.Build(states, language, profile, context) : null;
        return new Skeleton((ulong)Interlocked.Increment(ref _nextSkeletonId), facts, whyNot, shared, _set.RuleWarnings(states, language));
    }

    private void Evaluate(CitizenProfile profile, AssessmentContext context, ulong unknown, Span<RuleState> states)
    {
        for (var i = 0; i < _rules.Length; i++) states[i] = _rules[i].Evaluate(profile, context, unknown);
    }

    /// <summary>Writes the node's state and its descendants' (pre-order, two bits each: false, true, unknown, failed) and returns the node's state.</summary>
    private static RuleState Pack(CompiledRule node, CitizenProfile p, AssessmentContext c, ulong unknown, Span<ulong> words, ref int bit)
    {
        var at = bit;
        bit += 2;
        // Each node's own Evaluate, exactly what the why-not texts ask of it (a nested rule's state is not a plain
        // combination of its children's once one of them threw).
        var state = node.Evaluate(p, c, unknown);
        foreach (var child in node.Children) Pack(child, p, c, unknown, words, ref bit);
        words[at >> 6] |= (ulong)state << (at & 63);
        return state;
    }

    private static int Nodes(CompiledRule rule) => 1 + rule.Children.Sum(Nodes);

    /// <summary>What one first-level key decides: the why-not list, the facts the reasons name, and (when they name none) the recommendations.</summary>
    private sealed class Skeleton(ulong id, FactDefinition[] described, IReadOnlyList<NotRecommendedIntervention> notRecommended, IReadOnlyList<Recommendation>? recommendations, IReadOnlyList<string> warnings)
    {
        public IReadOnlyList<string> Warnings { get; } = warnings;

        public ulong Id { get; } = id;
        public FactDefinition[] Described { get; } = described;
        public IReadOnlyList<NotRecommendedIntervention> NotRecommended { get; } = notRecommended;
        public IReadOnlyList<Recommendation>? Recommendations { get; } = recommendations;
    }
}

/// <summary>The unknown-facts mask as key words: the one place that knows how wide the mask is (<see cref="FactTable.MaxFacts"/> bits).</summary>
internal static class FactsKey
{
    public const int Words = 1;

    public static void Write(ulong facts, Span<ulong> into) => into[0] = facts;
}

/// <summary>
/// A bounded, thread-safe cache from a key of 64-bit words to an immutable value. Eight-way set-associative: a key
/// lives in one of the eight slots of its set; when they are full, one is replaced. Lookups take no lock and
/// allocate nothing; an added entry allocates its key copy once. With <c>admitOnSecondSight</c>, a key is only
/// stored the second time it is added within a while (a small Bloom filter of recent hashes decides), so a
/// stream of keys that never repeat (a batch of distinct citizens) neither fills the cache nor churns it.
/// </summary>
internal sealed class SpanKeyCache<T>
    where T : class
{
    private const int Ways = 8;
    private readonly Entry?[] _slots;
    private readonly int _setMask;
    private const int SeenBits = 1 << 16;
    private readonly long[]? _seen;
    private int _victim;
    private int _firstSightings;

    public SpanKeyCache(int capacity, bool admitOnSecondSight = false)
    {
        var size = Ways;
        while (size < capacity) size <<= 1;
        _slots = new Entry?[size];
        _setMask = (size / Ways) - 1;
        _seen = admitOnSecondSight ? new long[SeenBits / 64] : null;
    }

    public static int Hash(ReadOnlySpan<ulong> key)
    {
        var h = 0x9E3779B97F4A7C15UL;
        foreach (var w in key)
        {
            h = (h ^ w) * 0xFF51AFD7ED558CCDUL;
            h ^= h >> 29;
        }

        return (int)h ^ (int)(h >> 32);
    }

    public T? Get(ReadOnlySpan<ulong> key, int hash)
    {
        var first = (hash & _setMask) * Ways;
        for (var i = first; i < first + Ways; i++)
        {
            var e = Volatile.Read(ref _slots[i]);
            if (e is null) return null;
            if (e.Hash == hash && key.SequenceEqual(e.Key)) return e.Value;
        }

        return null;
    }

    public void Add(ReadOnlySpan<ulong> key, int hash, T value)
    {
        if (_seen is not null && !SeenBefore(hash)) return;

        var entry = new Entry(key.ToArray(), hash, value);
        var first = (hash & _setMask) * Ways;
        for (var i = first; i < first + Ways; i++)
        {
            if (Interlocked.CompareExchange(ref _slots[i], entry, null) is null) return;
        }

        // The set is full: replace its slots in turn (entries are never removed, so a lookup may stop at the first empty slot).
        Volatile.Write(ref _slots[first + (Interlocked.Increment(ref _victim) & (Ways - 1))], entry);
    }

    /// <summary>
    /// A two-bit Bloom filter of the hashes added lately: true if both bits of this hash were already set, else sets
    /// them. Cleared after <see cref="SeenBits"/>/4 first sightings, so that it never fills up. Races only delay an admission.
    /// </summary>
    private bool SeenBefore(int hash)
    {
        var seen = _seen!;
        var a = hash & (SeenBits - 1);
        var b = (hash >>> 16) & (SeenBits - 1);
        var bitA = 1L << (a & 63);
        var bitB = 1L << (b & 63);
        if ((Volatile.Read(ref seen[a >> 6]) & bitA) != 0 && (Volatile.Read(ref seen[b >> 6]) & bitB) != 0) return true;
        seen[a >> 6] |= bitA;
        seen[b >> 6] |= bitB;
        if (Interlocked.Increment(ref _firstSightings) >= SeenBits / 4)
        {
            Array.Clear(seen, 0, seen.Length);
            Volatile.Write(ref _firstSightings, 0);
        }

        return false;
    }

    private sealed class Entry(ulong[] key, int hash, T value)
    {
        public ulong[] Key { get; } = key;
        public int Hash { get; } = hash;
        public T Value { get; } = value;
    }
}
