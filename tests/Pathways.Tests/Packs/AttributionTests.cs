using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>
/// Local changes are attributed and deliberate: every reason, caveat and exclusion a local pack puts on a card
/// names that pack, and a pack that changes built-in advice must say "override" (issue 16, item 10).
/// </summary>
public sealed class AttributionTests
{
    private static string Local(string rules, string interventions = "") => $$"""
        { "name": "kommune-test", "version": "1.0.0",{{interventions}}
          "workflows": [ { "WorkflowName": "kommune-test", "Rules": [ {{rules}} ] } ] }
        """;

    private static string Rule(string name, string successEvent, string role, string text, bool isOverride, string expression = "true")
    {
        var textKey = role switch { "caveat" => "caveat", _ => "reason" };
        var evidence = role == "recommend" ? "\"evidence\": \"limited\", " : string.Empty;
        var over = isOverride ? "\"override\": true, " : string.Empty;
        return $$"""
            { "RuleName": "{{name}}", "SuccessEvent": "{{successEvent}}", "Expression": "{{expression}}",
              "Properties": { {{over}}"role": "{{role}}", {{evidence}}"citations": ["star-baggrundsnotat"], "{{textKey}}": { "da": "{{text}}", "en": "{{text}} (en)" } } }
            """;
    }

    private const string OwnIntervention = """ "interventions": [ { "id": "local-help", "title": { "da": "Lokal hjælp" } } ],""";

    [TestCase("exclude", TestName = "Override_NeededToExcludeABuiltInIntervention")]
    [TestCase("caveat", TestName = "Override_NeededForACaveatOnABuiltInIntervention")]
    public void ChangingBuiltInAdvice_WithoutOverride_IsRefused(string role)
    {
        var problems = Refusal(Local(Rule("Local_Change", "ips", role, "Lokal grund.", isOverride: false)));

        Assert.That(problems, Has.Count.EqualTo(1), string.Join("\n", problems));
        Assert.That(problems[0].Message, Does.Contain("'ips', an intervention of the built-in pack").And.Contain("\"override\": true"));
        Assert.That((problems[0].File, problems[0].Rule), Is.EqualTo(("pack1.json", "Local_Change")));
    }

    [Test]
    public void DisablingABuiltInRule_WithoutOverride_IsRefused()
    {
        var problems = Refusal(Local("""{ "RuleName": "Ips_MentalIllnessAged18To64", "Enabled": false }"""));

        Assert.That(problems.Single().Message, Does.Contain("already defined by pack 'pathways'").And.Contain("\"override\": true"));
    }

    [Test]
    public void ExcludingABuiltInIntervention_WithOverride_Loads_AndTheExclusionNamesThePack()
    {
        var citizen = Citizen(age: 40, mentalIllness: true);
        Assert.That(Ids(Load().Recommend(citizen, Context())), Does.Contain("ips"), "the built-in pack recommends IPS here");

        var r = Load(Local(Rule("Local_NoIps", "ips", "exclude", "Kommunen tilbyder ikke IPS.", isOverride: true)));
        var result = r.Recommend(citizen, Context());

        Assert.That(Ids(result), Does.Not.Contain("ips"));
        Assert.That(result.NotRecommended.Single(n => n.InterventionId == "ips").Reasons, Has.Member("Kommunen tilbyder ikke IPS. (fra pakken 'kommune-test')"));
    }

    [TestCase("recommend", Language.Da, "Lokal grund. (fra pakken 'kommune-test')", TestName = "Attributed_ReasonDa")]
    [TestCase("recommend", Language.En, "Lokal grund. (en) (from pack 'kommune-test')", TestName = "Attributed_ReasonEn")]
    [TestCase("caveat", Language.Da, "Lokal grund. (fra pakken 'kommune-test')", TestName = "Attributed_CaveatDa")]
    [TestCase("caveat", Language.En, "Lokal grund. (en) (from pack 'kommune-test')", TestName = "Attributed_CaveatEn")]
    [TestCase("exclude", Language.Da, "Lokal grund. (fra pakken 'kommune-test')", TestName = "Attributed_ExclusionDa")]
    public void EveryTextOfALocalPack_NamesThePack(string role, Language language, string expected)
    {
        // The pack's own intervention is recommended by one rule; the rule under test adds its text to it.
        var recommend = Rule("Local_Recommend", "local-help", "recommend", "Anbefalet.", isOverride: false);
        var rules = role == "recommend" ? Rule("Local_Text", "local-help", role, "Lokal grund.", false) : recommend + ",\n" + Rule("Local_Text", "local-help", role, "Lokal grund.", false);
        var r = Load(Local(rules, OwnIntervention));

        var result = r.Recommend(Citizen(), Context(), new RecommendOptions { Language = language });

        var texts = role switch
        {
            "recommend" => result.Recommendations.Single(x => x.InterventionId == "local-help").Reasons,
            "caveat" => result.Recommendations.Single(x => x.InterventionId == "local-help").Caveats,
            _ => result.NotRecommended.Single(x => x.InterventionId == "local-help").Reasons,
        };
        Assert.That(texts, Has.Member(expected));
    }

    [Test]
    public void AWhyNotOfALocalPack_NamesThePack()
    {
        var r = Load(Local(Rule("Local_Old", "local-help", "recommend", "Anbefalet.", false, "profile.Age > 90"), OwnIntervention));

        var reasons = r.Recommend(Citizen(age: 40), Context()).NotRecommended.Single(x => x.InterventionId == "local-help").Reasons;

        Assert.That(reasons, Is.EqualTo(new[] { "Betingelsen i reglen 'Local_Old' er ikke opfyldt. (fra pakken 'kommune-test')" }));
    }

    [Test]
    public void BuiltInTexts_CarryNoAttribution()
    {
        var result = Load().Recommend(Citizen(age: 40, mentalIllness: true), Context());

        var texts = result.Recommendations.SelectMany(x => x.Reasons.Concat(x.Caveats)).Concat(result.NotRecommended.SelectMany(n => n.Reasons));
        Assert.That(texts, Has.None.Contains("(fra pakken"));
    }
}
