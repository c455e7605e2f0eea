namespace Pathways.Tests.Evidence;

/// <summary>
/// One finding of STAR's note per row: the profile that the finding is about, the recommendation it must
/// produce, the grade from the note's wording and the study the note gives for it. Removing or mis-citing the
/// rule that encodes a finding fails its row.
/// </summary>
public class ConclusionTests
{
    // Conclusion 1 — company-oriented interventions work, private wage subsidy most.
    [TestCase("readiness=activity", "private-wage-subsidy", EvidenceGrade.Strong, "graversen-2012", TestName = "C1_PrivateWageSubsidy_IsStrong_ForActivityReady_Graversen2012")]
    [TestCase("readiness=activity", "private-wage-subsidy", EvidenceGrade.Strong, "ekspertgruppen-2015", TestName = "C1_PrivateWageSubsidy_CitesEkspertgruppen2015")]
    [TestCase("readiness=activity benefit=social", "private-wage-subsidy", EvidenceGrade.Strong, "arendt-2017", TestName = "C1_CompanyOriented_ForActivityReadySocialAssistance_Arendt2017")]
    [TestCase("readiness=activity age=22", "private-wage-subsidy", EvidenceGrade.Strong, "jensen-andersen-2012", TestName = "C1_WageSubsidy_ForYoungVulnerable_JensenAndersen2012")]
    [TestCase("readiness=activity age=22", "public-wage-subsidy", EvidenceGrade.Mixed, "jensen-andersen-2012", TestName = "C1_PublicWageSubsidy_ForYoungVulnerable_JensenAndersen2012")]
    [TestCase("readiness=activity cycle=boom", "private-wage-subsidy", EvidenceGrade.Strong, "dor-2012", TestName = "C1_PrivateWageSubsidy_InBoom_Dor2012")]
    [TestCase("readiness=activity", "public-wage-subsidy", EvidenceGrade.Mixed, "rosholm-svarer-2020", TestName = "C1_PublicWageSubsidy_IsMixed_RosholmSvarer2020")]
    [TestCase("readiness=activity", "company-internship", EvidenceGrade.Mixed, "arendt-2017", TestName = "C1_CompanyInternship_IsMixed_Arendt2017")]
    [TestCase("readiness=activity", "company-internship", EvidenceGrade.Mixed, "ramboll-metrica-2018", TestName = "C1_CompanyInternship_JobFirst_RambollMetrica2018")]
    [TestCase("readiness=activity", "company-internship", EvidenceGrade.Mixed, "skipper-2010", TestName = "C1_CompanyInternship_OlderMixed_Skipper2010")]
    [TestCase("readiness=activity cycle=recession", "company-internship", EvidenceGrade.Mixed, "dor-2012", TestName = "C1_CompanyInternship_BothCycles_Dor2012")]
    [TestCase("readiness=activity cycle=normal", "company-internship", EvidenceGrade.Mixed, "dor-2012", TestName = "C1_CompanyInternship_BothCycles_AlsoInANormalCycle_Dor2012")]
    [TestCase("readiness=activity", "coordinated-effort", EvidenceGrade.Moderate, "ekspertgruppen-2015", TestName = "C1_CoordinatedEffort_Ekspertgruppen2015")]
    [TestCase("readiness=job flex=true", "company-centre", EvidenceGrade.Moderate, "epinion-2017", TestName = "C1_CompanyCentre_ForFlexJobApproved_Epinion2017")]
    [TestCase("readiness=activity benefit=resource", "company-centre", EvidenceGrade.Moderate, "epinion-2017", TestName = "C1_CompanyCentre_InResourceProgramme_Epinion2017")]
    // Conclusion 2 — also for people with mental illness, combined with treatment and support.
    [TestCase("mental=true age=40", "ips", EvidenceGrade.Strong, "christensen-eplov-2018", TestName = "C2_Ips_IsStrong_ChristensenEplov2018")]
    [TestCase("mental=true age=40", "ips", EvidenceGrade.Strong, "christensen-nordentoft-2011", TestName = "C2_Ips_MentorSupport_ChristensenNordentoft2011")]
    [TestCase("mental=true age=40", "ips-plus", EvidenceGrade.Moderate, "christensen-eplov-2018", TestName = "C2_IpsPlus_ChristensenEplov2018")]
    // Conclusion 3 — a few paid hours are a stepping stone.
    [TestCase("readiness=activity", "small-paid-hours", EvidenceGrade.Limited, "star-2023b", TestName = "C3_SmallPaidHours_JobFirstTrial_Star2023b")]
    [TestCase("readiness=activity hours=0", "small-paid-hours", EvidenceGrade.Limited, "star-2023a", TestName = "C3_SmallPaidHours_ThirdIncreaseHours_Star2023a")]
    [TestCase("readiness=activity hours=5", "small-paid-hours", EvidenceGrade.Limited, "star-2023d", TestName = "C3_SmallPaidHours_SmallPrivateFirms_Star2023d")]
    [TestCase("readiness=activity hours=5", "small-paid-hours", EvidenceGrade.Limited, "rosholm-2024", TestName = "C3_SmallPaidHours_Rosholm2024")]
    [TestCase("readiness=activity months=48", "small-paid-hours", EvidenceGrade.Limited, "star-2023c", TestName = "C3_SmallPaidHours_LongTermActivityReady_Star2023c")]
    [TestCase("readiness=activity children=true", "small-paid-hours", EvidenceGrade.Limited, "star-2023e", TestName = "C3_SmallPaidHours_ParentsOfChildren5To14_Star2023e")]
    // Conclusion 4 — the caseworker's belief matters.
    [TestCase("readiness=activity expects=false", "caseworker-belief", EvidenceGrade.Moderate, "vaksthuset-au-2017", TestName = "C4_CaseworkerBelief_Vaksthuset2017")]
    // Conclusion 5 — few cases per caseworker.
    [TestCase("readiness=activity caseload=70", "low-caseload", EvidenceGrade.Strong, "amilon-lindegaard-2019", TestName = "C5_LowCaseload_IsStrong_AmilonLindegaard2019")]
    [TestCase("readiness=activity caseload=70", "low-caseload", EvidenceGrade.Strong, "ramboll-metrica-2018", TestName = "C5_LowCaseload_JobFirst_RambollMetrica2018")]
    [TestCase("readiness=activity", "primary-contact-person", EvidenceGrade.Moderate, "ramboll-metrica-2018", TestName = "C5_PrimaryContactPerson_JobFirst_RambollMetrica2018")]
    public void Finding_IsRecommended_WithGradeAndStudy(string spec, string id, EvidenceGrade grade, string citation)
    {
        var result = TestProfiles.Recommend(spec);

        var rec = result.Find(id);
        Assert.That(rec, Is.Not.Null, $"'{id}' should be recommended for {spec}; got {string.Join(", ", result.Ids())}");
        Assert.That(rec!.Evidence, Is.EqualTo(grade));
        Assert.That(rec.Citations.Select(c => c.Key), Does.Contain(citation));
        Assert.That(rec.Citations.Single(c => c.Key == citation).Finding, Is.Not.Empty);
    }

