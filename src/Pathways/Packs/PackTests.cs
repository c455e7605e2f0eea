namespace Pathways;

/// <summary>
/// The outcome of one test case of a pack (CONTRACT §4.2). Immutable.
/// </summary>
/// <param name="Pack">The name of the pack that holds the test.</param>
/// <param name="Test">The test's name.</param>
/// <param name="Passed">Whether every expectation held.</param>
/// <param name="Expected">What the test expected that did not hold, one clause per expectation; empty when it passed.</param>
/// <param name="Actual">What came instead, one clause per failed expectation; empty when it passed.</param>
public sealed record PackTestResult(string Pack, string Test, bool Passed, string Expected, string Actual)
{
    /// <summary>The file or stream label the pack came from.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The 1-based line of the test in the pack, when known.</summary>
    public int? Line { get; init; }

    /// <summary>The day the advice was given for: the test profile's <c>context.assessmentDate</c>, or today in Denmark.</summary>
    public DateTime AssessmentDate { get; init; }

    /// <summary>One line: <c>pack: test: expected …; came …</c>, or <c>pack: test: passed</c>.</summary>
    public override string ToString() => Passed ? $"{Pack}: {Test}: passed" : $"{Pack}: {Test}: expected {Expected}; came {Actual}";
}

/// <summary>
/// Runs the test cases that packs carry (<c>tests</c>, CONTRACT §4.2), so that a rule author, a case system's CI
/// or <c>pathways test</c> can prove that a pack still gives the advice it claims. Each test's profile is
/// recommended for, with explanations, in Danish, by the rule set the pack was written on top of (the packs
/// loaded before it, and itself, with the options' parameter values); its expectations are then checked.
/// </summary>
public static class PackTests
{
    /// <summary>Runs the tests of every pack loaded in <paramref name="recommender"/>, in load order.</summary>
    /// <param name="recommender">The recommender whose rule set (and clock, for tests without an assessment date) is used.</param>
    /// <returns>One result per test, in load order and then in the order the tests are written.</returns>
    public static IReadOnlyList<PackTestResult> Run(PathwayRecommender recommender)
    {
        if (recommender is null) throw new ArgumentNullException(nameof(recommender));
        var set = recommender.Compiled;
        var results = new List<PackTestResult>();
        for (var i = 0; i < set.Packs.Count; i++)
        {
            var pack = set.Packs[i];
            if (pack.Tests.Count == 0) continue;

            // A pack's tests run on the rule set it was written on top of: the packs before it and itself, as
            // validate checks it. So a later pack cannot make an earlier pack's tests fail.
            var upTo = i == set.Packs.Count - 1 ? set : RulesUpTo(set, i);
            foreach (var test in pack.Tests)
            {
                if (test.Case is null) continue; // refused at load; never reached in a loaded set
                results.Add(RunOne(recommender, upTo, pack, test));
            }
        }

        return results;
    }

