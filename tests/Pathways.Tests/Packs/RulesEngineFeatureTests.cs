using RulesEngine.Models;
using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>
/// The features of RulesEngine's workflow JSON work in a pack as RulesEngine documents them: proven with a real pack
/// file (TestPacks/features-pack.json), and against RulesEngine itself running the same workflows.
/// </summary>
public sealed class RulesEngineFeatureTests
{
    private static PathwayRecommender? _recommender;

    private static PathwayRecommender Recommender => _recommender ??= PathwayRecommender.Create(o => o.Packs.Add(Path.Combine(TestPacks, "features-pack.json")));

    // What each feature rule should decide, written out in C#; longTermMonths is the built-in pack's parameter.
    private static readonly (string Id, Func<CitizenProfile, double, bool> Expected)[] Features =
    {
        ("nested-and", (p, _) => p.Age >= 18 && p.MentalIllness == true),
        ("nested-andalso", (p, _) => p.Age >= 18 && p.MentalIllness == true),
        ("nested-or", (p, _) => p.Age < 25 || p.MonthsOnBenefits >= 24),
        ("nested-orelse", (p, _) => p.Age < 25 || p.MonthsOnBenefits >= 24),
        ("local-params", (p, longTerm) => p.Age >= 50 && p.MonthsOnBenefits >= longTerm),
        ("global-params-a", (p, _) => p.Age >= 18 && p.MentalIllness == true),
        ("global-params-b", (p, _) => p.Age >= 18 && p.MentalIllness == false),
        ("disabled-rule", (_, _) => false),
        ("disabled-child", (_, _) => false),
        ("error-message", (p, _) => p.Age >= 60),
    };

    private static IEnumerable<CitizenProfile> Grid()
    {
        foreach (var age in new[] { 17, 20, 30, 55, 70 })
        foreach (var ill in new[] { true, false })
        foreach (var months in new[] { 0, 10, 30 })
            yield return Citizen(age, Readiness.ActivityReady, ill, months);
    }

    [TestCase("nested-and", TestName = "NestedAnd_NeedsEveryChild")]
    [TestCase("nested-andalso", TestName = "NestedAndAlso_NeedsEveryChild")]
    [TestCase("nested-or", TestName = "NestedOr_NeedsOneChild")]
    [TestCase("nested-orelse", TestName = "NestedOrElse_NeedsOneChild")]
    [TestCase("local-params", TestName = "LocalParams_OfTheParent_AreSeenByNestedChildren_AndByLaterLocalParams")]
    [TestCase("global-params-a", TestName = "GlobalParams_AreSeenByOneRuleOfTheWorkflow")]
    [TestCase("global-params-b", TestName = "GlobalParams_AreSeenByAnotherRuleOfTheWorkflow")]
    [TestCase("disabled-rule", TestName = "EnabledFalse_TopLevelRuleNeverFires")]
    [TestCase("disabled-child", TestName = "EnabledFalse_NestedChildIsLeftOut")]
    [TestCase("error-message", TestName = "ErrorMessage_RuleStillDecides")]
    public void Feature_DecidesAsWrittenInCSharp(string id)
    {
        var longTerm = Recommender.Compiled.Parameters["longTermMonths"].Value;
        var expected = Features.Single(f => f.Id == id).Expected;
        var fired = 0;
        foreach (var p in Grid())
        {
            var result = Recommender.Recommend(p, Context());
            Assert.That(Ids(result).Contains(id), Is.EqualTo(expected(p, longTerm)), $"age {p.Age}, ill {p.MentalIllness}, months {p.MonthsOnBenefits}");
            if (expected(p, longTerm)) fired++;
        }

        // A feature that can fire must fire for some of the grid, or the test proves nothing.
        Assert.That(fired > 0, Is.EqualTo(id is not ("disabled-rule" or "disabled-child")));
    }

