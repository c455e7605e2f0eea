using BenchmarkDotNet.Attributes;

namespace Pathways.Benchmarks;

/// <summary>
/// What dates cost per call (Explain = false, the fast path): the built-in pack with no assessment date (today from
/// the clock) and with one, and the built-in pack plus the dated example pack with assessment dates in two periods.
/// </summary>
[MemoryDiagnoser]
public class DatedBenchmarks
{
    public const int Profiles = RecommendBenchmarks.Profiles;

    private static readonly RecommendOptions NoExplain = new() { Explain = false };

    private CitizenCase[] _undated = null!;
    private CitizenCase[] _dated = null!;
    private PathwayRecommender _builtIn = null!;
    private PathwayRecommender _withDatedPack = null!;

    [GlobalSetup]
    public void Setup()
    {
        _undated = RandomProfiles.Make(Profiles, 20261124);
        var days = new[] { new DateTime(2026, 6, 1), new DateTime(2027, 6, 1) };
        _dated = _undated.Select((c, i) => c with { Context = (c.Context ?? AssessmentContext.Unknown) with { AssessmentDate = days[i % 2] } }).ToArray();
        _builtIn = PathwayRecommender.Create();
        _withDatedPack = PathwayRecommender.Create(o => o.Packs.Add(Path.Combine(RepoRoot(), "samples", "packs", "eksempelkommune-datoer.json")));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Profiles, Description = "Built-in pack, no assessment date (today from the clock)")]
    public int BuiltInToday() => Run(_builtIn, _undated);

    [Benchmark(OperationsPerInvoke = Profiles, Description = "Built-in pack, assessment date given")]
    public int BuiltInDated() => Run(_builtIn, _dated);

    [Benchmark(OperationsPerInvoke = Profiles, Description = "Built-in + dated pack, dates in two periods")]
    public int DatedPackTwoPeriods() => Run(_withDatedPack, _dated);

    private static int Run(PathwayRecommender recommender, CitizenCase[] cases)
    {
        var n = 0;
        foreach (var c in cases) n += recommender.Recommend(c.Profile, c.Context, NoExplain).Recommendations.Count;
        return n;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pathways.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Pathways.sln not found above the benchmark's directory.");
    }
}
