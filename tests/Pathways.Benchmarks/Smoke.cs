using RulesEngine.Models;

namespace Pathways.Benchmarks;

/// <summary>
/// Runs every benchmark method a few times on a few profiles and checks that they agree: the hand-written
/// rules, the fused matcher, the per-rule path and plain RulesEngine give the same rule bits, and the fast and
/// explained paths recommend the same interventions. Never looks at a clock.
/// </summary>
internal static class Smoke
{
    public static int Run()
    {
        var b = new RecommendBenchmarks();
        b.Setup();
        for (var i = 0; i < 3; i++)
        {
            b.RulesEngineExecuteAll();
            b.RecommendExplained();
            b.RecommendFast();
            b.FusedMatch();
            b.HandWrittenMatch();
        }

        var f = Fixture.Create(2000, seed: 99);
        var names = f.RuleSet.Rules.Select(r => r.Name).ToArray();
        if (!names.SequenceEqual(HandWritten.RuleNames))
            return Fail("the hand-written baseline no longer mirrors rules/pathways.json: its rule names or order differ (" + string.Join(", ", names) + ").");

        var fast = new RecommendOptions { Explain = false };
        for (var k = 0; k < f.Cases.Length; k++)
        {
            var c = f.Cases[k];
            var ctx = c.Context ?? AssessmentContext.Unknown;
            var hand = HandWritten.Match(c.Profile, ctx);
            var fused = f.RuleSet.Match(c.Profile, ctx);
            if (hand != fused) return Fail($"profile {k}: hand-written bits {hand:X} differ from the fused matcher's {fused:X}.");

            ulong raw = 0;
            for (var i = 0; i < f.RuleSet.Rules.Count; i++)
            {
                if (f.RuleSet.Rules[i].EvaluateRaw(c.Profile, ctx)) raw |= 1UL << i;
            }

            ulong engine = 0;
            foreach (var wf in f.WorkflowNames)
            {
                foreach (var r in f.Engine.ExecuteAllRulesAsync(wf, f.Inputs[k]).GetAwaiter().GetResult())
                {
                    if (r.IsSuccess) engine |= 1UL << Array.IndexOf(names, r.Rule.RuleName);
                }
            }

            if (raw != engine) return Fail($"profile {k}: EvaluateRaw bits {raw:X} differ from RulesEngine's {engine:X}.");

            var a = f.Recommender.Recommend(c.Profile, c.Context, fast).Recommendations.Select(r => r.InterventionId);
            var e = f.Recommender.Recommend(c.Profile, c.Context).Recommendations.Select(r => r.InterventionId);
            if (!a.SequenceEqual(e)) return Fail($"profile {k}: the fast path recommends {string.Join(",", a)} but the explained path {string.Join(",", e)}.");
        }

        Console.WriteLine($"smoke: 5 benchmark methods ran 3 times; {f.Cases.Length} profiles agree across hand-written, fused, per-rule, RulesEngine and both Recommend paths.");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("smoke failed: " + message);
        return 1;
    }
}
