using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests;

/// <summary>
/// Facts that packs declare (CONTRACT §4.1, issue 10): read from the profile, checked, used in expressions with
/// three-valued logic, named by their labels in explanations, refused when wrong, and in the profile schema.
/// </summary>
[TestFixture]
public sealed class DeclaredFactTests
{
    /// <summary>A pack declaring one fact of each type, with one rule per fact recommending its own intervention.</summary>
    internal const string FactsPack = """
        {
          "name": "facts-pack",
          "version": "1.0.0",
          "facts": [
            { "name": "homeless", "type": "boolean", "label": { "da": "hjemløs", "en": "homeless" } },
            { "name": "yearsInDenmark", "type": "integer", "min": 0, "max": 100, "label": { "da": "år i Danmark", "en": "years in Denmark" } },
            { "name": "debtThousands", "type": "number", "min": 0, "label": { "da": "gæld i tusinder", "en": "debt in thousands" } },
            { "name": "danishLevel", "type": "enum", "values": ["none", "basic", "fluent"], "label": { "da": "danskkundskaber", "en": "Danish skills" } }
          ],
          "interventions": [
            { "id": "housing-support", "kind": "intervention", "title": { "da": "Boligstøtte", "en": "Housing support" } },
            { "id": "newcomer-support", "kind": "intervention", "title": { "da": "Nyankomststøtte", "en": "Newcomer support" } },
            { "id": "debt-advice", "kind": "intervention", "title": { "da": "Gældsrådgivning", "en": "Debt advice" } },
            { "id": "danish-course", "kind": "intervention", "title": { "da": "Danskundervisning", "en": "Danish course" } }
          ],
          "workflows": [ { "WorkflowName": "facts", "Rules": [
            { "RuleName": "Homeless", "SuccessEvent": "housing-support", "Expression": "facts.homeless == true",
              "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Hjemløs.", "en": "Homeless." } } },
            { "RuleName": "Newcomer", "SuccessEvent": "newcomer-support", "Expression": "facts.yearsInDenmark < 3",
              "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Ny.", "en": "New." } } },
            { "RuleName": "Debt", "SuccessEvent": "debt-advice", "Expression": "facts.debtThousands >= 50.5",
              "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited" } },
            { "RuleName": "Danish", "SuccessEvent": "danish-course", "Expression": "facts.danishLevel == \"none\" || facts.danishLevel == \"basic\"",
              "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Dansk.", "en": "Danish." } } },
            { "RuleName": "NotHomelessNewcomer", "SuccessEvent": "newcomer-support", "Operator": "And", "Rules": [
              { "RuleName": "NotHomeless", "Expression": "facts.homeless == false" },
              { "RuleName": "OldEnough", "Expression": "profile.Age >= 18 && facts.yearsInDenmark <= 1" } ],
              "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": { "da": "Ny og bor.", "en": "New with home." } } }
          ] } ]
        }
        """;

    private static readonly PathwayRecommender Loaded = Load(FactsPack);

    private static string Profile(string facts) => "{\"age\":40,\"readiness\":\"activity-ready\"" + (facts.Length == 0 ? string.Empty : ",\"facts\":{" + facts + "}") + "}";

    private static RecommendationResult Recommend(string facts, Language lang = Language.Da, bool explain = true)
    {
        var c = Loaded.ReadProfile(Profile(facts));
        return Loaded.Recommend(c.Profile, c.Context, new RecommendOptions { Language = lang, Explain = explain });
    }

