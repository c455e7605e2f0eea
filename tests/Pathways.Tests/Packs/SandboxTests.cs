using System.Globalization;
using Microsoft.Extensions.Logging;
using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>
/// The expression sandbox (issue 15, and issue 16 items 1 and 5): an allow-list by construction, size and nesting
/// limits before parsing, a probe of every rule at load on synthetic boundary profiles, and advice that survives a
/// rule that throws anyway.
/// </summary>
public sealed class SandboxTests
{
    private const string Allowed = "expressions may call only Math.Min/Max/Abs/Round/Floor/Ceiling";

    // Hostile expressions, each refused at load with what it did; the message names file, rule and line.
    // The first rows are the reproductions of issue 15; the culture rows those of issue 16 item 5.
    [TestCase("int.Parse(\"x\") > 0", "calls Int32.Parse", TestName = "Issue15_IntParse")]
    [TestCase("\"x\".Replace(\"x\",\"xx\").Replace(\"x\",\"xx\").Replace(\"x\",\"xx\").Replace(\"x\",\"xx\").Replace(\"x\",\"xx\").Replace(\"x\",\"xx\").Replace(\"x\",\"xx\").Replace(\"x\",\"xx\").Replace(\"x\",\"xx\").Replace(\"x\",\"xx\").Length > 0", "calls String.Replace", TestName = "Issue15_ChainedReplace")]
    [TestCase("profile.Age.ToString(\"D999999999\").Length > 0", "calls Int32.ToString", TestName = "Issue15_ToStringHugeFormat")]
    [TestCase("1 / (profile.Age - profile.Age) > 0", "throws DivideByZeroException for every profile it was tried on at load", TestName = "Issue15_CanOnlyDivideByZero")]
    [TestCase("Math.Pow(10, 308) * 10 > 0", "calls Math.Pow", TestName = "Issue15_PowOverflow")]
    [TestCase("iif(profile.Age > 40, int.Parse(\"x\"), 1) > 0", "calls Int32.Parse", TestName = "Issue16_ParseInABranch")]
    [TestCase("bool.Parse(\"true\")", "calls Boolean.Parse", TestName = "Parse_Bool")]
    [TestCase("double.Parse(\"1.5\") > 1", "calls Double.Parse", TestName = "Parse_Double")]
    [TestCase("decimal.Parse(\"1\") > 0", "calls Decimal.Parse", TestName = "Parse_Decimal")]
    [TestCase("long.Parse(\"1\") > 0", "calls Int64.Parse", TestName = "Parse_Long")]
    [TestCase("int.TryParse(\"1\", out var x)", "does not compile", TestName = "Parse_TryParse")]
    [TestCase("Convert.ToInt32(\"1\") == 1", "calls Convert.ToInt32", TestName = "Parse_Convert")]
    [TestCase("Convert.ToString(profile.Age) != \"\"", "calls Convert.ToString", TestName = "Format_ConvertToString")]
    [TestCase("\"I\".ToLower() == \"i\"", "calls String.ToLower", TestName = "Culture_ToLower")]
    [TestCase("\"i\".ToUpper() == \"I\"", "calls String.ToUpper", TestName = "Culture_ToUpper")]
    [TestCase("\"i\".ToUpperInvariant() == \"I\"", "calls String.ToUpperInvariant", TestName = "Culture_ToUpperInvariantBuildsAString")]
    [TestCase("\"b\".CompareTo(\"a\") > 0", "calls String.CompareTo", TestName = "Culture_StringCompareTo")]
    [TestCase("string.Compare(\"a\", \"b\") < 0", "calls String.Compare", TestName = "Culture_StringCompare")]
    [TestCase("\"a\" > \"b\"", "String.Compare", TestName = "Culture_StringOrdering")]
    [TestCase("profile.Age.CompareTo(18) > 0", "calls Int32.CompareTo", TestName = "Culture_IntCompareTo")]
    [TestCase("profile.Age.ToString(\"N\") != \"\"", "calls Int32.ToString", TestName = "Culture_ToStringN")]
    [TestCase("profile.Age.ToString(\"Q\") != \"\"", "calls Int32.ToString", TestName = "Format_ToStringBadFormat")]
    [TestCase("profile.Age.ToString() != \"\"", "calls Object.ToString", TestName = "Format_ToString")]
    [TestCase("profile.Benefit.ToString() == \"FlexJob\"", "calls Object.ToString", TestName = "Format_EnumToString")]
    [TestCase("(profile.WeeklyPaidHours ?? 0).ToString(\"F2\") == \"1.50\"", "ToString", TestName = "Format_DoubleToString")]
    [TestCase("\"\\u0130\".Equals(\"i\", StringComparison.CurrentCultureIgnoreCase)", "calls String.Equals", TestName = "Culture_EqualsWithComparison")]
    [TestCase("\"a\" + \"b\" == \"ab\"", "calls String.Concat", TestName = "Build_Concat")]
    [TestCase("string.Concat(\"a\", \"b\") == \"ab\"", "calls String.Concat", TestName = "Build_ConcatCall")]
    [TestCase("string.Join(\",\", \"a\", \"b\") != \"\"", "calls String.Join", TestName = "Build_Join")]
    [TestCase("\"abc\".Substring(1) == \"bc\"", "calls String.Substring", TestName = "Build_Substring")]
    [TestCase("\"abc\".Trim() == \"abc\"", "calls String.Trim", TestName = "Build_Trim")]
    [TestCase("\"abc\".Insert(0, \"x\") != \"\"", "calls String.Insert", TestName = "Build_Insert")]
    [TestCase("\"abc\".Remove(0) != \"\"", "calls String.Remove", TestName = "Build_Remove")]
    [TestCase("\"abc\".Normalize() != \"\"", "calls String.Normalize", TestName = "Build_Normalize")]
    [TestCase("\"a,b\".Split(',').Length > 1", "rules may not use", TestName = "Build_Split")]
    [TestCase("\"abc\".ToCharArray().Length > 0", "rules may not use", TestName = "Build_ToCharArray")]
    [TestCase("\"x\".PadRight(1000000000).Length > 0", "calls String.PadRight", TestName = "Amplify_PadRight")]
    [TestCase("\"x\".PadLeft(1000000000).Length > 0", "calls String.PadLeft", TestName = "Amplify_PadLeft")]
    [TestCase("string.Format(\"{0,999999999}\", 1).Length > 0", "calls String.Format", TestName = "Amplify_FormatWidth")]
    [TestCase("Enumerable.Range(0, 2000000000).Sum(x => x) > 0", "rules may not use", TestName = "Amplify_Range")]
    [TestCase("Enumerable.Repeat(\"x\", 10).Count() > 0", "calls Enumerable.Count", TestName = "Amplify_Repeat")]
    [TestCase("Enumerable.Range(0, 10).Any()", "calls Enumerable.Any", TestName = "Amplify_Any")]
    [TestCase("\"abc\".IndexOf(\"b\") > 0", "calls String.IndexOf", TestName = "Culture_IndexOf")]
    [TestCase("Math.Sqrt(4) > 1", "calls Math.Sqrt", TestName = "Math_Sqrt")]
    [TestCase("Math.Log(0) < 0", "calls Math.Log", TestName = "Math_Log")]
    [TestCase("Math.Exp(1000) > 0", "calls Math.Exp", TestName = "Math_Exp")]
    [TestCase("char.IsDigit('1')", "calls Char.IsDigit", TestName = "Char_IsDigit")]
    [TestCase("char.ToUpper('i') == 'I'", "calls Char.ToUpper", TestName = "Culture_CharToUpper")]
    [TestCase("profile.Age.Equals(40)", "calls Int32.Equals", TestName = "Object_Equals")]
    [TestCase("profile.Equals(context)", "calls Object.Equals", TestName = "Object_ProfileEquals")]
    [TestCase("context.GetHashCode() != 0", "calls Object.GetHashCode", TestName = "Object_GetHashCode")]
    [TestCase("profile.Readiness.HasFlag(Readiness.JobReady)", "calls Enum.HasFlag", TestName = "Enum_HasFlag")]
    [TestCase("np(profile.MonthsOnBenefits) > 3", "produces a value of type Object", TestName = "Object_NullPropagation")]
    [TestCase("profile.Age << 40 > 0", "uses LeftShift", TestName = "Operator_Shift")]
    [TestCase("\"\".GetType().Assembly.FullName != null", "uses GetType (reflection)", TestName = "Reflection_GetTypeAssembly")]
    [TestCase("typeof(string).Name == \"String\"", "uses typeof (reflection)", TestName = "Reflection_Typeof")]
    [TestCase("Enum.Parse(typeof(Readiness), \"JobReady\") != null", "uses typeof", TestName = "Reflection_EnumParse")]
    [TestCase("profile.Age.GetTypeCode() == profile.Age.GetTypeCode()", "TypeCode", TestName = "Reflection_GetTypeCode")]
    [TestCase("System.IO.File.Exists(\"/etc/passwd\")", "uses the System namespace", TestName = "Reflection_File")]
    [TestCase("Environment.ProcessorCount > 0", "uses Environment", TestName = "Reflection_Environment")]
    [TestCase("Activator.CreateInstance(\"x\", \"y\") != null", "uses Activator", TestName = "Reflection_Activator")]
    [TestCase("AppDomain.CurrentDomain.FriendlyName != \"\"", "uses AppDomain", TestName = "Reflection_AppDomain")]
    [TestCase("Thread.CurrentThread.ManagedThreadId > 0", "a type not meant for rules", TestName = "Reflection_Thread")]
    [TestCase("new string('a', 1000000000) == \"\"", "object creation (new)", TestName = "Amplify_NewString")]
    [TestCase("DateTime.Now.Year > 2000", "a clock or random source", TestName = "Clock_Now")]
    [TestCase("profile.Id == \"x\"", "profile.Id", TestName = "Privacy_Id")]
    [TestCase("profile.ToString().Contains(\"case\")", "calls Object.ToString", TestName = "Privacy_ToString")]
    [TestCase("TimeSpan.FromDays(1).Ticks > 0", "TimeSpan", TestName = "Clock_TimeSpan")]
    [TestCase("1e308 * 10 > 0", "gives infinity or NaN in its constant part", TestName = "Constant_DoubleOverflow")]
    [TestCase("2147483647 + 1 > 0", "overflows in its constant part", TestName = "Constant_IntOverflow")]
    [TestCase("int.MaxValue + 1 > 0", "overflows in its constant part", TestName = "Constant_IntMaxValuePlusOne")]
    [TestCase("long.MaxValue + 1 > 0", "overflows in its constant part", TestName = "Constant_LongOverflow")]
    [TestCase("int.MinValue / -1 < 0", "overflows in its constant part", TestName = "Constant_MinValueDivMinusOne")]
    [TestCase("1 / 0 > 0", "divides by zero in its constant part", TestName = "Constant_DivideByZero")]
    [TestCase("5 % 0 == 0", "divides by zero in its constant part", TestName = "Constant_ModuloByZero")]
    [TestCase("1.5m / 0 > 0", "throws DivideByZeroException whatever the profile", TestName = "Constant_DecimalDivideByZero")]
    [TestCase("1.0 / 0 > 0", "gives infinity or NaN", TestName = "Constant_DoubleDivideByZero")]
    [TestCase("0.0 / 0 != 0", "gives infinity or NaN", TestName = "Constant_NaN")]
    [TestCase("double.NaN != 0", "is not a finite number", TestName = "Constant_NaNField")]
    [TestCase("double.PositiveInfinity > 0", "is not a finite number", TestName = "Constant_InfinityField")]
    [TestCase("Math.Round(1.5, 99) > 0", "throws ArgumentOutOfRangeException in its constant part", TestName = "Constant_RoundDigits")]
    [TestCase("profile.Age * 2147483647 > 0", "throws OverflowException for every profile it was tried on at load", TestName = "Probe_AlwaysOverflows")]
    [TestCase("profile.Age * 100000000 > 0", "throws OverflowException when tried at load with age 100", TestName = "Probe_OverflowsAtMaxAge")]
    [TestCase("100 / (profile.Age - 15) > 0", "with age 15", TestName = "Probe_DividesByZeroAtMinAge")]
    [TestCase("(profile.MonthsOnBenefits ?? 0) * 3000000 > 0", "with monthsOnBenefits 1200", TestName = "Probe_OverflowsAtLargeMonths")]
    [TestCase("100 / profile.MonthsOnBenefits.Value > 1", "with monthsOnBenefits 0", TestName = "Probe_DividesByZeroMonths")]
    [TestCase("100 / int(profile.WeeklyPaidHours.Value) > 1", "with weeklyPaidHours 0", TestName = "Probe_DividesByZeroHours")]
    [TestCase("100 / (1000 - context.CaseworkerCaseload.Value) > 1", "with context.caseworkerCaseload 1000", TestName = "Probe_DividesByZeroAtMaxCaseload")]
    [TestCase("100 / (int(profile.Readiness) - 3) > 0", "with readiness education-ready", TestName = "Probe_EveryEnumValue_Readiness")]
    [TestCase("100 / (int(profile.Benefit.Value) - 7) > 0", "with benefit other", TestName = "Probe_EveryEnumValue_Benefit")]
    [TestCase("100 / (int(context.BusinessCycle.Value) - 2) > 0", "with context.businessCycle recession", TestName = "Probe_EveryEnumValue_BusinessCycle")]
    [TestCase("profile.MentalIllness == true && 1 / (profile.Age - profile.Age) > 0", "mentalIllness true", TestName = "Probe_ThrowsOnlyForOneBool")]
    [TestCase("Math.Abs(profile.Age - 15 - 2147483647 - 1) > 0", "OverflowException", TestName = "Probe_CheckedArithmetic")]
    public void Hostile_IsRefusedAtLoad_NamingFileRuleAndLine(string expression, string fragment)
    {
        var problems = Refusal(Probe(expression));

        var p = problems.FirstOrDefault(x => x.Message.Contains(fragment));
        Assert.That(p, Is.Not.Null, string.Join("\n", problems));
        Assert.That((p!.File, p.Workflow, p.Rule, p.Line), Is.EqualTo(("pack1.json", "probe", "Probe", (int?)ProbeExpressionLine)));
    }

