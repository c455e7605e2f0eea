using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>Packs reload while the recommender serves: all-or-nothing, one rule set per call, last good kept.</summary>
public sealed class ReloadTests
{
    private string _dir = null!;

    private string PackFile => Path.Combine(_dir, "local.json");

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "pathways-reload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    // Two valid versions of one local pack that advise differently, and a hostile one.
    private static string Variant(string version, int minAge, string expression = "") => $$"""
        { "name": "local", "version": "{{version}}",
          "interventions": [ { "id": "mentor-support", "title": { "da": "Mentorstøtte", "en": "Mentor support" } } ],
          "workflows": [ { "WorkflowName": "mentor", "Rules": [
            { "RuleName": "Mentor", "SuccessEvent": "mentor-support",
              "Expression": "{{(expression == "" ? $"profile.Age >= {minAge}" : expression)}}",
              "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Lokal regel.", "en": "Local rule." } } } ] } ] }
        """;

    private static readonly string A = Variant("1.0.0", 30);
    private static readonly string B = Variant("1.1.0", 50);
    private static readonly string Bad = Variant("1.2.0", 0, "profile.GetType() != null");

    [Test]
    public void Reload_PutsTheNewPacksInForce()
    {
        File.WriteAllText(PackFile, A);
        var r = PathwayRecommender.Create(o => o.Packs.Add(PackFile));
        var citizen = Citizen(age: 40);
        Assert.That(Ids(r.Recommend(citizen, Context())), Does.Contain("mentor-support"));

        File.WriteAllText(PackFile, B);
        var result = r.Reload();

        Assert.That((result.Succeeded, result.Problems.Count), Is.EqualTo((true, 0)));
        Assert.That(result.RuleSet.Version, Is.EqualTo("1.0.0+1.1.0"));
        Assert.That(r.RuleSet.Hash, Is.EqualTo(result.RuleSet.Hash));
        Assert.That(Ids(r.Recommend(citizen, Context())), Does.Not.Contain("mentor-support"));
    }

    [TestCase("bad", TestName = "FailedReload_HostilePack_KeepsTheLastGoodRuleSet")]
    [TestCase("malformed", TestName = "FailedReload_MalformedJson_KeepsTheLastGoodRuleSet")]
    [TestCase("deleted", TestName = "FailedReload_DeletedFile_KeepsTheLastGoodRuleSet")]
    public void FailedReload_KeepsTheLastGoodRuleSet_AndSaysWhy(string how)
    {
        File.WriteAllText(PackFile, A);
        var log = new ListLogger();
        var options = new PathwaysOptions();
        options.Packs.Add(PackFile);
        var r = new PathwayRecommender(Microsoft.Extensions.Options.Options.Create(options), log);
        var before = r.RuleSet;

        switch (how)
        {
            case "bad": File.WriteAllText(PackFile, Bad); break;
            case "malformed": File.WriteAllText(PackFile, A.Substring(0, A.Length / 2)); break;
            default: File.Delete(PackFile); break;
        }

        var result = r.Reload();

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems, Is.Not.Empty);
        Assert.That(result.Problems.All(p => p.File == PackFile), Is.True);
        Assert.That(result.RuleSet.Hash, Is.EqualTo(before.Hash));
        Assert.That(r.RuleSet.Hash, Is.EqualTo(before.Hash));
        Assert.That(Ids(r.Recommend(Citizen(age: 40), Context())), Does.Contain("mentor-support"), "the old rules still serve");

