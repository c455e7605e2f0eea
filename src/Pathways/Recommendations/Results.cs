namespace Pathways;

/// <summary>A study supporting a recommendation, with the finding the note attributes to it.</summary>
/// <param name="Key">The citation key, e.g. <c>graversen-2012</c>.</param>
/// <param name="Text">Author, year and the organisation the note names; a title only where the note gives one.</param>
/// <param name="Finding">What the note attributes to this study, for the finding the recommendation rests on.</param>
public sealed record Citation(string Key, string Text, string Finding);

/// <summary>One recommended intervention or practice. Immutable.</summary>
public sealed record Recommendation
{
    /// <summary>The catalogue id, e.g. <c>private-wage-subsidy</c>.</summary>
    public required string InterventionId { get; init; }

    /// <summary>An offer to the citizen, or advice to the jobcentre.</summary>
    public required InterventionKind Kind { get; init; }

    /// <summary>The title in the result's language.</summary>
    public required string Title { get; init; }

    /// <summary>The strongest grade among the rules that recommend it.</summary>
    public required EvidenceGrade Evidence { get; init; }

    /// <summary>The note's conclusion (1–5) this comes from, when it comes from the note.</summary>
    public int? Conclusion { get; init; }

    /// <summary>Why it fits this citizen.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>What to keep in mind: business cycle, lock-in, duration, age band.</summary>
    public required IReadOnlyList<string> Caveats { get; init; }

    /// <summary>The studies behind it; never empty.</summary>
    public required IReadOnlyList<Citation> Citations { get; init; }
}

/// <summary>An intervention in the catalogue that was not recommended, and why not.</summary>
/// <param name="InterventionId">The catalogue id.</param>
/// <param name="Title">The title in the result's language, so that a caseworker can read the list.</param>
/// <param name="Reasons">The conditions that failed, exclusions that applied, or facts that were unknown.</param>
public sealed record NotRecommendedIntervention(string InterventionId, string Title, IReadOnlyList<string> Reasons);

/// <summary>A pack that is part of the rule set.</summary>
/// <param name="Name">The pack's name.</param>
/// <param name="Version">The pack's version.</param>
/// <param name="Source">Where it came from: <c>built-in</c>, a file path or a stream label.</param>
/// <param name="Hash">The SHA-256 of the pack's canonical JSON, as <c>sha256:…</c>.</param>
public sealed record PackInfo(string Name, string Version, string Source, string Hash);

/// <summary>The identity of the rule set that produced a result.</summary>
/// <param name="Name">The rule set's name: the built-in pack's name, followed by the names of added packs.</param>
/// <param name="Version">The version: the built-in pack's, followed by those of added packs.</param>
/// <param name="Hash">A SHA-256 over every pack and parameter in load order, as <c>sha256:…</c>.</param>
/// <param name="Packs">Every pack, in load order.</param>
public sealed record RuleSetInfo(string Name, string Version, string Hash, IReadOnlyList<PackInfo> Packs);

/// <summary>What Pathways advises for one citizen. Immutable; the same input always gives an equal result.</summary>
public sealed record RecommendationResult
{
    /// <summary>The profile's opaque id, echoed.</summary>
    public string? Id { get; init; }

    /// <summary>The rule set that produced this result.</summary>
    public required RuleSetInfo RuleSet { get; init; }

    /// <summary>One sentence saying what the advice is and is not.</summary>
    public required string Advisory { get; init; }

    /// <summary>The language of the texts.</summary>
    public Language Language { get; init; }

    /// <summary>Interventions before practice, then strongest evidence first, then by id.</summary>
    public required IReadOnlyList<Recommendation> Recommendations { get; init; }

    /// <summary>Every other catalogue entry and why it was not recommended; empty when explanations were not asked for.</summary>
    public required IReadOnlyList<NotRecommendedIntervention> NotRecommended { get; init; }

    /// <summary>
    /// What limits this answer: one entry per rule that could not be evaluated for this citizen (its expression
    /// threw) and so counts as not met. Empty for almost every result.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}

/// <summary>Per-call choices for <see cref="IPathwayRecommender.Recommend(CitizenProfile, AssessmentContext?, RecommendOptions)"/>.</summary>
public sealed record RecommendOptions
{
    /// <summary>The defaults: the configured language, with explanations.</summary>
    public static RecommendOptions Default { get; } = new();

    /// <summary>The language of the texts; <see langword="null"/> uses <see cref="PathwaysOptions.Language"/>.</summary>
    public Language? Language { get; init; }

    /// <summary>
    /// Whether to explain: the citizen's matched facts among the reasons, and why each other catalogue entry was
    /// not recommended. Without it, results for the same matched rules are shared and a call costs far less.
    /// </summary>
    public bool Explain { get; init; } = true;
}
