namespace Pathways;

/// <summary>
/// What the caseworker knows about one citizen. Immutable; every optional fact is <see langword="null"/> when
/// it is not known, and Pathways never guesses it: a rule that needs an unknown fact does not fire.
/// </summary>
/// <remarks>The field names and ranges are those of the public profile JSON (CONTRACT §2).</remarks>
public sealed record CitizenProfile
{
    // Each property has an internal field of its name: the profile reader (ProfileReader, PrecompiledBuiltInPack.g.cs)
    // fills a new profile through them while it reads, and nothing sets them after. A compiled accessor would do the
    // same but costs a cold start its compilation.

    /// <summary>The lowest age Pathways accepts.</summary>
    public const int MinAge = 15;

    /// <summary>The highest age Pathways accepts.</summary>
    public const int MaxAge = 100;

    /// <summary>The highest number of weekly paid hours Pathways accepts.</summary>
    public const double MaxWeeklyPaidHours = 80;

    /// <summary>An opaque reference echoed in the result. Never interpreted, never logged, not visible to rules.</summary>
    public string? Id { get => _id; init => _id = value; }

    internal string? _id;

    /// <summary>Age in whole years, <see cref="MinAge"/>–<see cref="MaxAge"/>.</summary>
    public int Age { get => _age; init => _age = value; }

    internal int _age;

    /// <summary>Readiness category; <see cref="Readiness.Unknown"/> when not assessed.</summary>
    public Readiness Readiness { get => _readiness; init => _readiness = value; }

    internal Readiness _readiness;

    /// <summary>The benefit received, or <see langword="null"/> when unknown.</summary>
    public Benefit? Benefit { get => _benefit; init => _benefit = value; }

    internal Benefit? _benefit;

    /// <summary>Whether the citizen has a mental illness (psykisk lidelse); <see langword="null"/> when unknown.</summary>
    public bool? MentalIllness { get => _mentalIllness; init => _mentalIllness = value; }

    internal bool? _mentalIllness;

    /// <summary>Whether the citizen is in mental health treatment; <see langword="null"/> when unknown.</summary>
    public bool? InMentalHealthTreatment { get => _inMentalHealthTreatment; init => _inMentalHealthTreatment = value; }

    internal bool? _inMentalHealthTreatment;

    /// <summary>Months on public benefits, 0 or more; <see langword="null"/> when unknown.</summary>
    public int? MonthsOnBenefits { get => _monthsOnBenefits; init => _monthsOnBenefits = value; }

    internal int? _monthsOnBenefits;

    /// <summary>Current ordinary paid hours per week, 0–80; <see langword="null"/> when unknown.</summary>
    public double? WeeklyPaidHours { get => _weeklyPaidHours; init => _weeklyPaidHours = value; }

    internal double? _weeklyPaidHours;

    /// <summary>Whether the citizen has children aged 5–14; <see langword="null"/> when unknown.</summary>
    public bool? HasChildrenAged5To14 { get => _hasChildrenAged5To14; init => _hasChildrenAged5To14 = value; }

    internal bool? _hasChildrenAged5To14;

    /// <summary>Whether the citizen is approved for a flex job (visiteret til fleksjob); <see langword="null"/> when unknown.</summary>
    public bool? FlexJobApproved { get => _flexJobApproved; init => _flexJobApproved = value; }

    internal bool? _flexJobApproved;

    /// <summary>
    /// The facts that loaded packs declare (CONTRACT §4.1), by name; <see cref="FactValues.Empty"/> when none is given.
    /// A declared fact that is not given is unknown. Checked against the loaded packs when recommended for.
    /// </summary>
    public FactValues Facts { get => _facts; init => _facts = value; }

    internal FactValues _facts = FactValues.Empty;
}

/// <summary>
/// The caseworker's and jobcentre's side of an assessment. Immutable; every fact is <see langword="null"/> when unknown.
/// </summary>
public sealed record AssessmentContext
{
    // Internal fields as in CitizenProfile, for the profile reader.

    /// <summary>A context in which nothing is known.</summary>
    public static AssessmentContext Unknown { get; } = new();

    /// <summary>The lowest caseload Pathways accepts.</summary>
    public const int MinCaseload = 1;

    /// <summary>The highest caseload Pathways accepts.</summary>
    public const int MaxCaseload = 1000;

    /// <summary>The business cycle; <see langword="null"/> when unknown.</summary>
    public BusinessCycle? BusinessCycle { get => _businessCycle; init => _businessCycle = value; }

    internal BusinessCycle? _businessCycle;

    /// <summary>Citizens per caseworker, 1–1000; <see langword="null"/> when unknown.</summary>
    public int? CaseworkerCaseload { get => _caseworkerCaseload; init => _caseworkerCaseload = value; }

    internal int? _caseworkerCaseload;

    /// <summary>Whether the caseworker believes the citizen can get a job; <see langword="null"/> when unknown.</summary>
    public bool? CaseworkerExpectsJob { get => _caseworkerExpectsJob; init => _caseworkerExpectsJob = value; }

    internal bool? _caseworkerExpectsJob;

    private DateTime? _assessmentDate;

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
        init => SetAssessmentDate(value);
    }

    /// <summary>Sets the day, as its init accessor does; only the profile reader calls it, while it reads.</summary>
    internal void SetAssessmentDate(DateTime? value) =>
        _assessmentDate = value is { } d ? new DateTime(d.Year, d.Month, d.Day, 0, 0, 0, DateTimeKind.Unspecified) : null;
}

/// <summary>One citizen's profile together with the context of the assessment, as read from one profile JSON object.</summary>
/// <param name="Profile">The citizen.</param>
/// <param name="Context">The caseworker's context; <see langword="null"/> when none was given.</param>
public sealed record CitizenCase(CitizenProfile Profile, AssessmentContext? Context);