    [TestCase("Math.Pow(2, 10) > 0", TestName = "RefusalListsWhatIsAllowed_Pow")]
    [TestCase("\"a\".Replace(\"a\", \"b\") == \"b\"", TestName = "RefusalListsWhatIsAllowed_Replace")]
    public void ARefusedCall_ListsTheCallsThatAreAllowed(string expression)
    {
        Assert.That(Refusal(Probe(expression)).Single().Message, Does.Contain(Allowed));
    }

    // Text too big or too deep for the parser: refused before parsing, on the small stack of a thread too.
    [TestCase("parentheses", 2000, "is 4016 characters long; an expression may have at most 2000", TestName = "Long_2000Parentheses")]
    [TestCase("parentheses", 500, "nests more than 24 levels deep", TestName = "Deep_500Parentheses")]
    [TestCase("not", 29000, "characters long; an expression may have at most 2000", TestName = "Deep_29000Nots")]
    [TestCase("not", 500, "nests more than 24 levels deep", TestName = "Deep_500Nots")]
    [TestCase("minus", 500, "nests more than 24 levels deep", TestName = "Deep_500Minuses")]
    [TestCase("or", 47000, "characters long", TestName = "Long_47000OrTerms")]
    [TestCase("shortor", 300, "more than 100 levels deep once parsed", TestName = "Deep_300OrTerms")]
    [TestCase("shortand", 300, "more than 100 levels deep once parsed", TestName = "Deep_300AndTerms")]
    [TestCase("ternary", 40, "nests more than 24 levels deep", TestName = "Deep_40NestedConditionals")]
    [TestCase("coalesce", 30, "nests more than 24 levels deep", TestName = "Deep_30Coalesces")]
    [TestCase("iif", 40, "nests more than 24 levels deep", TestName = "Deep_40NestedIif")]
    [TestCase("string", 5000, "characters long", TestName = "Long_5000CharacterString")]
    [TestCase("plus", 900, "more than 100 levels deep once parsed", TestName = "Deep_900Additions")]
    public void TooBigOrTooDeep_IsRefusedBeforeItCanOverflowTheStack(string kind, int n, string fragment)
    {
        var expression = Generated(kind, n);
        foreach (var stack in new[] { 0, 256 * 1024 })
        {
            var problems = OnThread(stack, () => Assert.Throws<PackLoadException>(() => Load(Probe(expression)))!.Problems);
            var p = problems.Single();
            Assert.That(p.Message, Does.Contain(fragment));
            Assert.That((p.File, p.Rule, p.Line), Is.EqualTo(("pack1.json", "Probe", (int?)ProbeExpressionLine)));
            Assert.That(p.Message.Length, Is.LessThan(800), "the message quotes a shortened expression");
        }
    }

