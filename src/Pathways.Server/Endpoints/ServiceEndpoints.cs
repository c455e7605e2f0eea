using Pathways.Server.Feedback;
using Pathways.Server.Hosting;

namespace Pathways.Server.Endpoints;

/// <summary><c>GET /health</c> and <c>GET /v1/feedback/summary</c>.</summary>
internal static class ServiceEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // "ok" while the packs on disk are in force; "degraded" (still 200, still serving the last good rule set)
        // when the last reload was refused, with the problems that refused it.
        app.MapGet("/health", (IPathwayRecommender recommender, PackWatcher watcher) =>
        {
            var last = watcher.LastReload;
            return Results.Json(new
            {
                status = last is { Succeeded: false } ? "degraded" : "ok",
                ruleSet = recommender.RuleSet,
                lastReload = last,
            });
        });

        app.MapGet("/v1/feedback/summary", (HttpRequest request, FeedbackStore store) =>
        {
            var ruleSet = request.Query["ruleSet"].Count > 0 ? request.Query["ruleSet"].ToString() : null;
            var interventions = store.Summary(ruleSet);
            return Results.Json(new
            {
                ruleSet,
                accepted = interventions.Sum(i => i.Accepted),
                overridden = interventions.Sum(i => i.Overridden),
                interventions,
            });
        });
    }
}
