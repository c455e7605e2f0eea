namespace Pathways;

/// <summary>
/// The built-in evidence pack from STAR's background note, embedded in the assembly from <c>rules/</c> at build
/// time and read once, lazily, on first use (as NodaTime loads its tz database).
/// </summary>
internal static class BuiltInPack
{
    internal const string ResourceName = "Pathways.Rules.pathways.json";
    internal const string SourceLabel = "built-in";

    private static readonly Lazy<string> LazyJson = new(ReadJson, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<PackDefinition> LazyDefinition = new(ParseJson, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<CompiledRuleSet> LazyRuleSet = new(() =>
    {
        ParserWarmUp.Start();
        return RuleSetCompiler.Compile(new[] { Parse() });
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The pack's JSON text.</summary>
    public static string Json => LazyJson.Value;

    /// <summary>The built-in pack alone, compiled once per process.</summary>
    public static CompiledRuleSet RuleSet => LazyRuleSet.Value;

    /// <summary>
    /// The parsed pack, read once per process and shared by every compilation (reloads, validation). Compiling changes
    /// nothing in it: only an overriding rule of a later pack is moved into the workflow of the rule it replaces.
    /// </summary>
    public static PackDefinition Parse() => LazyDefinition.Value;

    private static PackDefinition ParseJson()
    {
        var problems = new List<PackProblem>();
        var def = PackParser.Parse(Json, SourceLabel, problems);
        if (def is null || problems.Count > 0) throw new PackLoadException(problems);
        return def;
    }

    private static string ReadJson()
    {
        using var stream = typeof(BuiltInPack).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The built-in pack resource '{ResourceName}' is missing from the assembly.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
