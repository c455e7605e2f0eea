using RulesEngine.Models;
using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>
/// Broken and hostile packs: each is refused as a whole with a message that names the file, workflow, rule and
/// line, and RulesEngine on its own would have accepted the hostile ones at load.
/// </summary>
public sealed class RefusedPackTests
{
    // Hostile expressions: each reaches, or tries to reach, beyond the citizen's facts. The last column says whether
    // RulesEngine 6.0.1 alone (same settings, same inputs) actually runs the expression to a result without error:
    // those are the holes Pathways closes; the others RulesEngine would only report at execute time, as a silent
    // false result, never at load.
    [TestCase("\"\".GetType().Assembly.FullName != null", "uses GetType (reflection)", true, TestName = "Hostile_GetTypeAssembly")]
    [TestCase("profile.GetType().Name == \"CitizenProfile\"", "uses GetType (reflection)", true, TestName = "Hostile_ProfileGetType")]
    [TestCase("profile.Age.GetType() != null", "uses GetType (reflection)", true, TestName = "Hostile_ValueGetType")]
    [TestCase("typeof(string).Name == \"String\"", "uses typeof (reflection)", false, TestName = "Hostile_Typeof")]
    [TestCase("System.Reflection.Assembly.GetExecutingAssembly() != null", "uses Assembly (reflection)", false, TestName = "Hostile_ReflectionAssembly")]
    [TestCase("System.IO.File.Exists(\"/nonexistent\") == false", "uses the System namespace", false, TestName = "Hostile_SystemIoFile")]
    [TestCase("IO.Directory.Exists(\"/tmp\")", "uses System.IO", false, TestName = "Hostile_IoDirectory")]
    [TestCase("File.ReadAllText(\"/etc/hostname\") != \"\"", "a type not meant for rules", false, TestName = "Hostile_FileReadAllText")]
    [TestCase("Path.GetTempPath() != \"\"", "a type not meant for rules", false, TestName = "Hostile_Path")]
    [TestCase("System.Diagnostics.Process.GetCurrentProcess().Id > 0", "uses Process", false, TestName = "Hostile_Process")]
    [TestCase("Environment.ProcessorCount > 0", "uses Environment", false, TestName = "Hostile_Environment")]
    [TestCase("Environment.GetEnvironmentVariable(\"PATH\") != null", "uses Environment", false, TestName = "Hostile_EnvironmentVariable")]
    [TestCase("Activator.CreateInstance(\"Pathways\", \"Pathways.CitizenProfile\") != null", "uses Activator", false, TestName = "Hostile_Activator")]
    [TestCase("AppDomain.CurrentDomain.FriendlyName != \"\"", "uses AppDomain", false, TestName = "Hostile_AppDomain")]
    [TestCase("Type.GetType(\"System.IO.File\") != null", "uses GetType (reflection)", false, TestName = "Hostile_TypeGetType")]
    [TestCase("new string('a', 2) == \"aa\"", "object creation (new)", false, TestName = "Hostile_New")]
    [TestCase("new(profile.Age as A) != null", "object creation (new)", false, TestName = "Hostile_NewAnonymous")]
    [TestCase("profile.Id == \"case-0042\"", "profile.Id", true, TestName = "Hostile_ProfileId")]
    [TestCase("profile.Id.Length > 3", "profile.Id", true, TestName = "Hostile_ProfileIdLength")]
    [TestCase("DateTime.Now.Year > 2000", "a clock or random source", true, TestName = "Hostile_DateTimeNow")]
    [TestCase("DateTimeOffset.UtcNow.Year > 2000", "a clock or random source", true, TestName = "Hostile_DateTimeOffset")]
    [TestCase("Guid.NewGuid() != Guid.Empty", "a clock or random source", true, TestName = "Hostile_Guid")]
    [TestCase("Console.Out != null", "a type not meant for rules", false, TestName = "Hostile_Console")]
    [TestCase("Thread.CurrentThread.ManagedThreadId > 0", "a type not meant for rules", false, TestName = "Hostile_Thread")]
    [TestCase("GC.GetTotalMemory(false) > 0", "a type not meant for rules", false, TestName = "Hostile_GC")]
    [TestCase("\"\\\"\" == \"\" || \"\".GetType() != null", "uses GetType (reflection)", true, TestName = "Hostile_EscapedQuoteThenGetType")]
    [TestCase("\"a\\\\\" == \"a\" || \"\".GetType() != null", "uses GetType (reflection)", true, TestName = "Hostile_EscapedBackslashThenGetType")]
    [TestCase("Convert.ToInt32(\"1\") == 1", "calls Convert.ToInt32", true, TestName = "Hostile_Convert")]
    [TestCase("Object.ReferenceEquals(profile, context)", "calls Object.ReferenceEquals", true, TestName = "Hostile_ObjectReferenceEquals")]
    [TestCase("TimeSpan.FromDays(1).Ticks > 0", "TimeSpan", true, TestName = "Hostile_TimeSpan")]
    [TestCase("profile.ToString().Contains(\"case-0042\")", "calls Object.ToString", true, TestName = "Hostile_ProfileToStringLeaksId")]
    [TestCase("profile.Age.GetTypeCode() == profile.Age.GetTypeCode()", "TypeCode", true, TestName = "Hostile_GetTypeCode")]
    [TestCase("string.Format(\"{0}\", profile.Age) != \"\"", "calls String.Format", true, TestName = "Hostile_StringFormat")]
    [TestCase("\"abc\".GetHashCode() != 0", "calls Object.GetHashCode", true, TestName = "Hostile_NondeterministicHashCode")]
    public void HostileExpression_IsRefused_ThoughRulesEngineAcceptsItAtLoad(string expression, string fragment, bool rulesEngineRunsIt)
    {
        var problems = Refusal(Probe(expression));

        Assert.That(problems, Has.Count.EqualTo(1), string.Join("\n", problems));
        var p = problems[0];
        Assert.That(p.Message, Does.Contain(fragment));
        Assert.That(p.Message, Does.Contain("rules may not use"));
        Assert.That((p.File, p.Pack, p.Workflow, p.Rule, p.Line), Is.EqualTo(("pack1.json", "probe-pack", "probe", "Probe", (int?)ProbeExpressionLine)));

        // RulesEngine alone: the workflow registers without complaint (it checks no expression at load) ...
        var (registered, result) = RunWithRulesEngineAlone(expression);
        Assert.That(registered, Is.True, "RulesEngine refused the workflow at load");

        // ... and for these, it runs the expression and reports a plain success or failure.
        Assert.That(result.ExceptionMessage is null or "", Is.EqualTo(rulesEngineRunsIt), result.ExceptionMessage);
    }

