namespace Pathways.Console.Tests;

/// <summary><c>pathways test</c>: runs every loaded pack's tests; a line per failed test, then <c>N passed, N failed</c>.</summary>
public sealed class TestCommandTests : TempFiles
{
    private static string WithTest(string expect, int age = 30) => Packs.WithExpression("profile.Age >= 18").TrimEnd().TrimEnd('}') + $$"""
        ,
          "tests": [ { "name": "adult gets ips", "profile": { "age": {{age}}, "readiness": "job-ready" }, "expect": {{expect}} } ]
        }
        """;

    [Test]
    public void BuiltInPack_Alone_PassesEveryTest_Exit0()
    {
        var run = ConsoleRun.InProcess("test");

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Out + run.Err);
        Assert.That(run.Out, Does.Match(@"^\d+ passed, 0 failed\n$"));
        Assert.That(int.Parse(run.Out.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(40));
        Assert.That(run.Err, Is.Empty);
    }

    [Test]
    public void SamplePacksFolder_PassesTogetherWithTheBuiltInPack_Exit0()
    {
        var run = ConsoleRun.InProcess("test", Repo.Packs);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Out + run.Err);
        Assert.That(run.Out, Does.EndWith(" passed, 0 failed\n"));
    }

    [TestCase("""{ "recommended": ["ips"] }""", ExitCodes.Success, "1 failed", false)]
    [TestCase("""{ "notRecommended": ["ips"] }""", ExitCodes.TestFailed, "0 failed", true)]
    public void OwnPack_PassingOrFailingTest_Exits0Or5(string expect, int exit, string notSummary, bool failLine)
    {
        var path = Write("tested.json", WithTest(expect));

        var run = ConsoleRun.InProcess("test", path);

        Assert.That(run.Exit, Is.EqualTo(exit), run.Out + run.Err);
        Assert.That(run.Out, Does.Not.EndWith($" {notSummary}\n"));
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Length, Is.EqualTo(failLine ? 2 : 1));
        if (failLine)
        {
            Assert.That(lines[0], Does.StartWith($"FAIL {path}(").And.Contain(": test-pack: adult gets ips: expected 'ips' not recommended; came 'ips' recommended"));
            Assert.That(lines[1], Does.EndWith(" passed, 1 failed"));
        }
    }

    [TestCase("""{ "recommended": ["ipz"] }""", 30, "Test 'adult gets ips' names 'ipz', which is not an intervention id")]
    [TestCase("""{ "recommended": ["ips"] }""", 12, "Test 'adult gets ips' has an invalid profile: Field 'age' has value 12")]
    public void OwnPack_WithAnInvalidTest_Exits3_AsValidateReportsIt(string expect, int age, string named)
    {
        var path = Write("invalid.json", WithTest(expect, age));

        var run = ConsoleRun.InProcess("test", path);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidPack), run.Out + run.Err);
        Assert.That(run.Out, Does.StartWith($"{path}: "));
        Assert.That(run.Out, Does.Contain(named));
        Assert.That(run.ErrLines, Is.EqualTo(new[] { "1 of 1 pack refused; see the problems listed above." }));
    }

    [Test]
    public void MissingPack_Exits3()
    {
        var run = ConsoleRun.InProcess("test", Path.Combine(Dir, "nothing.json"));

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidPack));
    }

    [Test]
    public void Validate_ListsAWarning_ForARuleInForceOnNoDay_AndExits0()
    {
        var json = Packs.WithExpression("profile.Age >= 18").Replace("\"evidence\": \"limited\",", "\"evidence\": \"limited\", \"validFrom\": \"2026-01-01\",")
            .Replace("\"workflows\"", "\"parameters\": [ { \"name\": \"minAge\", \"values\": [ { \"from\": \"2020-01-01\", \"to\": \"2025-12-31\", \"value\": 18 } ], \"description\": { \"da\": \"Lokalt valg.\" } } ],\n  \"workflows\"")
            .Replace("profile.Age >= 18", "profile.Age >= minAge");
        var path = Write("dated.json", json);

        var run = ConsoleRun.InProcess("validate", path);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Out + run.Err);
        Assert.That(run.Out, Does.StartWith($"{path}: test-pack 1.0.0, 1 rule: OK ("), "OK, with its warnings counted");
        Assert.That(run.Out, Does.Contain($"  warning: {path}(").And.Contain("Rule 'R' is in force on no day: on the days it is in force, parameter 'minAge' has no value, so it never fires."));
    }

    [TestCase(null, "Vurderingsdato: 2027-01-01\n")]
    [TestCase("en", "Assessment date: 2027-01-01\n")]
    public void Recommend_Text_NamesTheAssessmentDate(string? lang, string line)
    {
        var path = Write("dated-profile.json", """{ "age": 40, "readiness": "activity-ready", "context": { "assessmentDate": "2027-01-01" } }""");

        var run = lang is null ? ConsoleRun.InProcess("recommend", path) : ConsoleRun.InProcess("recommend", path, "--lang", lang);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        Assert.That(run.Out, Does.Contain(line));
    }
}
