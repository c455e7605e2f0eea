using System.Globalization;

namespace Pathways;

/// <summary>The facts that can be unknown, one bit each, so that a rule's needs are checked with one AND.</summary>
[Flags]
internal enum Facts
{
    None = 0,
    Readiness = 1 << 0,
    Benefit = 1 << 1,
    MentalIllness = 1 << 2,
    InMentalHealthTreatment = 1 << 3,
    MonthsOnBenefits = 1 << 4,
    WeeklyPaidHours = 1 << 5,
    HasChildrenAged5To14 = 1 << 6,
    FlexJobApproved = 1 << 7,
    BusinessCycle = 1 << 8,
    CaseworkerCaseload = 1 << 9,
    CaseworkerExpectsJob = 1 << 10,

    /// <summary>Age is required and always known; it has a bit so that reasons can name it.</summary>
    Age = 1 << 11,
}

/// <summary>Names and plain-language renderings of facts, in Danish and English.</summary>
internal static class FactText
{
    public static readonly Facts[] All =
    {
        Facts.Age, Facts.Readiness, Facts.Benefit, Facts.MentalIllness, Facts.InMentalHealthTreatment,
        Facts.MonthsOnBenefits, Facts.WeeklyPaidHours, Facts.HasChildrenAged5To14, Facts.FlexJobApproved,
        Facts.BusinessCycle, Facts.CaseworkerCaseload, Facts.CaseworkerExpectsJob,
    };

    /// <summary>Maps a C# property name (as rules see it) to its fact bit.</summary>
    public static Facts FromProperty(Type owner, string property) => (owner.Name, property) switch
    {
        (nameof(CitizenProfile), nameof(CitizenProfile.Age)) => Facts.Age,
        (nameof(CitizenProfile), nameof(CitizenProfile.Readiness)) => Facts.Readiness,
        (nameof(CitizenProfile), nameof(CitizenProfile.Benefit)) => Facts.Benefit,
        (nameof(CitizenProfile), nameof(CitizenProfile.MentalIllness)) => Facts.MentalIllness,
        (nameof(CitizenProfile), nameof(CitizenProfile.InMentalHealthTreatment)) => Facts.InMentalHealthTreatment,
        (nameof(CitizenProfile), nameof(CitizenProfile.MonthsOnBenefits)) => Facts.MonthsOnBenefits,
        (nameof(CitizenProfile), nameof(CitizenProfile.WeeklyPaidHours)) => Facts.WeeklyPaidHours,
        (nameof(CitizenProfile), nameof(CitizenProfile.HasChildrenAged5To14)) => Facts.HasChildrenAged5To14,
        (nameof(CitizenProfile), nameof(CitizenProfile.FlexJobApproved)) => Facts.FlexJobApproved,
        (nameof(AssessmentContext), nameof(AssessmentContext.BusinessCycle)) => Facts.BusinessCycle,
        (nameof(AssessmentContext), nameof(AssessmentContext.CaseworkerCaseload)) => Facts.CaseworkerCaseload,
        (nameof(AssessmentContext), nameof(AssessmentContext.CaseworkerExpectsJob)) => Facts.CaseworkerExpectsJob,
        _ => Facts.None,
    };

    /// <summary>The bits of the facts that are unknown for this citizen and context.</summary>
    public static Facts Unknown(CitizenProfile p, AssessmentContext c)
    {
        var u = Facts.None;
        if (p.Readiness == Readiness.Unknown) u |= Facts.Readiness;
        if (p.Benefit is null) u |= Facts.Benefit;
        if (p.MentalIllness is null) u |= Facts.MentalIllness;
        if (p.InMentalHealthTreatment is null) u |= Facts.InMentalHealthTreatment;
        if (p.MonthsOnBenefits is null) u |= Facts.MonthsOnBenefits;
        if (p.WeeklyPaidHours is null) u |= Facts.WeeklyPaidHours;
        if (p.HasChildrenAged5To14 is null) u |= Facts.HasChildrenAged5To14;
        if (p.FlexJobApproved is null) u |= Facts.FlexJobApproved;
        if (c.BusinessCycle is null) u |= Facts.BusinessCycle;
        if (c.CaseworkerCaseload is null) u |= Facts.CaseworkerCaseload;
        if (c.CaseworkerExpectsJob is null) u |= Facts.CaseworkerExpectsJob;
        return u;
    }

