namespace Pathways.Tests;

/// <summary>Builds profiles from a compact text so that test tables stay readable.</summary>
internal static class TestProfiles
{
    public static readonly PathwayRecommender BuiltIn = PathwayRecommender.Create();

    /// <summary>
    /// Parses "age=45 readiness=activity mental=true treatment=false months=48 hours=0 children=true flex=false
    /// benefit=social cycle=boom caseload=70 expects=false" — absent keys stay unknown.
    /// </summary>
    public static (CitizenProfile Profile, AssessmentContext Context) Parse(string spec)
    {
        var p = new CitizenProfile { Age = 45 };
        var c = new AssessmentContext();
        foreach (var part in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=');
            var (k, v) = (kv[0], kv[1]);
            p = k switch
            {
                "age" => p with { Age = int.Parse(v) },
                "readiness" => p with { Readiness = v switch { "job" => Readiness.JobReady, "activity" => Readiness.ActivityReady, "education" => Readiness.EducationReady, _ => Readiness.Unknown } },
                "benefit" => p with { Benefit = v switch { "social" => Benefit.SocialAssistance, "education" => Benefit.EducationAssistance, "ui" => Benefit.UnemploymentInsurance, "sickness" => Benefit.SicknessBenefit, "resource" => Benefit.ResourceProgramme, "clarification" => Benefit.JobClarification, "flex" => Benefit.FlexJob, _ => Benefit.Other } },
                "mental" => p with { MentalIllness = bool.Parse(v) },
                "treatment" => p with { InMentalHealthTreatment = bool.Parse(v) },
                "months" => p with { MonthsOnBenefits = int.Parse(v) },
                "hours" => p with { WeeklyPaidHours = double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) },
                "children" => p with { HasChildrenAged5To14 = bool.Parse(v) },
                "flex" => p with { FlexJobApproved = bool.Parse(v) },
                _ => p,
            };
            c = k switch
            {
                "cycle" => c with { BusinessCycle = v switch { "boom" => BusinessCycle.Boom, "recession" => BusinessCycle.Recession, _ => BusinessCycle.Normal } },
                "caseload" => c with { CaseworkerCaseload = int.Parse(v) },
                "expects" => c with { CaseworkerExpectsJob = bool.Parse(v) },
                _ => c,
            };
        }

        return (p, c);
    }

    public static RecommendationResult Recommend(string spec, Language language = Language.Da)
    {
        var (p, c) = Parse(spec);
        return BuiltIn.Recommend(p, c, new RecommendOptions { Language = language });
    }

    public static Recommendation? Find(this RecommendationResult result, string id) =>
        result.Recommendations.FirstOrDefault(r => r.InterventionId == id);

    public static string[] Ids(this RecommendationResult result) => result.Recommendations.Select(r => r.InterventionId).ToArray();

    /// <summary>A seeded random profile; about half of the optional facts are unknown.</summary>
    public static (CitizenProfile, AssessmentContext) Random(Random rng)
    {
        T? Maybe<T>(Func<T> f) where T : struct => rng.Next(2) == 0 ? null : f();
        var p = new CitizenProfile
        {
            Id = "case-" + rng.Next(100000),
            Age = rng.Next(15, 101),
            Readiness = (Readiness)rng.Next(0, 4),
            Benefit = Maybe(() => (Benefit)rng.Next(0, 8)),
            MentalIllness = Maybe(() => rng.Next(2) == 0),
            InMentalHealthTreatment = Maybe(() => rng.Next(2) == 0),
            MonthsOnBenefits = Maybe(() => rng.Next(0, 120)),
            WeeklyPaidHours = Maybe(() => Math.Round(rng.NextDouble() * 40, 1)),
            HasChildrenAged5To14 = Maybe(() => rng.Next(2) == 0),
            FlexJobApproved = Maybe(() => rng.Next(2) == 0),
        };
        var c = new AssessmentContext
        {
            BusinessCycle = Maybe(() => (BusinessCycle)rng.Next(0, 3)),
            CaseworkerCaseload = Maybe(() => rng.Next(1, 200)),
            CaseworkerExpectsJob = Maybe(() => rng.Next(2) == 0),
        };
        return (p, c);
    }
}
