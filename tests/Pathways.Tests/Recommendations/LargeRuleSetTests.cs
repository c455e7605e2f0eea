using System.Text;
using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests;

/// <summary>A large municipality pack (more than 64 top-level rules) stays on the fused fast path (issue 10).</summary>
[TestFixture]
public sealed class LargeRuleSetTests
{
    /// <summary>A pack of <paramref name="rules"/> simple rules, rule i recommending ips from age 20 + i % 60.</summary>
    internal static string ManyRules(int rules)
    {
        var sb = new StringBuilder();
        sb.Append("{ \"name\": \"many\", \"version\": \"1.0.0\", \"workflows\": [ { \"WorkflowName\": \"many\", \"Rules\": [");
        for (var i = 0; i < rules; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append("{ \"RuleName\": \"R").Append(i).Append("\", \"SuccessEvent\": \"").Append(i % 2 == 0 ? "ips" : "low-caseload")
              .Append("\", \"Expression\": \"profile.Age >= ").Append(20 + (i % 60)).Append(i % 3 == 0 ? " && profile.MentalIllness == true" : string.Empty)
              .Append("\", \"Properties\": { \"citations\": [\"star-baggrundsnotat\"], \"evidence\": \"limited\", \"reason\": { \"da\": \"R.\" } } }");
        }

        return sb.Append("] } ] }").ToString();
    }

    [TestCase(18, false)]
    [TestCase(25, true)]
    [TestCase(45, null)]
    [TestCase(90, true)]
    public void ThousandExtraRules_UseTheFusedPath_AndAgreeWithThePerRulePath(int age, bool? mentalIllness)
    {
        var r = Load(ManyRules(1000));
        var set = r.Compiled;
        Assert.That(set.RuleCount, Is.GreaterThan(1000));
        var profile = Citizen(age: age, mentalIllness: mentalIllness);
        var context = Context();

        var brief = r.Recommend(profile, context, new RecommendOptions { Explain = false });
        var full = r.Recommend(profile, context, new RecommendOptions { Explain = true });

        Assert.That(set.FusedBlocks, Is.EqualTo((set.RuleCount + 63) / 64), "every 64 rules are one fused delegate");
        Assert.That(brief.Recommendations.Select(x => x.InterventionId), Is.EqualTo(full.Recommendations.Select(x => x.InterventionId)));

        var states = new RuleState[set.RuleCount];
        var unknown = set.Facts.Unknown(profile, context);
        set.MatchAll(profile, context, unknown, states);
        for (var i = 0; i < set.RuleCount; i++)
        {
            var fused = states[i] == RuleState.True;
            Assert.That(fused, Is.EqualTo(set.Rules[i].Evaluate(profile, context, unknown) == RuleState.True), set.Rules[i].Name);
        }
    }
}