    /// <summary>The JSON field name of a fact, as in the profile JSON.</summary>
    public static string JsonName(Facts f) => f switch
    {
        Facts.Age => "age",
        Facts.Readiness => "readiness",
        Facts.Benefit => "benefit",
        Facts.MentalIllness => "mentalIllness",
        Facts.InMentalHealthTreatment => "inMentalHealthTreatment",
        Facts.MonthsOnBenefits => "monthsOnBenefits",
        Facts.WeeklyPaidHours => "weeklyPaidHours",
        Facts.HasChildrenAged5To14 => "hasChildrenAged5To14",
        Facts.FlexJobApproved => "flexJobApproved",
        Facts.BusinessCycle => "context.businessCycle",
        Facts.CaseworkerCaseload => "context.caseworkerCaseload",
        Facts.CaseworkerExpectsJob => "context.caseworkerExpectsJob",
        _ => f.ToString(),
    };

    /// <summary>What is missing, as a plain phrase: "om borgeren har en psykisk lidelse".</summary>
    public static string Missing(Facts f, Language lang) => lang == Language.En
        ? f switch
        {
            Facts.Readiness => "the citizen's readiness category",
            Facts.Benefit => "which benefit the citizen receives",
            Facts.MentalIllness => "whether the citizen has a mental illness",
            Facts.InMentalHealthTreatment => "whether the citizen is in mental health treatment",
            Facts.MonthsOnBenefits => "how long the citizen has been on benefits",
            Facts.WeeklyPaidHours => "the citizen's weekly paid hours",
            Facts.HasChildrenAged5To14 => "whether the citizen has children aged 5–14",
            Facts.FlexJobApproved => "whether the citizen is approved for a flex job",
            Facts.BusinessCycle => "the business cycle",
            Facts.CaseworkerCaseload => "the caseworker's caseload",
            Facts.CaseworkerExpectsJob => "whether the caseworker expects the citizen to get a job",
            _ => f.ToString(),
        }
        : f switch
        {
            Facts.Readiness => "borgerens visitationskategori",
            Facts.Benefit => "hvilken ydelse borgeren modtager",
            Facts.MentalIllness => "om borgeren har en psykisk lidelse",
            Facts.InMentalHealthTreatment => "om borgeren er i psykiatrisk behandling",
            Facts.MonthsOnBenefits => "hvor længe borgeren har været på ydelse",
            Facts.WeeklyPaidHours => "borgerens ugentlige løntimer",
            Facts.HasChildrenAged5To14 => "om borgeren har børn i alderen 5–14 år",
            Facts.FlexJobApproved => "om borgeren er visiteret til fleksjob",
            Facts.BusinessCycle => "konjunkturen",
            Facts.CaseworkerCaseload => "sagsbehandlerens sagsstamme",
            Facts.CaseworkerExpectsJob => "om sagsbehandleren forventer, at borgeren kan komme i job",
            _ => f.ToString(),
        };

