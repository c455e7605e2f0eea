using Microsoft.Extensions.Logging;

namespace Pathways;

/// <summary>The outcome of <see cref="PathwayRecommender.Reload"/>. Immutable.</summary>
/// <param name="Succeeded">Whether the new packs were all valid and are now in force.</param>
/// <param name="RuleSet">The rule set in force after the reload: the new one, or the last good one if it failed.</param>
/// <param name="Problems">Why the reload failed, each with its file, workflow, rule and line; empty on success.</param>
public sealed record PackReloadResult(bool Succeeded, RuleSetInfo RuleSet, IReadOnlyList<PackProblem> Problems);

/// <summary>Rebuilds a recommender's rule set from its options and swaps it in only when every pack is valid.</summary>
internal static class PackReload
{
    public static PackReloadResult Run(PathwayRecommender recommender)
    {
        // One reload at a time, so that two concurrent reloads cannot put an older build in force after a newer one.
        lock (recommender.ReloadLock)
        {
            CompiledRuleSet next;
            try
            {
                next = PackSources.Build(recommender.LoadOptions);
            }
            catch (PackLoadException e)
            {
                var kept = recommender.RuleSet;
                recommender.Logger.LogWarning(
                    "Pathways refused the reloaded rule packs and keeps rule set {Name} {Version} ({Hash}): {Problem} ({Count} problem(s))",
                    kept.Name, kept.Version, kept.Hash, e.Problems[0].ToString(), e.Problems.Count);
                return new PackReloadResult(false, kept, e.Problems);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Whatever a pack or a stream does, Reload returns a result and the last good rule set stays.
                var kept = recommender.RuleSet;
                var problem = new PackProblem("(reload)", null, null, null, null, $"The reload failed unexpectedly ({e.GetType().Name}); the rule set in force is kept.");
                recommender.Logger.LogWarning("Pathways could not reload the rule packs and keeps rule set {Name} {Version} ({Hash}): {Problem}", kept.Name, kept.Version, kept.Hash, problem.Message);
                return new PackReloadResult(false, kept, new[] { problem });
            }

            recommender.Swap(next);
            recommender.LogWarnings(next);
            recommender.Logger.LogInformation("Pathways reloaded rule set {Name} {Version} with {Rules} rules ({Hash})", next.Info.Name, next.Info.Version, next.RuleCount, next.Info.Hash);
            return new PackReloadResult(true, next.Info, System.Array.Empty<PackProblem>());
        }
    }
}
