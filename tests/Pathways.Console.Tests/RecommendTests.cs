using System.Text.Json.Nodes;

namespace Pathways.Console.Tests;

/// <summary><c>pathways recommend</c> on the sample profiles, in text and JSON.</summary>
public sealed class RecommendTests
{
    /// <summary>
    /// The recommended ids per sample profile, in the contract's order (interventions before practice, then by
    /// evidence, then by id), from the built-in pack. Each row is checked against the note's findings:
    /// conclusion 1 (company-oriented effort) needs an activity-ready citizen (private wage subsidy also in a
    /// boom only for them); conclusion 2 (IPS, IPS+) needs a mental illness and an age inside the Danish trial's 18–64;
    /// conclusion 3 (few paid hours) needs an activity-ready citizen with no more than a few hours already;
    /// conclusion 4 needs a caseworker who does not expect a job; conclusion 5 a caseload above the pack's
    /// local threshold. Unknown facts are never guessed, so the unknown-facts profile gets nothing.
    /// </summary>
    [TestCase("young-education-ready-22", "")]
    [TestCase("activity-ready-mental-illness-in-treatment", "ips private-wage-subsidy ips-plus company-internship public-wage-subsidy small-paid-hours coordinated-effort primary-contact-person")]
    [TestCase("young-activity-ready-mental-illness-not-in-treatment", "ips private-wage-subsidy ips-plus company-internship public-wage-subsidy small-paid-hours coordinated-effort primary-contact-person")]
    [TestCase("long-term-activity-ready-parent", "private-wage-subsidy company-internship public-wage-subsidy small-paid-hours coordinated-effort primary-contact-person")]
    [TestCase("flex-job-approved", "company-centre coordinated-effort")]
    [TestCase("job-ready-boom", "caseworker-belief")]
    [TestCase("unknown-facts", "")]
    [TestCase("activity-ready-recession", "private-wage-subsidy company-internship public-wage-subsidy coordinated-effort primary-contact-person")]
    [TestCase("high-caseload-caseworker-doubts-job", "private-wage-subsidy company-internship public-wage-subsidy small-paid-hours low-caseload caseworker-belief coordinated-effort primary-contact-person")]
    public void SampleProfile_GivesTheExpectedRecommendations(string profile, string expectedIds)
    {
        var run = ConsoleRun.InProcess("recommend", Repo.Profile(profile), "--format", "json");

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        Assert.That(run.Err, Is.Empty);
        Assert.That(Ids(run.Out), Is.EqualTo(expectedIds.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Test]
    public void EverySampleProfile_HasARowInTheTable()
    {
        var covered = typeof(RecommendTests).GetMethod(nameof(SampleProfile_GivesTheExpectedRecommendations))!
            .GetCustomAttributes(typeof(TestCaseAttribute), false).Cast<TestCaseAttribute>()
            .Select(a => (string)a.Arguments[0]!).ToHashSet();
        var files = Directory.GetFiles(Repo.Profiles, "*.json").Select(Path.GetFileNameWithoutExtension).ToArray();

        Assert.That(files, Has.Length.GreaterThanOrEqualTo(8));
        Assert.That(files, Is.SubsetOf(covered));
    }

    [Test]
    public void SampleProfiles_TogetherReachEveryConclusionOfTheNote()
    {
        var conclusions = Directory.GetFiles(Repo.Profiles, "*.json")
            .SelectMany(f => JsonNode.Parse(ConsoleRun.InProcess("recommend", f, "--format", "json").Out)!["recommendations"]!.AsArray())
            .Select(r => (int)r!["conclusion"]!)
            .ToHashSet();

        Assert.That(conclusions, Is.EquivalentTo(new[] { 1, 2, 3, 4, 5 }));
    }

    [TestCase("job-ready-boom", "--format", "json")]
    [TestCase("long-term-activity-ready-parent", "--format", "json")]
    [TestCase("long-term-activity-ready-parent", "--format", "text")]
    [TestCase("unknown-facts", "--lang", "en")]
    public void Output_IsTheSameBytesOnEveryRun(string profile, string option, string value)
    {
        var first = ConsoleRun.InProcess("recommend", Repo.Profile(profile), option, value);
        var second = ConsoleRun.InProcess("recommend", Repo.Profile(profile), option, value);

        Assert.That(first.Exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(second.Out, Is.EqualTo(first.Out));
    }

    [TestCase("high-caseload-caseworker-doubts-job")]
    [TestCase("unknown-facts")]
    public void Json_HasExactlyTheContractsPropertyNames(string profile)
    {
        var run = ConsoleRun.InProcess("recommend", Repo.Profile(profile), "--format", "json");
        var root = JsonNode.Parse(run.Out)!.AsObject();

        Assert.That(Names(root), Is.EqualTo(new[] { "id", "ruleSet", "advisory", "recommendations", "notRecommended" }));
        Assert.That((string?)root["id"], Is.EqualTo(profile));
        Assert.That(Names(root["ruleSet"]!.AsObject()), Is.EqualTo(new[] { "name", "version", "hash" }));
        Assert.That((string?)root["ruleSet"]!["hash"], Does.StartWith("sha256:"));
        Assert.That((string?)root["advisory"], Is.Not.Empty);
        foreach (var r in root["recommendations"]!.AsArray())
        {
            Assert.That(Names(r!.AsObject()), Is.EqualTo(new[] { "id", "kind", "title", "evidence", "conclusion", "reasons", "caveats", "citations" }));
            Assert.That((string?)r["kind"], Is.AnyOf("intervention", "practice"));
            Assert.That((string?)r["evidence"], Is.AnyOf("strong", "moderate", "mixed", "limited"));
            Assert.That(r["citations"]!.AsArray(), Is.Not.Empty);
            foreach (var c in r["citations"]!.AsArray())
                Assert.That(Names(c!.AsObject()), Is.EqualTo(new[] { "key", "text", "finding" }));
        }

        Assert.That(root["notRecommended"]!.AsArray(), Is.Not.Empty);
        foreach (var n in root["notRecommended"]!.AsArray())
            Assert.That(Names(n!.AsObject()), Is.EqualTo(new[] { "id", "reasons" }));
    }

    [TestCase(null, "Forslag til indsatser for long-term-activity-ready-parent", "evidens: stærk", "Hvorfor", "Kilder", "Fund: ", "Ikke anbefalet", "Regelsæt: pathways")]
    [TestCase("da", "Privat løntilskud", "evidens: moderat", "evidens: blandet", "Vær opmærksom på", "[1] Graversen (2012)", "notatets konklusion 3", "Praksis for jobcentret")]
    [TestCase("en", "Suggested interventions for long-term-activity-ready-parent", "evidence: strong", "Why", "Sources", "Finding: ", "Not recommended", "Rule set: pathways")]
    public void Text_IsACardPerRecommendation_DanishByDefault(string? lang, params string[] expected)
    {
        var args = new List<string> { "recommend", Repo.Profile("long-term-activity-ready-parent") };
        if (lang is not null) args.AddRange(new[] { "--lang", lang });
        var run = ConsoleRun.InProcess(args.ToArray());

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        foreach (var text in expected) Assert.That(run.Out, Does.Contain(text));
    }

    [Test]
    public void Text_ShowsTheAdvisoryAndTheRuleSetHash()
    {
        var json = JsonNode.Parse(ConsoleRun.InProcess("recommend", Repo.Profile("job-ready-boom"), "--format", "json").Out)!;
        var text = ConsoleRun.InProcess("recommend", Repo.Profile("job-ready-boom")).Out;

        Assert.That(text, Does.Contain((string)json["ruleSet"]!["hash"]!));
        Assert.That(Flatten(text), Does.Contain((string)json["advisory"]!));
    }

    [TestCase(false, false)]
    [TestCase(true, true)]
    public void Text_IsColouredOnlyWhenTheTerminalAllows(bool colour, bool expectEscapes)
    {
        var run = ConsoleRun.InProcess(TextReader.Null, colour, "recommend", Repo.Profile("job-ready-boom"));

        Assert.That(run.Out.Contains('\u001b'), Is.EqualTo(expectEscapes));
    }

    [TestCase("--format", "json")]
    [TestCase("--format", "text")]
    public void Json_IsNeverColoured_AndStandardInputIsRead(string option, string value)
    {
        var profile = File.ReadAllText(Repo.Profile("job-ready-boom"));
        var run = ConsoleRun.InProcess(new StringReader(profile), true, "recommend", "-", option, value);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        Assert.That(run.Out.Contains('\u001b'), Is.EqualTo(value == "text"));
    }

    [TestCase("""{"age":41,"readiness":"activity-ready","weeklyPaidHours":0,"monthsOnBenefits":60}""", "recommended", "")]
    [TestCase("""{"age":41,"readiness":"activity-ready","weeklyPaidHours":0,"monthsOnBenefits":60,"context":{"businessCycle":"recession"}}""", "recommended", "lavkonjunktur")]
    [TestCase("""{"age":41,"readiness":"activity-ready","weeklyPaidHours":0,"monthsOnBenefits":3}""", "not", "kommunens grænse på 6 måneder")]
    [TestCase("""{"age":41,"readiness":"activity-ready","weeklyPaidHours":4,"monthsOnBenefits":60}""", "not", "har allerede løntimer")]
    [TestCase("""{"age":41,"readiness":"activity-ready","weeklyPaidHours":0,"monthsOnBenefits":60,"flexJobApproved":true}""", "not", "eget fleksjobteam")]
    [TestCase("""{"age":41,"readiness":"activity-ready","monthsOnBenefits":60}""", "not", "Ukendt, derfor ikke vurderet")]
    public void ExamplePack_RecommendsCaveatsAndExcludesItsIntervention(string profile, string outcome, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pathways-console-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, profile);
        try
        {
            var run = ConsoleRun.InProcess("recommend", path, "--format", "json", "--rules", Repo.ExamplePack);

            Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
            var root = JsonNode.Parse(run.Out)!;
            Assert.That((string?)root["ruleSet"]!["name"], Is.EqualTo("pathways+eksempelkommune-virksomhedskonsulent"));
            var list = outcome == "recommended" ? root["recommendations"]! : root["notRecommended"]!;
            var entry = list.AsArray().SingleOrDefault(r => (string?)r!["id"] == "company-consultant-match");
            Assert.That(entry, Is.Not.Null, run.Out);
            Assert.That(entry!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), Does.Contain(text));
            if (outcome == "recommended")
                Assert.That((string?)entry["evidence"], Is.EqualTo("limited"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static string[] Ids(string json) =>
        JsonNode.Parse(json)!["recommendations"]!.AsArray().Select(r => (string)r!["id"]!).ToArray();

    private static string[] Names(JsonObject o) => o.Select(p => p.Key).ToArray();

    private static string Flatten(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