    // One table per fact type: the value decides; absent or null is unknown, and the why-not names the label.
    [TestCase("boolean", "\"homeless\":true", "housing-support", true)]
    [TestCase("boolean", "\"homeless\":false", "housing-support", false)]
    [TestCase("boolean", "\"homeless\":null", "housing-support", null)]
    [TestCase("boolean", "", "housing-support", null)]
    [TestCase("integer", "\"yearsInDenmark\":2", "newcomer-support", true)]
    [TestCase("integer", "\"yearsInDenmark\":3", "newcomer-support", false)]
    [TestCase("integer", "\"yearsInDenmark\":0,\"homeless\":false", "newcomer-support", true)]
    [TestCase("integer", "", "newcomer-support", null)]
    [TestCase("number", "\"debtThousands\":50.5", "debt-advice", true)]
    [TestCase("number", "\"debtThousands\":50.49", "debt-advice", false)]
    [TestCase("number", "\"debtThousands\":51", "debt-advice", true)]
    [TestCase("number", "", "debt-advice", null)]
    [TestCase("enum", "\"danishLevel\":\"basic\"", "danish-course", true)]
    [TestCase("enum", "\"danishLevel\":\"none\"", "danish-course", true)]
    [TestCase("enum", "\"danishLevel\":\"fluent\"", "danish-course", false)]
    [TestCase("enum", "", "danish-course", null)]
    public void DeclaredFact_DecidesItsRule_AndUnknownIsNeverGuessed(string type, string facts, string id, bool? recommended)
    {
        var result = Recommend(facts);
        var brief = Recommend(facts, explain: false);

        Assert.That(result.Recommendations.Any(r => r.InterventionId == id), Is.EqualTo(recommended == true), type);
        Assert.That(brief.Recommendations.Select(r => r.InterventionId), Is.EqualTo(result.Recommendations.Select(r => r.InterventionId)), "the fused path agrees");
        if (recommended is null)
        {
            var why = result.NotRecommended.Single(n => n.InterventionId == id).Reasons;
            Assert.That(why, Has.Some.StartsWith("Ukendt, derfor ikke vurderet:").And.Some.Contains("(facts."));
        }
    }

    [Test]
    public void Explanations_NameDeclaredFacts_ByTheirLabels()
    {
        var da = Recommend("\"homeless\":true,\"danishLevel\":\"basic\",\"debtThousands\":60");
        Assert.That(da.Recommendations.Single(r => r.InterventionId == "housing-support").Reasons, Has.Some.EqualTo("Borgerens forhold: hjemløs: ja."));
        Assert.That(da.Recommendations.Single(r => r.InterventionId == "danish-course").Reasons, Has.Some.EqualTo("Borgerens forhold: danskkundskaber: basic."));

        // A recommending rule without a reason (a warning at load): the card says why from the facts it matched.
        Assert.That(da.Recommendations.Single(r => r.InterventionId == "debt-advice").Reasons[0], Is.EqualTo("Pakken 'facts-pack' anbefaler den ud fra: gæld i tusinder: 60."));
        var en = Recommend("\"debtThousands\":60", Language.En, explain: false);
        Assert.That(en.Recommendations.Single(r => r.InterventionId == "debt-advice").Reasons[0], Is.EqualTo("Pack 'facts-pack' recommends it on: debt in thousands."));

        var unknown = Recommend(string.Empty, Language.En);
        Assert.That(unknown.NotRecommended.Single(n => n.InterventionId == "housing-support").Reasons, Has.Some.EqualTo("Unknown, so not assessed: homeless (facts.homeless)."));
    }

    [Test]
    public void Explanations_NeverDescribeAFactThatIsUnknown()
    {
        // The coordinated effort's rule reads flexJobApproved in a branch that a known fact decided: unknown, it is not
        // the citizen's situation (it was shown as "not approved for a flex job" before the fact table).
        var p = new CitizenProfile { Age = 34, Readiness = Readiness.ActivityReady, Benefit = Benefit.SocialAssistance };
        var r = TestProfiles.BuiltIn.Recommend(p, null, new RecommendOptions { Language = Language.En });

        var reasons = r.Recommendations.SelectMany(x => x.Reasons).Where(x => x.StartsWith("The citizen's situation", StringComparison.Ordinal)).ToList();
        Assert.That(reasons, Is.Not.Empty);
        Assert.That(reasons, Has.None.Contains("flex job"));
    }

    [Test]
    public void CSharpCallers_PassFactValues_AndGetTheSameAnswer()
    {
        var profile = new CitizenProfile { Age = 40, Readiness = Readiness.ActivityReady, Facts = FactValues.Empty.With("homeless", true).With("yearsInDenmark", 2) };
        var viaJson = Recommend("\"yearsInDenmark\":2,\"homeless\":true");

        Assert.That(Loaded.Recommend(profile), Is.EqualTo(viaJson).Using<RecommendationResult>((a, b) =>
            a.Recommendations.Select(r => r.InterventionId).SequenceEqual(b.Recommendations.Select(r => r.InterventionId))));
        Assert.That(profile.Facts.Without("homeless").Count, Is.EqualTo(1));
        Assert.That(profile.Facts, Is.EqualTo(Loaded.ReadProfile(Profile("\"yearsInDenmark\":2,\"homeless\":true")).Profile.Facts));
        Assert.That(profile.Facts.TryGetValue("homeless", out var v) && v is true, Is.True);
    }

