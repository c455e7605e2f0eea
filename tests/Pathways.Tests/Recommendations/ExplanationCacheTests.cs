using Pathways.Benchmarks;

namespace Pathways.Tests.Recommendations;

/// <summary>
/// Explained results are shared between citizens with the same key (ExplanationCache.cs): they must be exactly
/// what building them afresh gives, for every citizen, language and pack, whether the key came from the per-rule
/// path or the fused matcher, and however small the cache.
/// </summary>
public class ExplanationCacheTests
{
    private static PathwayRecommender Recommender(string pack) => pack switch
    {
        "built-in" => PathwayRecommender.Create(),
        "features" => FeaturePack.Create(),

        // More than 64 top-level rules: the key's leaf bits come from two fused blocks once the matcher is built.
        "large" => PathwayRecommender.Create(o => o.AddPackFromStream("grow.json", () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Grow.Pack(100))))),
        _ => throw new ArgumentOutOfRangeException(nameof(pack)),
    };

    private static string Json(RecommendationResult r) => RecommendationJson.Serialize(r, indented: false);

    private static string FreshJson(CompiledRuleSet set, CitizenCase c, Language language)
    {
        var context = c.Context ?? AssessmentContext.Unknown;
        var (recommendations, notRecommended, warnings) = set.Explanations.Fresh(c.Profile, context, language);
        return Json(new RecommendationResult
        {
            Id = c.Profile.Id,
            AssessmentDate = SystemToday.Today(), // the day an undated call is assessed on, as the recommender does
            RuleSet = set.Info,
            Advisory = set.Advisory.Get(language),
            Language = language,
            Recommendations = recommendations,
            NotRecommended = notRecommended,
            Warnings = warnings,
        });
    }

    // Each citizen is asked twice, so the second answer comes from the cache; the first
    // ExplanationCache.CallsBeforeFused calls take their key from the per-rule path, the rest from the fused matcher.
    [TestCase("built-in", 3000, 11)]
    [TestCase("features", 3000, 12)]
    [TestCase("large", 1500, 13)]
    public void CachedExplanations_AreTheBytesOfFreshOnes(string pack, int count, int seed)
    {
        var recommender = Recommender(pack);
        var set = recommender.Compiled;
        var random = new Random(seed);
        var mismatches = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var c = RandomProfiles.Next(random, i);
            var language = i % 3 == 0 ? Language.En : Language.Da;
            var options = new RecommendOptions { Language = language };
            var expected = FreshJson(set, c, language);
            for (var round = 0; round < 2; round++)
            {
                if (Json(recommender.Recommend(c.Profile, c.Context, options)) != expected) mismatches.Add($"citizen {i}, round {round}");
            }
        }

        Assert.That(set.HasFused, Is.True, "the fused matcher was used for the later keys");
        Assert.That(mismatches, Is.Empty);
    }

    // A cache of one set per level: nearly every key evicts another.
    [TestCase("built-in", 2000, 21)]
    [TestCase("features", 2000, 22)]
    public void ATinyCache_StillGivesTheFreshBytes(string pack, int count, int seed)
    {
        var set = Recommender(pack).Compiled;
        var cache = new ExplanationCache(set, skeletons: 4, recommendationLists: 4);
        var cases = RandomProfiles.Make(64, seed);
        var random = new Random(seed);
        var mismatches = 0;
        for (var i = 0; i < count; i++)
        {
            var c = cases[random.Next(cases.Length)];
            var context = c.Context ?? AssessmentContext.Unknown;
            var (recommendations, notRecommended, warnings) = cache.Get(c.Profile, context, Language.Da);
            var got = Json(new RecommendationResult { Id = c.Profile.Id, AssessmentDate = SystemToday.Today(), RuleSet = set.Info, Advisory = set.Advisory.Get(Language.Da), Recommendations = recommendations, NotRecommended = notRecommended, Warnings = warnings });
            if (got != FreshJson(set, c, Language.Da)) mismatches++;
        }

        Assert.That(mismatches, Is.Zero);
    }

    // Pairs of citizens whose rule states, unknown facts and named values are the same: both lists are shared.
    [TestCase("readiness=activity mental=true months=48 caseload=70", "readiness=activity mental=true months=48 caseload=70")]
    [TestCase("readiness=job cycle=boom", "readiness=job cycle=boom")]
    [TestCase("age=17", "age=17")]
    public void EqualKeys_ShareTheSameLists(string first, string second)
    {
        var recommender = PathwayRecommender.Create();
        var (p1, c1) = TestProfiles.Parse(first);
        var (p2, c2) = TestProfiles.Parse(second);
        // A key's skeleton is kept the second time it is seen, its recommendation list the third time.
        recommender.Recommend(p1 with { Id = "first" }, c1);
        recommender.Recommend(p1 with { Id = "second" }, c1);
        var a = recommender.Recommend(p1 with { Id = "a" }, c1);
        var b = recommender.Recommend(p2 with { Id = "b" }, c2);

        Assert.That(a.Recommendations, Is.SameAs(b.Recommendations));
        Assert.That(a.NotRecommended, Is.SameAs(b.NotRecommended));
        Assert.That(b.Id, Is.EqualTo("b"));
    }

    // A stream of distinct citizens (a batch) must not fill the caches with keys that never come again: a key's
    // skeleton is kept the second time it is seen, its recommendation list the third; from then on nothing is built.
    [TestCase("age=40 readiness=activity mental=true months=48 caseload=70")]
    public void AKey_IsKeptOnlyWhenSeenAgain(string spec)
    {
        var cache = new ExplanationCache(PathwayRecommender.Create().Compiled);
        var (p, c) = TestProfiles.Parse(spec);
        var misses = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            cache.Get(p, c, Language.Da);
            misses.Add(cache.Misses);
        }

        Assert.That(misses, Is.EqualTo(new long[] { 1, 2, 3, 3 }));
    }

    // Pairs that differ in a value the reasons name, or in which facts are unknown: never the other's texts.
    [TestCase("age=40 readiness=activity mental=true", "age=41 readiness=activity mental=true")]
    [TestCase("readiness=activity months=48 hours=0", "readiness=activity months=49 hours=0")]
    [TestCase("readiness=activity hours=0", "readiness=activity hours=0.5")]
    [TestCase("readiness=activity", "readiness=activity mental=false")]
    [TestCase("readiness=activity caseload=70", "readiness=activity caseload=71")]
    [TestCase("readiness=activity cycle=boom", "readiness=activity cycle=recession")]
    public void DifferentValuesOrUnknowns_GiveTheirOwnTexts(string first, string second)
    {
        var recommender = PathwayRecommender.Create();
        var set = recommender.Compiled;
        foreach (var language in new[] { Language.Da, Language.En })
        {
            var options = new RecommendOptions { Language = language };
            var (p1, c1) = TestProfiles.Parse(first);
            var (p2, c2) = TestProfiles.Parse(second);
            var a = recommender.Recommend(p1, c1, options);
            var b = recommender.Recommend(p2, c2, options);

            Assert.That(Json(a), Is.EqualTo(FreshJson(set, new CitizenCase(p1, c1), language)));
            Assert.That(Json(b), Is.EqualTo(FreshJson(set, new CitizenCase(p2, c2), language)));
            Assert.That(Json(a), Is.Not.EqualTo(Json(b)), "the pair must differ somewhere, or the case proves nothing");
        }
    }

    // The benchmark's citizens: once every key is in the cache, whichever path gave it, nothing is built again.
    [TestCase(1024, 1)]
    [TestCase(1024, ExplanationCache.CallsBeforeFused)]
    public void ASecondPass_BuildsNothing(int profiles, int warmCalls)
    {
        // Its own cache: the built-in rule set (and its cache) is shared by every test in the process.
        var cache = new ExplanationCache(PathwayRecommender.Create().Compiled);
        var cases = RandomProfiles.Make(profiles, 20261124);
        void Pass()
        {
            foreach (var c in cases) cache.Get(c.Profile, c.Context ?? AssessmentContext.Unknown, Language.Da);
        }

        for (var i = 0; i < warmCalls; i++) cache.Get(cases[0].Profile, cases[0].Context ?? AssessmentContext.Unknown, Language.Da);
        Pass();
        Pass(); // a skeleton is kept the second time its key is seen
        Pass(); // and then its recommendation list
        var misses = cache.Misses;
        Pass();

        Assert.That(misses, Is.GreaterThan(0));
        Assert.That(cache.Misses, Is.EqualTo(misses));
    }

    [TestCase("readiness=activity mental=true treatment=true months=48 hours=0 children=true benefit=social cycle=recession caseload=70 expects=false")]
    [TestCase("readiness=job cycle=boom")]
    [TestCase("age=17")]
    public void ARepeatedKey_AllocatesOnlyTheResult(string spec)
    {
        var recommender = PathwayRecommender.Create();
        var (p, c) = TestProfiles.Parse(spec);
        recommender.Recommend(p, c);
        recommender.Recommend(p, c);
        recommender.Recommend(p, c);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = recommender.Recommend(p, c);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(result.NotRecommended, Is.Not.Empty);
        Assert.That(allocated, Is.LessThanOrEqualTo(1024));
    }

    [Test]
    public void EveryFact_HasAValueCode_ThatTellsItsValuesApart()
    {
        var (p1, c1) = TestProfiles.Parse("age=40 readiness=activity benefit=social mental=true treatment=true months=48 hours=0 children=true flex=true cycle=boom caseload=70 expects=true");
        var (p2, c2) = TestProfiles.Parse("age=41 readiness=job benefit=ui mental=false treatment=false months=49 hours=0.5 children=false flex=false cycle=recession caseload=71 expects=false");
        var table = FactTable.BuiltIn;
        foreach (var fact in table.All)
        {
            Assert.That(ExplanationCache.TryValueCode(table, fact, p1, c1, out var a), Is.True, fact.ToString());
            Assert.That(ExplanationCache.TryValueCode(table, fact, p2, c2, out var b), Is.True, fact.ToString());
            Assert.That(a, Is.Not.EqualTo(b), fact.ToString());
        }
    }

    // Keys that never repeat are not kept; a key added twice is.
    [TestCase(1, false)]
    [TestCase(2, true)]
    [TestCase(3, true)]
    public void SpanKeyCache_AdmittingOnSecondSight_KeepsOnlyRepeatedKeys(int adds, bool kept)
    {
        var cache = new SpanKeyCache<string>(64, admitOnSecondSight: true);
        ReadOnlySpan<ulong> key = stackalloc ulong[] { 7, 11 };
        var hash = SpanKeyCache<string>.Hash(key);
        for (var i = 0; i < adds; i++) cache.Add(key, hash, "value");

        Assert.That(cache.Get(key, hash), kept ? Is.EqualTo("value") : Is.Null);
    }

    [TestCase(4, 1000)]
    [TestCase(64, 10_000)]
    public void SpanKeyCache_NeverAnswersWithAnotherKeysValue(int capacity, int keys)
    {
        var cache = new SpanKeyCache<string>(capacity);
        Span<ulong> key = stackalloc ulong[3];
        var wrong = 0;
        var found = 0;
        for (var round = 0; round < 2; round++)
        {
            for (var k = 0; k < keys; k++)
            {
                key[0] = (ulong)k;
                key[1] = (ulong)(k % 7);
                key[2] = 42;
                var hash = k % 5 == 0 ? 1 : SpanKeyCache<string>.Hash(key); // every fifth key collides on purpose
                var value = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var hit = cache.Get(key, hash);
                if (hit is null)
                {
                    cache.Add(key, hash, value);
                    hit = cache.Get(key, hash); // just added: always found
                }

                if (hit == value) found++;
                else wrong++;
            }
        }

        Assert.That(wrong, Is.Zero);
        Assert.That(found, Is.EqualTo(2 * keys));
    }
}
