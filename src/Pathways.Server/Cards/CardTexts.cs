namespace Pathways.Server.Cards;

/// <summary>The fixed texts of cards and override reasons, in Danish and English, declared once.</summary>
internal sealed class CardTexts
{
    /// <summary>The code system of the override reasons.</summary>
    public const string OverrideReasonSystem = "urn:pathways:override-reason";

    /// <summary>The code system of the card topics (intervention and practice ids).</summary>
    public const string InterventionSystem = "urn:pathways:intervention";

    private static readonly (string Code, string Da, string En)[] Reasons =
    {
        ("citizen-declines", "Borgeren ønsker ikke indsatsen", "The citizen declines"),
        ("not-available-locally", "Indsatsen findes ikke lokalt", "Not available locally"),
        ("caseworker-judgement", "Sagsbehandleren vurderer det anderledes", "The caseworker judges otherwise"),
    };

    public static readonly CardTexts Da = new(
        Language.Da,
        "evidens",
        new[] { "stærk", "moderat", "blandet", "begrænset" },
        "Indsats til borgeren",
        "Råd til jobcentret",
        n => $"notatets konklusion {n}",
        "Hvorfor",
        "Vær opmærksom på",
        "Kilder",
        "Fund",
        "STARs baggrundsnotat »Hvad virker for at få borgere længere fra arbejdsmarkedet i job?«");

    public static readonly CardTexts En = new(
        Language.En,
        "evidence",
        new[] { "strong", "moderate", "mixed", "limited" },
        "Intervention for the citizen",
        "Advice to the jobcentre",
        n => $"conclusion {n} of the note",
        "Why",
        "Keep in mind",
        "Sources",
        "Finding",
        "STAR's background note »Hvad virker for at få borgere længere fra arbejdsmarkedet i job?«");

    private CardTexts(Language language, string evidence, string[] grades, string intervention, string practice, Func<int, string> conclusion, string why, string caveats, string sources, string finding, string note)
    {
        Language = language;
        Evidence = evidence;
        Grades = grades;
        Intervention = intervention;
        Practice = practice;
        Conclusion = conclusion;
        Why = why;
        Caveats = caveats;
        Sources = sources;
        Finding = finding;
        Note = note;
    }

    public Language Language { get; }
    public string Evidence { get; }
    public string Intervention { get; }
    public string Practice { get; }
    public Func<int, string> Conclusion { get; }
    public string Why { get; }
    public string Caveats { get; }
    public string Sources { get; }
    public string Finding { get; }

    /// <summary>The source label of advice that comes from STAR's note.</summary>
    public string Note { get; }

    private string[] Grades { get; }

    public static CardTexts For(Language language) => language == Language.En ? En : Da;

    public string Grade(EvidenceGrade grade) => Grades[(int)grade];

    /// <summary>The override reasons a caseworker can choose from, in this language.</summary>
    public IReadOnlyList<Coding> OverrideReasons() =>
        Reasons.Select(r => new Coding(OverrideReasonSystem, r.Code, Language == Language.En ? r.En : r.Da)).ToArray();

    /// <summary>Whether a code is one of the override reasons.</summary>
    public static bool IsOverrideReason(string code) => Reasons.Any(r => r.Code == code);

    /// <summary>The codes of the override reasons, for error messages.</summary>
    public static string OverrideReasonCodes => string.Join(", ", Reasons.Select(r => "'" + r.Code + "'"));
}
