namespace Pathways.Console.Tests;

/// <summary>
/// Issue 15 end to end: what <c>validate</c> accepts cannot crash <c>recommend</c> or <c>batch</c>. Hostile
/// expressions are refused by <c>validate</c>; a rule that throws at advice time is a warning, and the answer stands.
/// </summary>
public sealed class SandboxTests : TempFiles
{
    [TestCase("int.Parse(\\\"x\\\") > 0", "calls Int32.Parse")]
    [TestCase("profile.Age.ToString(\\\"D999999999\\\").Length > 0", "calls Int32.ToString")]
    [TestCase("\\\"x\\\".Replace(\\\"x\\\",\\\"xx\\\").Replace(\\\"x\\\",\\\"xx\\\").Length > 0", "calls String.Replace")]
    [TestCase("1 / (profile.Age - profile.Age) > 0", "throws DivideByZeroException")]
    [TestCase("Math.Pow(10, 308) * 10 > 0", "calls Math.Pow")]
    public void Validate_RefusesWhatWouldFailAtAdviceTime(string expression, string fragment)
    {
        var pack = Write("hostile.json", Packs.WithExpression(expression));

        var run = ConsoleRun.InProcess("validate", pack);

        Assert.That(run.Exit, Is.Not.EqualTo(ExitCodes.Success));
        Assert.That(run.Out + run.Err, Does.Contain($"hostile.json({Packs.ExpressionLine})").And.Contain(fragment));
    }

    [TestCase("json")]
    [TestCase("text")]
    public void Recommend_ARuleThatThrowsForThisCitizen_Exits0_WithTheAnswerAndAWarning(string format)
    {
        var pack = Write("pack.json", Packs.WithExpression("100 / (profile.Age - 42) != 0"));
        var profile = Write("p.json", """{ "age": 42, "readiness": "activity-ready", "mentalIllness": true }""");

        var run = ConsoleRun.InProcess("recommend", profile, "--rules", pack, "--format", format);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        Assert.That(run.Out, Does.Contain("Reglen 'R' i pakken 'test-pack' kunne ikke vurderes"));
        Assert.That(run.Out, Does.Contain(format == "json" ? "\"warnings\"" : "Advarsler"));
        Assert.That(run.Out, Does.Contain(format == "json" ? "\"ips\"" : "(ips)"), "the built-in rules still recommend IPS");
    }

    [Test]
    public void Batch_EveryLineGetsItsAnswer_WhenARuleThrowsForOne()
    {
        var pack = Write("pack.json", Packs.WithExpression("100 / (profile.Age - 42) != 0"));
        var input = Write("in.ndjson", string.Join("\n", new[] { 41, 42, 43 }.Select(a => $$"""{ "id": "c{{a}}", "age": {{a}}, "readiness": "activity-ready" }""")) + "\n");
        var output = Path.Combine(Dir, "out.ndjson");

        var run = ConsoleRun.InProcess("batch", input, "--rules", pack, "--output", output);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success), run.Err);
        var lines = File.ReadAllLines(output);
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines.Select(l => l.Contains("\"warnings\"")), Is.EqualTo(new[] { false, true, false }));
    }
}
