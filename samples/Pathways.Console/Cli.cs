using System.CommandLine;
using System.CommandLine.Help;

namespace Pathways.Console;

/// <summary>The command-line grammar (CONTRACT §6), parsed by System.CommandLine, which also writes <c>--help</c>.</summary>
internal static class Cli
{
    public static int Invoke(string[] args, ConsoleIo io)
    {

        // Only the command that is asked for is built (with the root's options): a one-shot `recommend` does not pay for
        // building the grammar of the other four. Anything else (no command, a typo, `--help`) gets the whole grammar.
        var root = Build(io, args.Length > 0 ? args[0] : null);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine would print every error and the whole help; a script wants one sentence and exit 1.
            var command = parse.CommandResult.Command;
            var path = command == root ? "pathways" : "pathways " + command.Name;
            io.Error($"Usage error: {OneSentence(parse.Errors[0].Message)}; see '{path} --help'.");
            return ExitCodes.Usage;
        }

        return parse.Invoke(new InvocationConfiguration
        {
            Output = io.Out,
            Error = io.Err,
            EnableDefaultExceptionHandler = false,
        });
    }

    internal static Command Build(ConsoleIo io, string? only = null)
    {
        // A plain command named `pathways` rather than RootCommand, which takes its name from the process (the
        // assembly, or the test host): help and errors then name the command a user types.
        var root = new Command("pathways",
            "Pathways: evidence-based suggestions of employment interventions for citizens further from the labour " +
            "market, from STAR's background note. Exit codes: 0 success, 1 usage error, 2 invalid profile input, " +
            "3 invalid pack, 5 a pack test failed.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        var commands = new (string Name, Func<ConsoleIo, Command> Make)[]
        {
            ("recommend", Recommend), ("validate", Validate), ("batch", Batch), ("schema", Schema), ("test", Test),
        };
        var asked = Array.FindIndex(commands, c => c.Name == only);
        foreach (var (name, make) in commands)
        {
            if (asked < 0 || name == only) root.Subcommands.Add(make(io));
        }

        return root;
    }

    private static Option<string[]> RulesOption() => new("--rules")
    {
        Description = "A pack file or a folder of *.json packs to load after the built-in pack; repeat for more, loaded in the order given.",
        HelpName = "pack.json|folder",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private static Option<string> LangOption(string what)
    {
        var option = new Option<string>("--lang")
        {
            Description = $"The language of {what}: da (Danish, the default) or en (English).",
            DefaultValueFactory = _ => "da",
            HelpName = "da|en",
        };
        OneOf(option, "da", "en");
        return option;
    }

    private static Command Recommend(ConsoleIo io)
    {
        var profile = new Argument<string>("profile.json")
        {
            Description = "The citizen's profile as JSON (fields in docs/console.md); '-' reads standard input.",
        };
        var rules = RulesOption();
        var format = new Option<string>("--format")
        {
            Description = "text: a readable card per recommendation (the default); json: the result JSON, the same bytes for the same input.",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json",
        };
        OneOf(format, "text", "json");
        var lang = LangOption("the texts");

        var command = new Command("recommend", "Recommends interventions for one citizen profile.") { profile, rules, format, lang };
        command.SetAction(parse => RecommendCommand.Run(
            io,
            parse.GetRequiredValue(profile),
            parse.GetValue(rules) ?? Array.Empty<string>(),
            parse.GetValue(format) == "json",
            ToLanguage(parse.GetValue(lang))));
        return command;
    }

    private static Command Validate(ConsoleIo io)
    {
        var packs = new Argument<string[]>("pack.json|folder")
        {
            Description = "Pack files or folders of *.json packs, checked in the order given after the built-in pack, as the library loads them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Checks rule packs and lists every problem found.") { packs };
        command.SetAction(parse => ValidateCommand.Run(io, parse.GetRequiredValue(packs)));
        return command;
    }

    private static Command Test(ConsoleIo io)
    {
        var packs = new Argument<string[]>("pack.json|folder")
        {
            Description = "Pack files or folders of *.json packs to load after the built-in pack; the tests of every loaded pack run, the built-in pack's included.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("test", "Runs the test cases inside the loaded packs: a line per failed test, then 'N passed, N failed'.") { packs };
        command.SetAction(parse => TestCommand.Run(io, parse.GetValue(packs) ?? Array.Empty<string>()));
        return command;
    }

    private static Command Batch(ConsoleIo io)
    {
        var input = new Argument<string>("profiles.ndjson")
        {
            Description = "One profile JSON object per line; '-' reads standard input.",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to write one result JSON object per line; standard output when left out.",
            HelpName = "results.ndjson",
        };
        var rules = RulesOption();
        var lang = LangOption("the result texts");
        var brief = new Option<bool>("--brief")
        {
            Description = "Leave out the citizen-specific explanations (matched facts and why-not); the recommendations are the same, several times faster.",
        };
        var command = new Command("batch", "Recommends for every profile in an NDJSON file, streaming, in input order.") { input, output, rules, lang, brief };
        command.SetAction(parse => BatchCommand.Run(
            io,
            parse.GetRequiredValue(input),
            parse.GetValue(output),
            parse.GetValue(rules) ?? Array.Empty<string>(),
            ToLanguage(parse.GetValue(lang)),
            explain: !parse.GetValue(brief)));
        return command;
    }

    private static Command Schema(ConsoleIo io)
    {
        var rules = RulesOption();
        var command = new Command("schema", "Prints the profile JSON Schema for the loaded packs, the facts they declare included.") { rules };
        command.SetAction(parse => SchemaCommand.Run(io, parse.GetValue(rules) ?? Array.Empty<string>()));
        return command;
    }

    /// <summary>Refuses any other value with one sentence naming the option, the value and what is allowed.</summary>
    private static void OneOf(Option<string> option, params string[] allowed)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && Array.IndexOf(allowed, value) < 0)
                result.AddError($"{option.Name} has value '{value}', which is not allowed: use {string.Join(" or ", allowed)}");
        });
    }

    /// <summary>System.CommandLine's messages can run to several sentences and lines; a script's log wants one.</summary>
    internal static string OneSentence(string message)
    {
        var words = message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words).Replace(". ", "; ", StringComparison.Ordinal).TrimEnd('.');
    }

    private static Language ToLanguage(string? value) => value == "en" ? Language.En : Language.Da;
}
