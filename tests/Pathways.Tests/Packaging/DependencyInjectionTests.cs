using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pathways.Tests.Packaging;

/// <summary>AddPathways done the Microsoft.Extensions way: idempotent, bound from configuration, validated at start.</summary>
public sealed class DependencyInjectionTests
{
    private static readonly CitizenProfile Profile = new() { Id = "case-secret-4711", Age = 45, Readiness = Readiness.ActivityReady, MentalIllness = false };

    private static IConfigurationSection Section(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build()
            .GetSection("Pathways");

    private static ServiceCollection Services() => new();

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void AddPathways_CalledRepeatedly_RegistersEachServiceOnce(int calls)
    {
        var services = Services();
        for (var i = 0; i < calls; i++) services.AddPathways();

        Assert.That(services.Count(d => d.ServiceType == typeof(IPathwayRecommender)), Is.EqualTo(1));
        Assert.That(services.Count(d => d.ServiceType == typeof(PathwayRecommender)), Is.EqualTo(1));
        Assert.That(services.Count(d => d.ServiceType == typeof(IPostConfigureOptions<PathwaysOptions>)), Is.EqualTo(1));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var recommender = provider.GetRequiredService<IPathwayRecommender>();
        Assert.That(provider.GetRequiredService<IPathwayRecommender>(), Is.SameAs(recommender));
        Assert.That(recommender.Recommend(Profile).Recommendations, Is.Not.Empty);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void AddPathways_SameSectionTwice_BindsItOnce(bool sameInstance)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Pathways:Packs:0"] = "local/a.json", ["Pathways:Packs:1"] = "local/b.json" })
            .Build();
        var first = configuration.GetSection("Pathways");
        var second = sameInstance ? first : configuration.GetSection("Pathways");

        var services = Services().AddPathways(first).AddPathways(second);
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOptions<PathwaysOptions>>().Value.Packs, Is.EqualTo(new[] { "local/a.json", "local/b.json" }));
        Assert.That(services.Count(d => d.ServiceType == typeof(IPathwayRecommender)), Is.EqualTo(1));
    }

    [Test]
    public void AddPathways_FromConfiguration_BindsEverySetting()
    {
        var section = Section(
            ("Pathways:Packs:0", "packs/first.json"),
            ("Pathways:Packs:1", "packs/folder"),
            ("Pathways:Language", "en"),
            ("Pathways:IncludeBuiltInPack", "false"),
            ("Pathways:Parameters:highCaseloadThreshold", "80"),
            ("Pathways:Parameters:youngMaxAge", "25.5"));

        using var provider = Services().AddPathways(section).BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<PathwaysOptions>>().Value;

        Assert.That(options.Packs, Is.EqualTo(new[] { "packs/first.json", "packs/folder" }));
        Assert.That(options.Language, Is.EqualTo(Language.En));
        Assert.That(options.IncludeBuiltInPack, Is.False);
        Assert.That(options.Parameters, Is.EquivalentTo(new Dictionary<string, double> { ["highCaseloadThreshold"] = 80, ["youngMaxAge"] = 25.5 }));
    }

    [TestCase("da", Language.Da)]
    [TestCase("EN", Language.En)]
    [TestCase("Da", Language.Da)]
    public void AddPathways_FromConfiguration_ReadsLanguageCaseInsensitively(string value, Language expected)
    {
        using var provider = Services().AddPathways(Section(("Pathways:Language", value))).BuildServiceProvider();
        Assert.That(provider.GetRequiredService<IOptions<PathwaysOptions>>().Value.Language, Is.EqualTo(expected));
    }

    [TestCase(60, null, true)]
    [TestCase(60, "100", false)]
    [TestCase(120, "100", true)]
    public void AddPathways_ConfiguredParameter_ChangesWhatTheBuiltInPackRecommends(int caseload, string? threshold, bool lowCaseloadExpected)
    {
        var values = new List<(string, string?)> { ("Pathways:Language", "da") };
        if (threshold is not null) values.Add(("Pathways:Parameters:highCaseloadThreshold", threshold));
        using var provider = Services().AddPathways(Section(values.ToArray())).BuildServiceProvider();

        var result = provider.GetRequiredService<IPathwayRecommender>()
            .Recommend(Profile, new AssessmentContext { BusinessCycle = BusinessCycle.Normal, CaseworkerCaseload = caseload });

        Assert.That(result.Recommendations.Any(r => r.InterventionId == "low-caseload"), Is.EqualTo(lowCaseloadExpected));
    }

