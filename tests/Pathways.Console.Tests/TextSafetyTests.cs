namespace Pathways.Console.Tests;

/// <summary>
/// The text report shows ids and pack texts, never obeys them: control characters are escaped, and zero hours
/// read as 0 whatever the sign (issue 16, item 9).
/// </summary>
public sealed class TextSafetyTests : TempFiles
{
    private string ProfileWithId(string idJson, string hours = "0") =>
        Write("p.json", File.ReadAllText(Repo.Profile("job-ready-boom"))
            .Replace("\"job-ready-boom\"", idJson, StringComparison.Ordinal)
            .Replace("\"weeklyPaidHours\": 0", $"\"weeklyPaidHours\": {hours}", StringComparison.Ordinal));

    [TestCase("\"a\\u001b[2Jb\"", "a\\u001B[2Jb", TestName = "Escaped_AnsiEscapeInId")]
    [TestCase("\"a\\rb\"", "a\\u000Db", TestName = "Escaped_CarriageReturnInId")]
    [TestCase("\"a\\u0007b\"", "a\\u0007b", TestName = "Escaped_BellInId")]
    [TestCase("\"a\\u009bb\"", "a\\u009Bb", TestName = "Escaped_C1ControlInId")]
    [TestCase("\"a\\u202eb\"", "a\\u202Eb", TestName = "Escaped_BidiOverrideInId")]
    public void ControlCharactersInTheId_AreShownEscaped(string idJson, string shown)
    {
        var run = ConsoleRun.InProcess("recommend", ProfileWithId(idJson));

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        Assert.That(run.Out, Does.Contain(shown));
        Assert.That(run.Out.Where(c => c < ' ' && c != '\n'), Is.Empty);
    }

    [Test]
    public void ControlCharactersInAPackText_AreShownEscaped()
    {
        var pack = Write("esc.json", Packs.WithExpression("profile.Age > 18").Replace("\"Test.\"", "\"Rød\\u001b[31m tekst\\r.\"", StringComparison.Ordinal));

        var run = ConsoleRun.InProcess("recommend", Repo.Profile("activity-ready-mental-illness-in-treatment"), "--rules", pack);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        Assert.That(run.Out, Does.Contain("Rød\\u001B[31m tekst\\u000D. (fra pakken 'test-pack')"));
        Assert.That(run.Out.Where(c => c < ' ' && c != '\n'), Is.Empty);
    }

    [Test]
    public void ColourStillWorks_WhileTextsAreEscaped()
    {
        var run = ConsoleRun.InProcess(TextReader.Null, colour: true, "recommend", ProfileWithId("\"a\\u001b[2Jb\""));

        Assert.That(run.Out.Contains("\u001b[1m", StringComparison.Ordinal), Is.True, "the report's own colour codes stay");
        Assert.That(run.Out.Contains("\u001b[2J", StringComparison.Ordinal), Is.False, "the id's escape sequence is not obeyed");
        Assert.That(run.Out, Does.Contain("a\\u001B[2Jb"));
    }

    [TestCase("-0", TestName = "Hours_NegativeZero")]
    [TestCase("-0.0", TestName = "Hours_NegativeZeroDecimal")]
    [TestCase("0", TestName = "Hours_Zero")]
    public void ZeroHours_ReadAsZero(string hours)
    {
        var profile = Write("p.json", File.ReadAllText(Repo.Profile("activity-ready-mental-illness-in-treatment")));
        var json = File.ReadAllText(profile);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node["weeklyPaidHours"] = 1;
        File.WriteAllText(profile, node.ToJsonString().Replace("\"weeklyPaidHours\":1", $"\"weeklyPaidHours\":{hours}", StringComparison.Ordinal));

        var run = ConsoleRun.InProcess("recommend", profile);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        Assert.That(run.Out, Does.Contain(" 0 løntimer om ugen"));
        Assert.That(run.Out, Does.Not.Contain("-0 løntimer"), "zero hours are never shown as -0 (the assessment date line has its own \"-0\")");
    }
}
