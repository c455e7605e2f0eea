using System.Text;
using Pathways.Benchmarks;

namespace Pathways.Tests.Packs.Precompiled;

/// <summary>
/// The built-in pack ships precompiled (issue 13: a cold start without the expression parser). These tests hold the
/// generated C# to the JSON and the fact table it came from, and its answers to those of the parsed pack.
/// </summary>
public class PrecompiledBuiltInPackTests
{
    private static byte[] Resource => BuiltInPack.ReadBytes();

    [Test]
    public void TheCommittedFile_IsWhatTheGeneratorWritesToday()
    {
        var path = Path.Combine(PackTestKit.RepoRoot, PrecompiledPackWriter.RelativePath);
        var generated = PrecompiledPackWriter.Generate(Resource);
        var committed = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : string.Empty;
        if (committed != generated && Environment.GetEnvironmentVariable("PATHWAYS_REGENERATE") == "1")
        {
            File.WriteAllText(path, generated, new UTF8Encoding(false));
            Assert.Inconclusive($"{PrecompiledPackWriter.RelativePath} was regenerated: rebuild and run the tests again.");
        }

        Assert.That(committed, Is.EqualTo(generated),
            $"{PrecompiledPackWriter.RelativePath} is out of date with rules/pathways.json or the built-in facts: run " +
            "PATHWAYS_REGENERATE=1 dotnet test tests/Pathways.Tests -c Release --filter FullyQualifiedName~PrecompiledBuiltInPack, then rebuild.");
    }

    [Test]
    public void TheLibrary_UsesThePrecompiledForm_ForItsOwnPack()
    {
        Assert.That(BuiltInPack.IsPrecompiled, Is.True, "the embedded pack's SHA-256 is not the one the precompiled form was generated from");
        Assert.That(FactTable.UsesPrecompiled, Is.True, "the built-in facts are not the ones their precompiled delegates were generated from");
        Assert.That(BuiltInPack.RuleSet.Rules.SelectMany(Leaves).All(r => r.IsPrecompiled), Is.True);
    }

    [Test]
    public void ThePrecompiledDefinition_IsThePackAsParsedFromItsJson()
    {
        var problems = new List<PackProblem>();
        var parsed = PackParser.Parse(Encoding.UTF8.GetString(Resource), BuiltInPack.SourceLabel, problems)!;

        Assert.That(problems, Is.Empty);
        Assert.That(PrecompiledPackWriter.Describe(PrecompiledBuiltInPack.Definition()), Is.EqualTo(PrecompiledPackWriter.Describe(parsed)));
        Assert.That(PrecompiledBuiltInPack.Definition().Tests, Has.Count.EqualTo(parsed.Tests.Count).And.Count.GreaterThan(0));
    }

    [Test]
    public void OtherBytes_AreNotTakenForThePrecompiledPack()
    {
        var changed = (byte[])Resource.Clone();
        changed[changed.Length - 2] ^= 0x20;

        Assert.That(PrecompiledBuiltInPack.IsFor(Resource), Is.True);
        Assert.That(PrecompiledBuiltInPack.IsFor(changed), Is.False);
    }

    [TestCase("same")]
    [TestCase("reversed")]
    [TestCase("one less")]
    [TestCase("other bound")]
    public void OtherFacts_AreNotTakenForThoseThePrecompiledDelegatesWereGeneratedFor(string change)
    {
        var defs = FactTable.BuiltInDefinitions.ToList();
        IReadOnlyList<FactDefinition> other = change switch
        {
            "reversed" => Enumerable.Reverse(defs).ToList(),
            "one less" => defs.Take(defs.Count - 1).ToList(),
            "other bound" => defs.Select((d, i) => i == 0 ? new FactDefinition(d.Name, d.Location, d.Type, null, d.Minimum, 99, d.Label, d.Pack) { Member = d.Member }.At(0, -1) : d).ToList(),
            _ => defs,
        };

        Assert.That(PrecompiledBuiltInPack.FactsMatch(other), Is.EqualTo(change == "same"));
    }

    /// <summary>Every leaf's C# gives what its parsed expression gives, on the probe grid and on random citizens.</summary>
    [Test]
    public void EveryPrecompiledLeaf_AnswersAsItsParsedExpression()
    {
        var parsed = ParsedRuleSet();
        var pre = BuiltInPack.RuleSet.Rules.SelectMany(Leaves).ToDictionary(r => r.Name);
        var profiles = ProbeGrid.For(FactTable.BuiltIn).Select(x => (x.Profile, x.Context))
            .Concat(RandomCitizens(5000)).ToList();
        var compared = 0;
        foreach (var leaf in parsed.Rules.SelectMany(Leaves))
        {
            var mine = pre[leaf.Name];
            Assert.That(mine.Facts, Is.EqualTo(leaf.Facts), leaf.Name);
            foreach (var (p, c) in profiles)
            {
                if ((leaf.Facts & FactTable.BuiltIn.Unknown(p, c)) != 0) continue;
                Assert.That(mine.Predicate!(p, c), Is.EqualTo(leaf.Predicate!(p, c)), $"{leaf.Name} for {p} {c}");
                compared++;
            }
        }

        Assert.That(compared, Is.GreaterThan(100_000));
    }

