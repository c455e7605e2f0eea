namespace Pathways;

/// <summary>
/// The twelve built-in fields of the profile (CONTRACT §2) as the built-in pack's declared facts: one entry each,
/// naming the C# property that holds it. Reading, validation, the unknown mask, explanations and the schema all
/// follow from these entries; a new field is a new property and one entry here.
/// </summary>
internal static class BuiltInFacts
{
    public const string Pack = "pathways";

    private static LocalizedText T(string da, string en) => new(da, en);

    public static List<FactDefinition> Create() => new()
    {
        new("age", FactLocation.Profile, FactType.Integer, null, CitizenProfile.MinAge, CitizenProfile.MaxAge, T("alder", "age"), Pack)
        {
            IsRequired = true,
            Member = M<CitizenProfile>(nameof(CitizenProfile.Age)),
            Description = "Age in whole years.",
            NumberText = T("{0} år", "aged {0}"),
        },
        new("readiness", FactLocation.Profile, FactType.Enum, new[] { "job-ready", "activity-ready", "education-ready", "unknown" }, null, null, T("visitationskategori", "readiness category"), Pack)
        {
            IsRequired = true,
            Member = M<CitizenProfile>(nameof(CitizenProfile.Readiness)),
            EnumNumbers = new[] { (int)Readiness.JobReady, (int)Readiness.ActivityReady, (int)Readiness.EducationReady, (int)Readiness.Unknown },
            UnknownIndex = 3,
            Description = "jobparat, aktivitetsparat, uddannelsesparat, or unknown.",
            MissingText = T("borgerens visitationskategori", "the citizen's readiness category"),
            ValueTexts = new[] { T("jobparat", "job-ready"), T("aktivitetsparat", "activity-ready"), T("uddannelsesparat", "education-ready"), T("visitationskategori ukendt", "readiness unknown") },
        },
        new("benefit", FactLocation.Profile, FactType.Enum, new[] { "social-assistance", "education-assistance", "unemployment-insurance", "sickness-benefit", "resource-programme", "job-clarification", "flex-job", "other" }, null, null, T("ydelse", "benefit"), Pack)
        {
            Member = M<CitizenProfile>(nameof(CitizenProfile.Benefit)),
            EnumNumbers = new[] { (int)Benefit.SocialAssistance, (int)Benefit.EducationAssistance, (int)Benefit.UnemploymentInsurance, (int)Benefit.SicknessBenefit, (int)Benefit.ResourceProgramme, (int)Benefit.JobClarification, (int)Benefit.FlexJob, (int)Benefit.Other },
            Description = "kontanthjælp, uddannelseshjælp, dagpenge, sygedagpenge, ressourceforløb, jobafklaringsforløb, ledighedsydelse/fleksjob, other.",
            MissingText = T("hvilken ydelse borgeren modtager", "which benefit the citizen receives"),
            ValueTexts = new[]
            {
                T("modtager kontanthjælp", "on social assistance (kontanthjælp)"),
                T("modtager uddannelseshjælp", "on education assistance (uddannelseshjælp)"),
                T("modtager dagpenge", "on unemployment insurance (dagpenge)"),
                T("modtager sygedagpenge", "on sickness benefit (sygedagpenge)"),
                T("i ressourceforløb", "in a resource programme (ressourceforløb)"),
                T("i jobafklaringsforløb", "in a job clarification programme (jobafklaringsforløb)"),
                T("modtager ledighedsydelse", "on flex-job unemployment benefit (ledighedsydelse)"),
                T("modtager en anden ydelse", "on another benefit"),
            },
        },
        Bool<CitizenProfile>("mentalIllness", nameof(CitizenProfile.MentalIllness), T("psykisk lidelse", "mental illness"), "Has a mental illness (psykisk lidelse).",
            T("om borgeren har en psykisk lidelse", "whether the citizen has a mental illness"),
            T("har en psykisk lidelse", "has a mental illness"), T("ingen psykisk lidelse", "no mental illness")),
        Bool<CitizenProfile>("inMentalHealthTreatment", nameof(CitizenProfile.InMentalHealthTreatment), T("psykiatrisk behandling", "mental health treatment"), "Is in mental health treatment.",
            T("om borgeren er i psykiatrisk behandling", "whether the citizen is in mental health treatment"),
            T("i psykiatrisk behandling", "in mental health treatment"), T("ikke i psykiatrisk behandling", "not in mental health treatment")),
        new("monthsOnBenefits", FactLocation.Profile, FactType.Integer, null, 0, null, T("måneder på ydelse", "months on benefits"), Pack)
        {
            Member = M<CitizenProfile>(nameof(CitizenProfile.MonthsOnBenefits)),
            Description = "Months on public benefits.",
            MissingText = T("hvor længe borgeren har været på ydelse", "how long the citizen has been on benefits"),
            NumberText = T("{0} måneder på ydelse", "{0} months on benefits"),
        },
        new("weeklyPaidHours", FactLocation.Profile, FactType.Number, null, 0, CitizenProfile.MaxWeeklyPaidHours, T("ugentlige løntimer", "weekly paid hours"), Pack)
        {
            Member = M<CitizenProfile>(nameof(CitizenProfile.WeeklyPaidHours)),
            Description = "Current ordinary paid hours per week.",
            MissingText = T("borgerens ugentlige løntimer", "the citizen's weekly paid hours"),
            NumberText = T("{0} løntimer om ugen", "{0} paid hours a week"),
        },
        Bool<CitizenProfile>("hasChildrenAged5To14", nameof(CitizenProfile.HasChildrenAged5To14), T("børn i alderen 5–14 år", "children aged 5–14"), "Has children aged 5–14.",
            T("om borgeren har børn i alderen 5–14 år", "whether the citizen has children aged 5–14"),
            T("har børn i alderen 5–14 år", "has children aged 5–14"), T("ingen børn i alderen 5–14 år", "no children aged 5–14")),
        Bool<CitizenProfile>("flexJobApproved", nameof(CitizenProfile.FlexJobApproved), T("visiteret til fleksjob", "approved for a flex job"), "Approved for a flex job (visiteret til fleksjob).",
            T("om borgeren er visiteret til fleksjob", "whether the citizen is approved for a flex job"),
            T("visiteret til fleksjob", "approved for a flex job"), T("ikke visiteret til fleksjob", "not approved for a flex job")),
        new("businessCycle", FactLocation.Context, FactType.Enum, new[] { "boom", "normal", "recession" }, null, null, T("konjunktur", "business cycle"), Pack)
        {
            Member = M<AssessmentContext>(nameof(AssessmentContext.BusinessCycle)),
            EnumNumbers = new[] { (int)BusinessCycle.Boom, (int)BusinessCycle.Normal, (int)BusinessCycle.Recession },
            Description = "højkonjunktur, normal, lavkonjunktur.",
            MissingText = T("konjunkturen", "the business cycle"),
            ValueTexts = new[] { T("højkonjunktur", "boom"), T("normal konjunktur", "normal business cycle"), T("lavkonjunktur", "recession") },
        },
        new("caseworkerCaseload", FactLocation.Context, FactType.Integer, null, AssessmentContext.MinCaseload, AssessmentContext.MaxCaseload, T("sagsstamme", "caseload"), Pack)
        {
            Member = M<AssessmentContext>(nameof(AssessmentContext.CaseworkerCaseload)),
            Description = "Citizens per caseworker.",
            MissingText = T("sagsbehandlerens sagsstamme", "the caseworker's caseload"),
            NumberText = T("{0} borgere per sagsbehandler", "{0} citizens per caseworker"),
        },
        Bool<AssessmentContext>("caseworkerExpectsJob", nameof(AssessmentContext.CaseworkerExpectsJob), T("sagsbehandlerens forventning om job", "caseworker expects a job"), "Does the caseworker believe the citizen can get a job.",
            T("om sagsbehandleren forventer, at borgeren kan komme i job", "whether the caseworker expects the citizen to get a job"),
            T("sagsbehandleren forventer, at borgeren kan komme i job", "the caseworker expects the citizen to get a job"),
            T("sagsbehandleren forventer ikke, at borgeren kan komme i job", "the caseworker does not expect the citizen to get a job")),
    };

    private static FactDefinition Bool<TOwner>(string name, string property, LocalizedText label, string description, LocalizedText missing, LocalizedText whenTrue, LocalizedText whenFalse) =>
        new(name, typeof(TOwner) == typeof(AssessmentContext) ? FactLocation.Context : FactLocation.Profile, FactType.Boolean, null, null, null, label, Pack)
        {
            Member = M<TOwner>(property),
            Description = description,
            MissingText = missing,
            TrueText = whenTrue,
            FalseText = whenFalse,
        };

    private static (Type Owner, string Name) M<TOwner>(string name) => (typeof(TOwner), name);
}
