using System.Globalization;

namespace Pathways;

/// <summary>
/// The synthetic profiles every rule is tried on at load: for each fact, its boundary values (unknown, lowest,
/// highest, every enum value, true/false). They are made up, never a citizen's data, so a refusal may name them.
/// </summary>
/// <remarks>
/// One <see cref="ProbeFact"/> per fact definition: a fact added later (a pack-declared fact) adds its own row with
/// its own values, and the grid follows. The points are: every fact at the same position of its list (so one point
/// has every fact unknown, one every fact at its lowest, one every fact at its highest), and then every value of
/// every fact on its own, the other facts at a typical known value.
/// </remarks>
internal static class ProbeGrid
{
    /// <summary>One fact and its boundary values; the first value is the unknown one (or, for age, the lowest).</summary>
    /// <param name="Fact">The fact's bit.</param>
    /// <param name="Values">Unknown first, then lowest, highest, the others; the last is a typical value.</param>
    /// <param name="Set">Puts a value of the fact into a profile and context.</param>
    /// <param name="Get">Reads the fact's value back, to name it in a refusal.</param>
    internal sealed record ProbeFact(Facts Fact, IReadOnlyList<object?> Values, Func<CitizenProfile, AssessmentContext, object?, (CitizenProfile, AssessmentContext)> Set, Func<CitizenProfile, AssessmentContext, object?> Get);

    /// <summary>One synthetic profile and context, and which facts are unknown in it.</summary>
    internal sealed record ProbePoint(CitizenProfile Profile, AssessmentContext Context, Facts Unknown);

    private static readonly object?[] Bools = { null, false, true, false };

    /// <summary>The built-in facts and their boundary values.</summary>
    public static readonly IReadOnlyList<ProbeFact> BuiltIn = new ProbeFact[]
    {
        new(Facts.Age, new object?[] { CitizenProfile.MinAge, CitizenProfile.MinAge, CitizenProfile.MaxAge, 40 }, (p, c, v) => (p with { Age = (int)v! }, c), (p, _) => p.Age),
        new(Facts.Readiness, new object?[] { Readiness.Unknown, Readiness.JobReady, Readiness.EducationReady, Readiness.ActivityReady }, (p, c, v) => (p with { Readiness = (Readiness)v! }, c), (p, _) => p.Readiness),
        new(Facts.Benefit, new object?[] { null }.Concat(Enum.GetValues(typeof(Benefit)).Cast<object?>()).Append(Benefit.SocialAssistance).ToArray(), (p, c, v) => (p with { Benefit = (Benefit?)v }, c), (p, _) => p.Benefit),
        new(Facts.MentalIllness, Bools, (p, c, v) => (p with { MentalIllness = (bool?)v }, c), (p, _) => p.MentalIllness),
        new(Facts.InMentalHealthTreatment, Bools, (p, c, v) => (p with { InMentalHealthTreatment = (bool?)v }, c), (p, _) => p.InMentalHealthTreatment),
        new(Facts.MonthsOnBenefits, new object?[] { null, 0, 1200, 12 }, (p, c, v) => (p with { MonthsOnBenefits = (int?)v }, c), (p, _) => p.MonthsOnBenefits),
        new(Facts.WeeklyPaidHours, new object?[] { null, 0d, CitizenProfile.MaxWeeklyPaidHours, 10d }, (p, c, v) => (p with { WeeklyPaidHours = (double?)v }, c), (p, _) => p.WeeklyPaidHours),
        new(Facts.HasChildrenAged5To14, Bools, (p, c, v) => (p with { HasChildrenAged5To14 = (bool?)v }, c), (p, _) => p.HasChildrenAged5To14),
        new(Facts.FlexJobApproved, Bools, (p, c, v) => (p with { FlexJobApproved = (bool?)v }, c), (p, _) => p.FlexJobApproved),
        new(Facts.BusinessCycle, new object?[] { null, BusinessCycle.Boom, BusinessCycle.Recession, BusinessCycle.Normal }, (p, c, v) => (p, c with { BusinessCycle = (BusinessCycle?)v }), (_, c) => c.BusinessCycle),
        new(Facts.CaseworkerCaseload, new object?[] { null, AssessmentContext.MinCaseload, AssessmentContext.MaxCaseload, 50 }, (p, c, v) => (p, c with { CaseworkerCaseload = (int?)v }), (_, c) => c.CaseworkerCaseload),
        new(Facts.CaseworkerExpectsJob, Bools, (p, c, v) => (p, c with { CaseworkerExpectsJob = (bool?)v }), (_, c) => c.CaseworkerExpectsJob),
    };

    /// <summary>The grid over the built-in facts, built once.</summary>
    public static IReadOnlyList<ProbePoint> Points { get; } = Build(BuiltIn);

    /// <summary>The grid over the given facts.</summary>
    public static IReadOnlyList<ProbePoint> Build(IReadOnlyList<ProbeFact> facts)
    {
        var points = new List<ProbePoint>();
        var longest = facts.Max(f => f.Values.Count);
        for (var i = 0; i < longest; i++)
            points.Add(Point(facts, f => f.Values[Math.Min(i, f.Values.Count - 1)]));

        foreach (var fact in facts)
        {
            foreach (var value in fact.Values)
                points.Add(Point(facts, f => f == fact ? value : f.Values[f.Values.Count - 1]));
        }

        return points;
    }

    private static ProbePoint Point(IReadOnlyList<ProbeFact> facts, Func<ProbeFact, object?> valueOf)
    {
        var p = new CitizenProfile();
        var c = new AssessmentContext();
        foreach (var f in facts) (p, c) = f.Set(p, c, valueOf(f));
        return new ProbePoint(p, c, FactText.Unknown(p, c));
    }

    /// <summary>The point's values of the given facts, as <c>age 15, monthsOnBenefits unknown</c>: synthetic values only.</summary>
    public static string Describe(ProbePoint point, Facts read)
    {
        var parts = BuiltIn.Where(f => (read & f.Fact) != 0).Select(f =>
            FactText.JsonName(f.Fact) + " " + ((point.Unknown & f.Fact) != 0 || f.Get(point.Profile, point.Context) is not { } v ? "unknown" : Show(v)));
        return string.Join(", ", parts);
    }

    private static string Show(object value) => value switch
    {
        Readiness r => ProfileJson.ToJson(r),
        Benefit b => ProfileJson.ToJson(b),
        BusinessCycle b => ProfileJson.ToJson(b),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
