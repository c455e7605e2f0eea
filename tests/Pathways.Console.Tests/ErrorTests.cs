namespace Pathways.Console.Tests;

/// <summary>Bad input: each error is one sentence on standard error naming the file, the field and the problem.</summary>
public sealed class ErrorTests : TempFiles
{
    [TestCase("wrong-type", """{ "age": "forty", "readiness": "job-ready" }""", "'age'", "must be a whole number")]
    [TestCase("out-of-range", """{ "age": 12, "readiness": "job-ready" }""", "'age'", "15–100")]
    [TestCase("fraction-out-of-range", """{ "age": 40, "readiness": "job-ready", "weeklyPaidHours": 81.5 }""", "'weeklyPaidHours'", "0–80")]
    [TestCase("unknown-enum", """{ "age": 40, "readiness": "ready" }""", "'readiness'", "'job-ready'")]
    [TestCase("unknown-context-enum", """{ "age": 40, "readiness": "job-ready", "context": { "businessCycle": "slump" } }""", "'context.businessCycle'", "'recession'")]
    [TestCase("unknown-property", """{ "age": 40, "readiness": "job-ready", "mentalIlness": true }""", "'mentalIlness'", "did you mean 'mentalIllness'")]
    [TestCase("caseload-out-of-range", """{ "age": 40, "readiness": "job-ready", "context": { "caseworkerCaseload": 0 } }""", "'context.caseworkerCaseload'", "1–1000")]
    [TestCase("missing-required", """{ "readiness": "job-ready" }""", "'age'", "required")]
    [TestCase("malformed", "{ \"age\": 40,\n", "Malformed JSON", "line")]
    [TestCase("not-an-object", "[1, 2]", "JSON object", "array")]
    [TestCase("empty", "", "empty", "JSON object")]
    public void BadProfile_Exits2_WithOneSentenceNamingFileAndField(string name, string json, string field, string problem)
    {
        var path = Write(name + ".json", json);

        var run = ConsoleRun.InProcess("recommend", path);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidProfile));
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.ErrLines, Has.Length.EqualTo(1), run.Err);
        Assert.That(run.Err, Does.StartWith(path));
        Assert.That(run.Err, Does.Contain(field).And.Contain(problem));
        AssertNoStackTrace(run.Err);
    }

    [TestCase("missing.json", "no profile file at this path")]
    [TestCase("", "this is a folder")]
    public void MissingProfileFile_Exits2_AsInvalidProfileInput(string name, string problem)
    {
        var path = name.Length == 0 ? Dir : Path.Combine(Dir, name);

        var run = ConsoleRun.InProcess("recommend", path);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidProfile));
        Assert.That(run.Err, Is.EqualTo($"{path}: {problem}; give the profile file.\n").Or.EqualTo($"{path}: {problem}.\n"));
    }

    [Test]
    public void ProfileWithSeveralProblems_GivesOneLinePerProblem_WithItsLine()
    {
        var path = Write("two.json", "{\n  \"age\": 7,\n  \"readiness\": \"jobready\"\n}");

        var run = ConsoleRun.InProcess("recommend", path);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidProfile));
        Assert.That(run.ErrLines, Has.Length.EqualTo(2));
        Assert.That(run.ErrLines[0], Does.StartWith($"{path}, line 2: Field 'age'"));
        Assert.That(run.ErrLines[1], Does.StartWith($"{path}, line 3: Field 'readiness'"));
    }

    [TestCase("")]
    [TestCase("frobnicate")]
    [TestCase("recommend")]
    [TestCase("recommend a.json --format yaml")]
    [TestCase("recommend a.json --lang de")]
    [TestCase("recommend a.json --bogus")]
    [TestCase("recommend a.json b.json")]
    [TestCase("recommend a.json --rules")]
    [TestCase("validate")]
    [TestCase("batch")]
    [TestCase("batch a.ndjson --output")]
    public void UsageError_Exits1_WithOneSentence(string commandLine)
    {
        var run = ConsoleRun.InProcess(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.ErrLines, Has.Length.EqualTo(1), run.Err);
        Assert.That(run.Err, Does.StartWith("Usage error: ").And.Contain("--help'."));
        AssertNoStackTrace(run.Err);
    }

    [TestCase("--format", "'yaml'", "text or json")]
    [TestCase("--lang", "'de'", "da or en")]
    public void BadOptionValue_NamesTheOptionTheValueAndWhatIsAllowed(string option, string value, string allowed)
    {
        var run = ConsoleRun.InProcess("recommend", Repo.Profile("job-ready-boom"), option, value.Trim('\''));

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Err, Does.Contain(option).And.Contain(value).And.Contain(allowed));
    }

    [TestCase("--help")]
    [TestCase("recommend --help")]
    [TestCase("batch -h")]
    public void Help_Exits0_AndNamesTheCommand(string commandLine)
    {
        var run = ConsoleRun.InProcess(commandLine.Split(' '));

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Out, Does.Contain("Usage:").And.Contain("pathways"));
    }

    [TestCase("missing.json", "No pack file or folder at this path")]
    [TestCase("empty-folder", "The folder holds no *.json pack files")]
    public void MissingPack_Exits3_NamingThePath(string name, string problem)
    {
        var path = Path.Combine(Dir, name);
        if (name == "empty-folder") Directory.CreateDirectory(path);

        var run = ConsoleRun.InProcess("recommend", Repo.Profile("job-ready-boom"), "--rules", path);

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidPack));
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.Err, Is.EqualTo($"{path}: {problem}.\n"));
    }

    [Test]
    public void RefusedPack_Exits3_NamingFileWorkflowRuleAndLine()
    {
        var path = Write("bad.json", Packs.WithExpression("profile.Agee >= 18"));

        var run = ConsoleRun.InProcess("recommend", Repo.Profile("job-ready-boom"), "--rules", path, "--format", "json");

        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InvalidPack));
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.Err, Does.StartWith($"{path}({Packs.ExpressionLine}): workflow 'w', rule 'R'"));
        Assert.That(run.Err, Does.Contain("Agee"));
        AssertNoStackTrace(run.Err);
    }

    [Test]
    public void UnexpectedFailure_Exits4_WithOneSentenceAndNoStackTrace()
    {
        // An output that fails mid-write (a closed pipe, a full disk) is neither the input nor a pack.
        var stderr = new StringWriter();

        var exit = Program.Run(new[] { "recommend", Repo.Profile("job-ready-boom"), "--format", "json" }, new FailingWriter(), stderr);

        Assert.That(exit, Is.EqualTo(ExitCodes.Unexpected));
        Assert.That(stderr.ToString(), Is.EqualTo("pathways stopped on an unexpected error (IOException): The pipe is closed.\n").Or.EqualTo("pathways stopped on an unexpected error (IOException): The pipe is closed." + Environment.NewLine));
    }

    private sealed class FailingWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("The pipe is closed.");

        public override void Write(string? value) => throw new IOException("The pipe is closed.");
    }

    internal static void AssertNoStackTrace(string text)
    {
        Assert.That(text, Does.Not.Contain("   at ").And.Not.Contain("Exception:"));
    }
}
