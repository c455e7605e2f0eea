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

    /// <summary>What makes the pack's advice poorer but not wrong (it loads): for example a dated rule in force on no day, or dated values that overlap.</summary>
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
        var accepted = new List<PackDefinition>();
        if (includeBuiltInPack) accepted.Add(BuiltInPack.Parse());

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
                reports.Add(Check(def, file, accepted, problems));
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
        return Check(def, source, new List<PackDefinition> { BuiltInPack.Parse() }, problems);
    }

    private static PackReport Check(PackDefinition? def, string source, List<PackDefinition> accepted, List<PackProblem> problems)
    {
        if (def is null)
            return new PackReport(source, null, null, 0, problems);

        // Compile on top of everything accepted so far; problems of earlier packs cannot occur (they were valid).
        var all = new List<PackDefinition>(accepted) { def };
        var set = RuleSetCompiler.TryCompile(all, null, problems);
        var mine = problems.Where(p => p.File == source || p.Pack == def.Name).ToList();
        var ordered = PackSources.InLoadOrder(mine, new List<string> { source });
        if (ordered.Count == 0) accepted.Add(def);
        var warnings = set?.PackWarnings.Where(w => w.Pack == def.Name).OrderBy(w => w.Line ?? 0).ToList() ?? new List<PackProblem>();
        return new PackReport(source, def.Name, def.Version, def.Workflows.Sum(w => w.Rules.Count), ordered) { Warnings = warnings };
    }
}
