using System.Text;
using BenchmarkDotNet.Attributes;

namespace Pathways.Benchmarks;

/// <summary>
/// What a pack costs to load as it grows: a chain of N LocalParams (each reading the one before) on one rule, and
/// N GlobalParams. Linear load means doubling N roughly doubles the time (issue 16: 2,000 LocalParams took 28 s and
/// 4,000 took 155 s when each parameter scanned the whole scope). Run with <c>--filter *LoadBenchmarks* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private string _local = string.Empty;
    private string _global = string.Empty;

    [Params(500, 1000, 2000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _local = Pack("local-chain", $", \"LocalParams\": [ {Chain(N, "p")} ]", string.Empty, $"p{N} > 0");
        _global = Pack("global-chain", string.Empty, $" \"GlobalParams\": [ {Chain(N, "g")} ],", $"g{N} > 0");
        _ = PathwayRecommender.Create(); // the built-in pack, parsed once per process, out of the measurement
    }

    [Benchmark(Description = "Load a pack with N chained LocalParams")]
    public PathwayRecommender LocalParams() => Load(_local);

    [Benchmark(Description = "Load a pack with N chained GlobalParams")]
    public PathwayRecommender GlobalParams() => Load(_global);

    private static PathwayRecommender Load(string json) =>
        PathwayRecommender.Create(o => o.AddPackFromStream("chain.json", () => new MemoryStream(Encoding.UTF8.GetBytes(json))));

    private static string Chain(int n, string prefix) =>
        string.Join(", ", Enumerable.Range(1, n).Select(i => $"{{ \"Name\": \"{prefix}{i}\", \"Expression\": \"{(i == 1 ? "profile.Age" : $"{prefix}{i - 1} + 1")}\" }}"));

    private static string Pack(string name, string localParams, string globalParams, string expression) => $$"""
        { "name": "{{name}}", "version": "1.0.0",
          "workflows": [ { "WorkflowName": "{{name}}",{{globalParams}} "Rules": [
            { "RuleName": "Chain", "SuccessEvent": "ips", "Expression": "{{expression}}"{{localParams}},
              "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Prøve." } } } ] } ] }
        """;
}