    [TestCase("\"GetType() typeof System.IO Process Environment\".Length > 0", TestName = "Allowed_BannedWordsInsideAString")]
    [TestCase("Math.Max(profile.Age, 18) >= 18 && \"abc\".Contains(\"b\")", TestName = "Allowed_MathAndStringMethods")]
    [TestCase("profile.Benefit == Benefit.SocialAssistance || profile.Age % 2 == 0", TestName = "Allowed_EnumAndToString")]
    public void HarmlessExpression_Loads(string expression)
    {
        Assert.DoesNotThrow(() => Load(Probe(expression)));
    }

    // Broken packs: JSON, shape, references, duplicates, conflicts, compilation. Line -1 means "no line expected".
    [TestCase("{ \"name\": \"x\", \"version\": \"1.0.0\",\n  \"workflows\": [ } ", "Malformed JSON at line 2, position", null, null, 2, TestName = "Broken_MalformedJson")]
    [TestCase("[1, 2]", "must be a JSON object", null, null, 1, TestName = "Broken_NotAnObject")]
    [TestCase("{ \"version\": \"1.0.0\", \"workflows\": [] }", "'name' is missing in the pack", null, null, 1, TestName = "Broken_NameMissing")]
    [TestCase("{ \"name\": \"Mentor Pack\", \"version\": \"1.0.0\", \"workflows\": [] }", "must be lower-case kebab", null, null, 1, TestName = "Broken_NameNotKebab")]
    [TestCase("{ \"name\": \"x\", \"version\": \"one\", \"workflows\": [] }", "must be a semantic version", null, null, 1, TestName = "Broken_VersionNotSemver")]
    [TestCase("{ \"name\": \"x\", \"version\": \"1.0.0\" }", "has no 'workflows' array", null, null, 1, TestName = "Broken_NoWorkflows")]
    [TestCase("{ \"name\": \"x\", \"version\": \"1.0.0\", \"workflow\": [] }", "did you mean 'workflows'", null, null, 1, TestName = "Broken_UnknownTopLevelKey")]
    public void BrokenPackShape_IsRefused(string json, string fragment, string? workflow, string? rule, int line)
    {
        var problems = Refusal(json);
        var p = problems.FirstOrDefault(x => x.Message.Contains(fragment));
        Assert.That(p, Is.Not.Null, string.Join("\n", problems));
        Assert.That((p!.File, p.Workflow, p.Rule, p.Line), Is.EqualTo(("pack1.json", workflow, rule, (int?)line)));
    }

