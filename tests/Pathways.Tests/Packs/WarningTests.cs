using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>
/// CONTRACT §4.4: what makes advice poorer but not wrong is a warning, not a refusal. The example pack of CONTRACT §4
/// (a citation with no finding, a rule with no reason) loads; validate lists the warnings; the library logs them.
/// </summary>
public sealed class WarningTests
{
    /// <summary>Exactly the example pack of CONTRACT §4.</summary>
    private const string ContractExample = """
        {
          "name": "mentor-pack",
          "version": "1.0.0",
          "citations": [ { "key": "kommune-2025", "authors": "…", "year": 2025, "title": "…", "publisher": "…" } ],
          "interventions": [ { "id": "mentor-support", "kind": "intervention", "title": { "da": "…", "en": "…" } } ],
          "workflows": [
            {
              "WorkflowName": "mentor",
              "Rules": [
                {
                  "RuleName": "MentorForLongTerm",
                  "SuccessEvent": "mentor-support",
                  "Expression": "profile.Age >= 18",
                  "Properties": { "citations": ["kommune-2025"], "evidence": "moderate" }
                }
              ]
            }
          ]
        }
        """;

    [Test]
    public void ContractExamplePack_Loads_AndItsCardSaysWhyFromTheMatchedFacts()
    {
        var r = Load(ContractExample);
        var mentor = r.Recommend(Citizen(age: 45)).Recommendations.Single(x => x.InterventionId == "mentor-support");

        Assert.That(mentor.Reasons[0], Is.EqualTo("Pakken 'mentor-pack' anbefaler den ud fra: 45 år."));
        Assert.That(mentor.Citations.Single().Finding, Is.EqualTo("Pakken angiver ikke, hvad kilden fandt."));
        Assert.That(r.Recommend(Citizen(age: 17)).Recommendations.Select(x => x.InterventionId), Does.Not.Contain("mentor-support"));
    }

    [TestCase("no 'finding'", 4)]
    [TestCase("no 'reason' text", 10)]
    public void ContractExamplePack_IsValid_WithWarnings(string warning, int line)
    {
        var report = PackValidator.ValidateJson(ContractExample, "mentor-pack.json");

        Assert.That(report.IsValid, Is.True, string.Join("\n", report.Problems));
        Assert.That(report.Warnings.Single(w => w.Message.Contains(warning, StringComparison.Ordinal)).Line, Is.EqualTo(line));
    }

    [Test]
    public void Warnings_AreLoggedAtLoad_ByPackRuleAndLine()
    {
        var logger = new ListLogger();
        var options = new PathwaysOptions();
        options.AddPackFromStream("mentor-pack.json", Utf8(ContractExample));
        _ = new PathwayRecommender(Options.Create(options), logger);

        Assert.That(logger.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Text), Has.Some.Contains("mentor-pack.json(10): workflow 'mentor', rule 'MentorForLongTerm'").And.Some.Contains("kommune-2025"));
    }

    [Test]
    public void TextWithoutEnglish_IsAWarning_AndEnglishOutputShowsTheDanish()
    {
        var pack = Probe("profile.Age >= 18").Replace("\"reason\": { \"da\": \"Prøve.\", \"en\": \"Probe.\" }", "\"reason\": { \"da\": \"Prøve.\" }");
        var report = PackValidator.ValidateJson(pack, "probe.json");

        Assert.That(report.IsValid, Is.True);
        Assert.That(report.Warnings.Single().Message, Does.Contain("'reason' has no English text"));
        Assert.That(report.Warnings.Single().Rule, Is.EqualTo("Probe"));
        var ips = Load(pack).Recommend(Citizen(), Context(), new RecommendOptions { Language = Language.En }).Recommendations.Single(r => r.InterventionId == "ips");
        Assert.That(ips.Reasons, Does.Contain("Prøve. (from pack 'probe-pack')"), "the Danish text, attributed to its pack");
    }

    [Test]
    public void BuiltInPack_HasNoWarnings()
    {
        Assert.That(TestProfiles.BuiltIn.Compiled.Warnings, Is.Empty);
    }

    private sealed class ListLogger : ILogger<PathwayRecommender>
    {
        public List<(LogLevel Level, string Text)> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}
