namespace Pathways;

/// <summary>
/// How strong the evidence is, graded from the background note's own wording. Ordered strongest first, so that
/// sorting by the enum value puts the strongest evidence first.
/// </summary>
public enum EvidenceGrade
{
    /// <summary>The note speaks of "stærk evidens", "omfattende … evidens", a significant effect in a randomised trial, or studies that point "entydigt" one way.</summary>
    Strong = 0,

    /// <summary>Single effect studies or evaluations that "viser" or "dokumenterer" a positive effect.</summary>
    Moderate = 1,

    /// <summary>The note calls the picture "mindre entydige", "mere sammensat" or "mere blandet".</summary>
    Mixed = 2,

    /// <summary>The note finds "tegn på", says a study "peger på", or reports a descriptive association only.</summary>
    Limited = 3,
}

/// <summary>Whether a recommendation is an offer to the citizen or advice to the jobcentre and caseworker.</summary>
public enum InterventionKind
{
    /// <summary>An intervention offered to the citizen.</summary>
    Intervention = 0,

    /// <summary>A practice recommendation for the jobcentre or caseworker, not an offer to the citizen.</summary>
    Practice = 1,
}

/// <summary>Wire names of grades and kinds, as in the result JSON.</summary>
internal static class EvidenceNames
{
    public static string ToJson(this EvidenceGrade g) => g switch
    {
        EvidenceGrade.Strong => "strong",
        EvidenceGrade.Moderate => "moderate",
        EvidenceGrade.Mixed => "mixed",
        _ => "limited",
    };

    public static bool TryParse(string? s, out EvidenceGrade grade)
    {
        switch (s)
        {
            case "strong": grade = EvidenceGrade.Strong; return true;
            case "moderate": grade = EvidenceGrade.Moderate; return true;
            case "mixed": grade = EvidenceGrade.Mixed; return true;
            case "limited": grade = EvidenceGrade.Limited; return true;
            default: grade = default; return false;
        }
    }

    public static string ToJson(this InterventionKind k) => k == InterventionKind.Practice ? "practice" : "intervention";

    public static string Danish(this EvidenceGrade g) => g switch
    {
        EvidenceGrade.Strong => "stærk",
        EvidenceGrade.Moderate => "moderat",
        EvidenceGrade.Mixed => "blandet",
        _ => "begrænset",
    };
}

/// <summary>A text in Danish and English.</summary>
internal sealed record LocalizedText(string Da, string En)
{
    public static readonly LocalizedText Empty = new(string.Empty, string.Empty);

    public string Get(Language language) => language == Language.En ? En : Da;
}