    // Bad profile input: named fact, and what is allowed; from JSON (every problem at once) and from C#.
    [TestCase("\"homles\":true", "facts.homles", "not declared by any loaded pack (did you mean 'homeless'?)", TestName = "BadFact_Undeclared")]
    [TestCase("\"homeless\":\"yes\"", "facts.homeless", "must be true, false or null", TestName = "BadFact_BooleanAsString")]
    [TestCase("\"yearsInDenmark\":2.5", "facts.yearsInDenmark", "must be a whole number", TestName = "BadFact_IntegerFraction")]
    [TestCase("\"yearsInDenmark\":101", "facts.yearsInDenmark", "out of range: allowed 0–100", TestName = "BadFact_IntegerAboveMax")]
    [TestCase("\"yearsInDenmark\":-1", "facts.yearsInDenmark", "out of range: allowed 0–100", TestName = "BadFact_IntegerBelowMin")]
    [TestCase("\"debtThousands\":-0.5", "facts.debtThousands", "out of range: allowed 0 or more", TestName = "BadFact_NumberBelowMin")]
    [TestCase("\"debtThousands\":true", "facts.debtThousands", "must be a number", TestName = "BadFact_NumberAsBoolean")]
    [TestCase("\"danishLevel\":\"Basic\"", "facts.danishLevel", "one of 'none', 'basic', 'fluent'", TestName = "BadFact_EnumOutsideValues")]
    [TestCase("\"danishLevel\":2", "facts.danishLevel", "must be a string, one of 'none', 'basic', 'fluent'", TestName = "BadFact_EnumAsNumber")]
    [TestCase("\"homeless\":[true]", "facts.homeless", "must be a single value", TestName = "BadFact_Array")]
    [TestCase("\"homeless\":true,\"homeless\":false", "facts.homeless", "appears twice", TestName = "BadFact_Repeated")]
    public void BadFact_IsAnInvalidProfile_NamingTheFactAndWhatIsAllowed(string facts, string field, string allowed)
    {
        var json = Profile(facts).Replace("\"age\":40", "\"age\":4");
        var e = Assert.Throws<ProfileValidationException>(() => Loaded.ReadProfile(json, "p.json"))!;

        Assert.That(e.Problems.Select(p => p.Field), Is.EquivalentTo(new[] { "age", field }), "every problem at once");
        Assert.That(e.Problems.Single(p => p.Field == field).Message, Does.Contain(allowed));
        Assert.That(e.Problems.Single(p => p.Field == field).Line, Is.EqualTo(1));

        // The open reader takes the facts as given; the recommender refuses them, naming the same field.
        if (facts.Contains('[') || facts.Contains("\"homeless\":false")) return;
        var open = ProfileJson.Read(Profile(facts));
        var r = Assert.Throws<ProfileValidationException>(() => Loaded.Recommend(open.Profile))!;
        Assert.That(r.Problems.Single().Field, Is.EqualTo(field));
    }

    [TestCase("Jens Hansen")]
    [TestCase("0101901234")]
    [TestCase("homeless ")]
    public void FactFromCSharp_WithANameThatIsNotAFactName_IsRefused_WithoutShowingIt(string name)
    {
        var profile = new CitizenProfile { Age = 40, Readiness = Readiness.JobReady, Facts = FactValues.Empty.With(name, true) };
        var e = Assert.Throws<ProfileValidationException>(() => Loaded.Recommend(profile))!;

        Assert.That(e.Message, Does.Not.Contain(name.Trim()));
        Assert.That(e.Problems.Single().Field, Is.EqualTo("facts"));
    }

    [Test]
    public void FactInAProfile_WhenNoPackDeclaresFacts_IsRefused()
    {
        var open = ProfileJson.Read(Profile("\"homeless\":true"));
        var e = Assert.Throws<ProfileValidationException>(() => TestProfiles.BuiltIn.Recommend(open.Profile))!;
        Assert.That(e.Message, Does.Contain("Fact 'facts.homeless' is not declared by any loaded pack: no loaded pack declares facts"));
    }