    // Broken rules, each as one change to the probe pack; every problem is located at the probe rule.
    [TestCase("profile.Agee >= 18", "", "does not compile", TestName = "Broken_UnknownProperty")]
    [TestCase("profile.MentalIlness == true", "", "did you mean 'MentalIllness'?); profile.* has Age, Benefit, FlexJobApproved", TestName = "Broken_MisspeltPropertyGetsASuggestion")]
    [TestCase("context.Caseload > 50", "", "context.* has BusinessCycle, CaseworkerCaseload, CaseworkerExpectsJob", TestName = "Broken_UnknownContextPropertyListsTheKnownOnes")]
    [TestCase("profile.Age > 18", "\n \"ErrorMessage\": \"Alder $(profile.Age) er for lav.\",", "uses a RulesEngine placeholder", TestName = "Broken_ErrorMessagePlaceholder")]
    [TestCase("profile.Age >= ", "", "does not compile", TestName = "Broken_SyntaxError")]
    [TestCase("profile.Age + 1", "", "does not compile", TestName = "Broken_NotBoolean")]
    [TestCase("profile.Readiness == Readiness.Ready", "", "does not compile", TestName = "Broken_UnknownEnumValue")]
    [TestCase("profile.Age > unknownThreshold", "", "does not compile", TestName = "Broken_UnknownParameter")]
    [TestCase("profile.Age > 18", "\n \"Enabled\": \"no\",", "'Enabled' must be true or false", TestName = "Broken_EnabledNotBool")]
    [TestCase("profile.Age > 18", "\n \"Operator\": \"Xor\",", "Operator 'Xor' is not allowed", TestName = "Broken_BadOperator")]
    [TestCase("profile.Age > 18", "\n \"Actions\": {},", "'Actions' is not supported", TestName = "Broken_Actions")]
    [TestCase("profile.Age > 18", "\n \"WorkflowsToInject\": [\"x\"],", "'WorkflowsToInject' is not supported", TestName = "Broken_WorkflowsToInject")]
    [TestCase("profile.Age > 18", "\n \"RuleExpressionType\": \"Other\",", "only 'LambdaExpression'", TestName = "Broken_ExpressionType")]
    [TestCase("profile.Age > 18", "\n \"LocalParams\": [ { \"Name\": \"a\", \"Expression\": \"profile.Agee\" } ],", "Parameter 'a' expression \"profile.Agee\" does not compile", TestName = "Broken_LocalParamDoesNotCompile")]
    [TestCase("profile.Age > 18", "\n \"LocalParams\": [ { \"Name\": \"a\", \"Expression\": \"\\\"\\\".GetType()\" } ],", "uses GetType (reflection)", TestName = "Hostile_LocalParamReflection")]
    [TestCase("profile.Age > 18", "\n \"LocalParams\": [ { \"Name\": \"youngMaxAge\", \"Expression\": \"1\" } ],", "LocalParam 'youngMaxAge' has the name of a parameter already in scope", TestName = "Broken_LocalParamHidesPackParameter")]
    public void BrokenRule_IsRefused_AtTheRule(string expression, string extra, string fragment)
    {
        var problems = Refusal(Probe(expression, extra));
        var p = problems.FirstOrDefault(x => x.Message.Contains(fragment));
        Assert.That(p, Is.Not.Null, string.Join("\n", problems));
        Assert.That((p!.File, p.Workflow, p.Rule), Is.EqualTo(("pack1.json", "probe", "Probe")));
        Assert.That(p.Line, Is.GreaterThanOrEqualTo(ProbeLine).And.LessThanOrEqualTo(ProbeLine + 5));
    }

