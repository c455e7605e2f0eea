using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>
/// Packs are strict JSON (RFC 8259) and every number in them is range-checked: lenient JSON read octal years and
/// accepted NaN, and a number too large for its field threw instead of being reported (issue 16, items 3 and 7).
/// </summary>
public sealed class StrictPackTests
{
    // A valid pack; each test changes one piece of it.
    private const string Valid = """
        {
          "name": "strict-pack",
          "version": "1.0.0",
          "parameters": [ { "name": "strictMinAge", "value": 30, "description": { "da": "Lokalt valg." } } ],
          "citations": [ { "key": "strict-2020", "authors": "Strict", "year": 2012, "finding": { "da": "Fund." } } ],
          "interventions": [ { "id": "strict-help", "kind": "intervention", "conclusion": 2, "title": { "da": "Hjælp" } } ],
          "workflows": [ { "WorkflowName": "strict", "Rules": [
            { "RuleName": "Strict_Rule", "SuccessEvent": "strict-help", "Expression": "profile.Age >= strictMinAge", "RuleExpressionType": "LambdaExpression",
              "Properties": { "citations": ["strict-2020"], "evidence": "limited", "reason": { "da": "Grund." } } } ] } ]
        }
        """;

    private static string With(string find, string replace)
    {
        Assert.That(Valid, Does.Contain(find), "the test's find text must be in the pack");
        return Valid.Replace(find, replace, StringComparison.Ordinal);
    }

    [Test]
    public void ValidPack_Loads() => Assert.That(Load(Valid).RuleSet.Name, Is.EqualTo("pathways+strict-pack"));

    [TestCase("\"year\": 2012", "\"year\": 03734", 5, TestName = "Lenient_OctalYear")]
    [TestCase("\"year\": 2012", "\"year\": 0x7DC", 5, TestName = "Lenient_HexYear")]
    [TestCase("\"value\": 30", "\"value\": .5", 4, TestName = "Lenient_LeadingDot")]
    [TestCase("\"value\": 30", "\"value\": NaN", 4, TestName = "Lenient_NaN")]
    [TestCase("\"value\": 30", "\"value\": Infinity", 4, TestName = "Lenient_Infinity")]
    [TestCase("\"value\": 30", "\"value\": -Infinity", 4, TestName = "Lenient_MinusInfinity")]
    [TestCase("\"value\": 30", "\"value\": +30", 4, TestName = "Lenient_PlusSign")]
    [TestCase("\"conclusion\": 2,", "\"conclusion\": 2, }, {", 6, TestName = "Lenient_BrokenObject")]
    [TestCase("\"title\": { \"da\": \"Hjælp\" }", "\"title\": { \"da\": \"Hjælp\", }", 6, TestName = "Lenient_TrailingCommaInObject")]
    [TestCase("[\"strict-2020\"]", "[\"strict-2020\",]", 9, TestName = "Lenient_TrailingCommaInArray")]
    [TestCase("\"version\": \"1.0.0\"", "version: \"1.0.0\"", 3, TestName = "Lenient_UnquotedKey")]
    [TestCase("\"version\": \"1.0.0\"", "'version': '1.0.0'", 3, TestName = "Lenient_SingleQuotes")]
    [TestCase("\"version\": \"1.0.0\",", "\"version\": \"1.0.0\", // the version", 3, TestName = "Lenient_LineComment")]
    [TestCase("\"version\": \"1.0.0\",", "\"version\": \"1.0.0\", /* the version */", 3, TestName = "Lenient_BlockComment")]
    [TestCase("\"name\": \"strict-pack\",", "\"name\": \"strict-pack\",\n  \"x\": undefined,", 3, TestName = "Lenient_Undefined")]
    public void LenientJson_IsMalformed_WithLineAndPosition(string find, string replace, int line)
    {
        var problems = Refusal(With(find, replace));

        Assert.That(problems, Has.Count.EqualTo(1), string.Join("\n", problems));
        Assert.That(problems[0].Message, Does.StartWith($"Malformed JSON at line {line}, position "));
        Assert.That(problems[0].Line, Is.EqualTo(line));
        Assert.That(problems[0].File, Is.EqualTo("pack1.json"));
    }

