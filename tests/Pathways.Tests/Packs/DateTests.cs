using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>Dated rules and parameter values (CONTRACT §4.3): the advice for a day uses what is in force that day.</summary>
public sealed class DateTests
{
    /// <summary>A clock fixed at one instant.</summary>
    internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private const string Pack = """
        {
          "name": "dated-pack",
          "version": "1.0.0",
          "parameters": [ { "name": "reviewAbove", "description": { "da": "Lokalt valg." },
                            "values": [ { "from": "2026-01-01", "value": 60 }, { "from": "2027-01-01", "value": 45 } ] } ],
          "interventions": [ { "id": "half-year-offer", "title": { "da": "Halvårstilbud" } },
                             { "id": "caseload-review", "kind": "practice", "title": { "da": "Gennemgang af sagsstammen" } } ],
          "workflows": [ { "WorkflowName": "dated", "Rules": [
            { "RuleName": "SecondHalfOf2026", "SuccessEvent": "half-year-offer", "Expression": "profile.Age >= 18",
              "Properties": { "validFrom": "2026-07-01", "validTo": "2026-12-31", "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Dateret grund." } } },
            { "RuleName": "Always", "SuccessEvent": "half-year-offer", "Expression": "profile.Readiness == Readiness.JobReady",
              "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Altid grund." } } },
            { "RuleName": "Review", "SuccessEvent": "caseload-review", "Expression": "context.CaseworkerCaseload > reviewAbove",
              "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Over grænsen." } } }
          ] } ]
        }
        """;

    private static readonly PathwayRecommender Dated = Load(Pack);

    private static DateTime Day(string s) => DateTime.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static RecommendationResult On(string day, Readiness readiness = Readiness.ActivityReady, int caseload = 40, PathwayRecommender? recommender = null) =>
        (recommender ?? Dated).Recommend(Citizen(readiness: readiness), Context(caseload: caseload) with { AssessmentDate = Day(day) });

    [TestCase("2026-06-30", false, TestName = "RuleDates_DayBeforeValidFrom_NotInForce")]
    [TestCase("2026-07-01", true, TestName = "RuleDates_ValidFrom_InForce")]
    [TestCase("2026-12-31", true, TestName = "RuleDates_ValidTo_InForce")]
    [TestCase("2027-01-01", false, TestName = "RuleDates_DayAfterValidTo_NotInForce")]
    public void Rule_IsInForceFromValidFromToValidTo_BothIncluded(string day, bool inForce)
    {
        var result = On(day);

        Assert.That(Ids(result).Contains("half-year-offer"), Is.EqualTo(inForce));
        Assert.That(result.AssessmentDate, Is.EqualTo(Day(day)));
    }

    [Test]
    public void RuleNotInForce_IsNotAReason_WhileAnotherRuleStillRecommends()
    {
        var inForce = On("2026-07-01", Readiness.JobReady).Recommendations.Single(r => r.InterventionId == "half-year-offer");
        var after = On("2027-01-01", Readiness.JobReady).Recommendations.Single(r => r.InterventionId == "half-year-offer");

        // A local pack's reasons name their pack (issue 16); the date decides which of them stand.
        Assert.That(inForce.Reasons, Does.Contain("Dateret grund. (fra pakken 'dated-pack')").And.Contain("Altid grund. (fra pakken 'dated-pack')"));
        Assert.That(after.Reasons, Does.Not.Contain("Dateret grund. (fra pakken 'dated-pack')").And.Contain("Altid grund. (fra pakken 'dated-pack')"));
    }

    [TestCase("2025-12-31", 70, false, TestName = "DatedValue_BeforeTheFirstFrom_NoValue_RuleDoesNotFire")]
    [TestCase("2026-01-01", 50, false, TestName = "DatedValue_2026_Limit60_Caseload50")]
    [TestCase("2026-01-01", 61, true, TestName = "DatedValue_2026_Limit60_Caseload61")]
    [TestCase("2026-12-31", 50, false, TestName = "DatedValue_LastDayOf60")]
    [TestCase("2027-01-01", 50, true, TestName = "DatedValue_FirstDayOf45_Caseload50")]
    [TestCase("2027-01-01", 45, false, TestName = "DatedValue_FirstDayOf45_Caseload45")]
    [TestCase("2099-01-01", 46, true, TestName = "DatedValue_LastValueHoldsUntilFurtherNotice")]
    public void DatedParameter_UsesTheValueInForceThatDay(string day, int caseload, bool reviewed)
    {
        Assert.That(Ids(On(day, caseload: caseload)).Contains("caseload-review"), Is.EqualTo(reviewed));
    }