    // Reference problems: a pack that is well-formed but names things that do not exist or exist already.
    [TestCase("\"SuccessEvent\": \"ips\"", "\"SuccessEvent\": \"ipz\"", "SuccessEvent 'ipz' is not an intervention id", "did you mean 'ips'", TestName = "Broken_UnknownSuccessEvent")]
    [TestCase("\"star-baggrundsnotat\"", "\"star-baggrundsnotatet\"", "Citation key 'star-baggrundsnotatet' is not in the bibliography", "did you mean 'star-baggrundsnotat'", TestName = "Broken_UnknownCitation")]
    [TestCase("\"evidence\": \"limited\"", "\"evidence\": \"high\"", "Evidence \"high\" is not allowed", "'strong', 'moderate', 'mixed' or 'limited'", TestName = "Broken_UnknownEvidence")]
    [TestCase("\"evidence\": \"limited\", ", "", "A recommending rule needs 'evidence'", "graded", TestName = "Broken_EvidenceMissing")]
    [TestCase("\"citations\": [\"star-baggrundsnotat\"], ", "", "The rule cites no study", "citations", TestName = "Broken_NoCitations")]
    [TestCase("\"citations\": [\"star-baggrundsnotat\"]", "\"citations\": \"star-baggrundsnotat\"", "'citations' must be an array", "", TestName = "Broken_CitationsNotArray")]
    [TestCase("\"evidence\": \"limited\"", "\"role\": \"caveat\", \"override\": true", "A caveat rule needs a 'caveat' text", "", TestName = "Broken_CaveatWithoutText")]
    [TestCase("\"evidence\": \"limited\"", "\"evidence\": \"limited\", \"role\": \"warn\"", "Role 'warn' is not allowed", "'recommend', 'caveat' or 'exclude'", TestName = "Broken_UnknownRole")]
    [TestCase("\"evidence\": \"limited\"", "\"evidence\": \"limited\", \"citation\": 1", "Unknown rule property 'citation'", "did you mean 'citations'", TestName = "Broken_UnknownRuleProperty")]
    [TestCase("\"evidence\": \"limited\"", "\"evidence\": \"limited\", \"findings\": { \"arendt-2017\": { \"da\": \"x\" } }", "'findings' names 'arendt-2017'", "", TestName = "Broken_FindingNotCited")]
    [TestCase("\"RuleName\": \"Probe\"", "\"RuleName\": \"Ips_MentalIllnessAged18To64\"", "already defined by pack 'pathways'", "\"override\": true", TestName = "Broken_RuleNameOfBuiltIn")]
    [TestCase("\"evidence\": \"limited\"", "\"evidence\": \"limited\", \"override\": true", "says \"override\": true but no earlier pack defines a rule", "", TestName = "Broken_OverrideOfNothing")]
    public void BrokenReference_IsRefused(string find, string replace, string fragment, string fragment2)
    {
        var json = Probe("profile.Age > 18").Replace(find, replace);
        Assert.That(json, Is.Not.EqualTo(Probe("profile.Age > 18")), "the test's replacement did not apply");
        var problems = Refusal(json);
        var p = problems.FirstOrDefault(x => x.Message.Contains(fragment));
        Assert.That(p, Is.Not.Null, string.Join("\n", problems));
        Assert.That(p!.Message, Does.Contain(fragment2));
        Assert.That((p.File, p.Workflow), Is.EqualTo(("pack1.json", "probe")));
        Assert.That(p.Line, Is.Not.Null);
    }

    [Test]
    public void EveryProblemOfAPack_IsReportedTogether_InLineOrder()
    {
        // Three independent problems in three stages: shape (evidence), reference (citation), compilation (expression).
        var json = Probe("profile.Agee > 18", extraRuleJson: "").Replace("\"evidence\": \"limited\"", "\"evidence\": \"high\"").Replace("\"star-baggrundsnotat\"", "\"nobody-2020\"");
        var e = Assert.Throws<PackLoadException>(() => Load(json))!;

        Assert.That(e.Problems.Select(p => p.Message), Has.Some.Contains("Evidence \"high\"")
            .And.Some.Contains("Citation key 'nobody-2020'")
            .And.Some.Contains("does not compile"));
        Assert.That(e.Problems.Select(p => p.Line ?? 0), Is.Ordered);
        Assert.That(e.Message, Does.StartWith("Pack refused: pack1.json(").And.Contains("more problems found"));
    }

