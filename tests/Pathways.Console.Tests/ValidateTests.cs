namespace Pathways.Console.Tests;

/// <summary><c>pathways validate</c>: per pack its name, version, rule count and OK or every problem.</summary>
public sealed class ValidateTests : TempFiles
{
    [Test]
    public void EveryPackInTheSamplesFolder_IsOk_Together()
    {
        var run = ConsoleRun.InProcess("validate", Repo.Packs);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Out + run.Err);
        Assert.That(run.Out, Does.Contain($"{Repo.ExamplePack}: eksempelkommune-virksomhedskonsulent 1.0.0, 3 rules: OK\n"));
    }

    [Test]
    public void SamplePack_IsOk()
    {
        var run = ConsoleRun.InProcess("validate", Repo.ExamplePack);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Out + run.Err);
        Assert.That(run.Out, Is.EqualTo($"{Repo.ExamplePack}: eksempelkommune-virksomhedskonsulent 1.0.0, 3 rules: OK\n"));
        Assert.That(run.Err, Is.Empty);
    }

    [TestCase("profile.Agee >= 18", "christensen-eplov-2018", "Agee")]
    [TestCase("profile.Age >= 18", "no-such-study", "no-such-study")]
    [TestCase("System.IO.File.Exists(\\\"x\\\")", "christensen-eplov-2018", "File")]
    public void BrokenPack_Exits3_ListingTheProblemWithFileRuleAndLine(string expression, string citation, string named)
    {
        var path = Write("broken.json", Packs.WithExpression(expression, citation: citation));

        var run = ConsoleRun.InProcess("validate", path);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidPack));
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith($"{path}: test-pack 1.0.0, 1 rule: ").And.EndWith("problem"));
        Assert.That(lines[1], Does.StartWith($"  {path}(").And.Contain("rule 'R'").And.Contain(named));
        Assert.That(run.ErrLines, Is.EqualTo(new[] { "1 of 1 pack refused; see the problems listed above." }));
    }

    [Test]
    public void MalformedPack_IsReportedWithoutNameOrVersion()
    {
        var path = Write("malformed.json", "{ \"name\": ");

        var run = ConsoleRun.InProcess("validate", path);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidPack));
        Assert.That(run.Out, Does.StartWith($"{path}: 1 problem\n  {path}"));
    }

    [Test]
    public void Folder_IsCheckedFileByFile_InNameOrder_AndEveryBadFileIsReported()
    {
        Write("a-good.json", Packs.WithExpression("profile.Age >= 18", name: "good-pack"));
        Write("b-bad.json", Packs.WithExpression("profile.Agee >= 18", name: "bad-pack"));
        Write("c-also-bad.json", Packs.WithExpression("profile.Age >= 18", name: "also-bad-pack", citation: "nobody-2099"));
        Write("notes.txt", "not a pack");

        var run = ConsoleRun.InProcess("validate", Dir);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidPack));
        var heads = run.Out.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(' ')).ToArray();
        Assert.That(heads, Has.Length.EqualTo(3));
        Assert.That(heads[0], Does.EndWith("a-good.json: good-pack 1.0.0, 1 rule: OK"));
        Assert.That(heads[1], Does.EndWith("b-bad.json: bad-pack 1.0.0, 1 rule: 1 problem"));
        Assert.That(heads[2], Does.EndWith("c-also-bad.json: also-bad-pack 1.0.0, 1 rule: 1 problem"));
        Assert.That(run.Err, Does.StartWith("2 of 3 packs refused"));
    }

    [Test]
    public void TwoPacksWithTheirOwnRules_AreBothOk()
    {
        var first = Write("first.json", Packs.WithExpression("profile.Age >= 18", name: "first-pack", rule: "First"));
        var second = Write("second.json", Packs.WithExpression("profile.Age >= 30", name: "second-pack", rule: "Second"));

        var run = ConsoleRun.InProcess("validate", first, second);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Out);
    }

    [Test]
    public void SameRuleNameInALaterPack_IsRefusedNamingTheEarlierPack()
    {
        var first = Write("first.json", Packs.WithExpression("profile.Age >= 18", name: "first-pack"));
        var second = Write("second.json", Packs.WithExpression("profile.Age >= 30", name: "second-pack"));

        var run = ConsoleRun.InProcess("validate", first, second);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidPack));
        Assert.That(run.Out, Does.Contain($"{first}: first-pack 1.0.0, 1 rule: OK\n{second}: second-pack 1.0.0, 1 rule: 1 problem\n"));
        Assert.That(run.Out, Does.Contain("already defined by pack 'first-pack'"));
    }

    [Test]
    public void MissingPath_IsAProblem()
    {
        var path = Path.Combine(Dir, "nothing-here.json");

        var run = ConsoleRun.InProcess("validate", Repo.ExamplePack, path);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidPack));
        Assert.That(run.Out, Does.Contain($"{path}: 1 problem\n  {path}: No pack file or folder at this path."));
    }
}