    [Test]
    public void SamePack_GivesDifferentCorrectAdvice_BeforeAndAfterARulesDate_InOneBatch()
    {
        var lines = string.Join("\n",
            """{"id":"a","age":40,"readiness":"activity-ready","context":{"caseworkerCaseload":50,"assessmentDate":"2026-06-30"}}""",
            """{"id":"b","age":40,"readiness":"activity-ready","context":{"caseworkerCaseload":50,"assessmentDate":"2027-01-01"}}""",
            """{"id":"c","age":40,"readiness":"activity-ready","context":{"caseworkerCaseload":50,"assessmentDate":"2026-07-01"}}""");
        var output = new StringWriter();

        NdjsonBatch.RunAsync(new StringReader(lines), output, Dated, new RecommendOptions { Explain = false }).GetAwaiter().GetResult();

        var results = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        Assert.That(results.Select(r => (string?)r["assessmentDate"]), Is.EqualTo(new[] { "2026-06-30", "2027-01-01", "2026-07-01" }));
        string[] Offers(JObject r) => r["recommendations"]!.Select(x => (string)x["id"]!).Where(id => id is "half-year-offer" or "caseload-review").ToArray();
        Assert.That(results.Select(Offers), Is.EqualTo(new[] { Array.Empty<string>(), new[] { "caseload-review" }, new[] { "half-year-offer" } }));
    }

    [Test]
    public void ResultJson_NamesTheAssessmentDate()
    {
        var json = JObject.Parse(RecommendationJson.Serialize(On("2026-07-01")));

        Assert.That((string?)json["assessmentDate"], Is.EqualTo("2026-07-01"));
    }

    // Without an assessment date, today's date in Denmark from the configured clock: CET in winter, CEST in summer.
    [TestCase("2026-12-31T22:59:59Z", "2026-12-31")]
    [TestCase("2026-12-31T23:00:00Z", "2027-01-01")]
    [TestCase("2026-06-30T21:59:59Z", "2026-06-30")]
    [TestCase("2026-06-30T22:00:00Z", "2026-07-01")]
    [TestCase("2026-03-28T23:00:00Z", "2026-03-29")]
    [TestCase("2026-10-24T22:00:00Z", "2026-10-25")]
    [TestCase("2026-10-25T22:59:00Z", "2026-10-25")]
    public void NoAssessmentDate_UsesTodayInDenmark_FromTheTimeProvider(string utc, string danishDay)
    {
        var clock = new FixedClock(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));
        var recommender = PathwayRecommender.Create(o =>
        {
            o.AddPackFromStream("dated.json", Utf8(Pack));
            o.TimeProvider = clock;
        });

        var result = recommender.Recommend(Citizen(), Context());

