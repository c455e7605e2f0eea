namespace Pathways.Tests.Profiles;

public class ProfileJsonTests
{
    private const string Valid = """
        {
          "id": "case-0042",
          "age": 45,
          "readiness": "activity-ready",
          "benefit": "social-assistance",
          "mentalIllness": false,
          "inMentalHealthTreatment": null,
          "monthsOnBenefits": 48,
          "weeklyPaidHours": 0,
          "hasChildrenAged5To14": true,
          "flexJobApproved": false,
          "context": { "businessCycle": "normal", "caseworkerCaseload": 70, "caseworkerExpectsJob": false }
        }
        """;

    [Test]
    public void ContractExample_ReadsExactly()
    {
        var (p, c) = ProfileJson.Read(Valid);

        Assert.That(p, Is.EqualTo(new CitizenProfile
        {
            Id = "case-0042", Age = 45, Readiness = Readiness.ActivityReady, Benefit = Benefit.SocialAssistance,
            MentalIllness = false, InMentalHealthTreatment = null, MonthsOnBenefits = 48, WeeklyPaidHours = 0,
            HasChildrenAged5To14 = true, FlexJobApproved = false,
        }));
        Assert.That(c, Is.EqualTo(new AssessmentContext { BusinessCycle = BusinessCycle.Normal, CaseworkerCaseload = 70, CaseworkerExpectsJob = false }));
    }

    [TestCase("job-ready", Readiness.JobReady)]
    [TestCase("activity-ready", Readiness.ActivityReady)]
    [TestCase("education-ready", Readiness.EducationReady)]
    [TestCase("unknown", Readiness.Unknown)]
    public void Readiness_KebabValues(string json, Readiness expected) =>
        Assert.That(ProfileJson.Read($"{{\"age\":30,\"readiness\":\"{json}\"}}").Profile.Readiness, Is.EqualTo(expected));

    [TestCase("social-assistance", Benefit.SocialAssistance)]
    [TestCase("education-assistance", Benefit.EducationAssistance)]
    [TestCase("unemployment-insurance", Benefit.UnemploymentInsurance)]
    [TestCase("sickness-benefit", Benefit.SicknessBenefit)]
    [TestCase("resource-programme", Benefit.ResourceProgramme)]
    [TestCase("job-clarification", Benefit.JobClarification)]
    [TestCase("flex-job", Benefit.FlexJob)]
    [TestCase("other", Benefit.Other)]
    public void Benefit_KebabValues(string json, Benefit expected) =>
        Assert.That(ProfileJson.Read($"{{\"age\":30,\"readiness\":\"unknown\",\"benefit\":\"{json}\"}}").Profile.Benefit, Is.EqualTo(expected));

    [TestCase("""{"age":14,"readiness":"unknown"}""", "age", "15–100", TestName = "Bad_AgeBelow15")]
    [TestCase("""{"age":101,"readiness":"unknown"}""", "age", "15–100", TestName = "Bad_AgeAbove100")]
    [TestCase("""{"age":"45","readiness":"unknown"}""", "age", "whole number", TestName = "Bad_AgeAsString")]
    [TestCase("""{"age":45.5,"readiness":"unknown"}""", "age", "whole number", TestName = "Bad_AgeFraction")]
    [TestCase("""{"readiness":"unknown"}""", "age", "required", TestName = "Bad_AgeMissing")]
    [TestCase("""{"age":45}""", "readiness", "required", TestName = "Bad_ReadinessMissing")]
    [TestCase("""{"age":45,"readiness":"jobparat"}""", "readiness", "'job-ready'", TestName = "Bad_ReadinessUnknownEnum")]
    [TestCase("""{"age":45,"readiness":"JobReady"}""", "readiness", "'activity-ready'", TestName = "Bad_ReadinessPascalCase")]
    [TestCase("""{"age":45,"readiness":"unknown","benefit":"dagpenge"}""", "benefit", "'unemployment-insurance'", TestName = "Bad_BenefitUnknownEnum")]
    [TestCase("""{"age":45,"readiness":"unknown","mentalIlness":true}""", "mentalIlness", "did you mean 'mentalIllness'", TestName = "Bad_TypoPropertyNamed")]
    [TestCase("""{"age":45,"readiness":"unknown","mentalIllness":"yes"}""", "mentalIllness", "true, false or null", TestName = "Bad_BoolAsString")]
    [TestCase("""{"age":45,"readiness":"unknown","monthsOnBenefits":-1}""", "monthsOnBenefits", "0 or more", TestName = "Bad_NegativeMonths")]
    [TestCase("""{"age":45,"readiness":"unknown","weeklyPaidHours":81}""", "weeklyPaidHours", "0–80", TestName = "Bad_HoursAbove80")]
    [TestCase("""{"age":45,"readiness":"unknown","context":{"caseworkerCaseload":0}}""", "context.caseworkerCaseload", "1–1000", TestName = "Bad_CaseloadZero")]
    [TestCase("""{"age":45,"readiness":"unknown","context":{"caseworkerCaseload":1001}}""", "context.caseworkerCaseload", "1–1000", TestName = "Bad_CaseloadAbove1000")]
    [TestCase("""{"age":45,"readiness":"unknown","context":{"businessCycle":"depression"}}""", "context.businessCycle", "'recession'", TestName = "Bad_CycleUnknownEnum")]
    [TestCase("""{"age":45,"readiness":"unknown","context":{"caseload":3}}""", "context.caseload", "allowed", TestName = "Bad_UnknownContextProperty")]
    [TestCase("""{"age":45,"readiness":"unknown","context":[]}""", "context", "object", TestName = "Bad_ContextArray")]
    [TestCase("""{"age":45,"readiness":"unknown","id":42}""", "id", "string", TestName = "Bad_IdNumber")]
    public void BadProfile_IsRefused_NamingTheFieldAndWhatIsAllowed(string json, string field, string allowed)
    {
        var e = Assert.Throws<ProfileValidationException>(() => ProfileJson.Read(json, "p.json"))!;

        Assert.That(e.Problems.Select(p => p.Field), Does.Contain(field));
        Assert.That(e.Message, Does.StartWith("p.json: "));
        Assert.That(e.Problems.Single(p => p.Field == field).Message, Does.Contain(allowed));
        Assert.That(e.Problems.Single(p => p.Field == field).Line, Is.EqualTo(1));
    }