    [Test]
    public void AddPathways_MissingSection_LoadsTheBuiltInPackOnly()
    {
        using var provider = Services().AddPathways(Section()).BuildServiceProvider();
        var recommender = provider.GetRequiredService<IPathwayRecommender>();

        Assert.That(recommender.RuleSet.Packs.Select(p => p.Name), Is.EqualTo(new[] { "pathways" }));
    }

    [Test]
    public void AddPathways_InvalidConfiguration_FailsAtStartWithEveryProblemListed()
    {
        var section = Section(
            ("Pathways:Language", "fr"),
            ("Pathways:Langauge", "da"),
            ("Pathways:IncludeBuiltInPack", "maybe"),
            ("Pathways:Parameters:youngMaxAge", "young"),
            ("Pathways:Packs:0", ""));
        using var provider = Services().AddPathways(section).BuildServiceProvider();

        // What the generic host does at start (ValidateOnStart); the recommender's constructor checks the same way.
        var atStart = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var atResolve = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPathwayRecommender>());

        foreach (var failures in new[] { atStart!.Failures, atResolve!.Failures })
        {
            Assert.That(failures, Is.EquivalentTo(new[]
            {
                "Pathways:Language has value 'fr': allowed 'da' or 'en'.",
                "Pathways:Langauge is not a Pathways setting: allowed Packs, Language, IncludeBuiltInPack, Parameters.",
                "Pathways:IncludeBuiltInPack has value 'maybe': allowed true or false.",
                "Pathways:Parameters:youngMaxAge has value 'young': give a number such as 12 or 12.5.",
                "Pathways:Packs:0 is empty: give a pack file or folder.",
            }));
        }
    }

    [TestCase("1")]
    [TestCase("-1")]
    [TestCase("danish")]
    [TestCase("")]
    public void AddPathways_LanguageNotDaOrEn_IsAProblem(string value)
    {
        using var provider = Services().AddPathways(Section(("Pathways:Language", value))).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.That(e!.Failures, Is.EqualTo(new[] { $"Pathways:Language has value '{value}': allowed 'da' or 'en'." }));
    }

    [Test]
    public void AddPathways_InvalidOptionsFromCode_FailAtStartWithEveryProblemListed()
    {
        using var provider = Services()
            .AddPathways(o =>
            {
                o.IncludeBuiltInPack = false;
                o.Parameters["youngMaxAge"] = double.NaN;
            })
            .BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.That(e!.Failures, Is.EquivalentTo(new[]
        {
            "Pathways:Parameters:youngMaxAge is not a finite number.",
            "Pathways:IncludeBuiltInPack is false and no pack is given: at least one pack must be loaded.",
        }));
    }

    [Test]
    public void AddPathways_SamePackFromTwoRegistrations_LoadsItOnce()
    {
        using var provider = Services()
            .AddPathways(o => o.Packs.Add("local/mentor.json"))
            .AddPathways(o => o.Packs.Add(Path.Combine(Directory.GetCurrentDirectory(), "local", "mentor.json")))
            .AddPathways(o => o.Packs.Add("local/other.json"))
            .BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOptions<PathwaysOptions>>().Value.Packs, Is.EqualTo(new[] { "local/mentor.json", "local/other.json" }));
    }

    [Test]
    public void Recommender_LogsItsLoadOnly_AndNeverProfileContents()
    {
        var log = new CapturingLogger();
        using var provider = Services()
            .AddSingleton<ILogger<PathwayRecommender>>(log)
            .AddPathways()
            .BuildServiceProvider();

        var recommender = provider.GetRequiredService<IPathwayRecommender>();
        var afterLoad = log.Entries.Count;
        recommender.Recommend(Profile, new AssessmentContext { CaseworkerCaseload = 77 });

        Assert.That(afterLoad, Is.EqualTo(1), "one entry for the load");
        Assert.That(log.Entries[0].Level, Is.EqualTo(LogLevel.Information));
        Assert.That(log.Entries[0].Message, Does.Contain("pathways"));
        Assert.That(log.Entries.Count, Is.EqualTo(afterLoad), "a recommendation logs nothing");
        Assert.That(log.Entries.Select(e => e.Message), Has.None.Contains("case-secret-4711"));
    }

    private sealed class CapturingLogger : ILogger<PathwayRecommender>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