        Assert.That(result.AssessmentDate, Is.EqualTo(Day(danishDay)));
        Assert.That(Ids(result).Contains("half-year-offer"), Is.EqualTo(danishDay is "2026-07-01" or "2026-12-31" or "2026-10-25"));
    }

    [Test]
    public void DependencyInjection_UsesARegisteredTimeProvider()
    {
        using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2030, 5, 6, 12, 0, 0, TimeSpan.Zero)))
            .AddPathways()
            .BuildServiceProvider();

        var result = services.GetRequiredService<IPathwayRecommender>().Recommend(Citizen());

        Assert.That(result.AssessmentDate, Is.EqualTo(new DateTime(2030, 5, 6)));
    }

    [Test]
    public void AssessmentDate_KeepsTheDayOnly()
    {
        var context = new AssessmentContext { AssessmentDate = new DateTime(2026, 7, 1, 23, 59, 0, DateTimeKind.Utc) };

        Assert.That((context.AssessmentDate, context.AssessmentDate!.Value.Kind), Is.EqualTo(((DateTime?)new DateTime(2026, 7, 1), DateTimeKind.Unspecified)));
    }

    [TestCase("\"validFrom\": \"2026-07-01\"", "\"validFrom\": \"2027-02-30\"", "SecondHalfOf2026", "Rule 'SecondHalfOf2026' has validFrom \"2027-02-30\", which is not a date")]
    [TestCase("\"validFrom\": \"2026-07-01\"", "\"validFrom\": \"2026-7-1\"", "SecondHalfOf2026", "which is not a date: allowed a real calendar date written YYYY-MM-DD")]
    [TestCase("\"validTo\": \"2026-12-31\"", "\"validTo\": 20261231", "SecondHalfOf2026", "Rule 'SecondHalfOf2026' has validTo 20261231, which is not a date")]
    [TestCase("\"validTo\": \"2026-12-31\"", "\"validTo\": \"2026-06-30\"", "SecondHalfOf2026", "Rule 'SecondHalfOf2026' has validTo 2026-06-30 before its validFrom 2026-07-01")]
    [TestCase("{ \"from\": \"2027-01-01\"", "{ \"from\": \"2027-13-01\"", "reviewAbove", "Parameter 'reviewAbove' has from \"2027-13-01\", which is not a date")]
    [TestCase("{ \"from\": \"2027-01-01\", \"value\": 45 }", "{ \"from\": \"2027-01-01\", \"to\": \"2026-01-01\", \"value\": 45 }", "reviewAbove", "Parameter 'reviewAbove' has a value whose 'to' 2026-01-01 is before its 'from' 2027-01-01")]
    [TestCase("{ \"from\": \"2027-01-01\", \"value\": 45 }", "{ \"value\": 45 }", "reviewAbove", "A value of parameter 'reviewAbove' has no 'from'")]
    [TestCase("\"description\": { \"da\": \"Lokalt valg.\" },", "\"description\": { \"da\": \"Lokalt valg.\" }, \"value\": 50,", "reviewAbove", "Parameter 'reviewAbove' has 'values' and also 'value'")]
    public void InvalidDate_RefusesThePack_NamingTheRuleOrParameter(string from, string to, string owner, string message)
    {
        Assert.That(Pack, Does.Contain(from));
        var problems = Refusal(Pack.Replace(from, to));

        Assert.That(problems.Select(p => (p.Rule, p.Message)), Has.Some.Matches<(string? Rule, string Message)>(p => p.Rule == owner && p.Message.Contains(message, StringComparison.Ordinal)));
        Assert.That(problems.All(p => p.Line is not null), Is.True);
    }

    [Test]
    public void NestedRule_WithADate_RefusesThePack()
    {
        var nested = Probe("true").Replace("\"Expression\": \"true\",", "\"Operator\": \"And\", \"Rules\": [ { \"RuleName\": \"Inner\", \"Expression\": \"true\", \"Properties\": { \"validFrom\": \"2026-01-01\" } } ],");

        Assert.That(Refusal(nested).Select(p => p.Message), Has.Some.Contains("A nested rule cannot carry 'role', 'citations', 'evidence', 'validFrom' or 'validTo'"));
    }

    [Test]
    public void Expression_ReadingTheAssessmentDate_IsRefused()
    {
        var problem = Refusal(Probe("context.AssessmentDate.HasValue")).Single();

        // The expression allow-list refuses it (a date is not a fact rules read): dates belong in validFrom/validTo.
        Assert.That(problem.Message, Does.Contain("\"context.AssessmentDate.HasValue\" produces a value of type Nullable, which rules may not use"));
    }

    [Test]
    public void RuleSetHash_CoversTheDates()
    {
        var other = Load(Pack.Replace("\"validFrom\": \"2026-07-01\"", "\"validFrom\": \"2026-07-02\""));

        Assert.That(other.RuleSet.Hash, Is.Not.EqualTo(Dated.RuleSet.Hash));
        Assert.That(Load(Pack).RuleSet.Hash, Is.EqualTo(Dated.RuleSet.Hash));
    }

    [Test]
    public void UndatedRuleSet_IsItsOwnViewOnEveryDay_AndDatedOnesShareAViewPerPeriod()
    {
        var builtIn = BuiltInPack.RuleSet;
        var dated = Dated.Compiled;

        Assert.That(builtIn.HasDates, Is.False);
        Assert.That(builtIn.ForDate(Day("2026-01-01")), Is.SameAs(builtIn));
        Assert.That(dated.ForDate(Day("2026-07-01")), Is.SameAs(dated.ForDate(Day("2026-12-31"))));
        Assert.That(dated.ForDate(Day("2026-07-01")), Is.Not.SameAs(dated.ForDate(Day("2027-01-01"))));
        Assert.That(dated.ForDate(Day("2026-07-01")).Info, Is.SameAs(dated.Info));
    }

    [Test]
    public void OptionsValue_ForADatedParameter_AppliesOnEveryDay()
    {
        var local = PathwayRecommender.Create(o =>
        {
            o.AddPackFromStream("dated.json", Utf8(Pack));
            o.Parameters["reviewAbove"] = 30;
        });

        Assert.That(Ids(On("2025-01-01", caseload: 40, recommender: local)), Does.Contain("caseload-review"));
        Assert.That(Ids(On("2027-01-01", caseload: 40, recommender: local)), Does.Contain("caseload-review"));
    }

    // Warnings, not refusals: the pack loads, validate lists them.
    [TestCase("\"validTo\": \"2026-12-31\"", "\"validTo\": \"2026-12-31\", \"x-unused\": 1", null, TestName = "Warnings_None_ForTheDatedPack")]
    [TestCase("\"Expression\": \"profile.Age >= 18\"", "\"Expression\": \"profile.Age >= reviewAbove\"", "Rule 'SecondHalfOf2026' is in force on no day", TestName = "Warnings_RuleInForceOnNoDay_WhenItsParameterHasNoValueThen")]
    [TestCase("{ \"from\": \"2026-01-01\", \"value\": 60 }", "{ \"from\": \"2026-01-01\", \"to\": \"2027-06-30\", \"value\": 60 }", "Parameter 'reviewAbove' has values from 2026-01-01 and from 2027-01-01 that overlap from 2027-01-01 to 2027-06-30", TestName = "Warnings_OverlappingDatedValues")]
    public void Validate_Warns_ButTheDatedPackLoads(string from, string to, string? warning)
    {
        var json = Pack.Replace("\"validFrom\": \"2026-07-01\", \"validTo\": \"2026-12-31\"", "\"validFrom\": \"2025-01-01\", \"validTo\": \"2025-12-31\"").Replace(from, to);
        if (warning is null) json = Pack;

        var report = PackValidator.ValidateJson(json, "dated.json");

        Assert.That(report.IsValid, Is.True, string.Join("\n", report.Problems));
        // The test pack is Danish only, which is a warning of its own (CONTRACT §4.4); the dates' warnings are these.
        var dated = report.Warnings.Select(w => w.Message).Where(m => !m.Contains("has no English text"));
        Assert.That(dated, warning is null ? Is.Empty : Has.Some.StartWith(warning));
        Assert.That(report.Warnings.All(w => w.Line is not null && w.File == "dated.json"), Is.True);
        Assert.DoesNotThrow(() => Load(json));
    }

    [Test]
    public void OverlappingValues_TheLaterFromApplies()
    {
        var overlapping = Load(Pack.Replace("{ \"from\": \"2026-01-01\", \"value\": 60 }", "{ \"from\": \"2026-01-01\", \"to\": \"2027-06-30\", \"value\": 60 }"));

        Assert.That(Ids(On("2027-03-01", caseload: 50, recommender: overlapping)), Does.Contain("caseload-review"));
    }
}

