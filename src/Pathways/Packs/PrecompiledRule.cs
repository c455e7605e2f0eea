namespace Pathways;

/// <summary>
/// A leaf rule of the built-in pack as compiled to C# with the library (<see cref="PrecompiledBuiltInPack"/>): what it
/// was generated from (its name, expression text and the pack parameters that expression sees) and its delegate.
/// </summary>
internal sealed class PrecompiledRule
{
    public PrecompiledRule(string name, string expression, string scopeKey, ulong facts, Func<CitizenProfile, AssessmentContext, bool> predicate)
    {
        Name = name;
        Expression = expression;
        ScopeKey = scopeKey;
        Facts = facts;
        Predicate = predicate;
    }

    public string Name { get; }

    public string Expression { get; }

    /// <summary>The pack parameters the expression sees, as RuleSetCompiler.ScopeKeyOf writes them.</summary>
    public string ScopeKey { get; }

    /// <summary>The facts the expression reads, one bit each.</summary>
    public ulong Facts { get; }

    public Func<CitizenProfile, AssessmentContext, bool> Predicate { get; }

    /// <summary>
    /// Whether <paramref name="rule"/> would compile to this very delegate: a rule of the built-in pack, with the same
    /// expression text, seeing the same parameters with the same values (a later pack or the options may change them).
    /// </summary>
    public bool Matches(RuleDef rule, string scopeKey) =>
        rule.Pack == BuiltInFacts.Pack
        && string.Equals(rule.Expression, Expression, StringComparison.Ordinal)
        && string.Equals(scopeKey, ScopeKey, StringComparison.Ordinal);
}
