using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>Test cases inside packs (CONTRACT §4.2): the built-in pack proves itself against the note, and a pack's tests pass or fail by name.</summary>
public sealed class PackTestsTests
{
    [Test]
    public void BuiltInPack_PassesEveryTestOfItsOwn_AgainstTheNote()
    {
        var results = PackTests.Run(PathwayRecommender.Create());

        Assert.That(results.Where(r => !r.Passed).Select(r => r.ToString()), Is.Empty);
        Assert.That(results, Has.Count.GreaterThanOrEqualTo(40));
        Assert.That(results.Select(r => r.Pack).Distinct(), Is.EqualTo(new[] { "pathways" }));
        Assert.That(results.Select(r => r.Test).Distinct().Count(), Is.EqualTo(results.Count), "test names are unique");
    }

    [Test]
    public void BuiltInPack_EveryRule_IsMadeToFireByOneOfItsTests()
    {
        // One test per finding: every rule (each encodes a finding of the note) fires for at least one test profile.
        var set = BuiltInPack.RuleSet;
        var fired = new HashSet<string>();
        foreach (var test in BuiltInPack.Parse().Tests)
            fired.UnionWith(set.Fired(test.Case!.Profile, test.Case.Context ?? AssessmentContext.Unknown));

        Assert.That(set.Rules.Select(r => r.Name).Where(n => !fired.Contains(n)), Is.Empty);
    }

    // A rule author's mistake in the built-in pack shows as the note's findings that now fail, by name.
    [TestCase("profile.Age <= 64", "profile.Age <= 60", "IPS: 64, the oldest age of the Danish trial")]
    [TestCase("\"strong\",\n            \"evidenceWording\": \"Der foreligger", "\"moderate\",\n            \"evidenceWording\": \"Der foreligger", "IPS: strong evidence")]
    [TestCase("context.BusinessCycle == BusinessCycle.Recession", "context.BusinessCycle == BusinessCycle.Boom", "private wage subsidy: effect disappears in a recession (caveat)")]
    [TestCase("context.CaseworkerCaseload > highCaseloadThreshold", "context.CaseworkerCaseload >= highCaseloadThreshold", "low caseload: not suggested at the pack's threshold of 50 (a local choice)")]
    public void BuiltInPack_WithAMistake_FailsTheFindingsItBreaks(string from, string to, string failingTest)
    {
        var json = BuiltInPack.Json;
        Assert.That(json, Does.Contain(from), "the mutation applies");
        var broken = PathwayRecommender.Create(o =>
        {
            o.IncludeBuiltInPack = false;
            o.AddPackFromStream("pathways.json", Utf8(json.Replace(from, to)));
        });

        var failed = PackTests.Run(broken).Where(r => !r.Passed).ToList();

        Assert.That(failed.Select(r => r.Test), Has.Some.StartsWith(failingTest));
        Assert.That(failed.All(r => r.Expected.Length > 0 && r.Actual.Length > 0), Is.True);
    }

    private const string Pack = """
        {
          "name": "tested-pack",
          "version": "1.0.0",
          "workflows": [ { "WorkflowName": "t", "Rules": [ {
            "RuleName": "MentorForYoung",
            "SuccessEvent": "ips",
            "Expression": "profile.Age < 25",
            "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Ung.", "en": "Young." } } } ] } ],
          "tests": [ {
            "name": "TEST",
            "profile": { "age": 20, "readiness": "job-ready", "mentalIllness": false, "inMentalHealthTreatment": true },
            "expect": EXPECT } ]
        }
        """;

    private static string WithTest(string expect, string name = "young gets ips") => Pack.Replace("TEST", name).Replace("EXPECT", expect);

    [TestCase("""{ "recommended": ["ips"] }""", true, "", "")]
    [TestCase("""{ "recommended": ["private-wage-subsidy"] }""", false, "'private-wage-subsidy' recommended", "recommended ips")]
    [TestCase("""{ "notRecommended": ["ips"] }""", false, "'ips' not recommended", "'ips' recommended")]
    [TestCase("""{ "notRecommended": ["low-caseload"] }""", true, "", "")]
    [TestCase("""{ "evidence": { "ips": "limited" } }""", true, "", "")]
    [TestCase("""{ "evidence": { "ips": "strong" } }""", false, "'ips' with evidence strong", "evidence limited")]
    [TestCase("""{ "evidence": { "company-centre": "strong" } }""", false, "'company-centre' with evidence strong", "'company-centre' not recommended")]
    [TestCase("""{ "citations": { "ips": ["star-baggrundsnotat"] } }""", true, "", "")]
    [TestCase("""{ "citations": { "ips": ["graversen-2012"] } }""", false, "'ips' citing graversen-2012", "it cites star-baggrundsnotat")]
    [TestCase("""{ "caveats": { "ips": false } }""", true, "", "")]
    [TestCase("""{ "caveats": { "ips": true } }""", false, "'ips' with a caveat", "no caveat")]
    [TestCase("""{ "fired": ["MentorForYoung"], "notFired": ["Ips_MentalIllnessAged18To64"] }""", true, "", "")]
    [TestCase("""{ "fired": ["Ips_MentalIllnessAged18To64"] }""", false, "rule Ips_MentalIllnessAged18To64 to fire", "it did not")]
    [TestCase("""{ "notFired": ["MentorForYoung"] }""", false, "rule MentorForYoung not to fire", "it fired")]
    public void PackTest_PassesOrFails_ByName_SayingWhatDiffered(string expect, bool passes, string expected, string actual)
    {
        var result = PackTests.Run(Load(WithTest(expect))).Single(r => r.Pack == "tested-pack");

        Assert.That((result.Test, result.Passed, result.Expected, result.Actual), Is.EqualTo(("young gets ips", passes, expected, actual)));
        Assert.That(result.Source, Is.EqualTo("pack1.json"));
        Assert.That(result.Line, Is.EqualTo(9));
    }