    // Bad packs: refused naming pack, line and fact.
    [TestCase("""{ "name": "homeless", "type": "boolean", "label": {"da":"a"} }, { "name": "homeless", "type": "integer", "label": {"da":"b"} }""", "", "declared twice in this pack", TestName = "BadPack_FactDeclaredTwice")]
    [TestCase("""{ "name": "age", "type": "integer", "label": {"da":"a"} }""", "", "has the name of the built-in field 'age'", TestName = "BadPack_FactClashesWithBuiltIn")]
    [TestCase("""{ "name": "mentalillness", "type": "boolean", "label": {"da":"a"} }""", "", "built-in field 'mentalIllness'", TestName = "BadPack_FactClashesWithBuiltInIgnoringCase")]
    [TestCase("""{ "name": "level", "type": "enum", "values": [], "label": {"da":"a"} }""", "", "needs 'values'", TestName = "BadPack_EmptyEnum")]
    [TestCase("""{ "name": "level", "type": "enum", "label": {"da":"a"} }""", "", "needs 'values'", TestName = "BadPack_EnumWithoutValues")]
    [TestCase("""{ "name": "years", "type": "integer", "min": 10, "max": 5, "label": {"da":"a"} }""", "", "min 10 greater than max 5", TestName = "BadPack_MinAboveMax")]
    [TestCase("""{ "name": "years", "type": "integer", "min": 0.5, "label": {"da":"a"} }""", "", "give a whole number", TestName = "BadPack_IntegerFractionalMin")]
    [TestCase("""{ "name": "years", "type": "text", "label": {"da":"a"} }""", "", "allowed 'boolean', 'integer', 'number' or 'enum'", TestName = "BadPack_UnknownType")]
    [TestCase("""{ "name": "Years In DK", "type": "integer", "label": {"da":"a"} }""", "", "must be lowerCamel", TestName = "BadPack_NameNotLowerCamel")]
    [TestCase("""{ "name": "years", "type": "boolean", "values": ["a"], "label": {"da":"a"} }""", "", "only an enum fact has", TestName = "BadPack_ValuesOnBoolean")]
    [TestCase("""{ "name": "years", "type": "integer", "label": {"da":"a"} }""", "facts.yeras > 3", "reads 'facts.yeras', which is not a declared fact (did you mean 'years'?); declared: years", TestName = "BadPack_ExpressionUsesUndeclaredFact")]
    [TestCase("", "facts.homeless == true", "no loaded pack declares facts", TestName = "BadPack_ExpressionUsesFactsWithNoneDeclared")]
    [TestCase("""{ "name": "level", "type": "enum", "values": ["a", "b"], "label": {"da":"a"} }""", "facts.level == \"c\"", "compares facts.level with \"c\", which is not one of its values: 'a', 'b'", TestName = "BadPack_EnumComparedWithOtherValue")]
    [TestCase("""{ "name": "years", "type": "integer", "label": {"da":"a"} }""", "facts != null", "uses 'facts' other than to read a declared fact", TestName = "BadPack_FactsAsAWhole")]
    public void BadPack_IsRefused_NamingPackLineAndFact(string facts, string expression, string message)
    {
        var pack = Probe(expression.Length == 0 ? "profile.Age > 18" : expression).Replace("\"workflows\": [", "\"facts\": [" + facts + "],\n  \"workflows\": [");
        var problems = Refusal(pack);

        var p = problems.FirstOrDefault(x => x.Message.Contains(message, StringComparison.Ordinal));
        Assert.That(p, Is.Not.Null, string.Join("\n", problems));
        Assert.That(p!.Pack, Is.EqualTo("probe-pack"));
        Assert.That(p.File, Is.EqualTo("pack1.json"));
        Assert.That(p.Line, Is.Not.Null);
        Assert.That(p.ToString(), Does.Contain(expression.Length == 0 ? "facts." : "Probe"));
    }

