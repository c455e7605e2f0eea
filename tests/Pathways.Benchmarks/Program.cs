using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Pathways.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- [BenchmarkDotNet arguments]</c> runs the benchmarks. Other modes:
/// <c>--smoke</c> (each benchmark a few times, answers compared), <c>generate N FILE [SEED]</c> (an NDJSON file
/// of random profiles), <c>batch IN OUT [--explain] [--text]</c> (NdjsonBatch over a file), <c>scale [THREADS] [CALLS]</c>
/// (threads × calls against one thread), <c>cold PROFILE.json</c> (one profile, as the console's recommend),
/// <c>grow [N ...]</c> (load and per-profile time with N extra rules).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : string.Empty;
        return mode switch
        {
            "--smoke" => Smoke.Run(),
            "generate" => Generate(args),
            "batch" => Batch(args),
            "scale" => Scale(args),
            "cold" => Cold(args),
            "grow" => Grow.Run(args),
            _ => RunBenchmarkDotNet(args),
        };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunBenchmarkDotNet(string[] args)
    {
        // Kept apart so that the other modes never load BenchmarkDotNet.
        // Medians beside means: this machine is shared and noisy, and the docs quote medians.
        BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkDotNet.Configs.ManualConfig.Create(BenchmarkDotNet.Configs.DefaultConfig.Instance).AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median));
        return 0;
    }

    private static int Generate(string[] args)
    {
        var count = int.Parse(args[1], CultureInfo.InvariantCulture);
        var seed = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20261124;
        var random = new Random(seed);
        using var w = new StreamWriter(args[2], false, new System.Text.UTF8Encoding(false), 1 << 16);
        for (var i = 0; i < count; i++)
        {
            RandomProfiles.WriteJson(RandomProfiles.Next(random, i), w);
            w.Write('\n');
        }

        Console.WriteLine($"wrote {count} profiles to {args[2]}");
        return 0;
    }

    private static int Batch(string[] args)
    {
        var explain = args.Contains("--explain");
        var recommender = PathwayRecommender.Create();
        using var input = new StreamReader(args[1], System.Text.Encoding.UTF8, false, 1 << 16);
        using var output = new StreamWriter(args[2], false, new System.Text.UTF8Encoding(false), 1 << 16);
        // --text: through a synchronized TextWriter, as Console.Out is, so the text path is measured.
        var target = args.Contains("--text") ? TextWriter.Synchronized(output) : output;
        var summary = NdjsonBatch.RunAsync(input, target, recommender, new RecommendOptions { Explain = explain }).GetAwaiter().GetResult();
        Console.WriteLine($"profiles {summary.Profiles}, recommendations {summary.Recommendations}, invalid lines {summary.InvalidLines}, elapsed {summary.Elapsed.TotalSeconds:0.00} s, {summary.Profiles / summary.Elapsed.TotalSeconds:0} profiles/s");
        var gc = GC.GetGCMemoryInfo();
        Console.WriteLine($"live after full GC: {GC.GetTotalMemory(true) / 1048576} MB");
        Console.WriteLine($"GC: heap {gc.HeapSizeBytes / 1048576} MB, committed {gc.TotalCommittedBytes / 1048576} MB, collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} pausing {GC.GetTotalPauseDuration().TotalSeconds:0.0} s, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
        return 0;
    }

    private static int Scale(string[] args)
    {
        var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var calls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var recommender = PathwayRecommender.Create();
        var cases = RandomProfiles.Make(4096, 7);
        var options = new RecommendOptions { Explain = false };
        foreach (var c in cases) recommender.Recommend(c.Profile, c.Context, options);

        double Run(int t)
        {
            var sw = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, t).Select(k => new Thread(() =>
            {
                var n = 0;
                for (var i = 0; i < calls; i++) n += recommender.Recommend(cases[(i + k) & 4095].Profile, cases[(i + k) & 4095].Context, options).Recommendations.Count;
                GC.KeepAlive(n);
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
            return sw.Elapsed.TotalSeconds;
        }

        // Long enough for tiered compilation to finish (it waits for 100 ms without new tier-0 code).
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 1500) Run(2);
        var one = Run(1);
        var many = Run(threads);
        Console.WriteLine($"1 thread × {calls:N0} calls: {one * 1000:0.0} ms ({one * 1e9 / calls:0} ns/call)");
        Console.WriteLine($"{threads} threads × {calls:N0} calls: {many * 1000:0.0} ms ({many * 1e9 / (calls * (double)threads):0} ns/call overall), throughput ×{one * threads / many:0.00} of one thread on {Environment.ProcessorCount} cores");
        return 0;
    }

    private static int Cold(string[] args)
    {
        var c = ProfileJson.Read(File.ReadAllText(args[1]), args[1]);
        var result = PathwayRecommender.Create().Recommend(c.Profile, c.Context);
        Console.Out.Write(RecommendationJson.Serialize(result, indented: true));
        Console.Out.Write('\n');
        return 0;
    }
}
