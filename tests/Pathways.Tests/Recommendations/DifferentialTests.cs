using Pathways.Benchmarks;
using RulesEngine.Models;

namespace Pathways.Tests;

/// <summary>
/// The compiled path against plain RulesEngine 6.0.1 running the same workflows
/// (<see cref="CompiledRuleSet.ToRulesEngineWorkflows"/>): on seeded random citizens and on every boundary,
/// each top-level rule's two-valued result must equal RulesEngine's <c>IsSuccess</c>; the fused matcher must
/// equal the per-rule three-valued path; and where all of a rule's facts are known, the fused matcher must
/// equal RulesEngine too.
/// </summary>
[TestFixture]
public sealed class DifferentialTests
{
    private static CompiledRuleSet RuleSet(string pack) => pack switch
    {
        "built-in" => PathwayRecommender.Create().Compiled,
        "features" => FeaturePack.Create().Compiled,
        "declared-facts" => Packs.PackTestKit.Load(DeclaredFactTests.FactsPack).Compiled,
        _ => throw new ArgumentOutOfRangeException(nameof(pack)),
    };

    [TestCase("built-in", 100_000, 20261124)]
    [TestCase("features", 100_000, 4711)]
    [TestCase("declared-facts", 50_000, 1010)]
    public void CompiledRules_MatchRulesEngine_OnSeededRandomCitizens(string pack, int count, int seed)
    {
        var random = new Random(seed);
        var checker = new Checker(RuleSet(pack));
        for (var i = 0; i < count; i++) checker.Check(RandomProfiles.Next(random, i));
        Assert.That(checker.Checked, Is.EqualTo(count));
        checker.AssertEveryRuleWasBothTrueAndFalse();
    }

    [TestCase("built-in")]
    [TestCase("features")]
    [TestCase("declared-facts")]
    public void CompiledRules_MatchRulesEngine_OnEveryBoundary(string pack)
    {
        var checker = new Checker(RuleSet(pack));
        foreach (var c in Boundaries()) checker.Check(c);
        Assert.That(checker.Checked, Is.GreaterThan(5000));
    }

    [Test]
    public void FeaturePack_CompilesWithEveryFeature()
    {
        var rules = RuleSet("features").Rules;
        Assert.That(rules.Select(r => r.Name), Does.Not.Contain("Disabled"));
        Assert.That(rules.Count(r => r.Children.Length > 0), Is.EqualTo(2));
        Assert.That(rules.Single(r => r.Name == "AdultOnFlexTrack").Children[1].Children, Has.Length.EqualTo(2));
    }

    [TestCase(29, false)]
    [TestCase(30, false)]
    [TestCase(31, true)]
    public void ThrowingRule_IsFalse_AndTheOtherRulesStillMatch(int age, bool ratioRuleTrue)
    {
        // At 30 the rule divides by zero: RulesEngine makes it false; the fused delegate throws and the
        // per-rule path takes over for that citizen, so every other rule keeps its answer.
        var set = RuleSet("features");
        var profile = new CitizenProfile { Age = age, Readiness = Readiness.ActivityReady, MentalIllness = false };
        var mask = set.Match(profile, AssessmentContext.Unknown);
        var names = set.Rules.Select((r, i) => (r.Name, i)).Where(x => (mask & (1UL << x.i)) != 0).Select(x => x.Name).ToList();
        Assert.That(names.Contains("ThrowsAtAge30"), Is.EqualTo(ratioRuleTrue));
        Assert.That(names, Does.Contain("NotKnownIll"));
        var unknown = set.Facts.Unknown(profile, AssessmentContext.Unknown);
        var perRule = set.Rules.Select((r, i) => r.Evaluate(profile, AssessmentContext.Unknown, unknown) == RuleState.True ? 1UL << i : 0).Aggregate(0UL, (a, b) => a | b);
        Assert.That(mask, Is.EqualTo(perRule));
    }

    /// <summary>Every age, readiness, benefit, mental-illness and caseload boundary, each with the other facts cycled through null, false, true and their own boundaries.</summary>
    private static IEnumerable<CitizenCase> Boundaries()
    {
        bool?[] bools = { null, false, true };
        Benefit?[] benefits = Enum.GetValues<Benefit>().Select(b => (Benefit?)b).Prepend(null).ToArray();
        BusinessCycle?[] cycles = Enum.GetValues<BusinessCycle>().Select(b => (BusinessCycle?)b).Prepend(null).ToArray();
        int?[] caseloads = RandomProfiles.BoundaryCaseloads.Select(c => (int?)c).Prepend(null).ToArray();
        int?[] months = { null, 0, 11, 12, 13, 240 };
        double?[] hours = { null, 0, 14.5, 15, 15.5, 16, 80 };
        var k = 0;
        foreach (var age in RandomProfiles.BoundaryAges)
        foreach (var readiness in Enum.GetValues<Readiness>())
        foreach (var benefit in benefits)
        foreach (var mental in bools)
        foreach (var caseload in caseloads)
        {
            k++;
            var profile = new CitizenProfile
            {
                Age = age,
                Readiness = readiness,
                Benefit = benefit,
                MentalIllness = mental,
                InMentalHealthTreatment = bools[k % 3],
                MonthsOnBenefits = months[(k / 3) % months.Length],
                WeeklyPaidHours = hours[(k / 5) % hours.Length],
                HasChildrenAged5To14 = bools[(k / 7) % 3],
                FlexJobApproved = bools[(k / 11) % 3],
            };
            var context = k % 13 == 0 ? null : new AssessmentContext
            {
                BusinessCycle = cycles[(k / 2) % cycles.Length],
                CaseworkerCaseload = caseload,
                CaseworkerExpectsJob = bools[(k / 17) % 3],
            };
            yield return new CitizenCase(profile, context);
        }
    }