/// <summary><c>context.assessmentDate</c> in profile JSON: strict <c>YYYY-MM-DD</c>, read alike by the plain reader and the rule set's (batch) reader.</summary>
public sealed class AssessmentDateJsonTests
{
    [TestCase("\"2026-07-01\"", "2026-07-01")]
    [TestCase("\"2028-02-29\"", "2028-02-29")]
    [TestCase("null", null)]
    public void Profile_ReadsTheAssessmentDate_AndTheFastReaderAgrees(string value, string? expected)
    {
        var line = "{\"age\":40,\"readiness\":\"job-ready\",\"context\":{\"assessmentDate\":" + value + "}}";

        var read = ProfileJson.Read(line);

        Assert.That(read.Context!.AssessmentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Is.EqualTo(expected));
        Assert.That(PathwayRecommender.Create().ReadProfile(line), Is.EqualTo(read));
    }

    [TestCase("\"2027-02-30\"")]
    [TestCase("\"2027-2-3\"")]
    [TestCase("\"2027-02-03T00:00:00\"")]
    [TestCase("\"03-02-2027\"")]
    [TestCase("\"1899-12-31\"")]
    [TestCase("\"２０２７-02-03\"")]
    [TestCase("20270203")]
    [TestCase("true")]
    public void Profile_WithAnInvalidAssessmentDate_IsRefused_NamingTheField(string value)
    {
        var line = "{\"age\":40,\"readiness\":\"job-ready\",\"context\":{\"assessmentDate\":" + value + "}}";

        var e = Assert.Throws<ProfileValidationException>(() => ProfileJson.Read(line))!;

        Assert.That(e.Problems.Single().Field, Is.EqualTo("context.assessmentDate"));
        Assert.That(e.Message, Does.Contain("a real calendar date written YYYY-MM-DD"));
        Assert.Throws<ProfileValidationException>(() => PathwayRecommender.Create().ReadProfile(line));
    }
}

/// <summary>Today's date in Denmark on the system clock, kept by a timer rather than read per call.</summary>
public sealed class SystemTodayTests
{
    [Test]
    public void SystemToday_IsTodayInDenmark()
    {
        var before = AssessmentDates.DanishDate(DateTime.UtcNow);
        var today = SystemToday.Today();
        var again = SystemToday.Today();
        var after = AssessmentDates.DanishDate(DateTime.UtcNow);

        Assert.That(today, Is.EqualTo(before).Or.EqualTo(after));
        Assert.That(again, Is.EqualTo(before).Or.EqualTo(after));
        Assert.That(PathwayRecommender.Create().Recommend(new CitizenProfile { Age = 40 }).AssessmentDate, Is.EqualTo(before).Or.EqualTo(after));
    }
}
