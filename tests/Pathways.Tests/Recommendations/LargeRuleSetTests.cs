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

    /// <summary>
    /// Without explanations, results of a large rule set are shared per pattern of true rules (a bounded cache keyed by
    /// the fused blocks' bits): the same recommendations as building them from each rule's own evaluation.
    /// </summary>
    [TestCase(300, Language.Da)]
    [TestCase(1000, Language.En)]
    public void LargeRuleSets_ShareTheirUnexplainedResults_AndTheyAreThoseOfThePerRulePath(int rules, Language language)
    {
        var r = Load(ManyRules(rules));
        var set = r.Compiled;
        var options = new RecommendOptions { Explain = false, Language = language };
        var shared = 0;
        foreach (var c in Pathways.Benchmarks.RandomProfiles.Make(1500, rules))
        {
            var context = c.Context ?? AssessmentContext.Unknown;
            var first = r.Recommend(c.Profile, context, options);
            var again = r.Recommend(c.Profile, context, options);
            var unknown = set.Facts.Unknown(c.Profile, context);
            var states = set.Rules.Select(x => x.Evaluate(c.Profile, context, unknown) == RuleState.True ? RuleState.True : RuleState.False).ToArray();
            var expected = set.Build(states, language, null, null);

            Assert.That(Ids(first.Recommendations), Is.EqualTo(Ids(expected)));
            Assert.That(first.Recommendations.Select(x => string.Join("|", x.Reasons.Concat(x.Caveats))), Is.EqualTo(expected.Select(x => string.Join("|", x.Reasons.Concat(x.Caveats)))));
            if (ReferenceEquals(first.Recommendations, again.Recommendations)) shared++;
        }

        Assert.That(shared, Is.EqualTo(1500), "the second answer for a citizen is the shared list");
    }

    private static IEnumerable<string> Ids(IEnumerable<Recommendation> list) => list.Select(x => x.InterventionId + ":" + x.Evidence);
}
