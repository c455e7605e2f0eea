namespace Pathways;

/// <summary>
/// A leaf rule of the built-in pack as compiled to C# with the library (<see cref="PrecompiledBuiltInPack"/>): what it
/// was generated from (its name, expression text and the pack parameters that expression sees, as
/// RuleSetCompiler.ScopeKeyOf writes them), the facts it reads (one bit each) and its delegate.
/// </summary>
internal sealed record PrecompiledRule(string Name, string Expression, string ScopeKey, ulong Facts, Func<CitizenProfile, AssessmentContext, bool> Predicate)
{
    /// <summary>
    /// Whether <paramref name="rule"/> would compile to this very delegate: a rule of the built-in pack, with the same
    /// expression text, seeing the same parameters with the same values (a later pack or the options may change them).
    /// </summary>
    public bool Matches(RuleDef rule, string scopeKey) =>
        rule.Pack == BuiltInFacts.Pack
        && string.Equals(rule.Expression, Expression, StringComparison.Ordinal)
        && string.Equals(scopeKey, ScopeKey, StringComparison.Ordinal);
}
