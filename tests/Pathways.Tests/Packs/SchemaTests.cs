using System.Reflection;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>
/// The JSON Schemas in rules/schema describe what the library accepts: every shipped and test pack validates, broken
/// packs do not, and the schema names exactly the keys the pack parser allows.
/// </summary>
public sealed class SchemaTests
{
    private static JsonSchema PackSchema => JsonSchema.FromFileAsync(Path.Combine(RepoRoot, "rules", "schema", "pack.schema.json")).GetAwaiter().GetResult();

    private static JsonSchema ProfileSchema => JsonSchema.FromFileAsync(Path.Combine(RepoRoot, "rules", "schema", "profile.schema.json")).GetAwaiter().GetResult();

    private static IEnumerable<string> ShippedAndTestPacks()
    {
        var root = RepoRoot;
        yield return "rules/pathways.json";
        foreach (var f in Directory.GetFiles(Path.Combine(root, "samples"), "*.json", SearchOption.AllDirectories).Where(IsPack))
            yield return Path.GetRelativePath(root, f).Replace('\\', '/');
        foreach (var f in Directory.GetFiles(Path.Combine(root, "tests", "Pathways.Tests", "Packs", "TestPacks"), "*.json", SearchOption.AllDirectories))
            yield return Path.GetRelativePath(root, f).Replace('\\', '/');
    }

    private static bool IsPack(string file) => JToken.Parse(File.ReadAllText(file)) is JObject o && o["workflows"] is not null;

