namespace Pathways.Tests.Recommendations;

/// <summary>Boundaries of the rules and the difference between an unknown fact and a known "no".</summary>
public class BoundaryTests
{
    [TestCase(17, false, TestName = "Ips_IsNotRecommended_Age17")]
    [TestCase(18, true, TestName = "Ips_IsRecommended_Age18")]
    [TestCase(64, true, TestName = "Ips_IsRecommended_Age64")]
    [TestCase(65, false, TestName = "Ips_IsNotRecommended_Over64")]
    public void Ips_FollowsTheTrialsAgeBand(int age, bool recommended)
    {
        var result = TestProfiles.Recommend($"mental=true age={age}");

        Assert.That(result.Ids().Contains("ips"), Is.EqualTo(recommended));
        Assert.That(result.Ids().Contains("ips-plus"), Is.EqualTo(recommended));
        if (!recommended)
            Assert.That(result.NotRecommended.Single(n => n.InterventionId == "ips").Reasons, Has.Some.Contains("18"));
    }

    [TestCase(29, true, TestName = "YoungRule_Fires_AtYoungMaxAge29")]
    [TestCase(30, false, TestName = "YoungRule_DoesNotFire_At30")]
    public void YoungVulnerableRule_FollowsTheLocalParameter(int age, bool cites)
    {
        var rec = TestProfiles.Recommend($"readiness=activity age={age}").Find("private-wage-subsidy")!;

        Assert.That(rec.Citations.Any(c => c.Key == "jensen-andersen-2012"), Is.EqualTo(cites));
    }

    [TestCase(50, false)]
    [TestCase(51, true)]
    public void LowCaseload_AboveTheLocalThreshold(int caseload, bool recommended) =>
        Assert.That(TestProfiles.Recommend($"readiness=activity caseload={caseload}").Ids().Contains("low-caseload"), Is.EqualTo(recommended));

    [TestCase(15, true)]
    [TestCase(15.5, false)]
    public void SmallPaidHours_UpToTheFewHoursParameter(double hours, bool recommended) =>
        Assert.That(TestProfiles.Recommend(FormattableString.Invariant($"readiness=activity hours={hours}")).Ids().Contains("small-paid-hours"), Is.EqualTo(recommended));

    [TestCase(11, false)]
    [TestCase(12, true)]
    public void LongTermRule_FromLongTermMonths(int months, bool cites)
    {
        var rec = TestProfiles.Recommend($"readiness=activity months={months}").Find("small-paid-hours")!;

        Assert.That(rec.Citations.Any(c => c.Key == "star-2023c"), Is.EqualTo(cites));
    }

    [Test]
    public void MentalIllness_Unknown_IsNotGuessed_AndWhyNotNamesTheFact()
    {
        var result = TestProfiles.Recommend("age=40");

        Assert.That(result.Ids(), Does.Not.Contain("ips"));
        var why = result.NotRecommended.Single(n => n.InterventionId == "ips").Reasons;
        Assert.That(why, Has.Some.Contains("mentalIllness"));
        Assert.That(why, Has.Some.Contains("Ukendt"));
    }

    [Test]
    public void MentalIllness_False_IsANo_NotAnUnknown()
    {
        var why = TestProfiles.Recommend("age=40 mental=false").NotRecommended.Single(n => n.InterventionId == "ips").Reasons;

        Assert.That(why, Has.None.Contains("mentalIllness"));
        Assert.That(why, Is.Not.Empty);
    }

    [Test]
    public void Readiness_Unknown_BlocksReadinessRules_AndSaysSo()
    {
        var result = TestProfiles.Recommend("age=40");

        Assert.That(result.Ids(), Has.None.AnyOf("private-wage-subsidy", "public-wage-subsidy", "company-internship", "small-paid-hours"));
        Assert.That(result.NotRecommended.Single(n => n.InterventionId == "private-wage-subsidy").Reasons, Has.Some.Contains("readiness"));
    }

    [Test]
    public void Treatment_Unknown_DoesNotBlockIps_ButSaysTheConditionIsNotEstablished_AndFalseAddsTheCaveat()
    {
        var unknown = TestProfiles.Recommend("mental=true age=40").Find("ips")!;
        var inTreatment = TestProfiles.Recommend("mental=true treatment=true age=40").Find("ips")!;
        var notInTreatment = TestProfiles.Recommend("mental=true treatment=false age=40").Find("ips")!;

        Assert.That(inTreatment.Caveats, Has.None.Contains("behandling"));
        Assert.That(unknown.Caveats, Has.Some.Contains("ikke oplyst, om borgeren er i psykiatrisk behandling"));
        Assert.That(notInTreatment.Caveats, Has.Some.StartsWith("Borgeren er ikke i psykiatrisk behandling."));
    }

    [Test]
    public void Context_Null_MeansEveryContextFactIsUnknown()
    {
        var p = new CitizenProfile { Age = 40, Readiness = Readiness.ActivityReady };

        var result = TestProfiles.BuiltIn.Recommend(p, null);

        Assert.That(result.Ids(), Has.None.AnyOf("low-caseload", "caseworker-belief"));
        Assert.That(result.NotRecommended.Single(n => n.InterventionId == "low-caseload").Reasons, Has.Some.Contains("context.caseworkerCaseload"));
    }

    [Test]
    public void NestedOr_LetsAKnownFactDecide_DespiteAnUnknownSibling()
    {
        // CompanyCentre_FlexJobTrack is an OrElse of flexJobApproved, flex-job benefit and resource programme.
        var result = TestProfiles.Recommend("readiness=job flex=true");

        Assert.That(result.Ids(), Does.Contain("company-centre"));
    }
}