    // Caveats the note attaches to a finding: business cycle, lock-in, duration, treatment, attachment.
    [TestCase("readiness=activity cycle=recession", "private-wage-subsidy", "lavkonjunktur", "dor-2012", TestName = "C1_PrivateWageSubsidy_EffectDisappearsInRecession")]
    [TestCase("readiness=activity cycle=boom", "private-wage-subsidy", "26 uger", "dor-2012", TestName = "C1_PrivateWageSubsidy_Boom_26Weeks")]
    [TestCase("readiness=activity", "public-wage-subsidy", "fastholdelse", "ekspertgruppen-2015", TestName = "C1_PublicWageSubsidy_LockIn")]
    [TestCase("readiness=activity", "public-wage-subsidy", "varighed", "rosholm-svarer-2020", TestName = "C1_PublicWageSubsidy_NotLasting")]
    [TestCase("readiness=activity age=22", "public-wage-subsidy", "halvt år", "jensen-andersen-2012", TestName = "C1_YoungWageSubsidy_AboutHalfAYear")]
    [TestCase("readiness=activity", "company-internship", "ressourcesvage", "skipper-2010", TestName = "C1_CompanyInternship_NoEffectForResourceWeak")]
    [TestCase("mental=true treatment=false age=40", "ips", "behandling", "christensen-eplov-2018", TestName = "C2_Ips_NotInTreatment_Caveat")]
    [TestCase("readiness=activity", "small-paid-hours", "fastholder", "star-baggrundsnotat", TestName = "C3_SmallPaidHours_SomeDoNotKeepAttachment")]
    public void Finding_CarriesTheNotesCaveatOrFigure(string spec, string id, string phrase, string citation)
    {
        var rec = TestProfiles.Recommend(spec).Find(id);

        Assert.That(rec, Is.Not.Null);
        var texts = string.Join(" ", rec!.Reasons.Concat(rec.Caveats));
        Assert.That(texts, Does.Contain(phrase).IgnoreCase);
        Assert.That(rec.Citations.Select(c => c.Key), Does.Contain(citation));
    }

