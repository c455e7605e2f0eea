using BenchmarkDotNet.Attributes;
using RulesEngine.Models;

namespace Pathways.Benchmarks;

/// <summary>
/// One profile per operation, cycling through the same 1,024 seeded random profiles (half with unknown facts):
/// plain RulesEngine over the same workflows, Pathways with and without explanations, the fused matcher
/// alone, and the hand-written if-statements.
/// </summary>
[MemoryDiagnoser]
public class RecommendBenchmarks
{
    public const int Profiles = 1024;

    private static readonly RecommendOptions NoExplain = new() { Explain = false };

    private Fixture _f = null!;

    [GlobalSetup]
    public void Setup() => _f = Fixture.Create(Profiles);

    [Benchmark(Baseline = true, OperationsPerInvoke = Profiles, Description = "RulesEngine ExecuteAllRulesAsync (all workflows)")]
    public int RulesEngineExecuteAll()
    {
        var matched = 0;
        for (var i = 0; i < _f.Cases.Length; i++)
        {
            var inputs = _f.Inputs[i];
            foreach (var workflow in _f.WorkflowNames)
            {
                var results = _f.Engine.ExecuteAllRulesAsync(workflow, inputs).GetAwaiter().GetResult();
                foreach (var r in results)
                {
                    if (r.IsSuccess) matched++;
                }
            }
        }

        return matched;
    }

    [Benchmark(OperationsPerInvoke = Profiles, Description = "Pathways Recommend, Explain = true (default)")]
    public int RecommendExplained()
    {
        var n = 0;
        foreach (var c in _f.Cases) n += _f.Recommender.Recommend(c.Profile, c.Context).Recommendations.Count;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Profiles, Description = "Pathways Recommend, Explain = false")]
    public int RecommendFast()
    {
        var n = 0;
        foreach (var c in _f.Cases) n += _f.Recommender.Recommend(c.Profile, c.Context, NoExplain).Recommendations.Count;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Profiles, Description = "Pathways fused matcher alone (rule bits)")]
    public ulong FusedMatch()
    {
        ulong x = 0;
        foreach (var c in _f.Cases) x ^= _f.RuleSet.Match(c.Profile, c.Context ?? AssessmentContext.Unknown);
        return x;
    }

    [Benchmark(OperationsPerInvoke = Profiles, Description = "Hand-written if-statements (rule bits)")]
    public ulong HandWrittenMatch()
    {
        ulong x = 0;
        foreach (var c in _f.Cases) x ^= HandWritten.Match(c.Profile, c.Context ?? AssessmentContext.Unknown);
        return x;
    }
}

/// <summary>Everything the benchmarks and the smoke run share: the recommender, RulesEngine and the inputs.</summary>
internal sealed class Fixture
{
    public required PathwayRecommender Recommender { get; init; }
    public required CompiledRuleSet RuleSet { get; init; }
    public required RulesEngine.RulesEngine Engine { get; init; }
    public required Workflow[] Workflows { get; init; }
    public required string[] WorkflowNames { get; init; }
    public required CitizenCase[] Cases { get; init; }
    public required RuleParameter[][] Inputs { get; init; }

    public static Fixture Create(int profiles, int seed = 20261124)
    {
        var recommender = PathwayRecommender.Create();
        var ruleSet = recommender.Compiled;
        var workflows = ruleSet.ToRulesEngineWorkflows();
        var cases = RandomProfiles.Make(profiles, seed);
        return new Fixture
        {
            Recommender = recommender,
            RuleSet = ruleSet,
            Engine = new RulesEngine.RulesEngine(workflows, RuleSetCompiler.CreateSettings()),
            Workflows = workflows,
            WorkflowNames = workflows.Select(w => w.WorkflowName).ToArray(),
            Cases = cases,
            // Inputs made once, to give RulesEngine its best case.
            Inputs = cases.Select(c => new[]
            {
                RuleParameter.Create("profile", c.Profile),
                RuleParameter.Create("context", c.Context ?? AssessmentContext.Unknown),
            }).ToArray(),
        };
    }
}
