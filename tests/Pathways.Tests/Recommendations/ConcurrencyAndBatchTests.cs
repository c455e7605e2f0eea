using System.Text;
using Pathways.Benchmarks;

namespace Pathways.Tests;

/// <summary>Many threads give the answers one thread gives; batches keep input order and the public result bytes.</summary>
[TestFixture]
public sealed class ConcurrencyAndBatchTests
{
    private static readonly RecommendOptions Fast = new() { Explain = false };
    private static readonly PathwayRecommender Recommender = PathwayRecommender.Create();

    private static string Key(RecommendationResult r) => RecommendationJson.Serialize(r, indented: false);

    [TestCase(8, 100_000, false)]
    [TestCase(8, 2_000, true)]
    public void ManyThreads_GiveTheSameAnswersAsSequentialCalls(int threads, int callsPerThread, bool explain)
    {
        var options = new RecommendOptions { Explain = explain };
        var cases = RandomProfiles.Make(4096, 31);
        var recommender = PathwayRecommender.Create(); // fresh: the threads race to build the fused matcher and caches
        var sequential = PathwayRecommender.Create();
        var expected = cases.Select(c => Key(sequential.Recommend(c.Profile, c.Context, options))).ToArray();
        var expectedIds = cases.Select(c => sequential.Recommend(c.Profile, c.Context, options).Recommendations.Select(r => r.InterventionId).ToArray()).ToArray();
        var mismatches = new int[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (var i = 0; i < callsPerThread; i++)
            {
                var k = (i * 7 + t * 613) & 4095;
                var r = recommender.Recommend(cases[k].Profile, cases[k].Context, options);
                if (!ReferenceEquals(r.Id, cases[k].Profile.Id) || (explain || i % 64 == 0 ? Key(r) != expected[k] : !Ids(r).SequenceEqual(expectedIds[k])))
                    mismatches[t]++;
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.That(mismatches, Is.All.EqualTo(0));
    }

    private static IEnumerable<string> Ids(RecommendationResult r) => r.Recommendations.Select(x => x.InterventionId);

    [TestCase(0, false)]
    [TestCase(1, true)]
    [TestCase(63, false)]
    [TestCase(3000, false)]
    [TestCase(3000, true)]
    public void RecommendMany_KeepsOrder_AndEqualsOneByOne(int count, bool explain)
    {
        var options = new RecommendOptions { Explain = explain };
        var cases = RandomProfiles.Make(count, 5);
        var expected = cases.Select(c => Key(Recommender.Recommend(c.Profile, c.Context, options))).ToList();
        Assert.That(Recommender.RecommendMany(cases, options).Select(Key).ToList(), Is.EqualTo(expected));
    }

    [TestCase(0)]
    [TestCase(5)]
    [TestCase(2500)]
    public async Task RecommendManyAsync_KeepsOrder_WithASourceThatSometimesWaits(int count)
    {
        var cases = RandomProfiles.Make(count, 6);
        var expected = cases.Select(c => Key(Recommender.Recommend(c.Profile, c.Context, Fast))).ToList();
        var actual = new List<string>();
        await foreach (var r in Recommender.RecommendManyAsync(Source(cases), Fast)) actual.Add(Key(r));
        Assert.That(actual, Is.EqualTo(expected));

        static async IAsyncEnumerable<CitizenCase> Source(CitizenCase[] cases)
        {
            for (var i = 0; i < cases.Length; i++)
            {
                if (i % 700 == 0) await Task.Delay(1);
                yield return cases[i];
            }
        }
    }

    [Test]
    public void RecommendMany_RaisesTheProfileError_OfAnInvalidCase()
    {
        var cases = RandomProfiles.Make(200, 8).ToList();
        cases[150] = cases[150] with { Profile = cases[150].Profile with { Age = 7 } };
        Assert.Throws<ProfileValidationException>(() => Recommender.RecommendMany(cases, Fast).ToList());
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Ndjson_WritesOneResultPerLine_InOrder_AsRecommendationJsonWrites(bool explain)
    {
        var options = new RecommendOptions { Explain = explain };
        var cases = RandomProfiles.Make(9000, 9);
        var input = new StringBuilder();
        foreach (var c in cases)
        {
            RandomProfiles.WriteJson(c, new StringWriter(input));
            input.Append('\n');
        }

        var output = new StringWriter();
        var reports = new List<NdjsonBatchProgress>();
        var summary = await NdjsonBatch.RunAsync(new StringReader(input.ToString()), output, Recommender, options, new SyncProgress(reports));

        var lines = output.ToString().Split('\n');
        Assert.That(lines[^1], Is.Empty, "every line ends with \\n");
        Assert.That(lines.Length - 1, Is.EqualTo(cases.Length));
        var recommendations = 0L;
        for (var i = 0; i < cases.Length; i++)
        {
            var r = Recommender.Recommend(cases[i].Profile, cases[i].Context, options);
            recommendations += r.Recommendations.Count;
            Assert.That(lines[i], Is.EqualTo(Key(r)), $"line {i + 1}");
        }

        Assert.That(summary.Profiles, Is.EqualTo(cases.Length));
        Assert.That(summary.InvalidLines, Is.Zero);
        Assert.That(summary.Recommendations, Is.EqualTo(recommendations));
        Assert.That(reports, Is.Not.Empty);
        Assert.That(reports[^1].Lines, Is.EqualTo(cases.Length));
    }

    [Test]
    public async Task Ndjson_AnswersAnInvalidLineWithAnError_AndGoesOn()
    {
        var input = string.Join("\n",
            "{\"id\":\"a\",\"age\":40,\"readiness\":\"activity-ready\"}",
            "{\"id\":\"b\",\"age\":140,\"readiness\":\"activity-ready\"}",
            "",
            "not json",
            "{\"id\":\"c\",\"age\":40,\"readiness\":\"job-ready\",\"mentalIlness\":true}",
            "{\"id\":\"d\",\"age\":50,\"readiness\":\"unknown\"}") + "\n";
        var output = new StringWriter();
        var summary = await NdjsonBatch.RunAsync(new StringReader(input), output, Recommender, Fast);

        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.That(lines, Has.Length.EqualTo(5), "the blank line gives no output line");
        Assert.That(lines[0], Does.StartWith("{\"id\":\"a\","));
        Assert.That(lines[1], Does.StartWith("{\"line\":2,\"error\":{\"field\":\"age\",\"message\":\"Field 'age' has value 140"));
        Assert.That(lines[2], Does.StartWith("{\"line\":4,\"error\":{\"field\":null,\"message\":\"Malformed JSON"));
        Assert.That(lines[3], Does.StartWith("{\"line\":5,\"error\":{\"field\":\"mentalIlness\",\"message\":\"Unknown property 'mentalIlness' (did you mean 'mentalIllness'?)"));
        Assert.That(lines[4], Does.StartWith("{\"id\":\"d\","));
        Assert.That(summary with { Elapsed = TimeSpan.Zero }, Is.EqualTo(new NdjsonBatchSummary(2, summary.Recommendations, 3, TimeSpan.Zero)));
    }

    [TestCase("case \"quoted\" \\ \u00e6\u00f8\u00e5 \u0001")]
    [TestCase("")]
    public async Task Ndjson_EscapesTheIdAsTheResultWriterDoes(string id)
    {
        var profile = new CitizenProfile { Id = id, Age = 40, Readiness = Readiness.ActivityReady };
        var line = Newtonsoft.Json.JsonConvert.SerializeObject(new { id, age = 40, readiness = "activity-ready" });
        var output = new StringWriter();
        await NdjsonBatch.RunAsync(new StringReader(line), output, Recommender, Fast);
        Assert.That(output.ToString(), Is.EqualTo(Key(Recommender.Recommend(profile, null, Fast)) + "\n"));
    }

    private sealed class SyncProgress(List<NdjsonBatchProgress> into) : IProgress<NdjsonBatchProgress>
    {
        public void Report(NdjsonBatchProgress value)
        {
            lock (into) into.Add(value);
        }
    }
}
