namespace Pathways;

/// <summary>
/// Tries every compiled rule at load on the synthetic profiles of <see cref="ProbeGrid"/>, as advice would run it: a
/// rule that reads a fact unknown in a profile is not run for it. A rule that throws for one of them is refused,
/// naming the synthetic values, so that a rule which can throw (or can only throw) is found by its author, not at
/// advice time.
/// </summary>
internal static class ExpressionProbe
{
    /// <summary>The reason the rule is refused, or <see langword="null"/> when it gives an answer for every grid point.</summary>
    /// <param name="predicate">The compiled rule (with its LocalParams and GlobalParams).</param>
    /// <param name="facts">The facts the rule reads.</param>
    public static string? Refusal(Func<CitizenProfile, AssessmentContext, bool> predicate, Facts facts)
    {
        int tried = 0, thrown = 0;
        ProbeGrid.ProbePoint? first = null;
        Exception? error = null;
        foreach (var point in ProbeGrid.Points)
        {
            if ((facts & point.Unknown) != 0) continue;
            tried++;
            try
            {
                predicate(point.Profile, point.Context);
            }
            catch (Exception e) when (!RuleFailures.IsFatal(e))
            {
                thrown++;
                if (first is null)
                {
                    first = point;
                    error = e;
                }
            }
        }

        if (first is null) return null;
        if (facts == Facts.None) return $"throws {error!.GetType().Name} whatever the profile";
        var values = ProbeGrid.Describe(first, facts);
        return thrown == tried
            ? $"throws {error!.GetType().Name} for every profile it was tried on at load, e.g. {values} (synthetic boundary values, not a citizen's)"
            : $"throws {error!.GetType().Name} when tried at load with {values} (synthetic boundary values, not a citizen's); guard the expression so that it gives true or false for every valid profile";
    }
}