    [Test]
    public void LaterPack_ThatChangesTheAdvice_DoesNotFailAnEarlierPacksTests_ButItsOwnRunOnTopOfThem()
    {
        // The pack recommends IPS for everyone under 25; the built-in test "IPS: not for a citizen without a mental
        // illness" (age 45) still runs on the built-in pack alone, as it was written.
        var results = PackTests.Run(Load(WithTest("""{ "recommended": ["ips"], "notRecommended": ["company-centre"] }""")));

        Assert.That(results.Where(r => !r.Passed).Select(r => r.ToString()), Is.Empty);
        Assert.That(results.Count(r => r.Pack == "tested-pack"), Is.EqualTo(1));
    }

    [Test]
    public void PackTests_RunFromPaths_LoadTheBuiltInPackAndTheGivenOnes()
    {
        var sample = Path.Combine(RepoRoot, "samples", "packs", "eksempelkommune-datoer.json");

        var results = PackTests.Run(new[] { sample });

        Assert.That(results.Select(r => r.Pack).Distinct(), Is.EqualTo(new[] { "pathways", "eksempelkommune-datoer" }));
        Assert.That(results.Where(r => !r.Passed).Select(r => r.ToString()), Is.Empty);
    }

    // A test whose own definition is wrong refuses the pack, naming the test and its line.
    [TestCase("""{ "recommended": ["ipz"] }""", 12, "Test 'young gets ips' names 'ipz', which is not an intervention id in this or an earlier pack (did you mean 'ips'?)")]
    [TestCase("""{ "citations": { "ips": ["graversen-2013"] } }""", 12, "names 'graversen-2013', which is not a citation key")]
    [TestCase("""{ "fired": ["NoSuchRule"] }""", 12, "names 'NoSuchRule', which is not a top-level rule")]
    [TestCase("""{ "fired": ["CoordinatedEffort_IsActivityReady"] }""", 12, "which is not a top-level rule")]
    [TestCase("""{ "evidence": { "ips": "weak" } }""", 12, "expects evidence \"weak\" for 'ips': allowed 'strong', 'moderate', 'mixed' or 'limited'")]
    [TestCase("""{ "caveats": { "ips": "yes" } }""", 12, "expects caveats \"yes\" for 'ips'")]
    [TestCase("""{ }""", 12, "expects nothing")]
    [TestCase("""{ "recommend": ["ips"] }""", 12, "Unknown property 'recommend' in the 'expect' of test 'young gets ips' (did you mean 'recommended'?)")]
    public void PackTest_WithAWrongDefinition_RefusesThePack(string expect, int line, string message)
    {
        var problem = Refusal(WithTest(expect)).Single();

        Assert.That(problem.Message, Does.Contain(message));
        Assert.That((problem.File, problem.Pack, problem.Line), Is.EqualTo(("pack1.json", (string?)"tested-pack", (int?)line)));
    }

    [TestCase("\"age\": 20", "\"age\": 200", "Test 'young gets ips' has an invalid profile: Field 'age' has value 200, which is out of range")]
    [TestCase("\"mentalIllness\": false", "\"mentalIlness\": false", "Test 'young gets ips' has an invalid profile: Unknown property 'mentalIlness' (did you mean 'mentalIllness'?)")]
    [TestCase("\"mentalIllness\": false", "\"context\": { \"assessmentDate\": \"2027-02-30\" }", "has an invalid profile: Field 'context.assessmentDate' has value \"2027-02-30\", which is not allowed")]
    public void PackTest_WithAnInvalidProfile_RefusesThePack_NamingTheTestAndItsLine(string from, string to, string message)
    {
        var problem = Refusal(WithTest("""{ "recommended": ["ips"] }""").Replace(from, to)).Single();

        Assert.That(problem.Message, Does.StartWith("Test 'young gets ips' has an invalid profile: ").And.Contains(message));
        Assert.That(problem.Line, Is.EqualTo(11));
    }

    [Test]
    public void PackTest_NamedTwice_RefusesThePack()
    {
        var json = WithTest("""{ "recommended": ["ips"] }""");
        var twice = json.Replace("\"tests\": [ {", "\"tests\": [ { \"name\": \"young gets ips\", \"profile\": { \"age\": 30, \"readiness\": \"job-ready\" }, \"expect\": { \"recommended\": [\"ips\"] } }, {");

        Assert.That(Refusal(twice).Select(p => p.Message), Has.Some.Contains("Test 'young gets ips' is defined twice in this pack"));
    }
}
