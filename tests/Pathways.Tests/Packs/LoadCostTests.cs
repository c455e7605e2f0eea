using System.Diagnostics;
using System.Text;
using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>
/// What one load may cost is bounded: documented limits refuse oversized packs before the costly work, long
/// chains of parameters load in linear time, and only regular files are read (issue 16, item 8). Time is never
/// asserted; a generous wait only keeps a regression from hanging the run.
/// </summary>
public sealed class LoadCostTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "pathways-cost-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    /// <summary>Runs the work, failing (instead of hanging the run) if it has not finished after two minutes.</summary>
    private static T Guarded<T>(Func<T> work)
    {
        var task = Task.Run(work);
        Assert.That(task.Wait(TimeSpan.FromMinutes(2)), Is.True, "the load did not finish: a hang guard, not a timing");
        return task.Result;
    }

    private static string Rule(string name, string expression, string localParams = "", string successEvent = "ips") => $$"""
        { "RuleName": "{{name}}", "SuccessEvent": "{{successEvent}}", "Expression": "{{expression}}"{{localParams}},
          "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Prøve.", "en": "Probe." } } }
        """;

    private static string Pack(string name, IEnumerable<string> rules, string globalParams = "", string parameters = "") => $$"""
        { "name": "{{name}}", "version": "1.0.0",{{parameters}}
          "workflows": [ { "WorkflowName": "{{name}}",{{globalParams}} "Rules": [ {{string.Join(",\n", rules)}} ] } ] }
        """;

    private static string Chain(int n, string prefix) =>
        string.Join(", ", Enumerable.Range(1, n).Select(i => $"{{ \"Name\": \"{prefix}{i}\", \"Expression\": \"{(i == 1 ? "profile.Age" : $"{prefix}{i - 1} + 1")}\" }}"));

    [Test]
    public void TwoThousandChainedLocalParams_Load()
    {
        var pack = Pack("chain-pack", new[] { Rule("Chain", "p2000 > 2100", $", \"LocalParams\": [ {Chain(2000, "p")} ]") });

        var r = Guarded(() => Load(pack));

        Assert.That(r.Compiled.RuleCount, Is.EqualTo(BuiltInPack.RuleSet.RuleCount + 1));
    }

    [Test]
    public void TwoThousandChainedGlobalParams_Load()
    {
        var pack = Pack("global-pack", new[] { Rule("Global", "g2000 > 2000") }, $" \"GlobalParams\": [ {Chain(2000, "g")} ],");

        var r = Guarded(() => Load(pack));

        Assert.That(r.Recommend(Citizen(age: 45, mentalIllness: false), Context()).Recommendations.Any(x => x.InterventionId == "ips"), Is.True, "45 + 1999 > 2000");
    }

    [Test]
    public void ValidatingAFolderOfManySmallPacks_CompilesEachPackOnce()
    {
        const int packs = 1000;
        for (var i = 0; i < packs; i++)
            File.WriteAllText(Path.Combine(_dir, $"p{i:0000}.json"), Pack($"small-{i}", new[] { Rule($"Small_{i}", $"profile.Age > {i % 90}") }));

        var reports = Guarded(() => PackValidator.Validate(new[] { _dir }));

        Assert.That(reports, Has.Count.EqualTo(packs));
        Assert.That(reports.All(r => r.IsValid), Is.True, string.Join("\n", reports.SelectMany(r => r.Problems).Take(3)));
    }

    [Test]
    public void ValidatingAFolder_StillReportsTheProblemsOfEachPack()
    {
        File.WriteAllText(Path.Combine(_dir, "a.json"), Pack("pack-a", new[] { Rule("A_Rule", "profile.Age > 20") }));
        File.WriteAllText(Path.Combine(_dir, "b.json"), Pack("pack-b", new[] { Rule("B_Rule", "profile.Agee > 20") }));
        File.WriteAllText(Path.Combine(_dir, "c.json"), Pack("pack-c", new[] { Rule("A_Rule", "profile.Age > 20") }));
        File.WriteAllText(Path.Combine(_dir, "d.json"), Pack("pack-d", new[] { Rule("D_Rule", "profile.Age > 20") }).Replace("Prøve.", "Over {noSuchParameter} år.", StringComparison.Ordinal));

        var reports = PackValidator.Validate(new[] { _dir });

        Assert.That(reports.Select(r => r.IsValid), Is.EqualTo(new[] { true, false, false, false }));
        Assert.That(reports[1].Problems.Single().Message, Does.Contain("does not compile"));
        Assert.That(reports[2].Problems.Single().Message, Does.Contain("already defined by pack 'pack-a'"));
        Assert.That(reports[3].Problems.Single().Message, Does.Contain("'{noSuchParameter}'"));
    }

    public static IEnumerable<TestCaseData> OverLimit()
    {
        var manyRules = Enumerable.Range(0, PackLimits.MaxRulesPerPack + 1).Select(i => Rule($"R{i}", "profile.Age > 20"));
        yield return new TestCaseData(Pack("many-rules", manyRules), $"at most {PackLimits.MaxRulesPerPack}").SetName("Limit_RulesPerPack");

        var manyParams = string.Join(", ", Enumerable.Range(0, PackLimits.MaxParamsPerPack + 1).Select(i => $"{{ \"Name\": \"q{i}\", \"Expression\": \"1\" }}"));
        yield return new TestCaseData(Pack("many-params", new[] { Rule("R", "profile.Age > 20") }, $" \"GlobalParams\": [ {manyParams} ],"), $"at most {PackLimits.MaxParamsPerPack}").SetName("Limit_ParamsPerPack");

        var nested = "{ \"RuleName\": \"Leaf\", \"Expression\": \"profile.Age > 20\" }";
        for (var level = PackLimits.MaxRuleNesting; level >= 2; level--)
            nested = $"{{ \"RuleName\": \"N{level}\", \"Operator\": \"And\", \"Rules\": [ {nested} ] }}";
        var deep = $$"""{ "RuleName": "Deep", "SuccessEvent": "ips", "Operator": "And", "Rules": [ {{nested}} ], "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Prøve." } } }""";
        yield return new TestCaseData(Pack("deep", new[] { deep }), $"at most {PackLimits.MaxRuleNesting} levels").SetName("Limit_RuleNesting");

        var big = Pack("big", new[] { Rule("R", "profile.Age > 20") }).Replace("\"Prøve.\"", "\"" + new string('x', PackLimits.MaxPackBytes) + "\"", StringComparison.Ordinal);
        yield return new TestCaseData(big, $"at most {PackLimits.MaxPackBytes} bytes").SetName("Limit_PackSize");
    }

    [TestCaseSource(nameof(OverLimit))]
    public void APackOverALimit_IsRefusedWithTheLimit(string pack, string limit)
    {
        var problems = Guarded(() => Refusal(pack));

        Assert.That(problems, Has.Count.EqualTo(1), string.Join("\n", problems.Take(3)));
        Assert.That(problems[0].Message, Does.Contain(limit));
        Assert.That(problems[0].File, Is.EqualTo("pack1.json"));
    }

    [Test]
    public void APackAtTheNestingLimit_Loads()
    {
        var nested = "{ \"RuleName\": \"Leaf\", \"Expression\": \"profile.Age > 20\" }";
        for (var level = PackLimits.MaxRuleNesting - 1; level >= 2; level--)
            nested = $"{{ \"RuleName\": \"N{level}\", \"Operator\": \"And\", \"Rules\": [ {nested} ] }}";
        var deep = $$"""{ "RuleName": "Deep", "SuccessEvent": "ips", "Operator": "And", "Rules": [ {{nested}} ], "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Prøve." } } }""";

        Assert.That(Load(Pack("deep", new[] { deep })).Compiled.RuleCount, Is.EqualTo(BuiltInPack.RuleSet.RuleCount + 1));
    }

    [Test]
    public void MorePacksThanTheLimit_AreRefusedBeforeAnyIsRead()
    {
        var opened = 0;
        var e = Assert.Throws<PackLoadException>(() => PathwayRecommender.Create(o =>
        {
            for (var i = 0; i <= PackLimits.MaxPacks; i++)
                o.AddPackFromStream($"s{i}", () => { Interlocked.Increment(ref opened); return new MemoryStream(); });
        }))!;

        Assert.That(e.Problems.Single().Message, Does.Contain($"at most {PackLimits.MaxPacks} packs"));
        Assert.That(opened, Is.Zero);
    }

    [Test]
    public void MoreRulesThanTheLimitOverAllPacks_AreRefusedBeforeCompiling()
    {
        var perPack = PackLimits.MaxRules / 4;
        var packs = Enumerable.Range(0, 5).Select(p => Pack($"part-{p}", Enumerable.Range(0, perPack).Select(i => Rule($"P{p}_{i}", "profile.Age > 20")))).ToArray();

        var e = Guarded(() => Assert.Throws<PackLoadException>(() => Load(packs))!);

        Assert.That(e.Problems.Single().Message, Does.Contain($"at most {PackLimits.MaxRules} load together"));
    }

    [Test]
    public void AStreamLargerThanTheLimit_IsReadOnlyUpToTheLimit()
    {
        var endless = new Endless();

        var e = Guarded(() => Assert.Throws<PackLoadException>(() => PathwayRecommender.Create(o => o.AddPackFromStream("endless", () => endless)))!);

        Assert.That(e.Problems.Single().Message, Does.Contain($"at most {PackLimits.MaxPackBytes} bytes"));
        Assert.That(endless.Given, Is.LessThanOrEqualTo(PackLimits.MaxPackBytes + 1L));
    }

    [Test]
    public void AFifoInAPackFolder_IsRefusedWithoutBlocking()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "named pipes as files are a Unix matter");
        var fifo = Path.Combine(_dir, "pipe.json");
        using (var mk = Process.Start("mkfifo", fifo)) mk.WaitForExit();
        Assume.That(File.Exists(fifo), Is.True, "mkfifo is not available");

        var e = Guarded(() => Assert.Throws<PackLoadException>(() => PathwayRecommender.Create(o => o.Packs.Add(_dir)))!);

        Assert.That(e.Problems.Single().Message, Does.Contain("not a regular file"));
    }

    [Test]
    public void ASymlinkToAnEndlessDevice_IsRefused()
    {
        Assume.That(File.Exists("/dev/zero"), Is.True, "no /dev/zero here");
        var link = Path.Combine(_dir, "zero.json");
        File.CreateSymbolicLink(link, "/dev/zero");

        var e = Guarded(() => Assert.Throws<PackLoadException>(() => PathwayRecommender.Create(o => o.Packs.Add(link)))!);

        Assert.That(e.Problems.Single().Message, Does.Contain("not a regular file"));
    }

    [Test]
    public void AFileLargerThanTheLimit_IsRefusedBeforeItIsRead()
    {
        var file = Path.Combine(_dir, "big.json");
        using (var f = File.Create(file)) f.SetLength(PackLimits.MaxPackBytes + 1L);

        var e = Assert.Throws<PackLoadException>(() => PathwayRecommender.Create(o => o.Packs.Add(file)))!;

        Assert.That(e.Problems.Single().Message, Does.Contain($"at most {PackLimits.MaxPackBytes} bytes"));
    }

    [Test]
    public void ManyFiringCaveats_OnOneIntervention_GiveEachTextOnce()
    {
        // 2,000 caveat rules with 1,000 distinct texts: each text once, in first-seen order.
        var rules = Enumerable.Range(0, 2000).Select(i => $$"""
            { "RuleName": "C{{i}}", "SuccessEvent": "many-help", "Expression": "true",
              "Properties": { "role": "caveat", "citations": ["star-baggrundsnotat"], "caveat": { "da": "Forbehold {{i % 1000}}." } } }
            """).Append(Rule("Recommend", "true", successEvent: "many-help"));
        var pack = Pack("many-caveats", rules).Replace("\"version\": \"1.0.0\",", "\"version\": \"1.0.0\", \"interventions\": [ { \"id\": \"many-help\", \"title\": { \"da\": \"Hjælp\" } } ],", StringComparison.Ordinal);

        var result = Guarded(() => Load(pack).Recommend(Citizen(), Context(), new RecommendOptions { Explain = true }));

        var caveats = result.Recommendations.Single(r => r.InterventionId == "many-help").Caveats;
        Assert.That(caveats, Has.Count.EqualTo(1000));
        Assert.That(caveats[999], Is.EqualTo("Forbehold 999. (fra pakken 'many-caveats')"));
    }

    /// <summary>A stream that never ends, counting the bytes it gave.</summary>
    private sealed class Endless : Stream
    {
        public long Given { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Given; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            Given += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
