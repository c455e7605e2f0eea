namespace Pathways.Server.Page;

/// <summary>One allowed value of an enum field, with its Danish and English label.</summary>
internal sealed record FieldValue(string Value, string Da, string En);

/// <summary>
/// One field of the profile form: where it sits in the profile JSON (<c>age</c>, <c>context.caseworkerCaseload</c>),
/// its type (<c>integer</c>, <c>number</c>, <c>boolean</c>, <c>enum</c>, <c>string</c>), labels and limits.
/// </summary>
internal sealed record ProfileField(
    string Path,
    string Type,
    string Da,
    string En,
    bool Required = false,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<FieldValue>? Values = null);

/// <summary>
/// The fields of the page's form, declared once: the page builds its form from <c>GET /v1/profile-fields</c>, so a
/// field added here (or a fact that a loaded pack declares, once the library exposes them) appears in the form
/// without touching the page.
/// </summary>
internal static class ProfileFields
{
    public static readonly IReadOnlyList<ProfileField> BuiltIn = new ProfileField[]
    {
        new("id", "string", "Sagsreference (valgfri)", "Case reference (optional)"),
        new("age", "integer", "Alder", "Age", Required: true, Min: CitizenProfile.MinAge, Max: CitizenProfile.MaxAge),
        new("readiness", "enum", "Visitationskategori", "Readiness", Required: true, Values: new FieldValue[]
        {
            new("job-ready", "Jobparat", "Job-ready"),
            new("activity-ready", "Aktivitetsparat", "Activity-ready"),
            new("education-ready", "Uddannelsesparat", "Education-ready"),
            new("unknown", "Ukendt", "Unknown"),
        }),
        new("benefit", "enum", "Ydelse", "Benefit", Values: new FieldValue[]
        {
            new("social-assistance", "Kontanthjælp", "Social assistance"),
            new("education-assistance", "Uddannelseshjælp", "Education assistance"),
            new("unemployment-insurance", "Dagpenge", "Unemployment insurance"),
            new("sickness-benefit", "Sygedagpenge", "Sickness benefit"),
            new("resource-programme", "Ressourceforløb", "Resource programme"),
            new("job-clarification", "Jobafklaringsforløb", "Job clarification"),
            new("flex-job", "Ledighedsydelse / visiteret til fleksjob", "Flex-job"),
            new("other", "Anden ydelse", "Other"),
        }),
        new("mentalIllness", "boolean", "Har en psykisk lidelse", "Has a mental illness"),
        new("inMentalHealthTreatment", "boolean", "I psykiatrisk behandling", "In mental health treatment"),
        new("monthsOnBenefits", "integer", "Måneder på offentlig forsørgelse", "Months on benefits", Min: 0),
        new("weeklyPaidHours", "number", "Ordinære løntimer om ugen", "Weekly paid hours", Min: 0, Max: CitizenProfile.MaxWeeklyPaidHours),
        new("hasChildrenAged5To14", "boolean", "Har børn i alderen 5–14 år", "Has children aged 5–14"),
        new("flexJobApproved", "boolean", "Visiteret til fleksjob", "Approved for a flex job"),
        new("context.businessCycle", "enum", "Konjunktur", "Business cycle", Values: new FieldValue[]
        {
            new("boom", "Højkonjunktur", "Boom"),
            new("normal", "Normal", "Normal"),
            new("recession", "Lavkonjunktur", "Recession"),
        }),
        new("context.caseworkerCaseload", "integer", "Sager per sagsbehandler", "Caseworker's caseload", Min: AssessmentContext.MinCaseload, Max: AssessmentContext.MaxCaseload),
        new("context.caseworkerExpectsJob", "boolean", "Sagsbehandleren tror, borgeren kan komme i job", "The caseworker expects a job"),
    };

    /// <summary>
    /// The form's fields for the rule set in force: the built-in fields and every fact the loaded packs declare
    /// (under <c>facts.</c>, with the pack's labels, range and values), so a municipality's pack shows in the form
    /// without touching the page.
    /// </summary>
    public static IReadOnlyList<ProfileField> For(IPathwayRecommender recommender)
    {
        if (recommender is not PathwayRecommender pathways) return BuiltIn;
        var declared = pathways.Facts.Where(f => !f.IsBuiltIn).ToList();
        if (declared.Count == 0) return BuiltIn;
        return BuiltIn.Concat(declared.Select(f => new ProfileField(
            f.Path,
            f.Type switch { FactType.Boolean => "boolean", FactType.Integer => "integer", FactType.Number => "number", _ => "enum" },
            f.GetLabel(Language.Da),
            f.GetLabel(Language.En),
            Min: f.Minimum,
            Max: f.Maximum,
            Values: f.Type == FactType.Enum ? f.Values.Select(v => new FieldValue(v, v, v)).ToArray() : null))).ToList();
    }
}
