using System.Linq.Expressions;

namespace Pathways;

/// <summary>
/// The whole rule set fused into one delegate that returns which top-level rules are definitely true, one bit
/// per rule. Built once from the rules' own expression trees, so it is the same logic as the per-rule
/// delegates, with the calls inlined and no per-rule dispatch.
/// </summary>
/// <remarks>
/// Only "definitely true" matters for a result without explanations, and under Kleene logic an And is true
/// exactly when every child is true and an Or when some child is: so a leaf is its known-facts check and its
/// expression, and nested rules are plain <c>&amp;&amp;</c> and <c>||</c> of their children. A rule that throws is
/// false in RulesEngine and in Pathways: each leaf that could throw (<see cref="RuleFailures.CanThrow"/>) is guarded
/// in the fused delegate itself, so a throwing leaf is false, is logged, and sets its top-level rule's bit in the
/// failed mask; the call goes on without a fallback. Leaves that cannot throw (most) carry no guard.
/// </remarks>
internal sealed class FusedMatcher
{
    /// <summary>The most top-level rules one 64-bit mask can hold.</summary>
    public const int MaxRules = 64;

    private readonly FusedMatch _match;

    private FusedMatcher(FusedMatch match) => _match = match;

    private delegate ulong FusedMatch(CitizenProfile profile, AssessmentContext context, int unknown, out ulong failed);

    /// <summary>The fused matcher, or <see langword="null"/> when there are too many rules for one mask or a rule has no tree.</summary>
    public static FusedMatcher? TryCreate(IReadOnlyList<CompiledRule> rules)
    {
        if (rules.Count > MaxRules) return null;
        var profile = Expression.Parameter(typeof(CitizenProfile), "profile");
        var context = Expression.Parameter(typeof(AssessmentContext), "context");
        var unknown = Expression.Parameter(typeof(int), "unknown");
        var failed = Expression.Parameter(typeof(ulong).MakeByRefType(), "failed");
        var leafFailed = Expression.Variable(typeof(bool), "leafFailed");
        var mask = Expression.Variable(typeof(ulong), "mask");
        var body = new List<Expression> { Expression.Assign(mask, Expression.Constant(0UL)), Expression.Assign(failed, Expression.Constant(0UL)) };
        for (var i = 0; i < rules.Count; i++)
        {
            var guarded = false;
            var test = DefinitelyTrue(rules[i], profile, context, unknown, leafFailed, ref guarded);
            if (test is null) return null;
            var bit = Expression.Constant(1UL << i);
            body.Add(guarded
                ? Expression.Block(
                    Expression.Assign(leafFailed, Expression.Constant(false)),
                    Expression.IfThenElse(test, Expression.OrAssign(mask, bit), Expression.IfThen(leafFailed, Expression.OrAssign(failed, bit))))
                : Expression.IfThen(test, Expression.OrAssign(mask, bit)));
        }

        body.Add(mask);
        var lambda = Expression.Lambda<FusedMatch>(Expression.Block(new[] { mask, leafFailed }, body), profile, context, unknown, failed);
        return new FusedMatcher(lambda.Compile());
    }

    /// <summary>Bit i is set when top-level rule i is definitely true for this citizen.</summary>
    /// <param name="profile">The citizen.</param>
    /// <param name="context">The context.</param>
    /// <param name="unknown">The facts unknown for this citizen.</param>
    /// <param name="failed">Bit i is set when top-level rule i is not true because a part of it threw.</param>
    public ulong Match(CitizenProfile profile, AssessmentContext context, Facts unknown, out ulong failed) => _match(profile, context, (int)unknown, out failed);

    private static Expression? DefinitelyTrue(CompiledRule rule, ParameterExpression profile, ParameterExpression context, ParameterExpression unknown, ParameterExpression leafFailed, ref bool guarded)
    {
        if (rule.Predicate is not null)
        {
            if (rule.Lambda is null) return null;
            var call = Inline(rule.Lambda, profile, context);
            if (RuleFailures.CanThrow(call))
            {
                // try { leaf } catch (Exception e) { leafFailed = true; return Failed(rule, e); }: false, logged, and no exception escapes.
                guarded = true;
                var e = Expression.Variable(typeof(Exception), "e");
                var onFailure = Expression.Block(
                    Expression.Assign(leafFailed, Expression.Constant(true)),
                    Expression.Call(typeof(RuleFailureLog).GetMethod(nameof(RuleFailureLog.Failed))!, Expression.Constant(rule), e));
                call = Expression.TryCatch(call, Expression.Catch(e, onFailure));
            }

            if (rule.Facts == Facts.None) return call;
            var known = Expression.Equal(Expression.And(unknown, Expression.Constant((int)rule.Facts)), Expression.Constant(0));
            return Expression.AndAlso(known, call);
        }

        if (rule.Children.Length == 0) return Expression.Constant(false);
        Expression? combined = null;
        foreach (var child in rule.Children)
        {
            var c = DefinitelyTrue(child, profile, context, unknown, leafFailed, ref guarded);
            if (c is null) return null;
            combined = combined is null ? c : rule.IsAnd ? Expression.AndAlso(combined, c) : Expression.OrElse(combined, c);
        }

        return combined;
    }

    /// <summary>The leaf's body with its parameters replaced by the fused lambda's, so it is inlined, not invoked.</summary>
    private static Expression Inline(LambdaExpression lambda, ParameterExpression profile, ParameterExpression context) =>
        new Replace(lambda.Parameters[0], profile, lambda.Parameters[1], context).Visit(lambda.Body);

    private sealed class Replace(ParameterExpression fromProfile, ParameterExpression toProfile, ParameterExpression fromContext, ParameterExpression toContext) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == fromProfile ? toProfile : node == fromContext ? toContext : node;
    }
}
