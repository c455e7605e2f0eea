using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>A later pack replaces or disables built-in rules and retitles interventions, and the rule set says so.</summary>
public sealed class OverrideTests
{
    private static string OverridePack => Path.Combine(TestPacks, "override-pack.json");

    private static PathwayRecommender BuiltIn => PathwayRecommender.Create();

    private static PathwayRecommender WithOverrides => PathwayRecommender.Create(o => o.Packs.Add(OverridePack));

    [Test]
    public void OverriddenRule_ReplacesTheBuiltInRule_ByName()
    {
        var citizen = Citizen(age: 66, mentalIllness: true);

        Assert.That(Ids(BuiltIn.Recommend(citizen, Context())), Does.Not.Contain("ips"), "the built-in pack covers 18–64 only");
        var ips = WithOverrides.Recommend(citizen, Context()).Recommendations.Single(r => r.InterventionId == "ips");
        Assert.That(ips.Reasons, Has.Some.EqualTo("Kommunens regel: IPS tilbydes til og med 67 år."));
        Assert.That(WithOverrides.Compiled.Rules.Count(r => r.Name == "Ips_MentalIllnessAged18To64"), Is.EqualTo(1));
        Assert.That(WithOverrides.Compiled.Rules.Single(r => r.Name == "Ips_MentalIllnessAged18To64").Def.Pack, Is.EqualTo("override-pack"));
    }

    [TestCase("Ips_OutsideTrialAgesExcluded", TestName = "DisabledByOverride_ExclusionRuleIsGone")]
    [TestCase("PrivateWageSubsidy_Boom", TestName = "DisabledByOverride_RecommendingRuleIsGone")]
    public void DisabledByOverride_RuleIsNotCompiled(string rule)
    {
        Assert.That(BuiltIn.Compiled.Rules.Select(r => r.Name), Does.Contain(rule));
        Assert.That(WithOverrides.Compiled.Rules.Select(r => r.Name), Does.Not.Contain(rule));
        Assert.That(WithOverrides.Compiled.RuleCount, Is.EqualTo(BuiltIn.Compiled.RuleCount - 2));
    }

    [Test]
    public void DisabledByOverride_ChangesTheAdvice()
    {
        // In a boom the built-in pack adds De Økonomiske Råd's finding to private wage subsidy; without the rule it is gone.
        var activityReadyInBoom = Citizen(readiness: Readiness.ActivityReady);
        var boom = Context(BusinessCycle.Boom);
        static IEnumerable<string> Cited(RecommendationResult r) => r.Recommendations.Single(x => x.InterventionId == "private-wage-subsidy").Citations.Select(c => c.Key);
        Assert.That(Cited(BuiltIn.Recommend(activityReadyInBoom, boom)), Does.Contain("dor-2012"));
        Assert.That(Cited(WithOverrides.Recommend(activityReadyInBoom, boom)), Does.Not.Contain("dor-2012"));
    }

    [TestCase(Language.Da, "IPS (kommunens forløb)")]
    [TestCase(Language.En, "IPS (municipal programme)")]
    public void OverriddenIntervention_ReplacesItsTexts(Language language, string title)
    {
        var result = WithOverrides.Recommend(Citizen(age: 40, mentalIllness: true), Context(), new RecommendOptions { Language = language });
        var ips = result.Recommendations.Single(r => r.InterventionId == "ips");
        Assert.That(ips.Title, Is.EqualTo(title));
        Assert.That(ips.Conclusion, Is.EqualTo(2));
    }

    [Test]
    public void OverriddenParameter_TakesTheNewValue()
    {
        Assert.That(BuiltIn.Compiled.Parameters["youngMaxAge"].Value, Is.EqualTo(29));
        Assert.That(WithOverrides.Compiled.Parameters["youngMaxAge"].Value, Is.EqualTo(25));
    }

    [Test]
    public void RuleSetIdentity_NamesEveryPack_InLoadOrder()
    {
        var info = WithOverrides.RuleSet;
        Assert.That(info.Packs.Select(p => (p.Name, p.Version, p.Source)), Is.EqualTo(new[]
        {
            ("pathways", "1.0.0", "built-in"),
            ("override-pack", "2.1.0", OverridePack),
        }));
        Assert.That((info.Name, info.Version), Is.EqualTo(("pathways+override-pack", "1.0.0+2.1.0")));
        Assert.That(info.Hash, Does.StartWith("sha256:").And.Not.EqualTo(BuiltIn.RuleSet.Hash));
        Assert.That(WithOverrides.Recommend(Citizen(), Context()).RuleSet.Hash, Is.EqualTo(info.Hash));
    }

    [TestCase("\"2.1.0\"", "\"2.1.1\"", TestName = "RuleSetHash_CoversTheAddedPacksVersion")]
    [TestCase("til og med 67 år.\"", "til og med 67 år!\"", TestName = "RuleSetHash_CoversTheAddedPacksTexts")]
    [TestCase("profile.Age <= 67", "profile.Age <= 66", TestName = "RuleSetHash_CoversTheAddedPacksExpressions")]
    public void RuleSetHash_ChangesWithAnyChangeToAnyPack(string find, string replace)
    {
        var json = File.ReadAllText(OverridePack);
        Assert.That(json, Does.Contain(find));
        var same = Load(json).RuleSet.Hash;
        var changed = Load(json.Replace(find, replace)).RuleSet.Hash;
        Assert.That(Load(json).RuleSet.Hash, Is.EqualTo(same), "the hash is deterministic");
        Assert.That(changed, Is.Not.EqualTo(same));
    }

    [Test]
    public void RuleSetHash_DoesNotDependOnWhiteSpace()
    {
        var json = File.ReadAllText(OverridePack);
        Assert.That(Load(json.Replace("\n", "\n    ")).RuleSet.Hash, Is.EqualTo(Load(json).RuleSet.Hash));
    }

    [Test]
    public void OverrideInALaterPack_CanOverrideAnOverride()
    {
        var json = File.ReadAllText(OverridePack);
        var second = """
            { "name": "second-override", "version": "1.0.0",
              "workflows": [ { "WorkflowName": "again", "Rules": [
                { "RuleName": "Ips_MentalIllnessAged18To64", "Enabled": false, "Properties": { "override": true } } ] } ] }
            """;
        var r = Load(json, second);
        Assert.That(r.Compiled.Rules.Select(x => x.Name), Does.Not.Contain("Ips_MentalIllnessAged18To64"));
        Assert.That(Ids(r.Recommend(Citizen(age: 40, mentalIllness: true), Context())), Does.Not.Contain("ips"));
        Assert.That(r.RuleSet.Packs.Select(p => p.Name), Is.EqualTo(new[] { "pathways", "override-pack", "second-override" }));
    }
}
