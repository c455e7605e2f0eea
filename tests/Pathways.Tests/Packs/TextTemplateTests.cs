using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>
/// Placeholders in rule texts: a caseworker reads the value in force of a pack parameter ("højst 29 år"), never the
/// parameter's name; the texts are resolved once at compile, and an unknown placeholder refuses the pack.
/// </summary>
public class TextTemplateTests
{
    private static readonly string[] ParameterNames = { "youngMaxAge", "longTermMonths", "fewPaidHoursMax", "highCaseloadThreshold" };

    private static RecommendationResult Run(PathwayRecommender r, string spec, Language language = Language.Da)
    {
        var (profile, context) = TestProfiles.Parse(spec);
        return r.Recommend(profile, context, new RecommendOptions { Language = language });
    }

    private static IEnumerable<string> AllTexts(RecommendationResult result) =>
        result.Recommendations.SelectMany(r => r.Reasons.Concat(r.Caveats).Concat(r.Citations.Select(c => c.Finding)))
            .Concat(result.NotRecommended.SelectMany(n => n.Reasons));

    // Cards whose texts name a local threshold: the value in force is shown, in the card's language.
    [TestCase("age=40 readiness=job", "private-wage-subsidy", Language.Da, "»ung« er her højst 29 år")]
    [TestCase("age=40 readiness=job", "private-wage-subsidy", Language.En, "\"young\" here is at most 29 years")]
    [TestCase("readiness=job months=3", "small-paid-hours", Language.Da, "mindst 12 måneder på offentlig forsørgelse")]
    [TestCase("readiness=job hours=30", "small-paid-hours", Language.Da, "som pakken sætter til 15 timer om ugen – et lokalt valg")]
    [TestCase("readiness=job caseload=20", "low-caseload", Language.Da, "ikke over 50 borgere per sagsbehandler – pakkens grænse for en høj sagsstamme, et lokalt valg")]
    [TestCase("readiness=job caseload=20", "low-caseload", Language.En, "not above 50 citizens per caseworker")]
    public void CaseworkerText_ShowsTheValueInForce(string spec, string id, Language language, string expected)
    {
        var result = Run(TestProfiles.BuiltIn, spec, language);
        var texts = result.NotRecommended.Where(n => n.InterventionId == id).SelectMany(n => n.Reasons)
            .Concat(result.Recommendations.Where(r => r.InterventionId == id).SelectMany(r => r.Reasons.Concat(r.Caveats)));

        Assert.That(texts, Has.Some.Contains(expected));
    }

    [TestCase("readiness=activity age=40 months=3 hours=30 caseload=90 expects=false")]
    [TestCase("readiness=job age=40 months=3 hours=30 caseload=20 expects=true")]
    [TestCase("readiness=activity age=22 months=30 hours=5 caseload=60")]
    public void NoCaseworkerText_NamesAParameterOrAPlaceholder(string spec)
    {
        foreach (var language in new[] { Language.Da, Language.En })
        {
            var texts = AllTexts(Run(TestProfiles.BuiltIn, spec, language)).ToList();
            Assert.That(texts, Is.Not.Empty);
            foreach (var name in ParameterNames) Assert.That(texts, Has.None.Contains(name), name);
            Assert.That(texts, Has.None.Contains("{").And.None.Contains("}"));
        }
    }

    [Test]
    public void BuiltInRuleTexts_AreResolvedOnceAtCompile_NotPerCall()
    {
        // The compiled rules hold the finished texts ...
        foreach (var rule in TestProfiles.BuiltIn.Compiled.Rules)
        {
            foreach (var text in new[] { rule.Def.Reason, rule.Def.WhyNot, rule.Def.Caveat }.Concat(rule.Def.Findings.Values))
                Assert.That(text is null || !(text.Da + text.En).Contains('{'), Is.True, rule.Name);
        }

        // ... so two calls hand out the very same string, not a newly formatted one.
        string WhyNot() => Run(TestProfiles.BuiltIn, "readiness=job caseload=20").NotRecommended.Single(n => n.InterventionId == "low-caseload").Reasons[0];
        Assert.That(ReferenceEquals(WhyNot(), WhyNot()), Is.True);
    }

    [TestCase(25, "højst 25 år", "at most 25 years")]
    [TestCase(31, "højst 31 år", "at most 31 years")]
    public void AValueSetInTheOptions_IsTheOneShown(double value, string da, string en)
    {
        var r = PathwayRecommender.Create(o => o.Parameters["youngMaxAge"] = value);

        Assert.That(AllTexts(Run(r, "age=40 readiness=job")), Has.Some.Contains(da));
        Assert.That(AllTexts(Run(r, "age=40 readiness=job", Language.En)), Has.Some.Contains(en));
    }

