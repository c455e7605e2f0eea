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
}
