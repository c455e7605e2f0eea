using System.Diagnostics;

namespace Pathways.Server.Hosting;

/// <summary>
/// Makes the first real answer as quick as the later ones: right after start, on a pool thread (the server listens
/// meanwhile), one synthetic profile — no citizen's data — is read, recommended with and without explanations in both
/// languages and written as the endpoints write it, so that this code is compiled and the rule set's shared paths are
/// built before a caseworker's first request. It logs how long that took, nothing else.
/// </summary>
internal sealed class WarmUp(IPathwayRecommender recommender, ILogger<WarmUp> logger) : IHostedService
{
    /// <summary>A synthetic profile that reaches every kind of rule of the built-in pack (recommend, caveat, unknown facts).</summary>
    internal const string SyntheticProfile =
        """{"age": 40, "readiness": "activity-ready", "mentalIllness": true, "monthsOnBenefits": 24, "weeklyPaidHours": 0, "context": {"businessCycle": "recession", "caseworkerCaseload": 60}}""";

    private Task? _running;

    /// <summary>Completes when the warm-up has run (for tests).</summary>
    internal Task Completion => _running ?? Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.Run(Run, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Run()
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var citizen = ProfileJson.Read(SyntheticProfile);
            foreach (var language in new[] { Language.Da, Language.En })
            {
                foreach (var explain in new[] { true, false })
                {
                    var result = recommender.Recommend(citizen.Profile, citizen.Context, new RecommendOptions { Language = language, Explain = explain });
                    _ = RecommendationJson.Serialize(result);
                }
            }

            logger.LogInformation("Warmed up in {Milliseconds} ms", watch.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only a warm-up: the first request will then pay what it would have paid anyway.
            logger.LogWarning("Warm-up failed ({Exception}); the first request will be slower", e.GetType().Name);
        }
    }
}