    [TestCase(Language.Da, true)]
    [TestCase(Language.En, true)]
    [TestCase(Language.Da, false)]
    public void ThePrecompiledRuleSet_GivesTheBytesOfTheParsedOne(Language language, bool explain)
    {
        var parsed = ParsedRuleSet();
        var pre = BuiltInPack.RuleSet;
        var day = new DateTime(2026, 12, 5);
        foreach (var (p, c) in RandomCitizens(3000))
        {
            var a = RecommendationJson.Serialize(pre.Recommend(p, c, language, explain, day) with { RuleSet = parsed.Info });
            var b = RecommendationJson.Serialize(parsed.Recommend(p, c, language, explain, day));
            Assert.That(a, Is.EqualTo(b));
        }
    }

    [Test]
    public void ThePrecompiledRuleSet_FusesFromTheParsedTrees_WhenAskedWithoutExplanations()
    {
        // A fresh compilation of the precompiled definition, so that its lambdas have not been made yet.
        var set = RuleSetCompiler.Compile(new[] { PrecompiledBuiltInPack.Definition() });
        var parsed = ParsedRuleSet();
        foreach (var (p, c) in RandomCitizens(2000))
            Assert.That(set.Recommend(p, c, Language.Da, false, new DateTime(2026, 12, 5)).Recommendations.Select(r => r.InterventionId),
                Is.EqualTo(parsed.Recommend(p, c, Language.Da, false, new DateTime(2026, 12, 5)).Recommendations.Select(r => r.InterventionId)));
        Assert.That(set.Rules.SelectMany(Leaves).All(r => r.Lambda is not null), Is.True);
    }

    /// <summary>A later pack that changes a parameter the built-in rules read gets them parsed with its value, not the precompiled ones.</summary>
    [TestCase("youngMaxAge", 25, "PrivateWageSubsidy_YoungActivityReady", false)]
    [TestCase("longTermMonths", 24, "SmallPaidHours_LongTermActivityReady", false)]
    [TestCase("youngMaxAge", 25, "PrivateWageSubsidy_ActivityReady", true)]
    public void AChangedParameter_TurnsThePrecompiledRulesThatSeeIt_BackIntoParsedOnes(string parameter, int value, string rule, bool stillPrecompiled)
    {
        var set = RuleSetCompiler.Compile(new[] { PrecompiledBuiltInPack.Definition() }, new Dictionary<string, double> { [parameter] = value });

        Assert.That(set.Rules.SelectMany(Leaves).Single(r => r.Name == rule).IsPrecompiled, Is.EqualTo(stillPrecompiled));
    }

    [Test]
    public void AnOverriddenParameter_ChangesTheAnswer_AsItDidBeforePrecompiling()
    {
        var young = new CitizenProfile { Age = 27, Readiness = Readiness.ActivityReady };
        var set = RuleSetCompiler.Compile(new[] { PrecompiledBuiltInPack.Definition() }, new Dictionary<string, double> { ["youngMaxAge"] = 25 });
        var fired = set.Rules.Single(r => r.Name == "PrivateWageSubsidy_YoungActivityReady").Evaluate(young, AssessmentContext.Unknown, 0);

        Assert.That(fired, Is.EqualTo(RuleState.False));
        Assert.That(BuiltInPack.RuleSet.Rules.Single(r => r.Name == "PrivateWageSubsidy_YoungActivityReady").Evaluate(young, AssessmentContext.Unknown, 0), Is.EqualTo(RuleState.True));
    }

    private static CompiledRuleSet ParsedRuleSet()
    {
        var problems = new List<PackProblem>();
        var def = PackParser.Parse(Encoding.UTF8.GetString(Resource), BuiltInPack.SourceLabel, problems)!;
        return RuleSetCompiler.Compile(new[] { def }, precompiled: false);
    }

    private static IEnumerable<CompiledRule> Leaves(CompiledRule r) =>
        r.Predicate is not null ? new[] { r } : r.Children.SelectMany(Leaves);

    private static IEnumerable<(CitizenProfile, AssessmentContext)> RandomCitizens(int n)
    {
        foreach (var c in RandomProfiles.Make(n, 1313)) yield return (c.Profile, c.Context ?? AssessmentContext.Unknown);
    }
}
