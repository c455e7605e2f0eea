using System.Globalization;

namespace Pathways;

/// <summary>Checks a profile and context against the ranges of the public contract.</summary>
public static class ProfileValidator
{
    /// <summary>Every problem with the profile and context; empty when both are valid.</summary>
    public static IReadOnlyList<ProfileProblem> Validate(CitizenProfile profile, AssessmentContext? context = null)
    {
        if (profile is null)
        {
            throw new ArgumentNullException(nameof(profile));
        }

        List<ProfileProblem>? problems = null;
        void Add(string field, string value, string allowed) =>
            (problems ??= new()).Add(new ProfileProblem(field, value, $"Field '{field}' has value {value}, which is not allowed: {allowed}."));

        var inv = CultureInfo.InvariantCulture;
        if (profile.Age is < CitizenProfile.MinAge or > CitizenProfile.MaxAge)
            Add("age", profile.Age.ToString(inv), $"a whole number from {CitizenProfile.MinAge} to {CitizenProfile.MaxAge}");
        if (!IsDefined(profile.Readiness))
            Add("readiness", ((int)profile.Readiness).ToString(inv), "a defined Readiness value");
        if (profile.Benefit is { } b && !IsDefined(b))
            Add("benefit", ((int)b).ToString(inv), "a defined Benefit value");
        if (profile.MonthsOnBenefits is < 0)
            Add("monthsOnBenefits", profile.MonthsOnBenefits.Value.ToString(inv), "a whole number of 0 or more");
        if (profile.WeeklyPaidHours is { } h && (double.IsNaN(h) || h < 0 || h > CitizenProfile.MaxWeeklyPaidHours))
            Add("weeklyPaidHours", h.ToString(inv), $"a number from 0 to {CitizenProfile.MaxWeeklyPaidHours.ToString(inv)}");
        if (context is not null)
        {
            if (context.BusinessCycle is { } bc && !IsDefined(bc))
                Add("context.businessCycle", ((int)bc).ToString(inv), "a defined BusinessCycle value");
            if (context.CaseworkerCaseload is < AssessmentContext.MinCaseload or > AssessmentContext.MaxCaseload)
                Add("context.caseworkerCaseload", context.CaseworkerCaseload.Value.ToString(inv), $"a whole number from {AssessmentContext.MinCaseload} to {AssessmentContext.MaxCaseload}");
        }

        return problems ?? (IReadOnlyList<ProfileProblem>)Array.Empty<ProfileProblem>();
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

    /// <summary>A cheap check for the hot path; the full <see cref="Validate"/> runs only when it fails.</summary>
    internal static bool IsValidFast(CitizenProfile p, AssessmentContext c) =>
        p.Age is >= CitizenProfile.MinAge and <= CitizenProfile.MaxAge
        && (uint)p.Readiness <= (uint)Readiness.EducationReady
        && (p.Benefit is null || (uint)p.Benefit.Value <= (uint)Pathways.Benefit.Other)
        && p.MonthsOnBenefits is null or >= 0
        && (p.WeeklyPaidHours is null || (p.WeeklyPaidHours.Value >= 0 && p.WeeklyPaidHours.Value <= CitizenProfile.MaxWeeklyPaidHours))
        && (c.BusinessCycle is null || (uint)c.BusinessCycle.Value <= (uint)Pathways.BusinessCycle.Recession)
        && c.CaseworkerCaseload is null or (>= AssessmentContext.MinCaseload and <= AssessmentContext.MaxCaseload);

    private static bool IsDefined(Readiness r) => (uint)r <= (uint)Readiness.EducationReady;

    private static bool IsDefined(Benefit b) => (uint)b <= (uint)Pathways.Benefit.Other;

    private static bool IsDefined(BusinessCycle b) => (uint)b <= (uint)Pathways.BusinessCycle.Recession;
}
