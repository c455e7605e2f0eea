namespace Pathways.Console;

/// <summary><c>pathways schema [--rules …]</c>: the profile JSON Schema for the loaded packs, declared facts included.</summary>
internal static class SchemaCommand
{
    public static int Run(ConsoleIo io, IReadOnlyList<string> rules)
    {
        var recommender = Inputs.OpenRecommender(io, rules, Language.Da, out var exitCode);
        if (recommender is null) return exitCode;
        io.Out.Write(recommender.ProfileSchema());
        return ExitCodes.Success;
    }
}
