namespace Pathways.Console.Tests;

/// <summary>The console as a script runs it: a real <c>dotnet Pathways.Console.dll</c> process with redirected output.</summary>
public sealed class ProcessTests : TempFiles
{
    [TestCase("long-term-activity-ready-parent")]
    public void Process_WritesTheSameJsonBytesAsInProcess(string profile)
    {
        var process = ConsoleRun.AsProcess("recommend", Repo.Profile(profile), "--format", "json");
        var inProcess = ConsoleRun.InProcess("recommend", Repo.Profile(profile), "--format", "json");

        Assert.That(process.Exit, Is.EqualTo(ExitCodes.Success), process.Err);
        Assert.That(process.Out, Is.EqualTo(inProcess.Out));
        Assert.That(process.Err, Is.Empty);
    }

    /// <summary>
    /// The console runs without culture data (InvariantGlobalization); Danish and English cards, with a decimal in the
    /// citizen's facts, are the text the same command writes in-process under the test host's culture.
    /// </summary>
    [TestCase("da")]
    [TestCase("en")]
    public void Process_WithoutCultureData_WritesTheCardsOfInProcess(string lang)
    {
        var profile = Write("decimal-hours.json", """{"id": "decimal-hours", "age": 35, "readiness": "activity-ready", "weeklyPaidHours": 2.5, "monthsOnBenefits": 14}""");
        var process = ConsoleRun.AsProcess("recommend", profile, "--lang", lang);
        var inProcess = ConsoleRun.InProcess("recommend", profile, "--lang", lang);

        Assert.That(process.Exit, Is.EqualTo(ExitCodes.Success), process.Err);
        Assert.That(process.Out, Is.EqualTo(inProcess.Out));
        Assert.That(process.Out, Does.Contain(lang == "da" ? "2,5 løntimer om ugen" : "2.5 paid hours a week"));
    }

    [Test]
    public void Process_TextIsDanishAndPlainWhenRedirected()
    {
        var run = ConsoleRun.AsProcess("recommend", Repo.Profile("job-ready-boom"));

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        Assert.That(run.Out, Does.Contain("Privat løntilskud").And.Contain("evidens: moderat"));
        Assert.That(run.Out.IndexOf('\u001b'), Is.EqualTo(-1), run.Out.Substring(Math.Max(0, run.Out.IndexOf('\u001b') - 40)).Replace("\u001b", "ESC"));
    }

    [TestCase("recommend", "samples/profiles/missing.json", ExitCodes.InvalidProfile, "samples/profiles/missing.json: no profile file at this path.")]
    [TestCase("recommend", "--format", ExitCodes.Usage, "Usage error: ")]
    [TestCase("validate", "samples/profiles", ExitCodes.InvalidPack, " packs refused; see the problems listed above.")]
    [TestCase("batch", "samples/profiles/batch.ndjson", ExitCodes.InvalidProfile, "pathways batch: 12 profiles, ")]
    public void Process_ExitCodeAndOneLineOnStandardError(string command, string argument, int exit, string expected)
    {
        var run = ConsoleRun.AsProcess(command, argument);

        Assert.That(run.Exit, Is.EqualTo(exit));
        Assert.That(run.ErrLines, Has.Length.EqualTo(1), run.Err);
        Assert.That(run.Err, Does.Contain(expected));
        ErrorTests.AssertNoStackTrace(run.Err);
    }
}