    [Test]
    public void FactDeclaredByTwoPacks_IsRefused_AndALaterPacksFactIsNotVisibleEarlier()
    {
        const string second = """
            { "name": "second", "version": "1.0.0", "facts": [ { "name": "homeless", "type": "boolean", "label": {"da":"x"} } ],
              "workflows": [ { "WorkflowName": "s", "Rules": [ { "RuleName": "S", "SuccessEvent": "ips", "Expression": "true",
                "Properties": { "citations": ["star-baggrundsnotat"], "evidence": "limited", "reason": {"da":"x"} } } ] } ] }
            """;
        Assert.That(Refusal(FactsPack, second).Select(p => p.Message), Has.Some.Contains("already declared by pack 'facts-pack'"));

        var early = Probe("facts.late == true");
        var late = second.Replace("\"homeless\"", "\"late\"");
        Assert.That(Refusal(early, late).Select(p => p.Message), Has.Some.Contains("which pack 'second' declares and which loads after this pack"));
    }

    [Test]
    public void TooManyFacts_AreRefused()
    {
        var facts = string.Join(",", Enumerable.Range(0, 53).Select(i => $"{{ \"name\": \"f{i}\", \"type\": \"boolean\", \"label\": {{\"da\":\"f\"}} }}"));
        var pack = Probe("profile.Age > 18").Replace("\"workflows\": [", "\"facts\": [" + facts + "],\n  \"workflows\": [");
        Assert.That(Refusal(pack).Single().Message, Does.Contain("at most 52 facts in all (64 with the 12 built-in fields)"));
    }

    [Test]
    public void Schema_ForThePack_DescribesItsFacts()
    {
        var schema = Newtonsoft.Json.Linq.JObject.Parse(Loaded.ProfileSchema());
        var facts = schema["properties"]!["facts"]!["properties"]!;

        Assert.That(facts["homeless"]!["type"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("[\"boolean\",\"null\"]"));
        Assert.That(facts["yearsInDenmark"]!["maximum"]!.ToString(), Is.EqualTo("100"));
        Assert.That(facts["danishLevel"]!["enum"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("[\"none\",\"basic\",\"fluent\",null]"));
        Assert.That(Loaded.Facts.Select(f => f.Path), Does.Contain("facts.debtThousands").And.Contain("context.caseworkerCaseload"));
    }

    [Test]
    public void Schema_ForTheBuiltInPack_IsTheShippedProfileSchema()
    {
        var shipped = File.ReadAllText(Path.Combine(RepoRoot, "rules", "schema", "profile.schema.json")).Replace("\r\n", "\n");
        Assert.That(TestProfiles.BuiltIn.ProfileSchema(), Is.EqualTo(shipped));
    }

    [Test]
    public void SamplePack_DeclaresHomeless_AndRecommendsOnIt_FromJsonAlone()
    {
        var r = PathwayRecommender.Create(o => o.Packs.Add(Path.Combine(RepoRoot, "samples", "packs", "eksempelkommune-hjemloese.json")));
        var c = r.ReadProfile(File.ReadAllText(Path.Combine(RepoRoot, "samples", "profiles", "with-packs", "homeless-activity-ready.json")));

        Assert.That(r.Recommend(c.Profile, c.Context).Recommendations.Select(x => x.InterventionId), Does.Contain("housing-support"));
        Assert.That(r.Recommend(c.Profile with { Facts = c.Profile.Facts.With("homeless", false) }).Recommendations.Select(x => x.InterventionId), Does.Not.Contain("housing-support"));
    }

    // The load-time probe (issue 15) tries a rule on every declared fact's own bounds and values, as on the built-in ones.
    [TestCase("100 / facts.yearsInDenmark > 1", "facts.yearsInDenmark 0", TestName = "Probe_DeclaredInteger_AtItsMinimum_DividesByZero")]
    [TestCase("100 / (facts.yearsInDenmark - 100) > 1", "facts.yearsInDenmark 100", TestName = "Probe_DeclaredInteger_AtItsMaximum_DividesByZero")]
    public void AnExpressionThatThrowsAtADeclaredFactsBound_IsRefusedAtLoad_NamingTheSyntheticValue(string expression, string named)
    {
        var pack = FactsPack.Replace("\"Expression\": \"facts.yearsInDenmark < 3\"", "\"Expression\": \"" + expression + "\"");

        var problems = Refusal(pack);

        Assert.That(problems, Has.Some.Matches<PackProblem>(p => p is not null && p.Rule == "Newcomer" && p.Message.Contains("throws DivideByZeroException") && p.Message.Contains(named)), string.Join("\n", problems));
    }
}
