namespace Pathways;

/// <summary>
/// How Pathways is set up: which packs to load besides the built-in one, the default language, and local
/// values for the packs' named parameters. Bindable from configuration (<c>"Pathways": { "Packs": [...],
/// "Language": "da" }</c>); checked when the recommender starts, with every problem listed at once.
/// </summary>
public sealed class PathwaysOptions
{
    /// <summary>Pack files and folders, in load order. A folder loads its <c>*.json</c> files in name order.</summary>
    public IList<string> Packs { get; } = new List<string>();

    /// <summary>The default language of result texts. Danish unless set.</summary>
    public Language Language { get; set; } = Language.Da;

    /// <summary>Whether the built-in pack from STAR's note is loaded first. On unless turned off.</summary>
    public bool IncludeBuiltInPack { get; set; } = true;

    /// <summary>
    /// The clock that gives today's date in Denmark for an assessment without <see cref="AssessmentContext.AssessmentDate"/>;
    /// <see langword="null"/> uses the system clock. Tests set a fixed clock; with dependency injection, a registered
    /// <see cref="System.TimeProvider"/> is used when this is not set.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Local values for the packs' named parameters (thresholds the note does not give), by name.</summary>
    public IDictionary<string, double> Parameters { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    internal List<(string Label, Func<Stream> Open)> PackStreams { get; } = new();

    /// <summary>Adds a pack kept outside the file system; <paramref name="open"/> is called at each (re)load.</summary>
    /// <param name="label">A name for the pack's source, used in error messages and the rule-set identity.</param>
    /// <param name="open">Opens a fresh stream with the pack's JSON; the stream is disposed after reading.</param>
    /// <returns>These options, for chaining.</returns>
    public PathwaysOptions AddPackFromStream(string label, Func<Stream> open)
    {
        if (string.IsNullOrWhiteSpace(label)) throw new ArgumentException("A label is required.", nameof(label));
        PackStreams.Add((label, open ?? throw new ArgumentNullException(nameof(open))));
        return this;
    }

    /// <summary>Every problem with these options, without loading any pack; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(typeof(Language), Language))
            problems.Add($"Pathways:Language has value {(int)Language}: allowed 'da' or 'en'.");
        for (var i = 0; i < Packs.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Packs[i]))
                problems.Add($"Pathways:Packs:{i} is empty: give a pack file or folder.");
        }

        foreach (var kv in Parameters)
        {
            if (double.IsNaN(kv.Value) || double.IsInfinity(kv.Value))
                problems.Add($"Pathways:Parameters:{kv.Key} is not a finite number.");
        }

        if (!IncludeBuiltInPack && Packs.Count == 0 && PackStreams.Count == 0)
            problems.Add("Pathways:IncludeBuiltInPack is false and no pack is given: at least one pack must be loaded.");
        return problems;
    }
}
