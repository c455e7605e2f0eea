using System.Linq.Expressions;
using RulesEngine.ExpressionBuilders;

namespace Pathways;

/// <summary>
/// The expression parser's one-time set-up (System.Linq.Dynamic.Core's tables and types, the expression compiler)
/// is most of a cold start. It does not depend on any pack, so it is started on another core while the pack JSON
/// is still being read and parsed: a one-shot process (the console's <c>recommend</c>) then finds it done.
/// </summary>
internal static class ParserWarmUp
{
    private static int _started;

    /// <summary>Starts the warm-up once per process, on a pool thread; never waits, never throws.</summary>
    public static void Start()
    {
        if (Environment.ProcessorCount < 2 || Interlocked.Exchange(ref _started, 1) != 0) return;
        _ = Task.Run(static () =>
        {
            var profile = Expression.Parameter(typeof(CitizenProfile), "profile");
            var context = Expression.Parameter(typeof(AssessmentContext), "context");
            var body = new RuleExpressionParser(RuleSetCompiler.CreateSettings())
                .Parse("profile.Age >= 18 && profile.Readiness == Readiness.JobReady && context.CaseworkerCaseload > 1", new[] { profile, context }, typeof(bool));
            Expression.Lambda<Func<CitizenProfile, AssessmentContext, bool>>(body, profile, context).Compile();
        });
    }
}
