using BenchmarkDotNet.Attributes;

namespace Pathways.Benchmarks;

/// <summary>
/// The cost of declared facts (issue 10): the built-in pack alone against the built-in pack plus a pack of 3 declared
/// facts and 5 rules, explained and unexplained, and reading one NDJSON line with and without <c>facts</c>. The same
/// 1,024 seeded profiles (half with unknown facts) get random values for the declared facts (a quarter left out).
/// </summary>
[MemoryDiagnoser]
public class DeclaredFactBenchmarks
{
    /// <summary>3 declared facts (boolean, integer, enum) and 5 rules on them, with and without built-in fields.</summary>
    public const string FactsPack = """
        {
          "name": "bench-facts", "version": "1.0.0",
          "facts": [
            { "name": "homeless", "type": "boolean", "label": { "da": "hjemløs", "en": "homeless" } },
            { "name": "yearsInDenmark", "type": "integer", "min": 0, "max": 100, "label": { "da": "år i Danmark", "en": "years in Denmark" } },
            { "name": "danishLevel", "type": "enum", "values": ["none", "basic", "fluent"], "label": { "da": "danskkundskaber", "en": "Danish skills" } }
          ],
          "interventions": [
            { "id": "housing-support", "kind": "intervention", "title": { "da": "Boligstøtte", "en": "Housing support" } },
            { "id": "danish-course", "kind": "intervention", "title": { "da": "Danskundervisning", "en": "Danish course" } }
          ],
          "workflows": [ { "WorkflowName": "bench-facts", "Rules": [
            { "RuleName": "B1", "SuccessEvent": "housing-support", "Expression": "facts.homeless == true", "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "a" } } },
            { "RuleName": "B2", "SuccessEvent": "housing-support", "Expression": "facts.homeless == true && profile.Age < 30", "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "b" } } },
            { "RuleName": "B3", "SuccessEvent": "danish-course", "Expression": "facts.danishLevel != \"fluent\" && facts.yearsInDenmark < 5", "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "c" } } },
            { "RuleName": "B4", "SuccessEvent": "danish-course", "Expression": "facts.danishLevel == \"none\" && profile.Readiness == Readiness.JobReady", "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "d" } } },
            { "RuleName": "B5", "SuccessEvent": "danish-course", "Operator": "Or", "Rules": [
              { "RuleName": "B5a", "Expression": "facts.yearsInDenmark <= 1" }, { "RuleName": "B5b", "Expression": "context.BusinessCycle == BusinessCycle.Recession" } ],
              "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "e" } } }
          ] } ]
        }
        """;

    private static readonly RecommendOptions NoExplain = new() { Explain = false };

    private PathwayRecommender _recommender = null!;
    private CitizenCase[] _cases = null!;
    private string _line = null!;

    [Params("built-in", "built-in + 3 facts, 5 rules")]
    public string Packs { get; set; } = "built-in";

    [GlobalSetup]
    public void Setup()
    {
        var withFacts = Packs != "built-in";
        _recommender = withFacts
            ? PathwayRecommender.Create(o => o.AddPackFromStream("bench-facts.json", () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(FactsPack))))
            : PathwayRecommender.Create();
        var random = new Random(4242);
        _cases = RandomProfiles.Make(RecommendBenchmarks.Profiles, 20261124)
            .Select(c => withFacts ? c with { Profile = c.Profile with { Facts = RandomFacts(random) } } : c)
            .ToArray();
        _line = withFacts
            ? "{\"id\":\"case-1\",\"age\":34,\"readiness\":\"activity-ready\",\"benefit\":\"social-assistance\",\"mentalIllness\":false,\"monthsOnBenefits\":30,\"context\":{\"caseworkerCaseload\":40},\"facts\":{\"homeless\":true,\"yearsInDenmark\":2,\"danishLevel\":\"basic\"}}"
            : "{\"id\":\"case-1\",\"age\":34,\"readiness\":\"activity-ready\",\"benefit\":\"social-assistance\",\"mentalIllness\":false,\"monthsOnBenefits\":30,\"context\":{\"caseworkerCaseload\":40}}";
    }

    [Benchmark(OperationsPerInvoke = RecommendBenchmarks.Profiles, Description = "Recommend, Explain = true")]
    public int Explained()
    {
        var n = 0;
        foreach (var c in _cases) n += _recommender.Recommend(c.Profile, c.Context).Recommendations.Count;
        return n;
    }

    [Benchmark(OperationsPerInvoke = RecommendBenchmarks.Profiles, Description = "Recommend, Explain = false")]
    public int Unexplained()
    {
        var n = 0;
        foreach (var c in _cases) n += _recommender.Recommend(c.Profile, c.Context, NoExplain).Recommendations.Count;
        return n;
    }

    [Benchmark(Description = "ReadProfile, one NDJSON line")]
    public int ReadLine() => _recommender.ReadProfile(_line).Profile.Age;

    internal static FactValues RandomFacts(Random r)
    {
        var f = FactValues.Empty;
        if (r.Next(4) != 0) f = f.With("homeless", r.Next(2) == 0);
        if (r.Next(4) != 0) f = f.With("yearsInDenmark", r.Next(0, 10));
        if (r.Next(4) != 0) f = f.With("danishLevel", new[] { "none", "basic", "fluent" }[r.Next(3)]);
        return f;
    }
}
