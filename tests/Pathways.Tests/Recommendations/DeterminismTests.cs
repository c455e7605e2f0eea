namespace Pathways.Tests.Recommendations;

/// <summary>The same input gives the same bytes; threads give the sequential answers; results are ordered and immutable.</summary>
public class DeterminismTests
{
    [TestCase("readiness=activity mental=true treatment=true months=48 hours=0 children=true benefit=social cycle=recession caseload=70 expects=false")]
    [TestCase("readiness=job cycle=boom")]
    [TestCase("age=17")]
    public void SameInput_GivesTheSameBytes(string spec)
    {
        var first = RecommendationJson.Serialize(TestProfiles.Recommend(spec));
        var fresh = PathwayRecommender.Create();
        var (p, c) = TestProfiles.Parse(spec);

        Assert.That(RecommendationJson.Serialize(fresh.Recommend(p, c)), Is.EqualTo(first));
        Assert.That(RecommendationJson.Serialize(TestProfiles.Recommend(spec)), Is.EqualTo(first));
    }

    [Test]
    public void Recommendations_AreOrdered_InterventionsFirst_ThenEvidence_ThenId()
    {
        var recs = TestProfiles.Recommend("readiness=activity mental=true months=48 hours=0 children=true benefit=social caseload=70 expects=false").Recommendations;

        Assert.That(recs.Count, Is.GreaterThan(5));
        var expected = recs.OrderBy(r => r.Kind).ThenBy(r => r.Evidence).ThenBy(r => r.InterventionId, StringComparer.Ordinal).ToList();
        Assert.That(recs, Is.EqualTo(expected));
        Assert.That(recs.First().Kind, Is.EqualTo(InterventionKind.Intervention));
        Assert.That(recs.Last().Kind, Is.EqualTo(InterventionKind.Practice));
    }

    [Test]
    public void EveryRecommendation_HasACitation_AndEveryCatalogueIdIsAccountedFor()
    {
        var rng = new Random(7);
        var catalogue = TestProfiles.BuiltIn.Compiled.Catalogue.Select(c => c.Id).OrderBy(x => x, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < 2000; i++)
        {
            var (p, c) = TestProfiles.Random(rng);
            var result = TestProfiles.BuiltIn.Recommend(p, c);
            Assert.That(result.Recommendations.All(r => r.Citations.Count > 0), Is.True);
            var all = result.Ids().Concat(result.NotRecommended.Select(n => n.InterventionId)).OrderBy(x => x, StringComparer.Ordinal);
            Assert.That(all, Is.EqualTo(catalogue));
        }
    }

    [Test]
    public void EightThreads_TenThousandCallsEach_EqualTheSequentialAnswers()
    {
        var rng = new Random(42);
        var inputs = Enumerable.Range(0, 500).Select(_ => TestProfiles.Random(rng)).ToArray();
        var expected = inputs.Select(x => RecommendationJson.Serialize(TestProfiles.BuiltIn.Recommend(x.Item1, x.Item2), indented: false)).ToArray();
        var quick = inputs.Select(x => string.Join(",", TestProfiles.BuiltIn.Recommend(x.Item1, x.Item2, new RecommendOptions { Explain = false }).Ids())).ToArray();
        var mismatches = 0;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                var k = (i * 7 + t * 13) % inputs.Length;
                var (p, c) = inputs[k];
                bool ok = i % 10 == 0
                    ? RecommendationJson.Serialize(TestProfiles.BuiltIn.Recommend(p, c), indented: false) == expected[k]
                    : string.Join(",", TestProfiles.BuiltIn.Recommend(p, c, new RecommendOptions { Explain = false }).Ids()) == quick[k];
                if (!ok) Interlocked.Increment(ref mismatches);
            }
        });

        Assert.That(mismatches, Is.Zero);
    }

    [Test]
    public void QuickResults_HaveTheSameRecommendationsAsExplainedOnes()
    {
        var rng = new Random(3);
        for (var i = 0; i < 1000; i++)
        {
            var (p, c) = TestProfiles.Random(rng);
            var full = TestProfiles.BuiltIn.Recommend(p, c);
            var quick = TestProfiles.BuiltIn.Recommend(p, c, new RecommendOptions { Explain = false });
            Assert.That(quick.Ids(), Is.EqualTo(full.Ids()));
            Assert.That(quick.Recommendations.Select(r => r.Evidence), Is.EqualTo(full.Recommendations.Select(r => r.Evidence)));
            Assert.That(quick.NotRecommended, Is.Empty);
        }
    }

    [Test]
    public void English_IsAvailable_AndDanishIsTheDefault()
    {
        var da = TestProfiles.Recommend("readiness=activity");
        var en = TestProfiles.Recommend("readiness=activity", Language.En);

        Assert.That(da.Find("private-wage-subsidy")!.Title, Is.EqualTo("Privat løntilskud"));
        Assert.That(en.Find("private-wage-subsidy")!.Title, Is.EqualTo("Private wage subsidy"));
        Assert.That(en.Ids(), Is.EqualTo(da.Ids()));
    }

    [Test]
    public void PublicTypes_AreImmutable()
    {
        var mutable = typeof(PathwayRecommender).Assembly.GetExportedTypes()
            .Where(t => t != typeof(PathwaysOptions) && !typeof(Exception).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties().Where(p => p.SetMethod is { IsPublic: true } s
                && !s.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
                .Select(p => t.Name + "." + p.Name))
            .ToList();

        Assert.That(mutable, Is.Empty);
    }

    [Test]
    public void ResultJson_HasTheContractShape()
    {
        var json = Newtonsoft.Json.Linq.JObject.Parse(RecommendationJson.Serialize(TestProfiles.Recommend("readiness=activity caseload=70")));

        Assert.That(json.Properties().Select(p => p.Name), Is.EqualTo(new[] { "id", "ruleSet", "assessmentDate", "advisory", "recommendations", "notRecommended" }));
        Assert.That(((Newtonsoft.Json.Linq.JObject)json["ruleSet"]!).Properties().Select(p => p.Name), Is.EqualTo(new[] { "name", "version", "hash" }));
        var rec = (Newtonsoft.Json.Linq.JObject)json["recommendations"]![0]!;
        Assert.That(rec.Properties().Select(p => p.Name), Is.EqualTo(new[] { "id", "kind", "title", "evidence", "conclusion", "reasons", "caveats", "citations" }));
        Assert.That(((Newtonsoft.Json.Linq.JObject)rec["citations"]![0]!).Properties().Select(p => p.Name), Is.EqualTo(new[] { "key", "text", "finding" }));
        Assert.That((string?)json["ruleSet"]!["hash"], Does.Match("^sha256:[0-9a-f]{64}$"));
    }
}
