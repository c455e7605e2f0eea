using System.Text;
using Pathways.Benchmarks;

namespace Pathways.Tests.Recommendations;

/// <summary>
/// The batch writes results with its own UTF-8 writer (Utf8ResultWriter.cs) instead of Newtonsoft.Json: its bytes must
/// be exactly the UTF-8 of <see cref="RecommendationJson.Serialize"/> (compact), for every result, text and escape,
/// whether a text or list is written afresh or copied from the writer's cache.
/// </summary>
public sealed class Utf8ResultWriterTests
{
    private static string Packs(string name) => Path.Combine(Pathways.Tests.Packs.PackTestKit.RepoRoot, "samples", "packs", name);

    private static PathwayRecommender Recommender(string packs) => packs switch
    {
        "built-in" => PathwayRecommender.Create(),
        "features" => FeaturePack.Create(),
        "samples" => PathwayRecommender.Create(o =>
        {
            o.Packs.Add(Packs("eksempelkommune-hjemloese.json"));
            o.Packs.Add(Packs("eksempelkommune-virksomhedskonsulent.json"));
        }),
        "mentor" => PathwayRecommender.Create(o => o.Packs.Add(Packs("kommune-mentor.json"))),
        _ => throw new ArgumentOutOfRangeException(nameof(packs)),
    };

    private static byte[] Expected(RecommendationResult r) => Encoding.UTF8.GetBytes(RecommendationJson.Serialize(r, indented: false));

    private static byte[] Written(Utf8ResultWriter writer, RecommendationResult r, int capacity = 1)
    {
        // A one-byte sink makes every write go through the sink's growing path as well.
        var sink = new GrowingSink(capacity);
        writer.Write(r, sink);
        return sink.ToArray();
    }

