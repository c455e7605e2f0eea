namespace Pathways.Console.Tests;

/// <summary>Declared facts in the console (issue 10): the schema command, a bad fact is exit 2, warnings in validate.</summary>
public sealed class FactsAndSchemaTests : TempFiles
{
    private static string HomelessPack => Path.Combine(Repo.Packs, "eksempelkommune-hjemloese.json");

    [Test]
    public void Schema_WithoutPacks_IsTheShippedProfileSchema()
    {
        var run = ConsoleRun.InProcess("schema");

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        Assert.That(run.Out, Is.EqualTo(File.ReadAllText(Path.Combine(Repo.Root, "rules", "schema", "profile.schema.json")).Replace("\r\n", "\n")));
    }

    [Test]
    public void Schema_WithAPack_HasItsDeclaredFacts()
    {
        var run = ConsoleRun.InProcess("schema", "--rules", HomelessPack);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        var facts = System.Text.Json.Nodes.JsonNode.Parse(run.Out)!["properties"]!["facts"]!["properties"]!;
        Assert.That(facts["homeless"]!["type"]!.ToJsonString(), Is.EqualTo("[\"boolean\",\"null\"]"));
        Assert.That(facts["danishLevel"]!["enum"]!.ToJsonString(), Is.EqualTo("[\"none\",\"basic\",\"fluent\",null]"));
    }

    [Test]
    public void Schema_WithABrokenPack_Exits3()
    {
        var path = Write("broken.json", "{ \"name\": ");
        Assert.That(ConsoleRun.InProcess("schema", "--rules", path).Exit, Is.EqualTo(ExitCodes.InvalidPack));
    }

    [Test]
    public void Recommend_HomelessProfile_WithThePack_RecommendsHousingSupport()
    {
        var run = ConsoleRun.InProcess("recommend", Path.Combine(Repo.Profiles, "with-packs", "homeless-activity-ready.json"), "--rules", HomelessPack, "--format", "json");

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        Assert.That(run.Out, Does.Contain("\"id\": \"housing-support\""));
    }

    [TestCase("\"homeless\": \"ja\"", "facts.homeless", "must be true, false or null")]
    [TestCase("\"homles\": true", "facts.homles", "not declared by any loaded pack (did you mean 'homeless'?)")]
    [TestCase("\"yearsInDenmark\": 120", "facts.yearsInDenmark", "out of range: allowed 0–100")]
    [TestCase("\"danishLevel\": \"flydende\"", "facts.danishLevel", "one of 'none', 'basic', 'fluent'")]
    public void Recommend_BadFact_Exits2_NamingTheFactAndWhatIsAllowed(string fact, string field, string allowed)
    {
        var path = Write("p.json", "{\n  \"age\": 7,\n  \"readiness\": \"job-ready\",\n  \"facts\": { " + fact + " }\n}");

        var run = ConsoleRun.InProcess("recommend", path, "--rules", HomelessPack);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidProfile));
        Assert.That(run.ErrLines, Has.Length.EqualTo(2), "the age and the fact at once");
        Assert.That(run.ErrLines[1], Does.StartWith($"{path}, line 4: ").And.Contain($"'{field}'").And.Contain(allowed));
    }

    [Test]
    public void Recommend_FactWithoutThePack_Exits2()
    {
        var run = ConsoleRun.InProcess("recommend", Path.Combine(Repo.Profiles, "with-packs", "homeless-activity-ready.json"));

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidProfile));
        Assert.That(run.Err, Does.Contain("Fact 'facts.homeless' is not declared by any loaded pack"));
    }

    [Test]
    public void Validate_PackWithWarnings_Exits0_AndListsThem()
    {
        var path = Write("warned.json", """
            { "name": "warned", "version": "1.0.0",
              "citations": [ { "key": "kommune-2025", "authors": "Kommunen", "year": 2025 } ],
              "workflows": [ { "WorkflowName": "w", "Rules": [ { "RuleName": "R", "SuccessEvent": "ips", "Expression": "profile.Age >= 18",
                "Properties": { "citations": ["kommune-2025"], "evidence": "limited" } } ] } ] }
            """);

        var run = ConsoleRun.InProcess("validate", path);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Out + run.Err);
        Assert.That(run.Out, Does.StartWith($"{path}: warned 1.0.0, 1 rule: OK (2 warnings)\n"));
        Assert.That(run.Out, Does.Contain($"  warning: {path}(2): ").And.Contain("no 'finding'"));
        Assert.That(run.Out, Does.Contain($"  warning: {path}(3): workflow 'w', rule 'R': ").And.Contain("no 'reason'"));
    }
}