    [TestCase("", "empty", TestName = "Malformed_Empty")]
    [TestCase("{\"age\": 45,\n \"readiness\": }", "line 2", TestName = "Malformed_LineAndPosition")]
    [TestCase("[1,2]", "object", TestName = "Malformed_Array")]
    [TestCase("{\"age\":45,\"readiness\":\"unknown\"} {}", "Malformed JSON at line 1, position 34", TestName = "Malformed_TrailingContent")]
    [TestCase("{\"age\":45,\"age\":46,\"readiness\":\"unknown\"}", "age", TestName = "Malformed_DuplicateProperty")]
    public void MalformedJson_IsRefused_WithWhere(string json, string fragment)
    {
        var e = Assert.Throws<ProfileValidationException>(() => ProfileJson.Read(json))!;

        Assert.That(e.Message, Does.Contain(fragment));
    }

    [Test]
    public void AllProblems_AreListedAtOnce()
    {
        var e = Assert.Throws<ProfileValidationException>(() => ProfileJson.Read("""{"age":5,"readiness":"x","weeklyPaidHours":-1,"foo":1}"""))!;

        Assert.That(e.Problems.Select(p => p.Field), Is.EquivalentTo(new[] { "foo", "age", "readiness", "weeklyPaidHours" }));
        Assert.That(e.Message, Does.Contain("3 more problems"));
    }

    [Test]
    public void Messages_NeverCarryTheIdOrOtherFields()
    {
        var e = Assert.Throws<ProfileValidationException>(() => ProfileJson.Read("""{"id":"cpr-0101901234","age":200,"readiness":"activity-ready","monthsOnBenefits":77}"""))!;

        Assert.That(e.Message, Does.Not.Contain("cpr-0101901234"));
        Assert.That(e.Message, Does.Not.Contain("77"));
        Assert.That(e.Message, Does.Contain("200"));
    }

    [TestCase(14, "age")]
    [TestCase(40, null)]
    public void Recommend_ValidatesObjectsBuiltInCode(int age, string? field)
    {
        var p = new CitizenProfile { Age = age, Readiness = Readiness.JobReady };
        if (field is null)
        {
            Assert.That(TestProfiles.BuiltIn.Recommend(p).RuleSet.Name, Is.EqualTo("pathways"));
            return;
        }

        var e = Assert.Throws<ProfileValidationException>(() => TestProfiles.BuiltIn.Recommend(p))!;
        Assert.That(e.Problems.Single().Field, Is.EqualTo(field));
    }

    [Test]
    public void Recommend_RefusesUndefinedEnumValues_AndOutOfRangeContext()
    {
        var p = new CitizenProfile { Age = 40, Readiness = (Readiness)9, WeeklyPaidHours = double.NaN };
        var c = new AssessmentContext { CaseworkerCaseload = 0, BusinessCycle = (BusinessCycle)5 };

        var e = Assert.Throws<ProfileValidationException>(() => TestProfiles.BuiltIn.Recommend(p, c))!;

        Assert.That(e.Problems.Select(x => x.Field), Is.EquivalentTo(new[] { "readiness", "weeklyPaidHours", "context.businessCycle", "context.caseworkerCaseload" }));
    }
}
