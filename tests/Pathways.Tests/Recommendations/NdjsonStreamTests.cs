using System.Text;
using Pathways.Benchmarks;

namespace Pathways.Tests;

/// <summary>A UTF-8 StreamWriter takes the path that encodes in the workers and writes bytes to its stream; the bytes must be those of the text path.</summary>
[TestFixture]
public sealed class NdjsonStreamTests
{
    private static readonly PathwayRecommender Recommender = PathwayRecommender.Create();

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    public async Task Ndjson_ToAUtf8StreamWriter_WritesTheSameTextAsToAnyTextWriter(bool explain, bool byteOrderMark)
    {
        var options = new RecommendOptions { Explain = explain };
        var input = new StringBuilder();
        foreach (var c in RandomProfiles.Make(3000, 12))
        {
            RandomProfiles.WriteJson(c, new StringWriter(input));
            input.Append('\n');
        }

        input.Append("{\"age\":\"x\"}\n\n{\"id\":\"\u00e6\",\"age\":20,\"readiness\":\"unknown\"}\n");
        var text = new StringWriter();
        var textSummary = await NdjsonBatch.RunAsync(new StringReader(input.ToString()), text, Recommender, options);
        var stream = new MemoryStream();
        var encoding = new UTF8Encoding(byteOrderMark);
        await using (var writer = new StreamWriter(stream, encoding, 1 << 12, leaveOpen: true))
        {
            var summary = await NdjsonBatch.RunAsync(new StringReader(input.ToString()), writer, Recommender, options);
            Assert.That(summary with { Elapsed = default }, Is.EqualTo(textSummary with { Elapsed = default }));
        }

        Assert.That(textSummary.InvalidLines, Is.EqualTo(1));
        var expected = encoding.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        Assert.That(stream.ToArray(), Is.EqualTo(expected));
    }

    // Ids longer than an output page, with escapes and pairs, and a result that fails half-way through being
    // written (a recommender's list that is missing): the stream gets the text path's bytes, the failed line's
    // half-written bytes taken back and its error line in their place.
    [Test]
    public async Task Ndjson_ToAUtf8StreamWriter_LongLinesAndAFailedResult_AreTheTextPathsBytes()
    {
        var random = new Random(5);
        var pieces = new[] { "a", "æ", "😀", @"\u00e6", @"\ud83d\ude00", @"\n", @"\\\""", @"\u2028", "x" };
        var input = new StringBuilder();
        for (var line = 0; line < 40; line++)
        {
            var id = new StringBuilder();
            var length = line % 4 == 0 ? 100_000 : random.Next(1, 3000);
            while (id.Length < length) id.Append(pieces[random.Next(pieces.Length)]);
            input.Append("{\"id\":\"").Append(id).Append("\",\"age\":").Append(20 + line).Append(",\"readiness\":\"activity-ready\"}\n");
        }

        var recommender = new FailingEveryThird(Recommender);
        foreach (var explain in new[] { true, false })
        {
            var options = new RecommendOptions { Explain = explain };
            var text = new StringWriter();
            var textSummary = await NdjsonBatch.RunAsync(new StringReader(input.ToString()), text, recommender, options);
            var stream = new MemoryStream();
            await using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 12, leaveOpen: true))
            {
                await NdjsonBatch.RunAsync(new StringReader(input.ToString()), writer, recommender, options);
            }

            Assert.That(textSummary.InvalidLines, Is.GreaterThan(0), "some results failed");
            Assert.That(textSummary.Profiles, Is.GreaterThan(20), "most lines were answered");
            Assert.That(stream.ToArray(), Is.EqualTo(Encoding.UTF8.GetBytes(text.ToString())), $"explain: {explain}");
        }
    }

    /// <summary>Every third result has a recommendation without its caveats list, so that writing it fails after its id.</summary>
    private sealed class FailingEveryThird(IPathwayRecommender inner) : IPathwayRecommender
    {
        public RuleSetInfo RuleSet => inner.RuleSet;

        public RecommendationResult Recommend(CitizenProfile profile, AssessmentContext? context = null) => Recommend(profile, context, RecommendOptions.Default);

        public RecommendationResult Recommend(CitizenProfile profile, AssessmentContext? context, RecommendOptions options)
        {
            var r = inner.Recommend(profile, context, options);
            if (profile.Age % 3 != 0 || r.Recommendations.Count == 0) return r;
            return r with { Recommendations = new[] { r.Recommendations[0] with { Caveats = null! } } };
        }
    }
}
