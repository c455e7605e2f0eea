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
    /// <summary>The top-level rules one delegate answers for: one 64-bit mask.</summary>
    public const int MaxRules = 64;

    private readonly Func<CitizenProfile, AssessmentContext, ulong, ulong>[] _blocks;

    private FusedMatcher(Func<CitizenProfile, AssessmentContext, ulong, ulong>[] blocks) => _blocks = blocks;

    /// <summary>How many 64-rule blocks (delegates) the rule set is fused into.</summary>
    public int Blocks => _blocks.Length;

    /// <summary>The fused matcher, one delegate per 64 top-level rules, or <see langword="null"/> when a rule has no tree.</summary>
    public static FusedMatcher? TryCreate(IReadOnlyList<CompiledRule> rules)
    {
        var blocks = new Func<CitizenProfile, AssessmentContext, ulong, ulong>[Math.Max(1, (rules.Count + MaxRules - 1) / MaxRules)];
        for (var b = 0; b < blocks.Length; b++)
        {
            var block = TryCreateBlock(rules, b * MaxRules, Math.Min(rules.Count, (b + 1) * MaxRules));
            if (block is null) return null;
            blocks[b] = block;
        }

        return new FusedMatcher(blocks);
    }

    private static Func<CitizenProfile, AssessmentContext, ulong, ulong>? TryCreateBlock(IReadOnlyList<CompiledRule> rules, int from, int to)
    {
        var profile = Expression.Parameter(typeof(CitizenProfile), "profile");
        var context = Expression.Parameter(typeof(AssessmentContext), "context");
        var unknown = Expression.Parameter(typeof(ulong), "unknown");
        var mask = Expression.Variable(typeof(ulong), "mask");
        var body = new List<Expression> { Expression.Assign(mask, Expression.Constant(0UL)) };
        for (var i = from; i < to; i++)
        {
            var test = DefinitelyTrue(rules[i], profile, context, unknown);
            if (test is null) return null;
            body.Add(Expression.IfThen(test, Expression.OrAssign(mask, Expression.Constant(1UL << (i - from)))));
        }

        body.Add(mask);
        var lambda = Expression.Lambda<Func<CitizenProfile, AssessmentContext, ulong, ulong>>(
            Expression.Block(new[] { mask }, body), profile, context, unknown);
        return lambda.Compile();
    }

    /// <summary>Bit i is set when top-level rule i is definitely true for this citizen (the first 64 rules).</summary>
    /// <exception cref="Exception">A rule's expression threw; use the per-rule path, which treats it as false.</exception>
    public ulong Match(CitizenProfile profile, AssessmentContext context, ulong unknown) => _blocks[0](profile, context, unknown);

    /// <summary>Block <paramref name="block"/>'s mask: bit i for top-level rule 64·block + i.</summary>
    /// <exception cref="Exception">A rule's expression threw; use the per-rule path for this block.</exception>
    public ulong Match(int block, CitizenProfile profile, AssessmentContext context, ulong unknown) => _blocks[block](profile, context, unknown);

    private static Expression? DefinitelyTrue(CompiledRule rule, ParameterExpression profile, ParameterExpression context, ParameterExpression unknown)
    {
        if (rule.Predicate is not null)
        {
            if (rule.Lambda is null) return null;
            var call = Inline(rule.Lambda, profile, context);
            if (rule.Facts == 0) return call;
            var known = Expression.Equal(Expression.And(unknown, Expression.Constant(rule.Facts)), Expression.Constant(0UL));
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
