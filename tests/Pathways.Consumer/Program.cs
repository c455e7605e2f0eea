// A case-management system's first use of the Pathways package, as its README shows it. Exits 0 only when a
// sample citizen gets recommendations that each cite the studies behind them.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pathways;

var failures = new List<string>();

// 1. The three-line use: the built-in pack travels inside the assembly, so no file is needed.
using (var services = new ServiceCollection().AddPathways().BuildServiceProvider())
{
    var recommender = services.GetRequiredService<IPathwayRecommender>();
    var result = recommender.Recommend(
        new CitizenProfile { Age = 45, Readiness = Readiness.ActivityReady, MentalIllness = true, InMentalHealthTreatment = true },
        new AssessmentContext { BusinessCycle = BusinessCycle.Normal, CaseworkerCaseload = 70 });

    Console.WriteLine($"Rule set {result.RuleSet.Name} {result.RuleSet.Version} ({result.RuleSet.Hash})");
    foreach (var r in result.Recommendations)
        Console.WriteLine($"{r.InterventionId} [{r.Evidence}]: {string.Join(", ", r.Citations.Select(c => c.Key))}");
    Check(result, "built-in pack, Danish", expectIds: new[] { "ips", "low-caseload" });
    if (!result.Recommendations[0].Title.Any(c => "æøåÆØÅ".Contains(c)) && !result.Recommendations.Any(r => r.Reasons.Any(t => t.Any(c => "æøå".Contains(c)))))
        failures.Add("Danish texts lost æ, ø and å.");
    Console.WriteLine();
    Console.WriteLine(RecommendationJson.Serialize(result));
}

// 2. Options bound from configuration, as from appsettings.json: English texts and a local threshold.
var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Pathways:Language"] = "en",
        ["Pathways:Parameters:highCaseloadThreshold"] = "100",
    })
    .Build();
using (var services = new ServiceCollection().AddPathways(configuration.GetSection("Pathways")).BuildServiceProvider())
{
    var result = services.GetRequiredService<IPathwayRecommender>().Recommend(
        new CitizenProfile { Age = 45, Readiness = Readiness.ActivityReady, MentalIllness = true, InMentalHealthTreatment = true },
        new AssessmentContext { BusinessCycle = BusinessCycle.Normal, CaseworkerCaseload = 70 });
    Check(result, "configuration, English", expectIds: new[] { "ips" });
    if (result.Language != Language.En) failures.Add("Language from configuration was not applied.");
    if (result.Recommendations.Any(r => r.InterventionId == "low-caseload"))
        failures.Add("Parameter highCaseloadThreshold=100 from configuration was not applied (caseload 70 still counted as high).");
}

if (failures.Count > 0)
{
    foreach (var f in failures) Console.Error.WriteLine($"FAIL: {f}");
    return 1;
}

Console.WriteLine("consumer: OK");
return 0;

void Check(RecommendationResult result, string label, string[] expectIds)
{
    if (result.Recommendations.Count == 0) failures.Add($"{label}: no recommendations.");
    foreach (var r in result.Recommendations)
    {
        if (r.Citations.Count == 0) failures.Add($"{label}: {r.InterventionId} has no citation.");
        if (r.Citations.Any(c => string.IsNullOrWhiteSpace(c.Text))) failures.Add($"{label}: {r.InterventionId} has a citation without text.");
    }

    foreach (var id in expectIds.Where(id => result.Recommendations.All(r => r.InterventionId != id)))
        failures.Add($"{label}: {id} was expected among the recommendations.");
}
