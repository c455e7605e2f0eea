using System.Text;
using Newtonsoft.Json.Linq;

namespace Pathways.Tests;

/// <summary>
/// One line never aborts a batch: whatever a line holds or a rule does, that line gets its own error object and
/// every other line its answer; only <c>\n</c> and <c>\r\n</c> end a line (issue 16, items 2 and 4).
/// </summary>
public sealed class NdjsonRobustnessTests
{
    private const string Valid = "{\"id\":\"a\",\"age\":45,\"readiness\":\"activity-ready\",\"mentalIllness\":true}";

    private static string Profile(string idJson) => Valid.Replace("\"a\"", idJson, StringComparison.Ordinal);

    private static async Task<JObject[]> Run(string input, IPathwayRecommender? recommender = null)
    {
        var output = new StringWriter();
        await NdjsonBatch.RunAsync(new StringReader(input), output, recommender ?? TestProfiles.BuiltIn);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToArray();
    }

    [TestCase("\"\\ud800\"", TestName = "Surrogate_LoneHigh")]
    [TestCase("\"\\udc00\"", TestName = "Surrogate_LoneLow")]
    [TestCase("\"x\\ud800y\"", TestName = "Surrogate_HighInside")]
    [TestCase("\"\\ud800\\u0041\"", TestName = "Surrogate_HighThenOtherEscape")]
    [TestCase("\"\\udc00\\ud800\"", TestName = "Surrogate_Reversed")]
    [TestCase("\"\\ud800\\n\"", TestName = "Surrogate_HighThenNewlineEscape")]
    public async Task LoneSurrogateId_GivesItsOwnErrorObject_AndTheBatchGoesOn(string idJson)
    {
        var lines = await Run(Valid + "\n" + Profile(idJson) + "\n" + Valid + "\n");

        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That((string?)lines[0]["id"], Is.EqualTo("a"));
        Assert.That((long?)lines[1]["line"], Is.EqualTo(2));
        Assert.That((string?)lines[1]["error"]!["message"], Does.Contain("lone surrogate"));
        Assert.That((string?)lines[2]["id"], Is.EqualTo("a"));
    }

    [TestCase("\"\\ud83d\\ude00\"", "\ud83d\ude00", TestName = "Surrogate_PairIsText")]
    [TestCase("\"\\\\ud800\"", "\\ud800", TestName = "Surrogate_EscapedBackslashIsText")]
    [TestCase("\"\\u00e6\"", "æ", TestName = "Surrogate_OtherEscapeIsText")]
    public async Task ValidEscapes_AreAnsweredWithTheSameId(string idJson, string id)
    {
        var lines = await Run(Profile(idJson) + "\n");

        Assert.That((string?)lines.Single()["id"], Is.EqualTo(id));
    }

    [TestCase(typeof(FormatException), TestName = "Throwing_FormatException")]
    [TestCase(typeof(InvalidOperationException), TestName = "Throwing_InvalidOperation")]
    [TestCase(typeof(NullReferenceException), TestName = "Throwing_NullReference")]
    public async Task ARuleThatThrows_GivesThatLineAnErrorObject_WithoutItsData(Type exception)
    {
        var throwing = new Throwing(exception);

        var lines = await Run(Valid + "\n" + Profile("\"010190-1234\"") + "\n" + Valid + "\n", throwing);

        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That((string?)lines[0]["id"], Is.EqualTo("a"));
        Assert.That((long?)lines[1]["line"], Is.EqualTo(2));
        Assert.That((string?)lines[1]["error"]!["message"], Does.Contain(exception.Name));
        Assert.That(lines[1].ToString(), Does.Not.Contain("010190"));
        Assert.That((string?)lines[2]["id"], Is.EqualTo("a"));
    }

    [TestCase("\r", TestName = "Cr_BareInsideTheLine")]
    [TestCase("\r\r", TestName = "Cr_TwoInsideTheLine")]
    public async Task ABareCr_DoesNotSplitALine(string cr)
    {
        var withCr = Valid.Replace(",\"age\"", "," + cr + "\"age\"", StringComparison.Ordinal);

        var lines = await Run(withCr + "\n" + "{\"age\":\"x\"}\n");

        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That((string?)lines[0]["id"], Is.EqualTo("a"));
        Assert.That((long?)lines[1]["line"], Is.EqualTo(2));
    }

    [TestCase("\n", TestName = "Endings_Lf")]
    [TestCase("\r\n", TestName = "Endings_CrLf")]
    public async Task LineEndings_LfAndCrLf_EndALine(string ending)
    {
        var lines = await Run(Valid + ending + "{\"age\":\"x\"}" + ending + ending + Valid);

        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That((long?)lines[1]["line"], Is.EqualTo(2));
        Assert.That((string?)lines[2]["id"], Is.EqualTo("a"));
    }

    [Test]
    public async Task ALineLongerThanTheReadBuffer_IsOneLine()
    {
        var longId = new string('x', 100_000);

        var lines = await Run(Profile("\"" + longId + "\"") + "\r\n" + Valid);

        Assert.That(lines.Select(l => (string?)l["id"]), Is.EqualTo(new[] { longId, "a" }));
    }

    /// <summary>The built-in recommender, except that it throws for the citizen with a CPR-shaped id.</summary>
    private sealed class Throwing(Type exception) : IPathwayRecommender
    {
        public RuleSetInfo RuleSet => TestProfiles.BuiltIn.RuleSet;

        public RecommendationResult Recommend(CitizenProfile profile, AssessmentContext? context = null) => Recommend(profile, context, RecommendOptions.Default);

        public RecommendationResult Recommend(CitizenProfile profile, AssessmentContext? context, RecommendOptions options) =>
            profile.Id == "010190-1234"
                ? throw (Exception)Activator.CreateInstance(exception, $"Input string '{profile.Id}' was not in a correct format.")!
                : TestProfiles.BuiltIn.Recommend(profile, context, options);
    }
}