    [TestCase("59,5", TestName = "C2_Ips_Figures_59_5")]
    [TestCase("46,5", TestName = "C2_Ips_Figures_46_5")]
    [TestCase("13 procentpoint", TestName = "C2_Ips_Figures_13pp")]
    [TestCase("18 måneder", TestName = "C2_Ips_Figures_18Months")]
    public void Ips_CarriesTheTrialsFigures(string figure)
    {
        var rec = TestProfiles.Recommend("mental=true age=40").Find("ips")!;

        var text = string.Join(" ", rec.Reasons.Concat(rec.Citations.Select(c => c.Finding)));
        Assert.That(text, Does.Contain(figure));
    }

    // Where the note's findings do not reach, nothing is recommended.
    [TestCase("readiness=job", "private-wage-subsidy", TestName = "C1_PrivateWageSubsidy_NotForJobReady_OutsideBoom")]
    [TestCase("readiness=job", "public-wage-subsidy", TestName = "C1_PublicWageSubsidy_NotForJobReady")]
    [TestCase("readiness=job", "company-internship", TestName = "C1_CompanyInternship_NotForJobReady")]
    [TestCase("mental=false age=40", "ips", TestName = "C2_Ips_NotWithoutMentalIllness")]
    [TestCase("readiness=activity hours=20", "small-paid-hours", TestName = "C3_SmallPaidHours_NotAboveFewHours")]
    [TestCase("readiness=activity expects=true", "caseworker-belief", TestName = "C4_CaseworkerBelief_NotWhenCaseworkerBelieves")]
    [TestCase("readiness=activity caseload=50", "low-caseload", TestName = "C5_LowCaseload_NotAtThreshold")]
    [TestCase("readiness=activity flex=false benefit=social", "company-centre", TestName = "C1_CompanyCentre_NotOffFlexJobTrack")]
    public void Finding_DoesNotReach(string spec, string id)
    {
        var result = TestProfiles.Recommend(spec);

        Assert.That(result.Ids(), Does.Not.Contain(id));
        Assert.That(result.NotRecommended.Select(n => n.InterventionId), Does.Contain(id));
        Assert.That(result.NotRecommended.Single(n => n.InterventionId == id).Reasons, Is.Not.Empty);
    }

    [Test]
    public void PublicWageSubsidy_YoungRowIsLimited_AndDoesNotRaiseTheMixedGrade()
    {
        var rec = TestProfiles.Recommend("readiness=activity age=22").Find("public-wage-subsidy")!;

        Assert.That(rec.Evidence, Is.EqualTo(EvidenceGrade.Mixed), "strongest of mixed (Rosholm & Svarer) and limited (Jensen & Andersen)");
    }

    [Test]
    public void PrivateWageSubsidy_RanksAboveOtherCompanyOrientedInterventions()
    {
        var ids = TestProfiles.Recommend("readiness=activity").Ids();

        Assert.That(Array.IndexOf(ids, "private-wage-subsidy"), Is.LessThan(Array.IndexOf(ids, "public-wage-subsidy")));
        Assert.That(Array.IndexOf(ids, "private-wage-subsidy"), Is.LessThan(Array.IndexOf(ids, "company-internship")));
    }
}
