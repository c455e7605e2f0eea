namespace Pathways;

/// <summary>
/// What validating one pack file found: who the pack is and every problem, each with its file, workflow, rule and
/// line. Immutable.
/// </summary>
/// <param name="Source">The pack file (or the path given, when it names no pack file).</param>
/// <param name="Name">The pack's name, when it could be read.</param>
/// <param name="Version">The pack's version, when it could be read.</param>
/// <param name="RuleCount">The number of top-level rules the pack defines (0 when it could not be read).</param>
/// <param name="Problems">Every problem found, in line order; empty when the pack is valid.</param>
public sealed record PackReport(string Source, string? Name, string? Version, int RuleCount, IReadOnlyList<PackProblem> Problems)
{
    /// <summary>Whether the pack would load: no problems were found.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>
    /// What makes the pack's advice poorer but not wrong (CONTRACT §4.4): a citation with no finding, a recommending
    /// rule with no reason, a fact with no label, a dated rule in force on no day, dated values that overlap. The pack
    /// loads; the library logs these at load.
    /// </summary>
    public IReadOnlyList<PackProblem> Warnings { get; init; } = Array.Empty<PackProblem>();
}

/// <summary>
/// Checks packs exactly as loading them would (shape, references, overrides, the expression allow-list and
/// compilation), without loading them into a recommender. Used by <c>pathways validate</c>.
/// </summary>
public static class PackValidator
{
    /// <summary>
    /// Validates pack files and folders (a folder's <c>*.json</c> files in ordinal name order), each on top of the
    /// built-in pack and the valid packs before it, as <see cref="PathwaysOptions.Packs"/> would load them.
    /// </summary>
    /// <param name="paths">Pack files and folders, in load order.</param>
    /// <returns>One report per pack file, in load order; a path that names no file or folder gets one report too.</returns>
    public static IReadOnlyList<PackReport> Validate(IEnumerable<string> paths) => Validate(paths, includeBuiltInPack: true);

    /// <summary>Validates pack files and folders, optionally without the built-in pack beneath them.</summary>
    /// <param name="paths">Pack files and folders, in load order.</param>
    /// <param name="includeBuiltInPack">Whether the packs are checked on top of the built-in pack (as loading does by default).</param>
    /// <returns>One report per pack file, in load order.</returns>
    public static IReadOnlyList<PackReport> Validate(IEnumerable<string> paths, bool includeBuiltInPack)
    {
        if (paths is null) throw new ArgumentNullException(nameof(paths));
        var reports = new List<PackReport>();
        var parser = new RulesEngine.ExpressionBuilders.RuleExpressionParser(RuleSetCompiler.CreateSettings());
        var accepted = RuleSetCompiler.MergeOnly(includeBuiltInPack ? new[] { BuiltInPack.Parse() } : System.Array.Empty<PackDefinition>(), new List<PackProblem>());

        foreach (var path in paths)
        {
            var found = new List<PackProblem>();
            var files = string.IsNullOrWhiteSpace(path) ? System.Array.Empty<string>() : PackSources.Expand(path, found);
            if (string.IsNullOrWhiteSpace(path))
                found.Add(new PackProblem(path ?? string.Empty, null, null, null, null, "The pack path is empty: give a pack file or folder."));
            if (found.Count > 0)
            {
                reports.Add(new PackReport(path ?? string.Empty, null, null, 0, found));
                continue;
            }

            foreach (var file in files)
            {
                var problems = new List<PackProblem>();
                var def = PackSources.ReadFile(file, problems);
                reports.Add(Check(def, file, ref accepted, problems, parser));
            }
        }

        return reports;
    }

    /// <summary>Validates one pack's JSON text (for packs kept outside the file system) on top of the built-in pack.</summary>
    /// <param name="json">The pack's JSON.</param>
    /// <param name="source">A label for the pack's source, used in the problems.</param>
    /// <returns>The report for the pack.</returns>
    public static PackReport ValidateJson(string json, string source)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        if (string.IsNullOrWhiteSpace(source)) throw new ArgumentException("A source label is required.", nameof(source));
        var problems = new List<PackProblem>();
        var def = PackParser.Parse(json, source, problems);
        var accepted = RuleSetCompiler.MergeOnly(new[] { BuiltInPack.Parse() }, new List<PackProblem>());
        return Check(def, source, ref accepted, problems, new RulesEngine.ExpressionBuilders.RuleExpressionParser(RuleSetCompiler.CreateSettings()));
    }

    private static PackReport Check(PackDefinition? def, string source, ref RuleSetCompiler.Merged accepted, List<PackProblem> problems, RulesEngine.ExpressionBuilders.RuleExpressionParser parser)
    {
        if (def is null)
            return new PackReport(source, null, null, 0, problems);

        // Merge on top of everything accepted so far and compile this pack's rules only: the earlier packs were
        // valid, and merging and compiling them again for every pack made a folder of packs quadratic.
        var merged = RuleSetCompiler.CheckOnTop(accepted, def, problems, parser);
        var mine = problems.Where(p => p.File == source || p.Pack == def.Name).ToList();
        var ordered = PackSources.InLoadOrder(mine, new List<string> { source });
        if (ordered.Count == 0) accepted = merged;
        var warnings = PackSources.InLoadOrder(merged.Warnings.Where(w => w.File == source).ToList(), new List<string> { source }).ToList();

        // Dates are judged over the whole rule set (a rule in force on no day, overlapping values): only a pack that
        // has dates pays for compiling it.
        if (ordered.Count == 0 && HasDates(def) && RuleSetCompiler.TryCompile(merged.Packs, null, new List<PackProblem>()) is { } set)
            warnings.AddRange(set.PackWarnings.Where(w => w.Pack == def.Name).OrderBy(w => w.Line ?? 0));
        return new PackReport(source, def.Name, def.Version, def.Workflows.Sum(w => w.Rules.Count), ordered) { Warnings = warnings };
    }

    private static bool HasDates(PackDefinition def) =>
        def.Parameters.Any(p => p.Entry.Periods is not null)
        || def.Workflows.SelectMany(w => w.Rules).SelectMany(RuleSetCompiler.Flatten).Any(r => r.ValidFrom is not null || r.ValidTo is not null);
}
