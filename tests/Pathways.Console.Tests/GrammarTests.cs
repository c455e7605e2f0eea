using System.CommandLine;

namespace Pathways.Console.Tests;

/// <summary>
/// The console builds only the command it is asked for (a cold start does not pay for the other four); what a user
/// sees must be what the whole grammar gives: the same help, the same errors, the same parse.
/// </summary>
public class GrammarTests
{
    [TestCase("recommend", "--help")]
    [TestCase("recommend", "p.json", "--format", "xml")]
    [TestCase("recommend", "p.json", "--lang", "sv")]
    [TestCase("recommend", "p.json", "--rulez", "x")]
    [TestCase("recommend")]
    [TestCase("validate", "--help")]
    [TestCase("validate")]
    [TestCase("batch", "in.ndjson", "--brief", "--lang", "en")]
    [TestCase("batch", "--help")]
    [TestCase("schema", "--rules")]
    [TestCase("test", "--help")]
    [TestCase("recommend", "--version")]
    public void TheCommandAlone_ParsesAndHelpsAsTheWholeGrammar(params string[] args)
    {
        Assert.That(Outcome(Cli.Build(Io(), args[0]), args), Is.EqualTo(Outcome(Cli.Build(Io()), args)));
    }

    [TestCase("recomend", "p.json")]
    [TestCase("--help")]
    public void AnUnknownCommandOrTheRootHelp_GetsTheWholeGrammar(params string[] args)
    {
        Assert.That(Cli.Build(Io(), args[0]).Subcommands, Has.Count.EqualTo(5));
    }

    /// <summary>What the console takes without System.CommandLine must be exactly what System.CommandLine makes of it.</summary>
    [TestCase("recommend", "p.json")]
    [TestCase("recommend", "-")]
    [TestCase("recommend", "p.json", "--format", "json")]
    [TestCase("recommend", "p.json", "--format", "text")]
    [TestCase("recommend", "p.json", "--lang", "en")]
    [TestCase("recommend", "p.json", "--lang", "da", "--format", "json")]
    [TestCase("recommend", "dir/with space.json", "--format", "json", "--lang", "en")]
    public void APlainRecommend_IsTakenAsSystemCommandLineTakesIt(params string[] args)
    {
        Assert.That(PlainRecommend.TryParse(args, out var plain), Is.True);
        var parse = Cli.Build(Io()).Parse(args);
        var command = parse.CommandResult.Command;
        Assert.That(parse.Errors, Is.Empty);
        Assert.That(command.Name, Is.EqualTo("recommend"));
        Assert.That(parse.GetValue<string>("profile.json"), Is.EqualTo(plain.Profile));
        Assert.That(parse.GetValue<string>("--format") == "json", Is.EqualTo(plain.Json));
        Assert.That(parse.GetValue<string>("--lang") == "en" ? Language.En : Language.Da, Is.EqualTo(plain.Language));
        Assert.That(parse.GetValue<string[]>("--rules"), Is.Null.Or.Empty);
    }

    /// <summary>Everything else goes to System.CommandLine: help, errors, other spellings and options.</summary>
    [TestCase("recommend")]
    [TestCase("recommend", "--help")]
    [TestCase("recommend", "-h")]
    [TestCase("recommend", "p.json", "--help")]
    [TestCase("recommend", "p.json", "--format=json")]
    [TestCase("recommend", "p.json", "--format", "xml")]
    [TestCase("recommend", "p.json", "--lang", "EN")]
    [TestCase("recommend", "p.json", "--lang", "en", "--lang", "da")]
    [TestCase("recommend", "p.json", "--rules", "pack.json")]
    [TestCase("recommend", "@args.rsp")]
    [TestCase("recommend", "--", "p.json")]
    [TestCase("recommend", "p.json", "extra")]
    [TestCase("recommend", "--format", "json", "p.json")]
    [TestCase("Recommend", "p.json")]
    [TestCase("validate", "p.json")]
    public void AnythingElse_GoesToSystemCommandLine(params string[] args)
    {
        Assert.That(PlainRecommend.TryParse(args, out _), Is.False);
    }

    [Test]
    public void APlainRecommend_PrintsWhatTheWholeGrammarPrints()
    {
        var profile = Path.Combine(Repo.Profiles, "long-term-activity-ready-parent.json");
        foreach (var extra in new[] { Array.Empty<string>(), new[] { "--format", "json" }, new[] { "--lang", "en" } })
        {
            var args = new[] { "recommend", profile }.Concat(extra).ToArray();
            var fast = ConsoleRun.InProcess(args);
            var io = new ConsoleIo(new StringWriter { NewLine = "\n" }, new StringWriter { NewLine = "\n" }, TextReader.Null, ConsoleEnvironment.Plain);
            var exit = Cli.Build(io).Parse(args).Invoke(new InvocationConfiguration { Output = io.Out, Error = io.Err });

            Assert.That((fast.Exit, fast.Out, fast.Err), Is.EqualTo((exit, io.Out.ToString(), io.Err.ToString())));
            Assert.That(fast.Out, Is.Not.Empty);
        }
    }

    private static ConsoleIo Io() => new(new StringWriter(), new StringWriter(), TextReader.Null, ConsoleEnvironment.Plain);

    private static string Outcome(Command root, string[] args)
    {
        var parse = root.Parse(args);
        var errors = string.Join("\n", parse.Errors.Select(e => e.Message));
        var values = parse.Errors.Count > 0 ? string.Empty : string.Join("|", parse.CommandResult.Command.Options.Select(o => o.Name + "=" + Describe(parse.GetResult(o)?.Implicit, parse.CommandResult.GetValue<object?>(o.Name))));
        var help = new StringWriter();
        if (args.Contains("--help"))
            parse.Invoke(new InvocationConfiguration { Output = help, Error = help });
        return $"{parse.CommandResult.Command.Name}\n{errors}\n{values}\n{help}";
    }

    private static string Describe(bool? implicitValue, object? value) =>
        (implicitValue == true ? "default:" : string.Empty) + (value is string[] a ? string.Join(",", a) : value?.ToString());
}

/// <summary>The console's error writer is opened only when something is written to it.</summary>
public class LazyWriterTests
{
    [TestCase(new string[0], false, "")]
    [TestCase(new[] { "x" }, true, "x")]
    [TestCase(new[] { "a", "b\n", "c" }, true, "ab\nc")]
    public void TheRealWriter_IsOpenedOnTheFirstWrite(string[] writes, bool opened, string expected)
    {
        var made = 0;
        var real = new StringWriter { NewLine = "\n" };
        var lazy = new Program.LazyWriter(() => { made++; return real; });
        foreach (var w in writes) lazy.Write(w);
        lazy.Flush();

        Assert.That((made, lazy.Opened, real.ToString()), Is.EqualTo((opened ? 1 : 0, opened, expected)));
    }
}