    private static CompiledRuleSet RulesUpTo(CompiledRuleSet set, int last)
    {
        var packs = set.Packs.Take(last + 1).ToList();
        if (last == 0 && set.ParameterOverrides.Count == 0 && ReferenceEquals(packs[0], BuiltInPack.Parse())) return BuiltInPack.RuleSet;
        var defined = new HashSet<string>(packs.SelectMany(p => p.Parameters).Select(p => p.Entry.Name), StringComparer.Ordinal);
        var overrides = set.ParameterOverrides.Where(kv => defined.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return RuleSetCompiler.Compile(packs, overrides.Count == 0 ? null : overrides);
    }

    /// <summary>
    /// Loads the built-in pack and the given pack files and folders (as <see cref="PathwaysOptions.Packs"/> does) and
    /// runs every loaded pack's tests.
    /// </summary>
    /// <param name="paths">Pack files and folders, in load order; empty for the built-in pack alone.</param>
    /// <param name="timeProvider">The clock for tests without an assessment date; <see langword="null"/> for the system clock.</param>
    /// <returns>One result per test, in load order.</returns>
    /// <exception cref="PackLoadException">A pack is refused, a test's definition included; every problem is listed.</exception>
    public static IReadOnlyList<PackTestResult> Run(IEnumerable<string> paths, TimeProvider? timeProvider = null)
    {
        if (paths is null) throw new ArgumentNullException(nameof(paths));
        var list = paths.ToList();
        return Run(PathwayRecommender.Create(o =>
        {
            foreach (var p in list) o.Packs.Add(p);
            o.TimeProvider = timeProvider;
        }));
    }

    private static PackTestResult RunOne(PathwayRecommender recommender, CompiledRuleSet set, PackDefinition pack, PackTestDef test)
    {
        var (profile, context) = (test.Case!.Profile, test.Case.Context ?? AssessmentContext.Unknown);
        var date = recommender.AssessmentDateOf(context);
        var result = set.Recommend(profile, context, Language.Da, explain: true, date);
        var recommended = result.Recommendations.ToDictionary(r => r.InterventionId, StringComparer.Ordinal);
        var expected = new List<string>();
        var actual = new List<string>();
        string Listed() => recommended.Count == 0 ? "nothing recommended" : "recommended " + string.Join(", ", recommended.Keys);

        foreach (var id in test.Recommended.Where(id => !recommended.ContainsKey(id)))
        {
            expected.Add($"'{id}' recommended");
            actual.Add(Listed());
        }

        foreach (var id in test.NotRecommended.Where(recommended.ContainsKey))
        {
            expected.Add($"'{id}' not recommended");
            actual.Add($"'{id}' recommended");
        }

        foreach (var kv in test.Evidence)
        {
            if (!recommended.TryGetValue(kv.Key, out var r))
            {
                expected.Add($"'{kv.Key}' with evidence {kv.Value.ToJson()}");
                actual.Add($"'{kv.Key}' not recommended");
            }
            else if (r.Evidence != kv.Value)
            {
                expected.Add($"'{kv.Key}' with evidence {kv.Value.ToJson()}");
                actual.Add($"evidence {r.Evidence.ToJson()}");
            }
        }

        foreach (var kv in test.Citations)
        {
            if (!recommended.TryGetValue(kv.Key, out var r))
            {
                expected.Add($"'{kv.Key}' citing {string.Join(", ", kv.Value)}");
                actual.Add($"'{kv.Key}' not recommended");
                continue;
            }

            var missing = kv.Value.Where(k => !r.Citations.Any(c => c.Key == k)).ToList();
            if (missing.Count > 0)
            {
                expected.Add($"'{kv.Key}' citing {string.Join(", ", missing)}");
                actual.Add($"it cites {string.Join(", ", r.Citations.Select(c => c.Key))}");
            }
        }

        foreach (var kv in test.Caveats)
        {
            var wanted = kv.Value ? $"'{kv.Key}' with a caveat" : $"'{kv.Key}' without caveats";
            if (!recommended.TryGetValue(kv.Key, out var r))
            {
                expected.Add(wanted);
                actual.Add($"'{kv.Key}' not recommended");
            }
            else if ((r.Caveats.Count > 0) != kv.Value)
            {
                expected.Add(wanted);
                actual.Add(r.Caveats.Count == 0 ? "no caveat" : $"{r.Caveats.Count} caveat{(r.Caveats.Count == 1 ? string.Empty : "s")}");
            }
        }

        if (test.Fired.Count + test.NotFired.Count > 0)
        {
            var fired = set.ForDate(date).Fired(profile, context);
            foreach (var name in test.Fired.Where(n => !fired.Contains(n)))
            {
                expected.Add($"rule {name} to fire");
                actual.Add("it did not");
            }

            foreach (var name in test.NotFired.Where(fired.Contains))
            {
                expected.Add($"rule {name} not to fire");
                actual.Add("it fired");
            }
        }

        return new PackTestResult(pack.Name, test.Name, expected.Count == 0, string.Join("; ", expected), string.Join("; ", actual.Distinct()))
        {
            Source = pack.Source,
            Line = test.Line,
            AssessmentDate = date,
        };
    }
}