    /// <summary>A known fact's value as a plain phrase: "aktivitetsparat", "48 måneder på ydelse".</summary>
    public static string Describe(Facts f, CitizenProfile p, AssessmentContext c, Language lang)
    {
        var en = lang == Language.En;
        var inv = CultureInfo.InvariantCulture;
        switch (f)
        {
            case Facts.Age:
                return en ? $"aged {p.Age.ToString(inv)}" : $"{p.Age.ToString(inv)} år";
            case Facts.Readiness:
                return p.Readiness switch
                {
                    Readiness.JobReady => en ? "job-ready" : "jobparat",
                    Readiness.ActivityReady => en ? "activity-ready" : "aktivitetsparat",
                    Readiness.EducationReady => en ? "education-ready" : "uddannelsesparat",
                    _ => en ? "readiness unknown" : "visitationskategori ukendt",
                };
            case Facts.Benefit:
                return p.Benefit switch
                {
                    Pathways.Benefit.SocialAssistance => en ? "on social assistance (kontanthjælp)" : "modtager kontanthjælp",
                    Pathways.Benefit.EducationAssistance => en ? "on education assistance (uddannelseshjælp)" : "modtager uddannelseshjælp",
                    Pathways.Benefit.UnemploymentInsurance => en ? "on unemployment insurance (dagpenge)" : "modtager dagpenge",
                    Pathways.Benefit.SicknessBenefit => en ? "on sickness benefit (sygedagpenge)" : "modtager sygedagpenge",
                    Pathways.Benefit.ResourceProgramme => en ? "in a resource programme (ressourceforløb)" : "i ressourceforløb",
                    Pathways.Benefit.JobClarification => en ? "in a job clarification programme (jobafklaringsforløb)" : "i jobafklaringsforløb",
                    Pathways.Benefit.FlexJob => en ? "on flex-job unemployment benefit (ledighedsydelse)" : "modtager ledighedsydelse",
                    _ => en ? "on another benefit" : "modtager en anden ydelse",
                };
            case Facts.MentalIllness:
                return p.MentalIllness == true ? (en ? "has a mental illness" : "har en psykisk lidelse") : (en ? "no mental illness" : "ingen psykisk lidelse");
            case Facts.InMentalHealthTreatment:
                return p.InMentalHealthTreatment == true ? (en ? "in mental health treatment" : "i psykiatrisk behandling") : (en ? "not in mental health treatment" : "ikke i psykiatrisk behandling");
            case Facts.MonthsOnBenefits:
                return en ? $"{p.MonthsOnBenefits?.ToString(inv)} months on benefits" : $"{p.MonthsOnBenefits?.ToString(inv)} måneder på ydelse";
            case Facts.WeeklyPaidHours:
                // -0 is zero hours: shown as 0, never "-0".
                var h = (p.WeeklyPaidHours is { } hours && hours == 0 ? 0d : p.WeeklyPaidHours)?.ToString("0.##", en ? inv : CultureInfo.GetCultureInfo("da-DK"));
                return en ? $"{h} paid hours a week" : $"{h} løntimer om ugen";
            case Facts.HasChildrenAged5To14:
                return p.HasChildrenAged5To14 == true ? (en ? "has children aged 5–14" : "har børn i alderen 5–14 år") : (en ? "no children aged 5–14" : "ingen børn i alderen 5–14 år");
            case Facts.FlexJobApproved:
                return p.FlexJobApproved == true ? (en ? "approved for a flex job" : "visiteret til fleksjob") : (en ? "not approved for a flex job" : "ikke visiteret til fleksjob");
            case Facts.BusinessCycle:
                return c.BusinessCycle switch
                {
                    Pathways.BusinessCycle.Boom => en ? "boom" : "højkonjunktur",
                    Pathways.BusinessCycle.Recession => en ? "recession" : "lavkonjunktur",
                    _ => en ? "normal business cycle" : "normal konjunktur",
                };
            case Facts.CaseworkerCaseload:
                return en ? $"{c.CaseworkerCaseload?.ToString(inv)} citizens per caseworker" : $"{c.CaseworkerCaseload?.ToString(inv)} borgere per sagsbehandler";
            case Facts.CaseworkerExpectsJob:
                return c.CaseworkerExpectsJob == true
                    ? (en ? "the caseworker expects the citizen to get a job" : "sagsbehandleren forventer, at borgeren kan komme i job")
                    : (en ? "the caseworker does not expect the citizen to get a job" : "sagsbehandleren forventer ikke, at borgeren kan komme i job");
            default:
                return f.ToString();
        }
    }
}
