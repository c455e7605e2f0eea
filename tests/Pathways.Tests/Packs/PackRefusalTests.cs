using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pathways.Tests.Packs;

/// <summary>Packs are compiled and checked at load; a bad or hostile rule refuses the whole pack with a precise message.</summary>
public class PackRefusalTests
{
    private static string Pack(string expression, string extraRuleJson = "", string successEvent = "private-wage-subsidy", string citations = "[\"graversen-2012\"]") =>
        $$"""
        {
          "name": "local-pack",
          "version": "1.0.0",
          "workflows": [
            {
              "WorkflowName": "local",
              "Rules": [
                {
                  "RuleName": "LocalRule",
                  "SuccessEvent": "{{successEvent}}",
                  "Expression": {{Newtonsoft.Json.JsonConvert.ToString(expression)}},
                  "Properties": { "citations": {{citations}}, "evidence": "moderate", "reason": { "da": "Lokal grund.", "en": "Local reason." } }
                }{{extraRuleJson}}
              ]
            }
          ]
        }
        """;

    private static PackLoadException Refuse(string json)
    {
        var e = Assert.Throws<PackLoadException>(() => PathwayRecommender.Create(o => o.AddPackFromStream("local.json", () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)))))!;
        return e;
    }

    // Hostile expressions: RulesEngine 6 would compile several of these; Pathways refuses them all at load.
    [TestCase("\"\".GetType().Assembly.FullName != null")]
    [TestCase("profile.GetType().Assembly != null")]
    [TestCase("typeof(System.IO.File) != null")]
    [TestCase("System.IO.File.Exists(\"/etc/passwd\")")]
    [TestCase("System.IO.Directory.GetFiles(\"/\").Length > 0")]
    [TestCase("System.Diagnostics.Process.Start(\"sh\") != null")]
    [TestCase("Process.GetCurrentProcess().Id > 0")]
    [TestCase("System.Environment.GetEnvironmentVariable(\"HOME\") != null")]
    [TestCase("Environment.Exit(1) == null")]
    [TestCase("System.Activator.CreateInstance(\"x\", \"y\") != null")]
    [TestCase("Activator.CreateInstance(profile.GetType()) != null")]
    [TestCase("AppDomain.CurrentDomain.GetAssemblies().Length > 0")]
    [TestCase("Type.GetType(\"System.IO.File\") != null")]
    [TestCase("System.Reflection.Assembly.Load(\"x\") != null")]
    [TestCase("new System.Net.WebClient() != null")]
    [TestCase("profile.Id == \"case-0042\"")]
    [TestCase("DateTime.Now.Year > 2000")]
    [TestCase("Guid.NewGuid() != Guid.Empty")]
    [TestCase("profile.Age.GetType().Name == \"Int32\"")]
    [TestCase("File.ReadAllText(\"/etc/passwd\").Length > 0")]
    [TestCase("System.Threading.Thread.Sleep(1000) == null")]
    [TestCase("GC.GetTotalMemory(false) > 0")]
    [TestCase("Console.ReadLine() == null")]
    [TestCase("\"a\".PadLeft(1000000000).Length > 0")]
    [TestCase("Enumerable.Range(0, 2000000000).Sum(x => x) > 0")]
    [TestCase("Enumerable.Repeat(\"x\", 2000000000).Count() > 0")]
    [TestCase("profile.Age.ToString().Length > 0")]
    public void HostileExpression_IsRefused_NamingTheRule(string expression)
    {
        var e = Refuse(Pack(expression));

        Assert.That(e.Rule, Is.EqualTo("LocalRule"));
        Assert.That(e.Workflow, Is.EqualTo("local"));
        Assert.That(e.File, Is.EqualTo("local.json"));
        Assert.That(e.Message, Does.Contain("may not use").Or.Contain("does not compile"));
    }

    [TestCase("profile.Agee >= 18", "No property or field 'Agee'", TestName = "Refused_UnknownProperty")]
    [TestCase("profile.Age >= ", "does not compile", TestName = "Refused_SyntaxError")]
    [TestCase("profile.Age", "does not compile", TestName = "Refused_NotBoolean")]
    [TestCase("context.Caseload > 3", "No property or field 'Caseload'", TestName = "Refused_UnknownContextProperty")]
    [TestCase("profile.Readiness == Readiness.Jobparat", "does not compile", TestName = "Refused_UnknownEnumValue")]
    [TestCase("profile.Age >= unknownParameter", "does not compile", TestName = "Refused_UnknownParameter")]
    public void BrokenExpression_IsRefused_AtLoad(string expression, string fragment)
    {
        var e = Refuse(Pack(expression));

        Assert.That(e.Message, Does.Contain(fragment));
        Assert.That(e.Line, Is.EqualTo(11), "the line of the rule's Expression");
    }

    [TestCase("profile.Age >= 18", "", "no-such-intervention", "[\"graversen-2012\"]", "is not an intervention id", TestName = "Refused_UnknownSuccessEvent")]
    [TestCase("profile.Age >= 18", "", "private-wage-subsidy", "[\"graversen-2013\"]", "did you mean 'graversen-2012'", TestName = "Refused_UnknownCitationKey")]
    [TestCase("profile.Age >= 18", "", "private-wage-subsidy", "[]", "cites no study", TestName = "Refused_NoCitation")]
    [TestCase("profile.Age >= 18", ",{\"RuleName\":\"LocalRule\",\"SuccessEvent\":\"ips\",\"Expression\":\"true\",\"Properties\":{\"citations\":[\"graversen-2012\"],\"evidence\":\"strong\",\"reason\":{\"da\":\"x\"}}}", "private-wage-subsidy", "[\"graversen-2012\"]", "used twice", TestName = "Refused_DuplicateRuleName")]
    [TestCase("profile.Age >= 18", ",{\"RuleName\":\"PrivateWageSubsidy_ActivityReady\",\"SuccessEvent\":\"ips\",\"Expression\":\"true\",\"Properties\":{\"citations\":[\"graversen-2012\"],\"evidence\":\"strong\",\"reason\":{\"da\":\"x\"}}}", "private-wage-subsidy", "[\"graversen-2012\"]", "already defined by pack 'pathways'", TestName = "Refused_BuiltInRuleRedefinedWithoutOverride")]
    public void BrokenReference_IsRefused(string expression, string extra, string successEvent, string citations, string fragment)
    {
        var e = Refuse(Pack(expression, extra, successEvent, citations));

        Assert.That(e.Problems.Select(p => p.Message), Has.Some.Contains(fragment));
    }

    [Test]
    public void EveryProblem_IsReportedTogether_AndNothingHalfLoads()
    {
        var json = Pack("profile.Agee > 1", ",{\"RuleName\":\"Second\",\"SuccessEvent\":\"nope\",\"Expression\":\"\\\"\\\".GetType() != null\",\"Properties\":{\"citations\":[\"x-1\"],\"evidence\":\"great\",\"reason\":{\"da\":\"x\"}}}");

        var e = Refuse(json);

        Assert.That(e.Problems.Count, Is.GreaterThanOrEqualTo(4));
        Assert.That(e.Problems.Select(p => p.Rule), Is.SupersetOf(new[] { "LocalRule", "Second" }));
        Assert.That(e.Message, Does.Contain("more problems"));
    }

    [Test]
    public void RulesEngineAlone_HidesAnUnknownProperty_AsAFalseResult()
    {
        // The counter-example Pathways exists to fix: RulesEngine compiles the typo and reports it only at execute time.
        var wf = new RulesEngine.Models.Workflow
        {
            WorkflowName = "w",
            Rules = new[] { new RulesEngine.Models.Rule { RuleName = "r", Expression = "profile.Agee >= 18" } },
        };
        var engine = new RulesEngine.RulesEngine(new[] { wf }, RuleSetCompiler.CreateSettings());
        var results = engine.ExecuteAllRulesAsync("w", RulesEngine.Models.RuleParameter.Create("profile", new CitizenProfile { Age = 40 })).AsTask().Result;

        Assert.That(results.Single().IsSuccess, Is.False);
        Assert.That(results.Single().ExceptionMessage, Does.Contain("Agee"));
        Assert.That(Refuse(Pack("profile.Agee >= 18")).Message, Does.Contain("Agee"));
    }

    [Test]
    public void Logs_CarryLoadEvents_NeverProfileData()
    {
        var logger = new ListLogger<PathwayRecommender>();
        var recommender = new PathwayRecommender(Options.Create(new PathwaysOptions()), logger);
        recommender.Recommend(new CitizenProfile { Id = "case-SECRET-77", Age = 47, Readiness = Readiness.ActivityReady, MonthsOnBenefits = 93 });
        Assert.Throws<PackLoadException>(() => new PathwayRecommender(Options.Create(new PathwaysOptions { Packs = { "/no/such/pack.json" } }), logger));

        Assert.That(logger.Messages, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(logger.Messages, Has.None.Contains("SECRET").And.None.Contains("93").And.None.Contains("47 "));
        Assert.That(logger.Messages, Has.Some.Contains("pathways"));
    }

    [Test]
    public void AddPathways_RegistersOneSingleton_AndIsHarmlessTwice()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddPathways();
        services.AddPathways();
        using var sp = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);

        var a = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IPathwayRecommender>(sp);
        var b = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IPathwayRecommender>(sp);

        Assert.That(a, Is.SameAs(b));
        Assert.That(services.Count(d => d.ServiceType == typeof(IPathwayRecommender)), Is.EqualTo(1));
        Assert.That(a.Recommend(new CitizenProfile { Age = 40, Readiness = Readiness.ActivityReady }).Recommendations, Is.Not.Empty);
    }

    [Test]
    public void InvalidOptions_FailAtStart_WithEveryProblem()
    {
        var e = Assert.Throws<OptionsValidationException>(() => PathwayRecommender.Create(o =>
        {
            o.Packs.Add(" ");
            o.Language = (Language)7;
        }))!;

        Assert.That(e.Failures.Count(), Is.EqualTo(2));
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<string> Messages { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception) + (exception is null ? string.Empty : " " + exception.Message));
    }
}
