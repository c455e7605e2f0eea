using System.Text;

namespace Pathways.Tests.Packs;

/// <summary>Small helpers for loading inline packs on top of the built-in pack.</summary>
internal static class PackTestKit
{
    /// <summary>The folder of the test packs copied to the output.</summary>
    public static string TestPacks => Path.Combine(TestContext.CurrentContext.TestDirectory, "Packs", "TestPacks");

    /// <summary>The repository root (the folder holding Pathways.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pathways.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Pathways.sln not found above the test directory.");
        }
    }

    public static Func<Stream> Utf8(string json) => () => new MemoryStream(Encoding.UTF8.GetBytes(json));

    /// <summary>A recommender with the built-in pack and the given inline packs, labelled pack1.json, pack2.json, ….</summary>
    public static PathwayRecommender Load(params string[] packs) => Load(true, packs);

    public static PathwayRecommender Load(bool builtIn, params string[] packs) => PathwayRecommender.Create(o =>
    {
        o.IncludeBuiltInPack = builtIn;
        for (var i = 0; i < packs.Length; i++) o.AddPackFromStream($"pack{i + 1}.json", Utf8(packs[i]));
    });

    /// <summary>The problems that refuse the given packs (on top of the built-in pack); fails the test if they load.</summary>
    public static IReadOnlyList<PackProblem> Refusal(params string[] packs)
    {
        var e = Assert.Throws<PackLoadException>(() => Load(packs))!;
        return e.Problems;
    }

    /// <summary>
    /// A one-rule pack that recommends <c>ips</c> with the given expression. The rule object opens on line
    /// <see cref="ProbeLine"/>, in workflow <c>probe</c>, rule <c>Probe</c>.
    /// </summary>
    public static string Probe(string expression, string extraRuleJson = "") => $$"""
        {
          "name": "probe-pack",
          "version": "1.0.0",
          "workflows": [ {
            "WorkflowName": "probe",
            "Rules": [
              {
                "RuleName": "Probe",
                "SuccessEvent": "ips",
                "Expression": {{Newtonsoft.Json.JsonConvert.ToString(expression)}},{{extraRuleJson}}
                "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Prøve.", "en": "Probe." } }
              }
            ] } ]
        }
        """;

    public const int ProbeLine = 7;

    /// <summary>The line of the probe rule's Expression.</summary>
    public const int ProbeExpressionLine = 10;

    /// <summary>A profile for which few built-in rules fire and every fact is known.</summary>
    public static CitizenProfile Citizen(int age = 45, Readiness readiness = Readiness.ActivityReady, bool? mentalIllness = false, int? months = 6) => new()
    {
        Age = age,
        Readiness = readiness,
        Benefit = Benefit.SocialAssistance,
        MentalIllness = mentalIllness,
        InMentalHealthTreatment = false,
        MonthsOnBenefits = months,
        WeeklyPaidHours = 0,
        HasChildrenAged5To14 = false,
        FlexJobApproved = false,
    };

    public static AssessmentContext Context(BusinessCycle? cycle = BusinessCycle.Normal, int? caseload = 40, bool? expects = true) => new()
    {
        BusinessCycle = cycle,
        CaseworkerCaseload = caseload,
        CaseworkerExpectsJob = expects,
    };

    public static IEnumerable<string> Ids(RecommendationResult r) => r.Recommendations.Select(x => x.InterventionId);
}
