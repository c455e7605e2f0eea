namespace Pathways;

/// <summary>
/// Recommends the interventions that the loaded evidence supports for a citizen. Thread-safe: keep one instance
/// for the process. Every call uses one consistent rule set, even while a reload replaces it.
/// </summary>
public interface IPathwayRecommender
{
    /// <summary>The identity of the rule set currently in force.</summary>
    RuleSetInfo RuleSet { get; }

    /// <summary>Recommends for one citizen, in the configured language, with explanations.</summary>
    /// <param name="profile">The citizen.</param>
    /// <param name="context">The caseworker's context; <see langword="null"/> when nothing is known of it.</param>
    /// <exception cref="ProfileValidationException">The profile or context is out of the contract's ranges.</exception>
    RecommendationResult Recommend(CitizenProfile profile, AssessmentContext? context = null);

    /// <summary>Recommends for one citizen with per-call options (language, explanations).</summary>
    /// <exception cref="ProfileValidationException">The profile or context is out of the contract's ranges.</exception>
    RecommendationResult Recommend(CitizenProfile profile, AssessmentContext? context, RecommendOptions options);
}
