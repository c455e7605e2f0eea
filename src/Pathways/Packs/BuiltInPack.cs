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
        // Precompiled, every rule of the pack is C# already: nothing to parse, so the parser's warm-up would only cost.
        var definition = Parse();
        if (PrecompiledBuiltInPack.RulesFor(new[] { definition }) is null) ParserWarmUp.Start();
        return RuleSetCompiler.Compile(new[] { definition });
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

    /// <summary>Whether the pack comes from its precompiled form (<see cref="PrecompiledBuiltInPack"/>) in this process.</summary>
    public static bool IsPrecompiled
    {
        get
        {
            // 0 not checked yet, 1 precompiled, 2 not; two threads may both check, with the same answer.
            if (_precompiled == 0) _precompiled = PrecompiledBuiltInPack.IsFor(ReadBytes()) ? 1 : 2;
            return _precompiled == 1;
        }
    }

    private static volatile int _precompiled;

    private static PackDefinition ParseJson()
    {
        // The same definition, written as C# when the library was built from these very bytes (checked by their SHA-256).
        if (IsPrecompiled) return PrecompiledBuiltInPack.Definition();

        var problems = new List<PackProblem>();
        var def = PackParser.Parse(Json, SourceLabel, problems);
        if (def is null || problems.Count > 0) throw new PackLoadException(problems);
        return def;
    }

    private static string ReadJson()
    {
        var bytes = ReadBytes();
        return new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8).ReadToEnd();
    }

    /// <summary>The embedded pack's bytes as built into the assembly.</summary>
    internal static byte[] ReadBytes()
    {
        using var stream = typeof(BuiltInPack).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The built-in pack resource '{ResourceName}' is missing from the assembly.");
        var bytes = new byte[stream.Length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = stream.Read(bytes, read, bytes.Length - read);
            if (n == 0) break;
            read += n;
        }

        return bytes;
    }
}