    /// <summary>A profile line with the samples' declared facts (homeless, danishLevel, yearsInDenmark), some of them unknown.</summary>
    private static string Line(CitizenCase c, Random random)
    {
        var w = new StringWriter();
        RandomProfiles.WriteJson(c, w);
        var json = w.ToString();
        var facts = new List<string>();
        if (random.Next(3) != 0) facts.Add("\"homeless\":" + (random.Next(2) == 0 ? "true" : "false"));
        if (random.Next(3) != 0) facts.Add("\"danishLevel\":\"" + new[] { "none", "basic", "fluent" }[random.Next(3)] + "\"");
        if (random.Next(3) != 0) facts.Add("\"yearsInDenmark\":" + random.Next(0, 40).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return facts.Count == 0 ? json : json.Substring(0, json.Length - 1) + ",\"facts\":{" + string.Join(",", facts) + "}}";
    }

    // Each citizen is written twice by the same writer, so that the second time its shared texts and lists come from the cache.
    [TestCase("built-in", true, 1500, 1)]
    [TestCase("built-in", false, 1500, 2)]
    [TestCase("samples", true, 1500, 3)]
    [TestCase("samples", false, 800, 4)]
    [TestCase("mentor", true, 800, 5)]
    [TestCase("features", true, 800, 6)]
    public void RandomResults_AreTheBytesOfRecommendationJson(string packs, bool explain, int count, int seed)
    {
        var recommender = Recommender(packs);
        var writer = new Utf8ResultWriter(shareLists: true);
        var random = new Random(seed);
        var mismatches = new List<int>();
        var warnings = 0;
        for (var i = 0; i < count; i++)
        {
            var c = packs == "samples" ? recommender.ReadProfile(Line(RandomProfiles.Next(random, i), random)) : RandomProfiles.Next(random, i);
            var options = new RecommendOptions { Explain = explain, Language = i % 3 == 0 ? Language.En : Language.Da };
            var r = recommender.Recommend(c.Profile, c.Context, options);
            warnings += r.Warnings.Count > 0 ? 1 : 0;
            var expected = Expected(r);
            for (var round = 0; round < 2; round++)
            {
                if (!Written(writer, r, round == 0 ? 1 : 4096).AsSpan().SequenceEqual(expected)) mismatches.Add(i);
            }
        }

        Assert.That(mismatches, Is.Empty);
        if (packs == "features") Assert.That(warnings, Is.GreaterThan(0), "the feature pack's throwing rule gives results with warnings");
    }

    // Every escape Newtonsoft.Json makes by default, non-ASCII as UTF-8, emoji, lone surrogates (U+FFFD in UTF-8).
    [TestCase("")]
    [TestCase("case \"quoted\" \\ back\\slash / slash 'single'")]
    [TestCase("\b\t\n\f\r \u0000\u0001\u001f\u007f")]
    [TestCase("\u0085 \u2028 \u2029 \u00a0 \ufeff \uffff")]
    [TestCase("æøå ÆØÅ é ü ß € 中文")]
    [TestCase("emoji 😀👩‍👩‍👧 flag 🇩🇰")]
    [TestCase("lone high \ud83d then text, lone low \ude00, high at end \ud83d")]
    [TestCase("\ude00\ud83d reversed pair, high before escape \ud83d\n, low after escape \n\ude00")]
    public void EscapedTexts_AreTheBytesOfRecommendationJson(string text)
    {
        var r = TestProfiles.Recommend("age=45 readiness=activity mental=true months=48 hours=0 children=true benefit=social cycle=boom caseload=70");
        var writer = new Utf8ResultWriter(shareLists: true);
        var recommendation = r.Recommendations[0] with { InterventionId = text, Title = text, Reasons = new[] { text, "x" + text }, Caveats = new[] { text }, Citations = new[] { new Citation(text, text, text) } };
        var results = new[]
        {
            r with { Id = text },
            r with { Id = text, Warnings = new[] { text, text + text } },
            r with { Advisory = text, RuleSet = r.RuleSet with { Name = text, Version = text, Hash = text } },
            r with { Recommendations = new[] { recommendation, recommendation }, NotRecommended = new[] { new NotRecommendedIntervention(text, text, new[] { text }) } },
        };
        foreach (var result in results)
        {
            for (var round = 0; round < 3; round++) Assert.That(Written(writer, result), Is.EqualTo(Expected(result)), $"round {round}");
        }
    }

    [TestCase(null)]
    [TestCase(0)]
    [TestCase(5)]
    [TestCase(12)]
    [TestCase(-3)]
    [TestCase(int.MaxValue)]
    [TestCase(int.MinValue)]
    public void Conclusions_AreTheBytesOfRecommendationJson(int? conclusion)
    {
        var r = TestProfiles.Recommend("age=45 readiness=activity mental=true months=48 hours=0");
        var result = r with { Recommendations = r.Recommendations.Select(x => x with { Conclusion = conclusion }).ToArray() };
        Assert.That(result.Recommendations, Is.Not.Empty);
        Assert.That(Written(new Utf8ResultWriter(shareLists: true), result), Is.EqualTo(Expected(result)));
    }

    // Texts longer than a page of the batch's output and than one piece of encoding, with pairs and escapes at every offset.
    [TestCase(70_000, 1)]
    [TestCase(200_000, 2)]
    public void LongTexts_AreTheBytesOfRecommendationJson(int length, int seed)
    {
        var random = new Random(seed);
        var pieces = new[] { "a", "æ", "😀", "\n", "\"", "\u2028", "\ud83d", "€", "\u0001" };
        var sb = new StringBuilder();
        while (sb.Length < length) sb.Append(pieces[random.Next(pieces.Length)]);
        var r = TestProfiles.Recommend("age=45 readiness=activity") with { Id = sb.ToString() };
        Assert.That(Written(new Utf8ResultWriter(shareLists: false), r), Is.EqualTo(Expected(r)));
    }

    [Test]
    public void EveryCharacter_IsEscapedAsNewtonsoftEscapesIt()
    {
        var all = new StringBuilder(0x10000);
        for (var c = 0; c <= 0xFFFF; c++) all.Append((char)c);
        var r = TestProfiles.Recommend("age=45 readiness=activity") with { Id = all.ToString() };
        Assert.That(Written(new Utf8ResultWriter(shareLists: false), r), Is.EqualTo(Expected(r)));
    }

    [Test]
    public void WithoutSharedLists_AChangedListIsWrittenAsItIsNow()
    {
        // Another recommender may reuse a list instance; only Pathways' own lists are cached by identity.
        var r = TestProfiles.Recommend("age=45 readiness=activity mental=true months=48");
        var reasons = new List<string> { "first" };
        var list = new List<NotRecommendedIntervention> { new("x", "X", reasons) };
        var writer = new Utf8ResultWriter(shareLists: false);
        var result = r with { NotRecommended = list };
        for (var round = 0; round < 3; round++)
        {
            reasons.Add("round " + round);
            Assert.That(Written(writer, result), Is.EqualTo(Expected(result)), $"round {round}");
        }
    }
}