    [TestCase("parentheses", 24, TestName = "AtTheLimit_24Parentheses")]
    [TestCase("not", 24, TestName = "AtTheLimit_24Nots")]
    [TestCase("or", 90, TestName = "AtTheLimit_90OrTerms")]
    [TestCase("and", 90, TestName = "AtTheLimit_90AndTerms")]
    [TestCase("ternary", 12, TestName = "AtTheLimit_12Conditionals")]
    [TestCase("string", 1960, TestName = "AtTheLimit_LongString")]
    [TestCase("coalesce", 20, TestName = "AtTheLimit_20Coalesces")]
    public void AtTheLimits_LoadsAndAdvises_OnA256KiBStack(string kind, int n)
    {
        var expression = Generated(kind, n);
        Assert.That(expression.Length, Is.LessThanOrEqualTo(2000));
        var result = OnThread(256 * 1024, () => Load(Probe(expression)).Recommend(Citizen(), Context()));
        Assert.That(result.Warnings, Is.Empty);
    }

    [Test]
    public void ReloadOnA256KiBStack_RefusesTheDeepPack_AndKeepsTheLastGoodOne()
    {
        var path = Path.Combine(Path.GetTempPath(), "pathways-sandbox-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(path, Probe("profile.Age > 18"));
            var r = PathwayRecommender.Create(o => o.Packs.Add(path));
            File.WriteAllText(path, Probe(Generated("parentheses", 500)));
            var reload = OnThread(256 * 1024, r.Reload);
            Assert.That(reload.Succeeded, Is.False);
            Assert.That(reload.Problems.Single().Message, Does.Contain("nests more than 24 levels deep"));
            Assert.That(Ids(r.Recommend(Citizen(), Context())), Does.Contain("ips"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // LocalParams see only what is defined before them, so a cycle cannot be written: it does not compile.
    [TestCase("[{\"Name\":\"a\",\"Expression\":\"b + 1\"},{\"Name\":\"b\",\"Expression\":\"a + 1\"}]", "a > 0", "Parameter 'a' expression \"b + 1\" does not compile", TestName = "Cyclic_TwoLocalParams")]
    [TestCase("[{\"Name\":\"a\",\"Expression\":\"a + 1\"}]", "a > 0", "Parameter 'a' expression \"a + 1\" does not compile", TestName = "Cyclic_SelfReference")]
    [TestCase("[{\"Name\":\"a\",\"Expression\":\"100 / (profile.Age - 15)\"}]", "a > 0", "with age 15", TestName = "Probe_ThroughALocalParam")]
    [TestCase("[{\"Name\":\"a\",\"Expression\":\"int.Parse(\\\"1\\\")\"}]", "a > 0", "calls Int32.Parse", TestName = "Hostile_InALocalParam")]
    [TestCase("[{\"Name\":\"a\",\"Expression\":\"1 / 0\"}]", "a > 0", "divides by zero in its constant part", TestName = "Constant_InALocalParam")]
    public void ScopedParameters_AreScreenedAndProbed(string localParams, string expression, string fragment)
    {
        var problems = Refusal(Probe(expression, $"\n \"LocalParams\": {localParams},"));
        Assert.That(problems.Select(p => p.Message), Has.Some.Contains(fragment), string.Join("\n", problems));
        Assert.That(problems.All(p => p.Rule == "Probe" && p.File == "pack1.json" && p.Line is not null));
    }

    [TestCase("100 / (profile.Age - 15)", "with age 15", TestName = "Probe_ThroughAGlobalParam")]
    [TestCase("profile.Age.ToString(\"D999999999\").Length", "calls Int32.ToString", TestName = "Hostile_InAGlobalParam")]
    [TestCase("new string('(', 30)", "object creation (new)", TestName = "Hostile_NewInAGlobalParam")]
    public void GlobalParams_AreScreenedAndProbed_ThroughTheRulesThatReadThem(string global, string fragment)
    {
        var json = $$"""
            { "name": "globals-pack", "version": "1.0.0",
              "workflows": [ { "WorkflowName": "globals", "GlobalParams": [ { "Name": "g", "Expression": {{Newtonsoft.Json.JsonConvert.ToString(global)}} } ],
                "Rules": [ { "RuleName": "UsesG", "SuccessEvent": "ips", "Expression": "g > 0",
                  "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Prøve.", "en": "Probe." } } } ] } ] }
            """;
        var problems = Refusal(json);
        Assert.That(problems.Select(p => p.Message), Has.Some.Contains(fragment), string.Join("\n", problems));
        Assert.That(problems.All(p => p.File == "pack1.json" && p.Workflow == "globals" && p.Line is not null));
    }

    [Test]
    public void ChainedLocalParams_AreVariables_NotCopies_SoTheyStaySmall()
    {
        // Each LocalParam is assigned once and read by name; 60 doublings would be 2^60 nodes if they were inlined.
        var lps = string.Join(",", Enumerable.Range(1, 60).Select(i => $"{{\"Name\":\"p{i}\",\"Expression\":\"{(i == 1 ? "profile.Age > 18" : $"p{i - 1} && p{i - 1}")}\"}}"));
        var r = Load(Probe("p60", $"\n \"LocalParams\": [{lps}],"));
        Assert.That(Ids(r.Recommend(Citizen(age: 40), Context())), Does.Contain("ips"));
    }

    // Allowed expressions, including the allow-list's calls and what the built-in and sample packs use.
    [TestCase("\"abc\".StartsWith(\"a\") && \"abc\".EndsWith(\"c\") && \"abc\".Contains(\"b\") && \"abc\".Length == 3")]
    [TestCase("string.IsNullOrEmpty(\"\") && \"a\" == \"a\" && \"a\" != \"b\"")]
    [TestCase("Math.Min(profile.Age, 40) > 18 && Math.Max(profile.Age, 40) >= 40 && Math.Abs(profile.Age - 40) < 100")]
    [TestCase("Math.Round(profile.WeeklyPaidHours ?? 0) >= 0 && Math.Floor(2.5) > 1 && Math.Ceiling(1.5) > 1")]
    [TestCase("profile.MonthsOnBenefits.HasValue && profile.MonthsOnBenefits.Value > 3")]
    [TestCase("profile.MonthsOnBenefits.GetValueOrDefault() > 3 || profile.MonthsOnBenefits.GetValueOrDefault(5) > 3")]
    [TestCase("iif(profile.Age > 40, 1, 2) > 0 && (profile.Age > 40 ? true : profile.Age <= 40)")]
    [TestCase("profile.Age in (18, 25, 30, 45)")]
    [TestCase("1.5m * 2 > 2 && 0.5 + 1.0 > 1")]
    [TestCase("profile.MonthsOnBenefits.Value > 12")]
    [TestCase("100 / (profile.Age - 42) != 0")]
    public void Allowed_Loads(string expression)
    {
        Assert.DoesNotThrow(() => Load(Probe(expression)));
    }

    [Test]
    public void EveryShippedPack_StillLoads()
    {
        var packs = Directory.GetFiles(Path.Combine(RepoRoot, "samples", "packs"), "*.json").ToList();
        var r = PathwayRecommender.Create(o => { foreach (var p in packs) o.Packs.Add(p); });
        Assert.That(r.RuleSet.Packs.Count, Is.EqualTo(packs.Count + 1));
        Assert.DoesNotThrow(() => PathwayRecommender.Create(o => o.Packs.Add(Path.Combine(TestPacks, "features-pack.json"))));
        Assert.DoesNotThrow(() => FeaturePack.Create());
    }

    // Culture (issue 16 item 5): what could depend on it is refused; what is allowed gives the same answer everywhere.
    [TestCase("tr-TR")]
    [TestCase("da-DK")]
    [TestCase("en-US")]
    public void UnderAnyCulture_CultureSensitiveCallsAreRefused_AndTheAnswerIsTheSame(string culture)
    {
        const string rule = "\"\\u00ADx\".StartsWith(\"x\") == false && \"FILE\".EndsWith(\"ILE\") && profile.WeeklyPaidHours <= 1.5";
        var invariant = Run(CultureInfo.InvariantCulture);
        var local = Run(CultureInfo.GetCultureInfo(culture));
        Assert.That(local, Is.EqualTo(invariant));
        Assert.That(invariant.Fires, Is.EqualTo((true, false)), "ordinal: a soft hyphen is a character; 1.5 is one and a half");

        (string Hash, (bool, bool) Fires, string Refusals) Run(CultureInfo c) => WithCulture(c, () =>
        {
            var r = Load(Probe(rule));
            var refusals = string.Join("|", new[] { "\"I\".ToLower() == \"i\"", "double.Parse(\"1.5\") > 1", "\"b\".CompareTo(\"a\") > 0", "profile.Age.ToString(\"N\") != \"\"" }
                .Select(x => Refusal(Probe(x)).Single().Message.Contains("which rules may not use")));
            var few = Citizen() with { WeeklyPaidHours = 1.5 };
            var more = Citizen() with { WeeklyPaidHours = 1.6 };
            return (r.RuleSet.Hash, (Ids(r.Recommend(few, Context())).Contains("ips"), Ids(r.Recommend(more, Context())).Contains("ips")), refusals);
        });
    }

    // Advice time: a rule that throws anyway (the probe cannot try every age) is false for that call, and says so.
    [TestCase(true, TestName = "ThrowingRule_Explained_IsFalse_AndTheResultSaysSo")]
    [TestCase(false, TestName = "ThrowingRule_FastPath_IsFalse_AndTheResultSaysSo")]
    public void ThrowingRule_AtAdviceTime_IsFalse_WithAWarning_AndTheAnswerIsKept(bool explain)
    {
        var log = new ListLogger();
        var r = new PathwayRecommender(Microsoft.Extensions.Options.Options.Create(Options(Probe("100 / (profile.Age - 42) != 0"))), log);
        var citizen = Citizen(age: 42) with { Id = "case-SECRET-42" };

        var result = r.Recommend(citizen, Context(), new RecommendOptions { Explain = explain, Language = Language.En });
        var baseline = r.Recommend(citizen with { Age = 43 }, Context(), new RecommendOptions { Explain = explain, Language = Language.En });

        Assert.That(result.Warnings, Is.EqualTo(new[] { "Rule 'Probe' of pack 'probe-pack' could not be evaluated for this citizen and counts as not met." }));
        Assert.That(Ids(result), Does.Not.Contain("ips"));
        Assert.That(Ids(result).Where(i => i != "ips"), Is.EqualTo(Ids(baseline).Where(i => i != "ips")), "every other rule still decides");
        Assert.That(baseline.Warnings, Is.Empty);
        if (explain)
            Assert.That(result.NotRecommended.Single(n => n.InterventionId == "ips").Reasons, Has.Some.Contains("could not be evaluated"));

        var json = RecommendationJson.Serialize(result, indented: false);
        Assert.That(json, Does.EndWith("\"warnings\":[\"Rule 'Probe' of pack 'probe-pack' could not be evaluated for this citizen and counts as not met.\"]}"));
        Assert.That(RecommendationJson.Serialize(baseline), Does.Not.Contain("warnings"), "a result without a failed rule keeps its bytes");

        // Logged once as a warning (later failures of the same rule are debug messages), never with the citizen.
        var logged = log.Messages.Where(m => m.StartsWith("Warning: ", StringComparison.Ordinal) && m.Contains("could not be evaluated")).ToList();
        Assert.That(logged, Has.Count.EqualTo(1));
        Assert.That(logged[0], Does.Contain("Probe").And.Contain("probe-pack").And.Contain("DivideByZeroException"));
        Assert.That(log.Messages, Has.None.Contains("SECRET"));
    }

    private const string Throws = "{ \"RuleName\": \"Nested_Throws\", \"Expression\": \"100 / (profile.Age - 42) != 0\" }";
    private const string Leaf = "{ \"RuleName\": \"Nested_Other\", \"Expression\": ";
    private const string Leaf2 = "{ \"RuleName\": \"Nested_Inner_Throws\", \"Expression\": ";
    private const string Leaf3 = "{ \"RuleName\": \"Nested_Inner_Other\", \"Expression\": ";
    private const string Inner = "{ \"RuleName\": \"Nested_Inner\", \"Operator\": ";

    // Nested rules: a child that throws counts as false; the parent warns only when that could change its answer.
    [TestCase("Or", Throws, Leaf + "\"profile.Age < 50\" }", 42, true, 0, TestName = "Nested_Or_AnotherTrueChildDecides_NoWarning")]
    [TestCase("Or", Throws, Leaf + "\"profile.Age >= 60\" }", 42, false, 1, TestName = "Nested_Or_NoOtherTrueChild_Warning")]
    [TestCase("And", Throws, Leaf + "\"profile.Age < 50\" }", 42, false, 1, TestName = "Nested_And_ThrowingChild_Warning")]
    [TestCase("AndAlso", Throws, Leaf + "\"profile.Age < 50\" }", 43, true, 0, TestName = "Nested_And_NoThrowForThisCitizen_NoWarning")]
    [TestCase("And", Leaf + "\"profile.Age >= 60\" }", Throws, 42, false, 0, TestName = "Nested_And_FalseChildFirst_NoWarning")]
    [TestCase("And", Leaf + "\"profile.Age < 50\" }", Inner + "\"Or\", \"Rules\": [ " + Leaf2 + "\"100 / (profile.Age - 42) != 0\" }, " + Leaf3 + "\"profile.Age < 50\" } ] }", 42, true, 0, TestName = "Nested_OrInsideAnd_DecidedAnyway_NoWarning")]
    [TestCase("And", Leaf + "\"profile.Age < 50\" }", Inner + "\"Or\", \"Rules\": [ " + Leaf2 + "\"100 / (profile.Age - 42) != 0\" }, " + Leaf3 + "\"profile.Age >= 60\" } ] }", 42, false, 1, TestName = "Nested_OrInsideAnd_Failed_Warning")]
    [TestCase("And", Inner + "\"Or\", \"Rules\": [ " + Leaf2 + "\"100 / (profile.Age - 42) != 0\" }, " + Leaf3 + "\"profile.Age < 50\" } ] }", Leaf + "\"profile.Age >= 60\" }", 42, false, 0, TestName = "Nested_OrInsideAnd_TrueDespiteTheThrow_ThenAFalseChild_NoWarning")]
    public void NestedRule_WithAThrowingChild_AnswersAlike_OnBothPaths(string op, string first, string other, int age, bool fires, int warnings)
    {
        var json = $$"""
            { "name": "nested-pack", "version": "1.0.0",
              "workflows": [ { "WorkflowName": "nested", "Rules": [
                { "RuleName": "Nested", "SuccessEvent": "ips", "Operator": "{{op}}",
                  "Rules": [ {{first}}, {{other}} ],
                  "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Prøve.", "en": "Probe." } } } ] } ] }
            """;
        var r = Load(json);
        foreach (var explain in new[] { true, false })
        {
            var result = r.Recommend(Citizen(age: age), Context(), new RecommendOptions { Explain = explain });
            Assert.That(Ids(result).Contains("ips"), Is.EqualTo(fires), $"explain {explain}");
            Assert.That(result.Warnings, Has.Count.EqualTo(warnings), $"explain {explain}");
        }
    }

    [Test]
    public void FusedMatcher_GuardsTheThrowingLeaf_AndReportsItsRule_WithoutFallingBack()
    {
        var compiled = FeaturePack.Create().Compiled;
        var rules = compiled.Rules;
        var throwing = rules.ToList().FindIndex(x => x.Name == "ThrowsAtAge30");
        foreach (var age in new[] { 29, 30, 31 })
        {
            var p = Citizen(age: age);
            var mask = compiled.Match(p, Context(), out var failed);

            // The same bits as the per-rule path, which catches per rule.
            var unknown = FactText.Unknown(p, Context());
            var expected = Enumerable.Range(0, rules.Count).Where(i => rules[i].Evaluate(p, Context(), unknown) == RuleState.True).Aggregate(0UL, (m, i) => m | (1UL << i));
            Assert.That(mask, Is.EqualTo(expected));
            Assert.That(failed, Is.EqualTo(age == 30 ? 1UL << throwing : 0UL));
        }
    }

    [Test]
    public void OnlyLeavesThatCanThrow_AreGuarded()
    {
        var rules = FeaturePack.Create().Compiled.Rules.ToDictionary(r => r.Name);
        Assert.That(RuleFailures.CanThrow(rules["ThrowsAtAge30"].Lambda!.Body), Is.True);
        Assert.That(RuleFailures.CanThrow(rules["LongTermThrowsWhenUnknown"].Lambda!.Body), Is.True);
        Assert.That(RuleFailures.CanThrow(rules["NotKnownIll"].Lambda!.Body), Is.False);
        Assert.That(RuleFailures.CanThrow(rules["OlderActivityReady"].Lambda!.Body), Is.False);
        var builtIn = PathwayRecommender.Create().Compiled.Rules.SelectMany(Leaves).ToList();
        Assert.That(builtIn, Is.Not.Empty);
        Assert.That(builtIn.Where(l => RuleFailures.CanThrow(l.Lambda!.Body)).Select(l => l.Name + ": " + l.Lambda!.Body), Is.Empty, "the built-in pack's rules need no guard");

        static IEnumerable<CompiledRule> Leaves(CompiledRule r) => r.Predicate is not null ? new[] { r } : r.Children.SelectMany(Leaves);
    }

    [Test]
    public void ABatch_KeepsEveryAnswer_WhenARuleThrowsForSomeLines()
    {
        var r = Load(Probe("100 / (profile.Age - 42) != 0"));
        var cases = Enumerable.Range(40, 5).Select(age => new CitizenCase(Citizen(age: age) with { Id = $"c{age}" }, Context())).ToList();
        var results = cases.Select(c => r.Recommend(c.Profile, c.Context, new RecommendOptions { Explain = false })).ToList();
        Assert.That(results.Select(x => x.Warnings.Count), Is.EqualTo(new[] { 0, 0, 1, 0, 0 }));
        Assert.That(results.Select(x => Ids(x).Contains("ips")), Is.EqualTo(new[] { true, true, false, true, true }));
    }

    [Test]
    public void ProbeGrid_HoldsEveryBoundaryValueOfEveryFact_AndOnePointWithEveryFactUnknown()
    {
        var points = ProbeGrid.Points;
        Assert.That(points.Any(p => p.Unknown == (Facts)((int)Facts.Age - 1)), "every fact but age unknown");
        Assert.That(points.Select(p => p.Profile.Age), Is.SupersetOf(new[] { 15, 100 }));
        Assert.That(points.Select(p => p.Profile.WeeklyPaidHours), Is.SupersetOf(new double?[] { null, 0, 80 }));
        Assert.That(points.Select(p => p.Profile.MonthsOnBenefits), Is.SupersetOf(new int?[] { null, 0, 1200 }));
        Assert.That(points.Select(p => p.Context.CaseworkerCaseload), Is.SupersetOf(new int?[] { null, 1, 1000 }));
        Assert.That(points.Select(p => p.Profile.Benefit), Is.SupersetOf(Enum.GetValues(typeof(Benefit)).Cast<Benefit?>().Append(null)));
        Assert.That(points.Select(p => p.Profile.Readiness), Is.SupersetOf(Enum.GetValues(typeof(Readiness)).Cast<Readiness>()));
        Assert.That(points.Select(p => p.Context.BusinessCycle), Is.SupersetOf(Enum.GetValues(typeof(BusinessCycle)).Cast<BusinessCycle?>().Append(null)));
        Assert.That(points.Select(p => p.Profile.MentalIllness), Is.SupersetOf(new bool?[] { null, true, false }));
        Assert.That(points.Select(p => p.Context.CaseworkerExpectsJob), Is.SupersetOf(new bool?[] { null, true, false }));
        Assert.That(ProbeGrid.BuiltIn.Select(f => f.Fact), Is.EquivalentTo(FactText.All), "one row per fact");
        Assert.That(points.All(p => ProfileValidator.IsValidFast(p.Profile, p.Context)), "every synthetic profile is a valid one");
    }

    private static PathwaysOptions Options(string pack)
    {
        var o = new PathwaysOptions();
        o.AddPackFromStream("pack1.json", Utf8(pack));
        return o;
    }

    private static string Generated(string kind, int n) => kind switch
    {
        "parentheses" => new string('(', n) + "profile.Age > 18" + new string(')', n),
        "not" => new string('!', n) + "profile.FlexJobApproved.Value",
        "minus" => new string('-', n) + "profile.Age > 18",
        "or" => string.Join(" || ", Enumerable.Repeat("profile.Age == 18", n)) + " || profile.Age > 18",
        "and" => string.Join(" && ", Enumerable.Repeat("profile.Age > 18", n)),
        "ternary" => string.Concat(Enumerable.Repeat("profile.Age > 18 ? ", n)) + "true" + string.Concat(Enumerable.Repeat(" : false", n)),
        "iif" => string.Concat(Enumerable.Repeat("iif(profile.Age > 18, ", n)) + "true" + string.Concat(Enumerable.Repeat(", false)", n)),
        "coalesce" => string.Join(" + ", Enumerable.Repeat("(profile.MonthsOnBenefits ?? 0)", n)) + " >= 0",
        "string" => "\"" + new string('a', n) + "\".Length > 0 && profile.Age > 18",
        "shortor" => string.Join("||", Enumerable.Repeat("true", n)),
        "shortand" => string.Join("&&", Enumerable.Repeat("true", n)),
        "plus" => "profile.Age" + string.Concat(Enumerable.Repeat("+1", n)) + " > 18",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Runs on a new thread with the given stack size (0: the default), as a reload on the thread pool would.</summary>
    private static T OnThread<T>(int stackSize, Func<T> f)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = f();
            }
            catch (Exception e)
            {
                error = e;
            }
        }, stackSize);
        thread.Start();
        thread.Join();
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        return result;
    }

    private static T WithCulture<T>(CultureInfo culture, Func<T> f)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return f();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }

    private sealed class ListLogger : ILogger<PathwayRecommender>
    {
        public List<string> Messages { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Messages) Messages.Add(logLevel + ": " + formatter(state, exception) + (exception is null ? string.Empty : " " + exception.Message));
        }
    }
}