    [TestCaseSource(nameof(ShippedAndTestPacks))]
    public void ShippedAndTestPack_ValidatesAgainstThePackSchema_AndPointsAtIt(string relative)
    {
        var file = Path.Combine(RepoRoot, relative);
        var json = File.ReadAllText(file);
        var errors = PackSchema.Validate(json);
        Assert.That(errors.Select(e => $"{e.Path}: {e.Kind}"), Is.Empty);

        // "$schema" resolves, relative to the pack, to rules/schema/pack.schema.json.
        var pointer = (string?)JObject.Parse(json)["$schema"];
        Assert.That(pointer, Is.Not.Null, "the pack names its schema");
        Assert.That(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, pointer!)), Is.EqualTo(Path.GetFullPath(Path.Combine(RepoRoot, "rules", "schema", "pack.schema.json"))));
    }

    [Test]
    public void ThereAreSamplePacksToCheck() => Assert.That(ShippedAndTestPacks().Count(p => p.StartsWith("samples/", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1));

    [TestCase("\"name\": \"probe-pack\"", "\"name\": \"Probe Pack\"", "PatternMismatch", TestName = "Schema_NameNotKebab")]
    [TestCase("\"evidence\": \"limited\"", "\"evidence\": \"high\"", "NotInEnumeration", TestName = "Schema_UnknownEvidence")]
    [TestCase("\"evidence\": \"limited\"", "\"evidence\": \"limited\", \"citation\": []", "NoAdditionalPropertiesAllowed", TestName = "Schema_UnknownRuleProperty")]
    [TestCase("\"RuleName\": \"Probe\",", "\"RuleName\": \"Probe\", \"Operator\": \"Xor\",", "NotInEnumeration", TestName = "Schema_BadOperator")]
    [TestCase("\"version\": \"1.0.0\",", "\"version\": 1,", "StringExpected", TestName = "Schema_VersionNotString")]
    [TestCase("\"RuleName\": \"Probe\",", "\"RuleName\": \"Probe\", \"Actions\": {},", "NoAdditionalPropertiesAllowed", TestName = "Schema_Actions")]
    [TestCase("\"Expression\": \"profile.Age > 18\",", "", "NotAnyOf", TestName = "Schema_RuleWithoutExpression")]
    public void BrokenPack_FailsThePackSchema(string find, string replace, string kind)
    {
        var json = Probe("profile.Age > 18").Replace(find, replace);
        Assert.That(json, Is.Not.EqualTo(Probe("profile.Age > 18")));
        var errors = Flatten(PackSchema.Validate(json)).Select(e => e.Kind.ToString()).ToList();
        Assert.That(errors, Does.Contain(kind));
    }

    [Test]
    public void DisablingOverride_WithoutExpression_IsValid()
    {
        const string json = """
            { "name": "off", "version": "1.0.0", "workflows": [ { "WorkflowName": "w", "Rules": [
              { "RuleName": "PrivateWageSubsidy_Boom", "Enabled": false, "Properties": { "override": true } } ] } ] }
            """;
        Assert.That(PackSchema.Validate(json), Is.Empty);
    }

    // The schema lists exactly the keys the parser accepts, so that editors and the library agree.
    [TestCase("TopLevelKeys", "#")]
    [TestCase("WorkflowKeys", "#/definitions/workflow")]
    [TestCase("RuleKeys", "#/definitions/rule")]
    [TestCase("PropertyKeys", "#/definitions/ruleProperties")]
    [TestCase("CitationKeys", "#/definitions/citation")]
    [TestCase("InterventionKeys", "#/definitions/intervention")]
    [TestCase("ParameterKeys", "#/definitions/parameter")]
    [TestCase("FactKeys", "#/definitions/fact")]
    public void Schema_NamesTheKeysTheParserAllows(string parserField, string pointer)
    {
        var allowed = (string[])typeof(PackParser).GetField(parserField, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var schema = JObject.Parse(File.ReadAllText(Path.Combine(RepoRoot, "rules", "schema", "pack.schema.json")));
        var node = pointer == "#" ? schema : (JObject)schema.SelectToken(pointer.Substring(2).Replace('/', '.'))!;
        var keys = ((JObject)node["properties"]!).Properties().Select(p => p.Name);
        Assert.That(keys, Is.EquivalentTo(allowed));
    }

    private static readonly string ContractProfile = """
        {
          "id": "case-0042", "age": 45, "readiness": "activity-ready", "benefit": "social-assistance",
          "mentalIllness": false, "inMentalHealthTreatment": null, "monthsOnBenefits": 48, "weeklyPaidHours": 0,
          "hasChildrenAged5To14": true, "flexJobApproved": false,
          "context": { "businessCycle": "normal", "caseworkerCaseload": 70, "caseworkerExpectsJob": false }
        }
        """;

    [Test]
    public void ContractProfile_ValidatesAgainstTheProfileSchema_AndReads()
    {
        Assert.That(ProfileSchema.Validate(ContractProfile), Is.Empty);
        Assert.DoesNotThrow(() => ProfileJson.Read(ContractProfile));
    }

    [TestCase("\"age\": 45", "\"age\": 14", TestName = "ProfileSchema_AgeBelowRange")]
    [TestCase("\"readiness\": \"activity-ready\"", "\"readiness\": \"ready\"", TestName = "ProfileSchema_UnknownReadiness")]
    [TestCase("\"mentalIllness\": false", "\"mentalIlness\": false", TestName = "ProfileSchema_MisspeltField")]
    [TestCase("\"caseworkerCaseload\": 70", "\"caseworkerCaseload\": 0", TestName = "ProfileSchema_CaseloadBelowRange")]
    [TestCase("\"weeklyPaidHours\": 0", "\"weeklyPaidHours\": 81", TestName = "ProfileSchema_HoursAboveRange")]
    [TestCase("\"businessCycle\": \"normal\"", "\"businessCycle\": \"slump\"", TestName = "ProfileSchema_UnknownBusinessCycle")]
    public void BrokenProfile_FailsTheProfileSchema_AndTheReader(string find, string replace)
    {
        var json = ContractProfile.Replace(find, replace);
        Assert.That(json, Is.Not.EqualTo(ContractProfile));
        Assert.That(ProfileSchema.Validate(json), Is.Not.Empty);
        Assert.That(() => ProfileJson.Read(json), Throws.InstanceOf<ProfileValidationException>());
    }

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors)
    {
        foreach (var e in errors)
        {
            yield return e;
            if (e is NJsonSchema.Validation.ChildSchemaValidationError c)
            {
                foreach (var inner in Flatten(c.Errors.SelectMany(kv => kv.Value)))
                    yield return inner;
            }
        }
    }
}