    [Test]
    public void EveryFeatureRule_DecidesAsRulesEngineItselfDecides()
    {
        // The same merged rules, handed to RulesEngine 6.0.1 as plain workflows (pack parameters as GlobalParams).
        var workflows = Recommender.Compiled.ToRulesEngineWorkflows();
        var engine = new RulesEngine.RulesEngine(workflows, RuleSetCompiler.CreateSettings());
        var rules = Recommender.Compiled.Rules.Where(r => r.Def.Pack == "features-pack").ToList();
        Assert.That(rules.Select(r => r.Name), Does.Not.Contain("DisabledRule"), "a disabled rule is not compiled");
        var compared = 0;
        foreach (var p in Grid())
        {
            foreach (var workflow in new[] { "features", "globals" })
            {
                var results = engine.ExecuteAllRulesAsync(workflow, RuleParameter.Create("profile", p), RuleParameter.Create("context", Context())).GetAwaiter().GetResult();
                Assert.That(results.Select(r => r.Rule.RuleName), Does.Not.Contain("DisabledRule"));
                foreach (var r in results)
                {
                    // RulesEngine reports a failed rule's ErrorMessage as its ExceptionMessage; Pathways shows it as the why-not.
                    var expectedMessage = !r.IsSuccess && r.Rule.ErrorMessage is { } em ? em : null;
                    Assert.That(string.IsNullOrEmpty(r.ExceptionMessage) ? null : r.ExceptionMessage, Is.EqualTo(expectedMessage), r.Rule.RuleName);
                    var ours = rules.Single(x => x.Name == r.Rule.RuleName);
                    Assert.That(ours.EvaluateRaw(p, Context()), Is.EqualTo(r.IsSuccess), $"{r.Rule.RuleName}, age {p.Age}, ill {p.MentalIllness}, months {p.MonthsOnBenefits}");
                    compared++;
                }
            }
        }

        Assert.That(compared, Is.EqualTo(Grid().Count() * 9));
    }

    [Test]
    public void ErrorMessage_IsTheWhyNot_WhenTheRuleFails()
    {
        var result = Recommender.Recommend(Citizen(age: 40), Context());
        var whyNot = result.NotRecommended.Single(n => n.InterventionId == "error-message");
        Assert.That(whyNot.Reasons, Does.Contain("Kun for borgere på 60 år eller derover. (fra pakken 'features-pack')"));
    }

    [Test]
    public void DisabledRule_IsNotPartOfTheCompiledSet_AndItsInterventionSaysNoRuleRecommendsIt()
    {
        var result = Recommender.Recommend(Citizen(), Context(), new RecommendOptions { Language = Language.En });
        Assert.That(result.NotRecommended.Single(n => n.InterventionId == "disabled-rule").Reasons, Is.EqualTo(new[] { "No rule in the loaded packs recommends it." }));
    }

    // Unknown facts: a leaf that reads an unknown fact is unknown; nested rules combine with Kleene logic.
    // Here mentalIllness and monthsOnBenefits are unknown; NestedOr is "age < 25 Or months >= 24", NestedAnd is
    // "age >= 18 And mentalIllness == true".
    [TestCase(20, true, "Unknown, so not assessed: ", TestName = "Kleene_Or_OneTrueChildDecides_ThoughTheOtherIsUnknown")]
    [TestCase(40, false, "Unknown, so not assessed: ", TestName = "Kleene_Or_FalseAndUnknown_IsUnknown_AndDoesNotFire")]
    [TestCase(17, true, "NestedAnd_Adult", TestName = "Kleene_And_OneFalseChildDecides_ThoughTheOtherIsUnknown")]
    public void UnknownFacts_FollowKleeneLogic(int age, bool orFires, string andWhyNot)
    {
        var p = Citizen(age, Readiness.ActivityReady, mentalIllness: null, months: null);
        var result = Recommender.Recommend(p, Context(), new RecommendOptions { Language = Language.En });
        Assert.That(Ids(result).Contains("nested-or"), Is.EqualTo(orFires));
        if (!orFires)
            Assert.That(result.NotRecommended.Single(n => n.InterventionId == "nested-or").Reasons, Has.Some.Contains("monthsOnBenefits"));

        // And never fires here: either a known child is false (a failure), or a child is unknown (named as missing).
        Assert.That(Ids(result), Does.Not.Contain("nested-and"));
        var andReasons = result.NotRecommended.Single(n => n.InterventionId == "nested-and").Reasons;
        Assert.That(andReasons, Has.Some.Contains(andWhyNot));
        Assert.That(andReasons.Any(r => r.Contains("mentalIllness")), Is.EqualTo(age >= 18));
    }

    [Test]
    public void Kleene_And_TrueAndUnknown_DoesNotFire_AndNamesTheMissingFact()
    {
        var result = Recommender.Recommend(Citizen(30, Readiness.ActivityReady, mentalIllness: null), Context(), new RecommendOptions { Language = Language.En });
        Assert.That(Ids(result), Does.Not.Contain("nested-and"));
        var reasons = result.NotRecommended.Single(n => n.InterventionId == "nested-and").Reasons;
        Assert.That(reasons, Has.Some.Contains("Unknown, so not assessed").And.Some.Contains("mentalIllness"));
    }
}
