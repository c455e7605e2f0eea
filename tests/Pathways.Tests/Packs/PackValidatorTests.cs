using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>PackValidator checks packs as loading would, one report per pack file, for <c>pathways validate</c>.</summary>
public sealed class PackValidatorTests
{
    [Test]
    public void ValidPacks_GiveOneCleanReportEach_WithNameVersionAndRuleCount()
    {
        var features = Path.Combine(TestPacks, "features-pack.json");
        var overrides = Path.Combine(TestPacks, "override-pack.json");
        var reports = PackValidator.Validate(new[] { features, overrides });

        Assert.That(reports.Select(r => (r.Source, r.Name, r.Version, r.RuleCount, r.IsValid)), Is.EqualTo(new[]
        {
            (features, (string?)"features-pack", (string?)"1.0.0", 10, true),
            (overrides, (string?)"override-pack", (string?)"2.1.0", 3, true),
        }));
    }

    [Test]
    public void Folder_GivesAReportPerFile_InNameOrder_EachOnTopOfTheOnesBefore()
    {
        var folder = Path.Combine(TestPacks, "folder");
        var reports = PackValidator.Validate(new[] { folder });
        Assert.That(reports.Select(r => (Path.GetFileName(r.Source), r.IsValid)), Is.EqualTo(new[] { ("a-kommune-base.json", true), ("b-kommune-extension.json", true) }));
    }

    [Test]
    public void PackThatNeedsALaterPack_IsInvalid_AndTheLaterPackIsStillChecked()
    {
        var reports = PackValidator.Validate(new[] { Path.Combine(TestPacks, "folder-wrong-order") });
        Assert.That(reports.Select(r => r.IsValid), Is.EqualTo(new[] { false, true }));
        var problem = reports[0].Problems.First();
        Assert.That((problem.Workflow, problem.Rule, problem.Line), Is.EqualTo(("mentor", "MentorForYoung", (int?)11)));
        Assert.That(problem.ToString(), Does.StartWith(reports[0].Source + "(11): workflow 'mentor', rule 'MentorForYoung': SuccessEvent 'mentor-support'"));
    }

    [Test]
    public void ValidatingAndLoading_ReportTheSameProblems()
    {
        var json = Probe("profile.Agee > 18").Replace("\"evidence\": \"limited\"", "\"evidence\": \"high\"");
        var file = Path.Combine(Path.GetTempPath(), $"pathways-validate-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        try
        {
            var report = PackValidator.Validate(new[] { file }).Single();
            var e = Assert.Throws<PackLoadException>(() => PathwayRecommender.Create(o => o.Packs.Add(file)))!;
            Assert.That(report.Problems, Is.EqualTo(e.Problems));
            Assert.That(report.Problems, Has.Count.EqualTo(2));
            Assert.That((report.Name, report.Version, report.RuleCount), Is.EqualTo(((string?)"probe-pack", (string?)"1.0.0", 1)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("{ \"name\": ", "Malformed JSON at line 1, position", TestName = "Validate_MalformedJson")]
    [TestCase("", "The pack file is empty or not a regular file", TestName = "Validate_EmptyFile")]
    public void UnreadablePack_GivesAReportWithoutName(string json, string fragment)
    {
        var file = Path.Combine(Path.GetTempPath(), $"pathways-validate-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        try
        {
            var report = PackValidator.Validate(new[] { file }).Single();
            Assert.That((report.Name, report.Version, report.RuleCount, report.IsValid), Is.EqualTo(((string?)null, (string?)null, 0, false)));
            Assert.That(report.Problems.Single().Message, Does.Contain(fragment));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void MissingPath_GivesOneReportForThePath()
    {
        var report = PackValidator.Validate(new[] { "no/such/pack.json" }).Single();
        Assert.That((report.Source, report.IsValid, report.Problems.Single().Message), Is.EqualTo(("no/such/pack.json", false, "No pack file or folder at this path.")));
    }

    [Test]
    public void WithoutTheBuiltInPack_ReferencesToItAreProblems()
    {
        var file = Path.Combine(TestPacks, "override-pack.json");
        Assert.That(PackValidator.Validate(new[] { file }, includeBuiltInPack: true).Single().IsValid, Is.True);
        var report = PackValidator.Validate(new[] { file }, includeBuiltInPack: false).Single();
        Assert.That(report.Problems.Select(p => p.Message), Has.Some.Contains("says \"override\": true but no earlier pack defines it"));
    }

    [TestCase("profile.Age > 18", true)]
    [TestCase("\"\".GetType() != null", false)]
    public void ValidateJson_ChecksAPackKeptOutsideTheFileSystem(string expression, bool valid)
    {
        var report = PackValidator.ValidateJson(Probe(expression), "database:probe");
        Assert.That((report.Source, report.IsValid), Is.EqualTo(("database:probe", valid)));
        Assert.That(report.Problems.All(p => p.File == "database:probe"), Is.True);
    }
}
