namespace Pathways;

/// <summary>
/// What the caseworker knows about one citizen. Immutable; every optional fact is <see langword="null"/> when
/// it is not known, and Pathways never guesses it: a rule that needs an unknown fact does not fire.
/// </summary>
/// <remarks>The field names and ranges are those of the public profile JSON (CONTRACT §2).</remarks>
public sealed record CitizenProfile
{
    /// <summary>The lowest age Pathways accepts.</summary>
    public const int MinAge = 15;

    /// <summary>The highest age Pathways accepts.</summary>
    public const int MaxAge = 100;

    /// <summary>The highest number of weekly paid hours Pathways accepts.</summary>
    public const double MaxWeeklyPaidHours = 80;

    /// <summary>An opaque reference echoed in the result. Never interpreted, never logged, not visible to rules.</summary>
    public string? Id { get; init; }

    /// <summary>Age in whole years, <see cref="MinAge"/>–<see cref="MaxAge"/>.</summary>
    public int Age { get; init; }

    /// <summary>Readiness category; <see cref="Readiness.Unknown"/> when not assessed.</summary>
    public Readiness Readiness { get; init; }

    /// <summary>The benefit received, or <see langword="null"/> when unknown.</summary>
    public Benefit? Benefit { get; init; }

    /// <summary>Whether the citizen has a mental illness (psykisk lidelse); <see langword="null"/> when unknown.</summary>
    public bool? MentalIllness { get; init; }

    /// <summary>Whether the citizen is in mental health treatment; <see langword="null"/> when unknown.</summary>
    public bool? InMentalHealthTreatment { get; init; }

    /// <summary>Months on public benefits, 0 or more; <see langword="null"/> when unknown.</summary>
    public int? MonthsOnBenefits { get; init; }

    /// <summary>Current ordinary paid hours per week, 0–80; <see langword="null"/> when unknown.</summary>
    public double? WeeklyPaidHours { get; init; }

    /// <summary>Whether the citizen has children aged 5–14; <see langword="null"/> when unknown.</summary>
    public bool? HasChildrenAged5To14 { get; init; }

    /// <summary>Whether the citizen is approved for a flex job (visiteret til fleksjob); <see langword="null"/> when unknown.</summary>
    public bool? FlexJobApproved { get; init; }

    /// <summary>
    /// The facts that loaded packs declare (CONTRACT §4.1), by name; <see cref="FactValues.Empty"/> when none is given.
    /// A declared fact that is not given is unknown. Checked against the loaded packs when recommended for.
    /// </summary>
    public FactValues Facts { get; init; } = FactValues.Empty;
}

/// <summary>
/// The caseworker's and jobcentre's side of an assessment. Immutable; every fact is <see langword="null"/> when unknown.
/// </summary>
public sealed record AssessmentContext
{
    /// <summary>A context in which nothing is known.</summary>
    public static AssessmentContext Unknown { get; } = new();

    /// <summary>The lowest caseload Pathways accepts.</summary>
    public const int MinCaseload = 1;

    /// <summary>The highest caseload Pathways accepts.</summary>
    public const int MaxCaseload = 1000;

    /// <summary>The business cycle; <see langword="null"/> when unknown.</summary>
    public BusinessCycle? BusinessCycle { get; init; }

    /// <summary>Citizens per caseworker, 1–1000; <see langword="null"/> when unknown.</summary>
    public int? CaseworkerCaseload { get; init; }

    /// <summary>Whether the caseworker believes the citizen can get a job; <see langword="null"/> when unknown.</summary>
    public bool? CaseworkerExpectsJob { get; init; }

    private readonly DateTime? _assessmentDate;

    /// <summary>
    /// The day the advice is for (CONTRACT §4.3): rules and parameter values in force that day apply. <see langword="null"/>
    /// means today's date in Denmark, from the recommender's <see cref="PathwaysOptions.TimeProvider"/>.
    /// </summary>
    /// <remarks>
    /// A calendar day: the time of day and <see cref="DateTime.Kind"/> are dropped when it is set. It is a
    /// <see cref="DateTime"/> rather than <c>DateOnly</c> because Pathways also targets netstandard2.0, where
    /// <c>DateOnly</c> does not exist; one type on every target keeps the API and serialised results the same
    /// everywhere (on .NET 6 and later, <c>dateOnly.ToDateTime(TimeOnly.MinValue)</c> converts).
    /// </remarks>
    public DateTime? AssessmentDate
    {
        get => _assessmentDate;
        init => _assessmentDate = value is { } d ? new DateTime(d.Year, d.Month, d.Day, 0, 0, 0, DateTimeKind.Unspecified) : null;
    }
}

/// <summary>One citizen's profile together with the context of the assessment, as read from one profile JSON object.</summary>
/// <param name="Profile">The citizen.</param>
/// <param name="Context">The caseworker's context; <see langword="null"/> when none was given.</param>
public sealed record CitizenCase(CitizenProfile Profile, AssessmentContext? Context);
