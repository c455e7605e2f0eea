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
/// false in RulesEngine and in Pathways; the fused delegate does not catch, so the caller falls back to the
/// per-rule path (which catches per rule) whenever it throws.
/// </remarks>
internal sealed class FusedMatcher
{
    /// <summary>The most top-level rules one 64-bit mask can hold.</summary>
    public const int MaxRules = 64;

    private readonly Func<CitizenProfile, AssessmentContext, int, ulong> _match;

    private FusedMatcher(Func<CitizenProfile, AssessmentContext, int, ulong> match) => _match = match;

    /// <summary>The fused matcher, or <see langword="null"/> when there are too many rules for one mask or a rule has no tree.</summary>
    public static FusedMatcher? TryCreate(IReadOnlyList<CompiledRule> rules)
    {
        if (rules.Count > MaxRules) return null;
        var profile = Expression.Parameter(typeof(CitizenProfile), "profile");
        var context = Expression.Parameter(typeof(AssessmentContext), "context");
        var unknown = Expression.Parameter(typeof(int), "unknown");
        var mask = Expression.Variable(typeof(ulong), "mask");
        var body = new List<Expression> { Expression.Assign(mask, Expression.Constant(0UL)) };
        for (var i = 0; i < rules.Count; i++)
        {
            var test = DefinitelyTrue(rules[i], profile, context, unknown);
            if (test is null) return null;
            body.Add(Expression.IfThen(test, Expression.OrAssign(mask, Expression.Constant(1UL << i))));
        }

        body.Add(mask);
        var lambda = Expression.Lambda<Func<CitizenProfile, AssessmentContext, int, ulong>>(
            Expression.Block(new[] { mask }, body), profile, context, unknown);
        return new FusedMatcher(lambda.Compile());
    }

    /// <summary>Bit i is set when top-level rule i is definitely true for this citizen.</summary>
    /// <exception cref="Exception">A rule's expression threw; use the per-rule path, which treats it as false.</exception>
    public ulong Match(CitizenProfile profile, AssessmentContext context, Facts unknown) => _match(profile, context, (int)unknown);

    private static Expression? DefinitelyTrue(CompiledRule rule, ParameterExpression profile, ParameterExpression context, ParameterExpression unknown)
    {
        if (rule.Predicate is not null)
        {
            if (rule.Lambda is null) return null;
            var call = Inline(rule.Lambda, profile, context);
            if (rule.Facts == Facts.None) return call;
            var known = Expression.Equal(Expression.And(unknown, Expression.Constant((int)rule.Facts)), Expression.Constant(0));
            return Expression.AndAlso(known, call);
        }

        if (rule.Children.Length == 0) return Expression.Constant(false);
        Expression? combined = null;
        foreach (var child in rule.Children)
        {
            var c = DefinitelyTrue(child, profile, context, unknown);
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