    [Test]
    public void ADecimalValue_IsWrittenWithADecimalCommaInDanish()
    {
        var pack = """
            {
              "name": "probe-pack", "version": "1.0.0",
              "parameters": [ { "name": "hoursLimit", "value": 7.5, "description": { "da": "Lokalt valg.", "en": "A local choice." } } ],
              "workflows": [ { "WorkflowName": "probe", "Rules": [ {
                "RuleName": "Probe", "SuccessEvent": "ips", "Expression": "profile.WeeklyPaidHours <= hoursLimit",
                "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited",
                  "reason": { "da": "Højst {hoursLimit} timer om ugen.", "en": "At most {hoursLimit} hours a week." } } } ] } ]
            }
            """;
        var r = Load(pack);

        Assert.That(AllTexts(Run(r, "hours=2")), Has.Some.EqualTo("Højst 7,5 timer om ugen."));
        Assert.That(AllTexts(Run(r, "hours=2", Language.En)), Has.Some.EqualTo("At most 7.5 hours a week."));
    }

    [Test]
    public void APacksOwnParameter_CanBeUsedInItsTexts()
    {
        var pack = """
            {
              "name": "probe-pack", "version": "1.0.0",
              "parameters": [ { "name": "mentorMaxAge", "value": 35, "description": { "da": "Lokalt valg.", "en": "A local choice." } } ],
              "workflows": [ { "WorkflowName": "probe", "Rules": [ {
                "RuleName": "Probe", "SuccessEvent": "ips", "Expression": "profile.Age <= mentorMaxAge",
                "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited",
                  "reason": { "da": "Borgeren er højst {mentorMaxAge} år.", "en": "The citizen is at most {mentorMaxAge}." },
                  "whyNot": { "da": "Borgeren er over {mentorMaxAge} år; »ung« er højst {youngMaxAge} år.", "en": "Over {mentorMaxAge}." } } } ] } ]
            }
            """;
        var r = Load(pack);

        Assert.That(AllTexts(Run(r, "age=30")), Has.Some.EqualTo("Borgeren er højst 35 år."));
        Assert.That(AllTexts(Run(r, "age=50")), Has.Some.EqualTo("Borgeren er over 35 år; »ung« er højst 29 år."));
    }

    [TestCase("Borgeren er højst {youngMaxAg} år.", "uses the placeholder '{youngMaxAg}', which names no parameter of this or an earlier pack (did you mean '{youngMaxAge}'?)", TestName = "Placeholder_Misspelt")]
    [TestCase("Borgeren er højst {alder} år.", "'{alder}', which names no parameter", TestName = "Placeholder_Unknown")]
    [TestCase("Borgeren er {youngMaxAge år.", "has a '{' that is not part of a placeholder", TestName = "Placeholder_Unclosed")]
    [TestCase("Borgeren er } år.", "has a '}' that is not part of a placeholder", TestName = "Placeholder_StrayBrace")]
    public void AnUnknownPlaceholder_RefusesThePack_NamingTheRuleAndTheText(string danish, string fragment)
    {
        var problems = Refusal(Probe("profile.Age > 18").Replace("\"da\": \"Prøve.\"", "\"da\": " + Newtonsoft.Json.JsonConvert.ToString(danish)));

        var p = problems.SingleOrDefault(x => x.Message.Contains(fragment));
        Assert.That(p, Is.Not.Null, string.Join("\n", problems));
        Assert.That((p!.File, p.Workflow, p.Rule, p.Line), Is.EqualTo(("pack1.json", "probe", "Probe", (int?)ProbeLine)));
        Assert.That(p.Message, Does.StartWith("Text 'reason' (da)"));
    }

    [Test]
    public void AParameterOfALaterPack_IsNotVisibleToAnEarlierPacksTexts()
    {
        var later = """
            { "name": "later-pack", "version": "1.0.0",
              "parameters": [ { "name": "laterLimit", "value": 3, "description": { "da": "Lokalt valg.", "en": "A local choice." } } ],
              "workflows": [] }
            """;
        var problems = Refusal(Probe("profile.Age > 18").Replace("\"da\": \"Prøve.\"", "\"da\": \"Over {laterLimit}.\""), later);

        Assert.That(problems, Has.Some.Matches<PackProblem>(p => p != null && p.Rule == "Probe" && p.Message.Contains("'{laterLimit}', which names no parameter")));
    }
}
