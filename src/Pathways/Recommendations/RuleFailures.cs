using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pathways;

/// <summary>What may be caught as a rule's failure at advice time, and which expressions can fail at all.</summary>
internal static class RuleFailures
{
    /// <summary>Whether the process cannot go on safely after this exception, so it must not be caught as a rule's failure.</summary>
    public static bool IsFatal(Exception e) =>
        e is OutOfMemoryException or StackOverflowException or AccessViolationException or ThreadAbortException;

    /// <summary>
    /// Whether evaluating the expression could throw. Most rules are comparisons of facts with constants, which
    /// cannot; only the others need a guard in the fused matcher, so that the common rule costs nothing extra.
    /// </summary>
    public static bool CanThrow(Expression e) => new ThrowFinder().Finds(e);

    private sealed class ThrowFinder : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression e)
        {
            Visit(e);
            return _found;
        }

        public override Expression? Visit(Expression? node)
        {
            if (node is null || _found) return node;
            _found = node switch
            {
                ConstantExpression or ParameterExpression or BlockExpression or ConditionalExpression => false,
                BinaryExpression b => b.Method is not null || b.NodeType is not (
                    ExpressionType.Assign or ExpressionType.AndAlso or ExpressionType.OrElse or ExpressionType.Coalesce
                    or ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
                    or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual or ExpressionType.And or ExpressionType.Or
                    or ExpressionType.ExclusiveOr or ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Multiply),
                UnaryExpression u => u.Method is not null
                    || u.NodeType is not (ExpressionType.Not or ExpressionType.Negate or ExpressionType.UnaryPlus or ExpressionType.Convert)
                    || (u.NodeType == ExpressionType.Convert && Nullable.GetUnderlyingType(u.Operand.Type) is not null && Nullable.GetUnderlyingType(u.Type) is null),
                MemberExpression m => !(m.Expression is ParameterExpression p && (p.Type == typeof(CitizenProfile) || p.Type == typeof(AssessmentContext)))
                    && m.Member.Name != "HasValue" && m.Expression is not null,
                _ => true,
            };
            return _found ? node : base.Visit(node);
        }
    }
}

/// <summary>
/// Logs rules that threw at advice time: pack, rule and exception type, never the profile or the exception's
/// message (which could carry a value). The first failure of a rule with an exception type is a warning, later
/// ones are debug messages, so a rule that throws for many citizens does not flood the log.
/// </summary>
internal sealed class RuleFailureLog
{
    // Made when a rule first throws: most rule sets never need it.
    private ConcurrentDictionary<(string Pack, string Rule, Type Type), byte>? _seen;

    /// <summary>The host's logger; none until a recommender puts the rule set in force.</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    public void Report(CompiledRule rule, Exception e)
    {
        var seen = _seen ?? LazyInitializer.EnsureInitialized(ref _seen, static () => new ConcurrentDictionary<(string Pack, string Rule, Type Type), byte>())!;
        var first = seen.TryAdd((rule.Def.Pack, rule.Name, e.GetType()), 0);
        Logger.Log(first ? LogLevel.Warning : LogLevel.Debug,
            "Pathways rule {Rule} of pack {Pack} could not be evaluated ({ExceptionType}) and counts as not met for this call",
            rule.Name, rule.Def.Pack, e.GetType().Name);
    }

    /// <summary>Reports a failure from the fused matcher's guard and rethrows an exception that must not be caught.</summary>
    public static bool Failed(CompiledRule rule, Exception e)
    {
        if (RuleFailures.IsFatal(e)) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        rule.FailureLog?.Report(rule, e);
        return false;
    }
}
