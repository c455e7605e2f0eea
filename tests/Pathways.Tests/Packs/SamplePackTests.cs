using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>The worked example of docs/writing-packs.md (samples/packs/kommune-mentor.json) does what the guide says.</summary>
public sealed class SamplePackTests
{
    private static PathwayRecommender Mentor => PathwayRecommender.Create(o => o.Packs.Add(Path.Combine(RepoRoot, "samples", "packs", "kommune-mentor.json")));

    [TestCase(Readiness.ActivityReady, 24, false, 30, true, TestName = "Mentor_ForActivityReadyLongTerm")]
    [TestCase(Readiness.ActivityReady, 6, false, 30, false, TestName = "Mentor_NotBeforeMentorMinMonths")]
    [TestCase(Readiness.JobReady, 24, false, 30, false, TestName = "Mentor_NotForJobReady")]
    [TestCase(Readiness.ActivityReady, 24, true, 30, false, TestName = "Mentor_ExcludedWhenFlexJobApproved")]
    public void Mentor_IsRecommendedAsTheGuideSays(Readiness readiness, int months, bool flexJob, int caseload, bool recommended)
    {
        var citizen = Citizen(readiness: readiness, months: months) with { FlexJobApproved = flexJob };
        var result = Mentor.Recommend(citizen, Context(caseload: caseload));
        Assert.That(Ids(result).Contains("mentor-support"), Is.EqualTo(recommended));
    }

    [Test]
    public void Mentor_CarriesTheCaveat_WhenTheCaseloadIsHigh_AndCitesTheMunicipality()
    {
        var mentor = Mentor.Recommend(Citizen(months: 24), Context(caseload: 80)).Recommendations.Single(r => r.InterventionId == "mentor-support");
        Assert.That(mentor.Evidence, Is.EqualTo(EvidenceGrade.Limited));
        Assert.That(mentor.Caveats, Has.Count.EqualTo(1).And.Some.StartsWith("Sagsbehandleren har mange sager"));
        Assert.That(mentor.Citations.Select(c => c.Key), Is.EqualTo(new[] { "eksempel-kommune-2025" }));
    }

    [Test]
    public void Mentor_WhyNot_NamesTheFailedConditionOrTheUnknownFact()
    {
        var en = new RecommendOptions { Language = Language.En };
        var shortTerm = Mentor.Recommend(Citizen(months: 3), Context(), en).NotRecommended.Single(n => n.InterventionId == "mentor-support");
        Assert.That(shortTerm.Reasons, Is.EqualTo(new[] { "The citizen has been on public benefits for less than the municipality's limit of 12 months." }));
        var unknown = Mentor.Recommend(Citizen(months: null), Context(), en).NotRecommended.Single(n => n.InterventionId == "mentor-support");
        Assert.That(unknown.Reasons.Single(), Does.StartWith("Unknown, so not assessed: ").And.Contains("(monthsOnBenefits)"));
    }

    [Test]
    public void Mentor_ValidatesCleanly()
    {
        var report = PackValidator.Validate(new[] { Path.Combine(RepoRoot, "samples", "packs", "kommune-mentor.json") }).Single();
        Assert.That((report.Name, report.Version, report.RuleCount, report.IsValid), Is.EqualTo(((string?)"kommune-mentor", (string?)"1.0.0", 3, true)));
    }
}