    [TestCase(" /* c */ {\"name\": \"other\"}", TestName = "Trailing_CommentThenObject")]
    [TestCase(" {}", TestName = "Trailing_SecondObject")]
    [TestCase(" x", TestName = "Trailing_Text")]
    public void ContentAfterThePack_IsMalformed(string tail)
    {
        var problems = Refusal(Valid + tail);

        Assert.That(problems, Has.Count.EqualTo(1), string.Join("\n", problems));
        Assert.That(problems[0].Message, Does.StartWith("Malformed JSON at line 10, position "));
    }

    [Test]
    public void MalformedPosition_CountsCharactersNotBytes()
    {
        // "Hjælp" has one two-byte character before the error on the same line.
        var problems = Refusal(With("\"title\": { \"da\": \"Hjælp\" }", "\"title\": { \"da\": \"Hjælp\" x }"));

        var at = Valid.Split('\n')[5].IndexOf("\"Hjælp\" }", StringComparison.Ordinal) + "\"Hjælp\" ".Length + 1;
        Assert.That(problems[0].Message, Does.StartWith($"Malformed JSON at line 6, position {at}:"));
    }

    [TestCase("\"year\": 2012", "\"year\": 99999999999999999999", "year 99999999999999999999", "from 1900 to 2100", TestName = "Overflow_Year")]
    [TestCase("\"year\": 2012", "\"year\": -99999999999999999999", "year -99999999999999999999", "from 1900 to 2100", TestName = "Overflow_NegativeYear")]
    [TestCase("\"conclusion\": 2", "\"conclusion\": 99999999999999999999", "conclusion 99999999999999999999", "allowed 1–5", TestName = "Overflow_Conclusion")]
    [TestCase("\"RuleExpressionType\": \"LambdaExpression\"", "\"RuleExpressionType\": 99999999999999999999", "RuleExpressionType 99999999999999999999", "only 'LambdaExpression'", TestName = "Overflow_RuleExpressionType")]
    [TestCase("\"value\": 30", "\"value\": 99999999999999999999", "value 99999999999999999999", "from -2147483648 to 2147483647", TestName = "Overflow_WholeParameter")]
    [TestCase("\"value\": 30", "\"value\": 3000000000", "value 3000000000", "from -2147483648 to 2147483647", TestName = "Overflow_ParameterBeyondInt")]
    [TestCase("\"value\": 30", "\"value\": 1e400", "value ", "finite number", TestName = "Overflow_ParameterInfinite")]
    [TestCase("\"value\": 30", "\"value\": -1e400", "value ", "finite number", TestName = "Overflow_ParameterMinusInfinite")]
    public void NumberOutOfRange_IsAProblemNamingTheFieldAndRange(string find, string replace, string field, string allowed)
    {
        var problems = Refusal(With(find, replace));

        Assert.That(problems, Is.Not.Empty);
        Assert.That(problems[0].Message, Does.Contain(field).And.Contain(allowed), string.Join("\n", problems));
        Assert.That(problems[0].File, Is.EqualTo("pack1.json"));
    }

    [TestCase("\"year\": 2012", "\"year\": 99999999999999999999", TestName = "Reload_OverflowYear")]
    [TestCase("\"value\": 30", "\"value\": 1e400", TestName = "Reload_InfiniteParameter")]
    [TestCase("\"version\": \"1.0.0\",", "\"version\": \"1.0.0\", // c", TestName = "Reload_Comment")]
    public void Reload_OfAnyBadPack_ReturnsAFailedResult(string find, string replace)
    {
        var current = Valid;
        var r = PathwayRecommender.Create(o => o.AddPackFromStream("pack1.json", () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(current))));
        var before = r.RuleSet.Hash;

        current = With(find, replace);
        var result = r.Reload();

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems, Is.Not.Empty);
        Assert.That(r.RuleSet.Hash, Is.EqualTo(before));
    }

    [Test]
    public void Reload_WhenTheStreamThrows_ReturnsAFailedResult()
    {
        var fail = false;
        var r = PathwayRecommender.Create(o => o.AddPackFromStream("pack1.json", () => fail ? throw new InvalidOperationException("gone") : new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Valid))));

        fail = true;
        var result = r.Reload();

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems[0].File, Is.EqualTo("pack1.json"));
    }
}
