namespace Pathways;

/// <summary>Checks a profile and context against the ranges and values of the built-in fact table (CONTRACT §2).</summary>
public static class ProfileValidator
{
    /// <summary>
    /// Every problem with the built-in fields of the profile and context; empty when both are valid. The declared facts in
    /// <see cref="CitizenProfile.Facts"/> are checked by the recommender, which knows the loaded packs' declarations.
    /// </summary>
    public static IReadOnlyList<ProfileProblem> Validate(CitizenProfile profile, AssessmentContext? context = null)
    {
        if (profile is null)
        {
            throw new ArgumentNullException(nameof(profile));
        }

        var problems = new List<ProfileProblem>();
        FactTable.Validate(profile, context, problems);
        return problems.Count == 0 ? Array.Empty<ProfileProblem>() : problems;
    }

    /// <summary>Throws <see cref="ProfileValidationException"/> listing every problem, if there is any.</summary>
    public static void EnsureValid(CitizenProfile profile, AssessmentContext? context = null)
    {
        var problems = Validate(profile, context);
        if (problems.Count > 0)
        {
            throw new ProfileValidationException(problems);
        }
    }
}