        var warning = log.Entries.Single(e => e.Level == LogLevel.Warning);
        Assert.That(warning.Message, Does.Contain("refused the reloaded rule packs").And.Contain(before.Hash).And.Contain(PackFile));
    }

    [Test]
    public void Reload_NeverLogsProfileData()
    {
        File.WriteAllText(PackFile, A);
        var log = new ListLogger();
        var options = new PathwaysOptions();
        options.Packs.Add(PackFile);
        var r = new PathwayRecommender(Microsoft.Extensions.Options.Options.Create(options), log);
        r.Recommend(Citizen(age: 47) with { Id = "case-secret-0042" }, Context());
        File.WriteAllText(PackFile, Bad);
        r.Reload();
        File.WriteAllText(PackFile, B);
        r.Reload();

        Assert.That(log.Entries, Has.Count.EqualTo(3), "loaded, refused, reloaded");
        Assert.That(log.Entries.Select(e => e.Message), Has.None.Contains("case-secret-0042"));
    }

    [Test]
    public void ReloadOnChange_ReloadsWhenTheTokenFires()
    {
        File.WriteAllText(PackFile, A);
        var r = PathwayRecommender.Create(o => o.Packs.Add(PackFile));
        var source = new CancellationTokenSource();
        using var watch = r.ReloadOnChange(() => new CancellationChangeToken(source.Token));

        File.WriteAllText(PackFile, B);
        var fire = source;
        source = new CancellationTokenSource();
        fire.Cancel(); // ChangeToken.OnChange calls back on this thread

        Assert.That(r.RuleSet.Version, Is.EqualTo("1.0.0+1.1.0"));
    }

    [Test]
    public void UnderLoad_EveryResultComesFromExactlyOneValidRuleSet()
    {
        // The expected advice of each valid rule set, computed by recommenders that never reload.
        var expected = new Dictionary<string, Func<CitizenProfile, string[]>>();
        foreach (var json in new[] { A, B })
        {
            File.WriteAllText(PackFile, json);
            var fixedSet = PathwayRecommender.Create(o => o.Packs.Add(PackFile));
            var cache = new ConcurrentDictionary<int, string[]>();
            expected[fixedSet.RuleSet.Hash] = p => cache.GetOrAdd(p.Age, _ => Ids(fixedSet.Recommend(p, Context())).ToArray());
        }

        File.WriteAllText(PackFile, A);
        var r = PathwayRecommender.Create(o => o.Packs.Add(PackFile));
        var citizens = new[] { 20, 35, 45, 55, 70 }.Select(age => Citizen(age: age, months: 30)).ToArray();
        foreach (var c in citizens)
            expected.Values.ToList().ForEach(f => f(c)); // warm the expectations before the race

        var done = 0;
        long served = 0;
        var seen = new ConcurrentDictionary<string, int>();
        var errors = new ConcurrentQueue<string>();
        var readers = Enumerable.Range(0, 3).Select(t => new Thread(() =>
        {
            var i = t;
            while (Volatile.Read(ref done) == 0)
            {
                try
                {
                    Serve();
                }
                catch (Exception e)
                {
                    errors.Enqueue(e.GetType().Name + ": " + e.Message);
                }
                finally
                {
                    Interlocked.Increment(ref served);
                }
            }

            void Serve()
            {
                var citizen = citizens[i++ % citizens.Length];
                var explain = i % 2 == 0;
                var result = r.Recommend(citizen, Context(), new RecommendOptions { Explain = explain });
                var hash = result.RuleSet.Hash;
                seen.AddOrUpdate(hash, 1, (_, n) => n + 1);
                if (!expected.TryGetValue(hash, out var advice))
                    errors.Enqueue($"unknown rule-set hash {hash}");
                else if (!Ids(result).SequenceEqual(advice(citizen)))
                    errors.Enqueue($"age {citizen.Age}: [{string.Join(",", Ids(result))}] is not the advice of {result.RuleSet.Version}");
                if (explain && result.NotRecommended.Any(n => n.InterventionId == "mentor-support") == Ids(result).Contains("mentor-support"))
                    errors.Enqueue("an intervention is both recommended and not");
            }
        })).ToList();
        readers.ForEach(t => t.Start());

        var sequence = new[] { B, Bad, A, Bad, Bad, B, A, Bad, B };
        var reloads = new List<(bool Succeeded, string Hash)>();
        var lastGood = r.RuleSet.Hash;
        for (var round = 0; round < 4; round++)
        {
            foreach (var json in sequence)
            {
                // Hand over only after the readers have served some calls on the rule set in force (no clocks).
                var mark = Interlocked.Read(ref served);
                while (Interlocked.Read(ref served) < mark + 20) Thread.Yield();
                File.WriteAllText(PackFile, json);
                var result = r.Reload();
                reloads.Add((result.Succeeded, result.RuleSet.Hash));
                if (result.Succeeded != !ReferenceEquals(json, Bad))
                    errors.Enqueue($"reload of {(ReferenceEquals(json, Bad) ? "the bad pack" : "a good pack")} gave Succeeded={result.Succeeded}");
                if (!result.Succeeded && result.RuleSet.Hash != lastGood)
                    errors.Enqueue("a failed reload did not keep the last good rule set");
                lastGood = result.RuleSet.Hash;
            }
        }

        Volatile.Write(ref done, 1);
        readers.ForEach(t => t.Join());

        Assert.That(errors, Is.Empty, string.Join("\n", errors.Take(10)));
        Assert.That(seen.Keys, Is.EquivalentTo(expected.Keys), "both valid rule sets served calls; nothing else did");
        Assert.That(reloads.Count(x => !x.Succeeded), Is.EqualTo(4 * 4));
        Assert.That(r.RuleSet.Hash, Is.EqualTo(reloads.Last(x => x.Succeeded).Hash));
    }

    private sealed class ListLogger : ILogger<PathwayRecommender>
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
