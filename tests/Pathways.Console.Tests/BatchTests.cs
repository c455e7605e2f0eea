using System.Text.Json.Nodes;

namespace Pathways.Console.Tests;

/// <summary><c>pathways batch</c>: one result line per profile line, in order, through invalid lines.</summary>
public sealed class BatchTests : TempFiles
{
    private static string SampleBatch => Path.Combine(Repo.Profiles, "batch.ndjson");

    [Test]
    public void SampleBatch_KeepsOrder_AndSurvivesTheInvalidLine()
    {
        var run = ConsoleRun.InProcess("batch", SampleBatch);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidProfile));
        var lines = run.Out.Split('\n');
        Assert.That(lines[^1], Is.Empty, "every line ends in a newline");
        lines = lines[..^1];
        Assert.That(lines, Has.Length.EqualTo(12));
        for (var i = 0; i < lines.Length; i++)
        {
            var node = JsonNode.Parse(lines[i])!;
            if (i == 4)
            {
                Assert.That(node.ToJsonString(), Is.EqualTo("""{"line":5,"error":{"field":"age","message":"Field \u0027age\u0027 has value 12, which is out of range: allowed 15\u2013100."}}"""));
            }
            else
            {
                Assert.That((string?)node["id"], Is.EqualTo($"batch-{i + 1:00}"));
            }
        }

        Assert.That(run.ErrLines, Has.Length.EqualTo(1));
        Assert.That(run.Err, Does.Match(@"^pathways batch: 12 profiles, \d+ recommendations, 1 invalid line, \d+\.\d\d seconds\.\n$"));
    }

    [Test]
    public void EachResultLine_IsTheSameResultAsRecommendFormatJson()
    {
        var profiles = Directory.GetFiles(Repo.Profiles, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var input = Write("in.ndjson", string.Join("\n", profiles.Select(f => JsonNode.Parse(File.ReadAllText(f))!.ToJsonString())) + "\n");

        var run = ConsoleRun.InProcess("batch", input);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.That(lines, Has.Length.EqualTo(profiles.Length));
        for (var i = 0; i < profiles.Length; i++)
        {
            var single = ConsoleRun.InProcess("recommend", profiles[i], "--format", "json").Out;
            Assert.That(lines[i], Does.Not.Contain("\n"));
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(lines[i]), JsonNode.Parse(single)), Is.True, profiles[i]);
        }
    }

    [Test]
    public void Brief_GivesTheSameRecommendations_WithoutTheCitizensExplanations()
    {
        var full = ConsoleRun.InProcess("batch", SampleBatch).Out.TrimEnd('\n').Split('\n');
        var brief = ConsoleRun.InProcess("batch", SampleBatch, "--brief").Out.TrimEnd('\n').Split('\n');

        Assert.That(brief, Has.Length.EqualTo(full.Length));
        for (var i = 0; i < full.Length; i++)
        {
            var f = JsonNode.Parse(full[i])!;
            var b = JsonNode.Parse(brief[i])!;
            if (f["error"] is not null)
            {
                Assert.That(b.ToJsonString(), Is.EqualTo(f.ToJsonString()));
                continue;
            }

            var ids = (JsonNode n) => n["recommendations"]!.AsArray().Select(r => (string?)r!["id"]).ToArray();
            Assert.That(ids(b), Is.EqualTo(ids(f)));
            Assert.That(b["notRecommended"]!.AsArray(), Is.Empty);
            Assert.That(f["notRecommended"]!.AsArray(), Is.Not.Empty);
            Assert.That(b.ToJsonString(), Does.Not.Contain("Borgerens forhold"));
        }
    }

    [TestCase("not json at all", null, "Malformed JSON")]
    [TestCase("[]", null, "JSON object")]
    [TestCase("""{"age":40,"readiness":"jobready"}""", "readiness", "value \"jobready\", which is not allowed")]
    [TestCase("""{"age":40.5,"readiness":"job-ready"}""", "age", "whole number")]
    [TestCase("""{"age":40,"readiness":"job-ready","context":{"caseworkerCaseload":5000}}""", "context.caseworkerCaseload", "1–1000")]
    [TestCase("""{"age":40,"readiness":"job-ready","flexJob":true}""", "flexJob", "Unknown property")]
    public void InvalidLine_GivesAnErrorObjectNamingLineFieldAndProblem(string bad, string? field, string problem)
    {
        var good = """{"id":"ok","age":40,"readiness":"job-ready"}""";
        var input = Write("in.ndjson", $"{good}\n\n{bad}\n{good}\n");

        var run = ConsoleRun.InProcess("batch", input);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidProfile));
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.That(lines, Has.Length.EqualTo(3), "the blank line is skipped");
        Assert.That((string?)JsonNode.Parse(lines[0])!["id"], Is.EqualTo("ok"));
        Assert.That((string?)JsonNode.Parse(lines[2])!["id"], Is.EqualTo("ok"));
        var error = JsonNode.Parse(lines[1])!.AsObject();
        Assert.That(error.Select(p => p.Key), Is.EqualTo(new[] { "line", "error" }));
        Assert.That((int)error["line"]!, Is.EqualTo(3), "line numbers count the blank line");
        Assert.That((string?)error["error"]!["field"], Is.EqualTo(field));
        Assert.That((string)error["error"]!["message"]!, Does.Contain(problem));
    }

    [Test]
    public void AllValid_Exits0()
    {
        var input = Write("in.ndjson", """{"id":"a","age":40,"readiness":"activity-ready"}""" + "\n" + """{"id":"b","age":50,"readiness":"job-ready"}""");

        var run = ConsoleRun.InProcess("batch", input);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        Assert.That(run.Out.TrimEnd('\n').Split('\n').Select(l => (string?)JsonNode.Parse(l)!["id"]), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(run.Err, Does.StartWith("pathways batch: 2 profiles, ").And.Contain(", 0 invalid lines, "));
    }

    [Test]
    public void Output_GoesToTheFile_AndTheSummaryToStandardError()
    {
        var output = Path.Combine(Dir, "results.ndjson");

        var run = ConsoleRun.InProcess("batch", SampleBatch, "--output", output, "--lang", "en");

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidProfile));
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.Err, Does.StartWith("pathways batch: 12 profiles"));
        var lines = File.ReadAllLines(output);
        Assert.That(lines, Has.Length.EqualTo(12));
        Assert.That(lines[0], Does.Contain("\"advisory\":\"The suggestions are guidance"));
    }

    [Test]
    public void Output_ThatIsTheInput_IsAUsageError_AndTheInputIsKept()
    {
        var input = Write("in.ndjson", """{"age":40,"readiness":"job-ready"}""" + "\n");

        var run = ConsoleRun.InProcess("batch", input, "-o", input);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Err, Does.StartWith("Usage error: --output"));
        Assert.That(File.ReadAllText(input), Does.StartWith("{\"age\":40"));
    }

    [Test]
    public void MissingInput_Exits2_AndWritesNoOutputFile()
    {
        var output = Path.Combine(Dir, "results.ndjson");

        var run = ConsoleRun.InProcess("batch", Path.Combine(Dir, "nope.ndjson"), "--output", output);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidProfile));
        Assert.That(run.Err, Does.EndWith("nope.ndjson: no profiles file at this path.\n"));
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public void RefusedPack_Exits3_BeforeReadingAnyProfile()
    {
        var pack = Write("bad.json", Packs.WithExpression("profile.Agee >= 18"));

        var run = ConsoleRun.InProcess("batch", SampleBatch, "--rules", pack);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidPack));
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.Err, Does.Contain("rule 'R'"));
    }

    [TestCase(1)]
    [TestCase(50)]
    [TestCase(-1)]
    public void Batch_Streams_ReadingNoFurtherAheadOfItsOutputThanItsBound(int count)
    {
        // -1: enough lines to pass the bound several times over, whatever the implementation's bound is.
        if (count < 0) count = (3 * BatchRunner.LinesInFlight) + 7;
        var stdout = new LineCounter();
        var probe = new ProbeReader(count, stdout);

        var exit = Program.Run(new[] { "batch", "-" }, stdout, new StringWriter(), probe, ConsoleEnvironment.Plain);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(stdout.Lines, Is.EqualTo(count));
        // Before line k is read, at least k-1-LinesInFlight result lines have been written: memory is bounded by
        // the bound, not by the length of the input.
        var behind = probe.LinesWrittenBeforeEachRead.Select((written, k) => k - written).Max();
        Assert.That(behind, Is.LessThanOrEqualTo(BatchRunner.LinesInFlight));
    }

    /// <summary>Counts the lines written to it and keeps nothing else.</summary>
    private sealed class LineCounter : TextWriter
    {
        private long _lines;

        public long Lines => Interlocked.Read(ref _lines);

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n') Interlocked.Increment(ref _lines);
        }

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Write(ReadOnlySpan<char> buffer) => Interlocked.Add(ref _lines, buffer.Count('\n'));
    }

    /// <summary>Hands out profile lines one at a time and records how many result lines had been written before each read.</summary>
    private sealed class ProbeReader(int count, LineCounter output) : TextReader
    {
        private int _given;
        private string _pending = string.Empty;

        /// <summary>The batch reads blocks of characters (only \n ends a line): one line per read, so reads still count lines.</summary>
        public override int Read(char[] buffer, int index, int count)
        {
            if (_pending.Length == 0)
            {
                if (ReadLine() is not { } line) return 0;
                _pending = line + "\n";
            }

            var n = Math.Min(count, _pending.Length);
            _pending.CopyTo(0, buffer, index, n);
            _pending = _pending[n..];
            return n;
        }

        public List<long> LinesWrittenBeforeEachRead { get; } = new();

        public override string? ReadLine()
        {
            LinesWrittenBeforeEachRead.Add(output.Lines);
            if (_given == count) return null;
            _given++;
            return $$"""{"id":"p{{_given}}","age":{{20 + (_given % 60)}},"readiness":"activity-ready","monthsOnBenefits":{{_given}}}""";
        }
    }
}
