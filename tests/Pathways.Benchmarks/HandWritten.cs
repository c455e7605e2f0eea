namespace Pathways.Benchmarks;

/// <summary>
/// The built-in pack (rules/pathways.json) written by hand as if-statements: the limit a compiled rule set can
/// approach. Bit i is set when top-level rule i (in the pack's order) is definitely true; a fact that is unknown
/// (null) makes every comparison with it false, exactly as the pack's rules behave. Parameters at their defaults.
/// </summary>
internal static class HandWritten
{
    private const int YoungMaxAge = 29;
    private const int LongTermMonths = 12;
    private const double FewPaidHoursMax = 15;
    private const int HighCaseloadThreshold = 50;

    /// <summary>The pack's top-level rule names, in the order of the bits.</summary>
    public static readonly string[] RuleNames =
    {
        "PrivateWageSubsidy_ActivityReady", "PrivateWageSubsidy_ActivityReadySocialAssistance", "PrivateWageSubsidy_YoungActivityReady",
        "PrivateWageSubsidy_Boom", "PrivateWageSubsidy_RecessionCaveat", "PrivateWageSubsidy_VariesWithCycleAndTargetGroupCaveat",
        "PublicWageSubsidy_ActivityReady", "PublicWageSubsidy_YoungActivityReady", "PublicWageSubsidy_RecessionCaveat",
        "PublicWageSubsidy_LowerEffectAndLockInCaveat", "PublicWageSubsidy_NoLastingEmploymentCaveat", "PublicWageSubsidy_VariesWithCycleAndTargetGroupCaveat",
        "CompanyInternship_ActivityReady", "CompanyInternship_OlderEvidenceMixedCaveat", "CompanyInternship_VariesWithCycleAndTargetGroupCaveat",
        "CoordinatedEffort_WithCompanyOrientedEffort", "CompanyCentre_FlexJobTrack",
        "Ips_MentalIllnessAged18To64", "Ips_NotInTreatmentCaveat", "Ips_OutsideTrialAgesExcluded",
        "IpsPlus_MentalIllnessAged18To64", "IpsPlus_NotInTreatmentCaveat", "IpsPlus_OutsideTrialAgesExcluded",
        "SmallPaidHours_ActivityReadyJobFirstTrial", "SmallPaidHours_ActivityReadyWithFewOrNoHours", "SmallPaidHours_LongTermActivityReady",
        "SmallPaidHours_ParentOfChildrenAged5To14", "SmallPaidHours_AttachmentNotAlwaysKeptCaveat", "SmallPaidHours_AlreadyMoreThanFewHoursExcluded",
        "CaseworkerBelief_CaseworkerDoesNotExpectJob", "CaseworkerBelief_JobReadyScopeCaveat",
        "LowCaseload_CaseloadAboveThreshold", "PrimaryContactPerson_ActivityReady", "PrimaryContactPerson_HighCaseloadCaveat",
    };

    public static ulong Match(CitizenProfile p, AssessmentContext c)
    {
        ulong m = 0;
        var activityReady = p.Readiness == Readiness.ActivityReady;
        var jobReady = p.Readiness == Readiness.JobReady;
        var young = p.Age <= YoungMaxAge;
        var boom = c.BusinessCycle == BusinessCycle.Boom;
        var recession = c.BusinessCycle == BusinessCycle.Recession;
        var flexTrack = p.FlexJobApproved == true || p.Benefit == Benefit.FlexJob || p.Benefit == Benefit.ResourceProgramme;
        var mentalIllness = p.MentalIllness == true;
        var trialAge = p.Age >= 18 && p.Age <= 64;
        var notInTreatment = p.InMentalHealthTreatment == false;
        var highCaseload = c.CaseworkerCaseload > HighCaseloadThreshold;

        if (activityReady) m |= 1UL << 0;
        if (activityReady && p.Benefit == Benefit.SocialAssistance) m |= 1UL << 1;
        if (activityReady && young) m |= 1UL << 2;
        if (activityReady && boom) m |= 1UL << 3;
        if (recession) m |= 1UL << 4;
        m |= 1UL << 5;
        if (activityReady) m |= 1UL << 6;
        if (activityReady && young) m |= 1UL << 7;
        if (recession) m |= 1UL << 8;
        m |= 1UL << 9;
        m |= 1UL << 10;
        m |= 1UL << 11;
        if (activityReady) m |= 1UL << 12;
        m |= 1UL << 13;
        m |= 1UL << 14;
        if (activityReady || flexTrack || (mentalIllness && trialAge)) m |= 1UL << 15;
        if (flexTrack) m |= 1UL << 16;
        if (mentalIllness && trialAge) m |= 1UL << 17;
        if (notInTreatment) m |= 1UL << 18;
        if (mentalIllness && !trialAge) m |= 1UL << 19;
        if (mentalIllness && trialAge) m |= 1UL << 20;
        if (notInTreatment) m |= 1UL << 21;
        if (mentalIllness && !trialAge) m |= 1UL << 22;
        if (activityReady) m |= 1UL << 23;
        if (activityReady && p.WeeklyPaidHours <= FewPaidHoursMax) m |= 1UL << 24;
        if (activityReady && p.MonthsOnBenefits >= LongTermMonths) m |= 1UL << 25;
        if (activityReady && p.HasChildrenAged5To14 == true) m |= 1UL << 26;
        m |= 1UL << 27;
        if (p.WeeklyPaidHours > FewPaidHoursMax) m |= 1UL << 28;
        if (c.CaseworkerExpectsJob == false) m |= 1UL << 29;
        if (jobReady) m |= 1UL << 30;
        if (highCaseload) m |= 1UL << 31;
        if (activityReady) m |= 1UL << 32;
        if (highCaseload) m |= 1UL << 33;
        return m;
    }
}