    private sealed class Checker
    {
        private readonly CompiledRuleSet _set;
        private readonly RulesEngine.RulesEngine _engine;
        private readonly string[] _workflows;
        private readonly Dictionary<string, int> _index;
        private readonly int[] _trueCount;
        private readonly Random _facts = new(99);

        public Checker(CompiledRuleSet set)
        {
            _set = set;
            var workflows = set.ToRulesEngineWorkflows();
            _engine = new RulesEngine.RulesEngine(workflows, RuleSetCompiler.CreateSettings());
            _workflows = workflows.Select(w => w.WorkflowName).ToArray();
            _index = set.Rules.Select((r, i) => (r.Name, i)).ToDictionary(x => x.Name, x => x.i);
            _trueCount = new int[set.Rules.Count];
        }

        public int Checked { get; private set; }

        public void Check(CitizenCase c)
        {
            // With declared facts in play, each citizen gets random values (or none) for them, boundaries included.
            if (_set.Facts.Declared.Count > 0) c = c with { Profile = c.Profile with { Facts = RandomFacts() } };
            var context = c.Context ?? AssessmentContext.Unknown;
            var inputs = new[]
            {
                RuleParameter.Create("profile", c.Profile), RuleParameter.Create("context", context),
                new RuleParameter("facts", DeclaredFactTypes.Instance(_set.Facts, c.Profile)),
            };
            var engine = new bool?[_set.Rules.Count];
            foreach (var workflow in _workflows)
            {
                foreach (var result in _engine.ExecuteAllRulesAsync(workflow, inputs).GetAwaiter().GetResult())
                    engine[_index[result.Rule.RuleName]] = result.IsSuccess;
            }

            var unknown = _set.Facts.Unknown(c.Profile, context);
            var fused = _set.Match(c.Profile, context);
            for (var i = 0; i < _set.Rules.Count; i++)
            {
                var rule = _set.Rules[i];
                var raw = rule.EvaluateRaw(c.Profile, context);
                if (engine[i] != raw)
                    Assert.Fail($"Rule {rule.Name}: RulesEngine says {engine[i]?.ToString() ?? "nothing"}, EvaluateRaw says {raw}, for {Describe(c)}.");

                var definitelyTrue = rule.Evaluate(c.Profile, context, unknown) == RuleState.True;
                var fusedTrue = (fused & (1UL << i)) != 0;
                if (fusedTrue != definitelyTrue)
                    Assert.Fail($"Rule {rule.Name}: the fused matcher says {fusedTrue}, the per-rule path {definitelyTrue}, for {Describe(c)}.");
                if ((rule.Facts & unknown) == 0 && fusedTrue != raw)
                    Assert.Fail($"Rule {rule.Name}: with every fact known the fused matcher says {fusedTrue} but RulesEngine {raw}, for {Describe(c)}.");
                if (raw) _trueCount[i]++;
            }

            Checked++;
        }

        private FactValues RandomFacts()
        {
            var f = FactValues.Empty;
            foreach (var def in _set.Facts.Declared)
            {
                if (_facts.Next(4) == 0) continue;
                f = def.Type switch
                {
                    FactType.Boolean => f.With(def.Name, _facts.Next(2) == 0),
                    FactType.Integer => f.With(def.Name, _facts.Next(0, 6)),
                    FactType.Number => f.With(def.Name, _facts.Next(96, 108) / 2.0),
                    _ => f.With(def.Name, def.Values[_facts.Next(def.Values.Count)]),
                };
            }

            return f;
        }

        /// <summary>A comparison where a rule is always false (or always true) proves little: make sure each went both ways.</summary>
        public void AssertEveryRuleWasBothTrueAndFalse()
        {
            for (var i = 0; i < _trueCount.Length; i++)
            {
                var name = _set.Rules[i].Name;
                var alwaysTrueByDesign = _set.Rules[i].Def.Expression == "true";
                if (!alwaysTrueByDesign)
                    Assert.That(_trueCount[i], Is.InRange(1, Checked - 1), $"rule {name} was true for {_trueCount[i]} of {Checked} citizens");
            }
        }

        private static string Describe(CitizenCase c) => c.Profile with { Id = null } + " " + (c.Context?.ToString() ?? "no context");
    }
}
