namespace Pathways.Benchmarks;

/// <summary>
/// Seeded random citizens for benchmarks and the differential test: realistic ranges, and about half of them
/// with some facts unknown (null, or readiness <see cref="Readiness.Unknown"/>).
/// </summary>
internal static class RandomProfiles
{
    /// <summary>Ages at and around every threshold the built-in pack uses, plus the contract's limits.</summary>
    public static readonly int[] BoundaryAges = { 15, 17, 18, 29, 30, 64, 65, 100 };

    /// <summary>Caseloads at and around the contract's limits and the pack's default threshold (50).</summary>
    public static readonly int[] BoundaryCaseloads = { 1, 49, 50, 51, 1000 };

    public static CitizenCase[] Make(int count, int seed)
    {
        var random = new Random(seed);
        var cases = new CitizenCase[count];
        for (var i = 0; i < count; i++) cases[i] = Next(random, i);
        return cases;
    }

    public static CitizenCase Next(Random r, int index)
    {
        // Half the citizens are fully known; the other half lose each optional fact with probability 0.4.
        var partial = r.Next(2) == 0;
        bool Known() => !partial || r.NextDouble() >= 0.4;
        bool? Bool() => Known() ? r.Next(2) == 0 : null;

        var readiness = (Readiness)r.Next(1, 4);
        if (partial && r.Next(5) == 0) readiness = Readiness.Unknown;
        var profile = new CitizenProfile
        {
            Id = "case-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Age = r.Next(4) == 0 ? BoundaryAges[r.Next(BoundaryAges.Length)] : r.Next(CitizenProfile.MinAge, CitizenProfile.MaxAge + 1),
            Readiness = readiness,
            Benefit = Known() ? (Benefit)r.Next(0, 8) : null,
            MentalIllness = Bool(),
            InMentalHealthTreatment = Bool(),
            MonthsOnBenefits = Known() ? (r.Next(3) == 0 ? r.Next(10, 15) : r.Next(0, 240)) : null,
            WeeklyPaidHours = Known() ? (r.Next(3) == 0 ? r.Next(0, 4) * 5 + (r.Next(2) == 0 ? 0 : 0.5) : Math.Round(r.NextDouble() * 40, 1)) : null,
            HasChildrenAged5To14 = Bool(),
            FlexJobApproved = Bool(),
        };
        var context = r.Next(10) == 0
            ? null
            : new AssessmentContext
            {
                BusinessCycle = Known() ? (BusinessCycle)r.Next(0, 3) : null,
                CaseworkerCaseload = Known() ? (r.Next(4) == 0 ? BoundaryCaseloads[r.Next(BoundaryCaseloads.Length)] : r.Next(AssessmentContext.MinCaseload, 151)) : null,
                CaseworkerExpectsJob = Bool(),
            };
        return new CitizenCase(profile, context);
    }

    /// <summary>One profile as compact contract JSON (one NDJSON line).</summary>
    public static void WriteJson(CitizenCase c, TextWriter w)
    {
        var p = c.Profile;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        w.Write("{\"id\":\"");
        w.Write(p.Id);
        w.Write("\",\"age\":");
        w.Write(p.Age.ToString(inv));
        w.Write(",\"readiness\":\"");
        w.Write(ProfileJson.ToJson(p.Readiness));
        w.Write('"');
        if (p.Benefit is { } b) { w.Write(",\"benefit\":\""); w.Write(ProfileJson.ToJson(b)); w.Write('"'); }
        Bool(w, "mentalIllness", p.MentalIllness);
        Bool(w, "inMentalHealthTreatment", p.InMentalHealthTreatment);
        if (p.MonthsOnBenefits is { } m) { w.Write(",\"monthsOnBenefits\":"); w.Write(m.ToString(inv)); }
        if (p.WeeklyPaidHours is { } h) { w.Write(",\"weeklyPaidHours\":"); w.Write(h.ToString("R", inv)); }
        Bool(w, "hasChildrenAged5To14", p.HasChildrenAged5To14);
        Bool(w, "flexJobApproved", p.FlexJobApproved);
        if (c.Context is { } ctx)
        {
            w.Write(",\"context\":{");
            var first = true;
            void Sep() { if (!first) w.Write(','); first = false; }
            if (ctx.BusinessCycle is { } bc) { Sep(); w.Write("\"businessCycle\":\""); w.Write(ProfileJson.ToJson(bc)); w.Write('"'); }
            if (ctx.CaseworkerCaseload is { } cl) { Sep(); w.Write("\"caseworkerCaseload\":"); w.Write(cl.ToString(inv)); }
            if (ctx.CaseworkerExpectsJob is { } ej) { Sep(); w.Write("\"caseworkerExpectsJob\":"); w.Write(ej ? "true" : "false"); }
            w.Write('}');
        }

        w.Write('}');
    }

    private static void Bool(TextWriter w, string name, bool? value)
    {
        if (value is null) return;
        w.Write(",\"");
        w.Write(name);
        w.Write("\":");
        w.Write(value.Value ? "true" : "false");
    }
}
