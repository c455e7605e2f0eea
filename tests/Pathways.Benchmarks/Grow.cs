using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Pathways.Benchmarks;

/// <summary>
/// <c>grow [N ...]</c>: how load time and per-profile time grow with a municipality's large pack. For each N
/// (default 0, 10, 100, 1,000, 10,000) the built-in pack is loaded together with a generated pack of N extra
/// simple rules (one comparison of two facts each, recommending one of ten extra interventions), and the mode
/// prints the time to load and compile, the first explained call, and the warm time per profile with and without
/// explanations over the 1,024 benchmark profiles. Wall-clock times from <see cref="Stopwatch"/>, one process.
/// </summary>
internal static partial class Grow
{
    public static int Run(string[] args)
    {
        var sizes = args.Length > 1
            ? args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray()
            : new[] { 0, 10, 100, 1_000, 10_000 };
        var cases = RandomProfiles.Make(RecommendBenchmarks.Profiles, 20261124);
        var explain = new RecommendOptions { Explain = true };
        var brief = new RecommendOptions { Explain = false };

        // Warm the process (JIT, the built-in pack's first parse) so the first row is not the cold start.
        Calls(PathwayRecommender.Create(), cases, explain, 2);

        Console.WriteLine("| Extra rules | Top-level rules | Load + compile | First explained call | Explained, warm | Lists built in the timed passes | Without explanations, warm |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in sizes)
        {
            var packs = Packs(n).ToArray();
            GC.Collect();
            var load = Stopwatch.StartNew();
            var recommender = PathwayRecommender.Create(o =>
            {
                for (var k = 0; k < packs.Length; k++)
                {
                    var json = packs[k];
                    o.AddPackFromStream($"grow-{n}-{k + 1}.json", () => new MemoryStream(Encoding.UTF8.GetBytes(json)));
                }

                if (n == 0)
                {
                    // The built-in pack alone is compiled once per process; a parameter set to its own value compiles it afresh.
                    o.Parameters["youngMaxAge"] = 29;
                }
            });
            var loaded = load.Elapsed;

            var first = Stopwatch.StartNew();
            recommender.Recommend(cases[0].Profile, cases[0].Context, explain);
            var firstCall = first.Elapsed;

            var explained = PerProfile(recommender, cases, explain, out var misses);
            var fast = PerProfile(recommender, cases, brief, out _);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n:N0} | {recommender.Compiled.RuleCount:N0} | {Ms(loaded)} | {Ms(firstCall)} | {Ns(explained)} | {misses} | {Ns(fast)} |"));
        }

        return 0;
    }

    /// <summary>
    /// Seconds per profile, warm: passes for at least a second (at least three: the explanation caches keep a key the second
    /// time it is seen, its recommendation list the time after, and tiered compilation replaces the first code only after
    /// 100 ms without new methods), then passes until a second has gone.
    /// </summary>
    private static double PerProfile(PathwayRecommender recommender, CitizenCase[] cases, RecommendOptions options, out long misses)
    {
        var warm = Stopwatch.StartNew();
        var warmPasses = 0;
        while (warmPasses < 3 || warm.Elapsed.TotalSeconds < 1)
        {
            Calls(recommender, cases, options, 1);
            warmPasses++;
        }

        var before = recommender.Compiled.Explanations.Misses;
        var passes = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            Calls(recommender, cases, options, 1);
            passes++;
        }
        while (clock.Elapsed.TotalSeconds < 1);

        misses = recommender.Compiled.Explanations.Misses - before;
        return clock.Elapsed.TotalSeconds / (passes * (double)cases.Length);
    }

    private static int Calls(PathwayRecommender recommender, CitizenCase[] cases, RecommendOptions options, int passes)
    {
        var n = 0;
        for (var p = 0; p < passes; p++)
        {
            foreach (var c in cases) n += recommender.Recommend(c.Profile, c.Context, options).Recommendations.Count;
        }

        return n;
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture) + " ms";

    private static string Ns(double seconds) => seconds < 1e-6
        ? (seconds * 1e9).ToString("N0", CultureInfo.InvariantCulture) + " ns"
        : (seconds * 1e6).ToString("N1", CultureInfo.InvariantCulture) + " µs";
}