    [Test]
    public void ARefusedPack_LeavesNothingLoaded_EvenItsValidParts()
    {
        // The second workflow is fine; the first is not: the whole pack is refused, so no recommender exists at all.
        var json = """
            {
              "name": "half-pack", "version": "1.0.0",
              "interventions": [ { "id": "mentor", "title": { "da": "Mentor" } } ],
              "workflows": [
                { "WorkflowName": "good", "Rules": [ { "RuleName": "Good", "SuccessEvent": "mentor", "Expression": "profile.Age > 18",
                  "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "God." } } } ] },
                { "WorkflowName": "bad", "Rules": [ { "RuleName": "Bad", "SuccessEvent": "mentor", "Expression": "\"\".GetType() != null",
                  "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Dårlig." } } } ] }
              ]
            }
            """;
        var e = Assert.Throws<PackLoadException>(() => Load(json))!;
        Assert.That(e.Problems.Single().Rule, Is.EqualTo("Bad"));
    }

    [TestCase("citations", "{ \"key\": \"graversen-2012\", \"authors\": \"Somebody Else\", \"finding\": { \"da\": \"Andet.\" } }", "citation key 'graversen-2012' is already defined differently by pack 'pathways'", TestName = "Conflict_CitationWithBuiltIn")]
    [TestCase("interventions", "{ \"id\": \"ips\", \"title\": { \"da\": \"Noget andet\" } }", "intervention id 'ips' is already defined differently by pack 'pathways'", TestName = "Conflict_InterventionWithBuiltIn")]
    [TestCase("parameters", "{ \"name\": \"youngMaxAge\", \"value\": 25, \"description\": { \"da\": \"Ung.\" } }", "parameter 'youngMaxAge' is already defined differently by pack 'pathways'", TestName = "Conflict_ParameterWithBuiltIn")]
    public void Conflict_WithoutOverride_NamesBothPacks(string section, string entry, string fragment)
    {
        var json = Probe("profile.Age > 18").Replace("\"version\": \"1.0.0\",", $"\"version\": \"1.0.0\", \"{section}\": [ {entry} ],");
        var problems = Refusal(json);
        var p = problems.Single();
        Assert.That(p.Message, Does.Contain(fragment));
        Assert.That((p.File, p.Pack), Is.EqualTo(("pack1.json", "probe-pack")));
    }

    [Test]
    public void Conflict_BetweenTwoAddedPacks_NamesBothPacks()
    {
        const string first = """
            { "name": "first", "version": "1.0.0",
              "citations": [ { "key": "kommune-2025", "authors": "Kommunen", "finding": { "da": "Et fund." } } ],
              "workflows": [ { "WorkflowName": "a", "Rules": [ { "RuleName": "A", "Enabled": false } ] } ] }
            """;
        var second = first.Replace("\"first\"", "\"second\"").Replace("Et fund.", "Et andet fund.").Replace("\"A\"", "\"B\"");
        var p = Refusal(first, second).Single();
        Assert.That(p.Message, Does.Contain("'kommune-2025' is already defined differently by pack 'first'"));
        Assert.That((p.File, p.Pack, p.Line), Is.EqualTo(("pack2.json", "second", (int?)2)));
    }

    [Test]
    public void SameCitationDefinedIdentically_IsNotAConflict()
    {
        const string first = """
            { "name": "first", "version": "1.0.0",
              "citations": [ { "key": "kommune-2025", "authors": "Kommunen", "finding": { "da": "Et fund." } } ],
              "workflows": [ { "WorkflowName": "a", "Rules": [ { "RuleName": "A", "Enabled": false } ] } ] }
            """;
        var second = first.Replace("\"first\"", "\"second\"").Replace("\"A\"", "\"B\"");
        Assert.DoesNotThrow(() => Load(first, second));
    }

    [Test]
    public void SamePackTwice_IsRefused()
    {
        var json = Probe("profile.Age > 18");
        var p = Refusal(json, json).Single(x => x.Message.Contains("already loaded"));
        Assert.That(p.Message, Does.Contain("Pack 'probe-pack' is already loaded from pack1.json"));
    }

    private static (bool Registered, RuleResultTree Result) RunWithRulesEngineAlone(string expression)
    {
        var workflow = new Workflow
        {
            WorkflowName = "probe",
            Rules = new[] { new Rule { RuleName = "Probe", SuccessEvent = "ips", Expression = expression } },
        };
        RulesEngine.RulesEngine engine;
        try
        {
            engine = new RulesEngine.RulesEngine(new[] { workflow }, RuleSetCompiler.CreateSettings());
        }
        catch (Exception)
        {
            return (false, null!);
        }

        var profile = Citizen() with { Id = "case-0042" };
        var results = engine.ExecuteAllRulesAsync("probe", RuleParameter.Create("profile", profile), RuleParameter.Create("context", Context())).GetAwaiter().GetResult();
        return (true, results.Single());
    }
}
