namespace Pathways;

/// <summary>The citizen's readiness category (visitationskategori) as the jobcentre has assessed it.</summary>
public enum Readiness
{
    /// <summary>Not known. Rules that need readiness do not fire, and the why-not says so.</summary>
    Unknown = 0,

    /// <summary>Jobparat: ready to take a job.</summary>
    JobReady = 1,

    /// <summary>Aktivitetsparat: not yet ready for a job; further from the labour market.</summary>
    ActivityReady = 2,

    /// <summary>Uddannelsesparat: a young person ready to start an education.</summary>
    EducationReady = 3,
}

/// <summary>The benefit the citizen receives (ydelse).</summary>
public enum Benefit
{
    /// <summary>Kontanthjælp.</summary>
    SocialAssistance = 0,

    /// <summary>Uddannelseshjælp.</summary>
    EducationAssistance = 1,

    /// <summary>Dagpenge.</summary>
    UnemploymentInsurance = 2,

    /// <summary>Sygedagpenge.</summary>
    SicknessBenefit = 3,

    /// <summary>Ressourceforløb.</summary>
    ResourceProgramme = 4,

    /// <summary>Jobafklaringsforløb.</summary>
    JobClarification = 5,

    /// <summary>Ledighedsydelse, visiteret til fleksjob.</summary>
    FlexJob = 6,

    /// <summary>Another benefit.</summary>
    Other = 7,
}

/// <summary>The state of the business cycle (konjunktur) in which the intervention would take place.</summary>
public enum BusinessCycle
{
    /// <summary>Højkonjunktur.</summary>
    Boom = 0,

    /// <summary>Normal konjunktur.</summary>
    Normal = 1,

    /// <summary>Lavkonjunktur.</summary>
    Recession = 2,
}

/// <summary>The language of texts in a result.</summary>
public enum Language
{
    /// <summary>Danish (dansk), the default.</summary>
    Da = 0,

    /// <summary>English.</summary>
    En = 1,
}
