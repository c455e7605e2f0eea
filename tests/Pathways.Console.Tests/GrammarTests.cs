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
