using System.Text;
using Pathways.Benchmarks;

namespace Pathways.Tests;

/// <summary>
/// The one profile reader: strict JSON (RFC 8259, issue 16 item 3), no personal data in its messages (issue 16 item 6),
/// and the round trip of the values the batch writes.
/// </summary>
[TestFixture]
public sealed class ProfileReaderTests
{
    [Test]
    public void SeededRandomLines_ReadBackAsTheProfilesWritten()
    {
        var random = new Random(77);
        for (var i = 0; i < 20_000; i++)
        {
            var c = RandomProfiles.Next(random, i);
            var sb = new StringBuilder();
            RandomProfiles.WriteJson(c, new StringWriter(sb));
            var read = ProfileJson.Read(sb.ToString());
            Assert.That(read.Profile, Is.EqualTo(c.Profile), sb.ToString());
        }
    }

    // Lenient JSON used to give wrong advice: 070 was read as octal 56, 0x2D as 45.
    [TestCase("{\"age\":070,\"readiness\":\"job-ready\"}", TestName = "Strict_LeadingZero")]
    [TestCase("{\"age\":045,\"readiness\":\"job-ready\"}", TestName = "Strict_LeadingZero045")]
    [TestCase("{\"age\":0x2D,\"readiness\":\"job-ready\"}", TestName = "Strict_Hex")]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"weeklyPaidHours\":.5}", TestName = "Strict_LeadingDot")]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",}", TestName = "Strict_TrailingComma")]
    [TestCase("{age:40,\"readiness\":\"job-ready\"}", TestName = "Strict_UnquotedKey")]
    [TestCase("{'age':40,'readiness':'job-ready'}", TestName = "Strict_SingleQuotes")]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\"} // note", TestName = "Strict_LineComment")]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\"} /* c */ {\"age\":12}", TestName = "Strict_ContentAfterComment")]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\"}{}", TestName = "Strict_TrailingObject")]
    [TestCase("{\"age\":NaN,\"readiness\":\"job-ready\"}", TestName = "Strict_NaN")]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"weeklyPaidHours\":Infinity}", TestName = "Strict_Infinity")]
    [TestCase("{\"age\":+40,\"readiness\":\"job-ready\"}", TestName = "Strict_PlusSign")]
    public void LenientJson_IsMalformed_WithLineAndPosition(string json)
    {
        var e = Assert.Throws<ProfileValidationException>(() => ProfileJson.Read(json, "p.json"))!;

        Assert.That(e.Problems, Has.Count.EqualTo(1));
        Assert.That(e.Message, Does.Match(@"^p\.json: Malformed JSON at line 1, position \d+"));
        Assert.That(e.Problems[0].Line, Is.EqualTo(1));
    }

    // Never echo the id or a property name that is not a field name; cap what is echoed.
    [TestCase("{\"id\":010190-1234,\"age\":40,\"readiness\":\"job-ready\"}", "010190-1234", TestName = "Privacy_CprShapedIdUnquoted")]
    [TestCase("{\"id\":101901234,\"age\":40,\"readiness\":\"job-ready\"}", "101901234", TestName = "Privacy_NumericId")]
    [TestCase("{\"id\":[\"0101901234\"],\"age\":40,\"readiness\":\"job-ready\"}", "0101901234", TestName = "Privacy_IdArray")]
    [TestCase("{\"id\":\"0101901234\",\"age\":4,\"readiness\":\"job-ready\"}", "0101901234", TestName = "Privacy_IdWithOtherProblem")]
    [TestCase("{\"0101901234\":1,\"age\":40,\"readiness\":\"job-ready\"}", "0101901234", TestName = "Privacy_DigitsAsPropertyName")]
    [TestCase("{\"Jens Hansen\":true,\"age\":40,\"readiness\":\"job-ready\"}", "Jens Hansen", TestName = "Privacy_NameAsPropertyName")]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"context\":{\"Jens Hansen\":1}}", "Jens Hansen", TestName = "Privacy_NameInContext")]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"facts\":{\"Jens Hansen\":1}}", "Jens Hansen", TestName = "Privacy_NameInFacts")]
    [TestCase("{\"age\":40,\"readiness\":\"Jens Hansen, Nørregade 1, 8000 Aarhus C, tlf 12345678\"}", "12345678", TestName = "Privacy_LongValueCapped")]
    public void Messages_NeverEchoTheIdOrImplausibleNames(string json, string secret)
    {
        var e = Assert.Throws<ProfileValidationException>(() => ProfileJson.Read(json, "p.json"))!;

        Assert.That(e.Message, Does.Not.Contain(secret));
        Assert.That(e.Problems.Select(p => p.Message + p.Value), Has.None.Contains(secret));
        Assert.That(e.Problems.All(p => p.Line is not null), Is.True);
    }

    [Test]
    public void ImplausiblePropertyName_IsReportedByPosition()
    {
        var e = Assert.Throws<ProfileValidationException>(() => ProfileJson.Read("{\"age\":40,\n \"readiness\":\"job-ready\",\"12 34\":1}"))!;

        Assert.That(e.Problems.Single().Message, Does.StartWith("Unknown property at line 2, position 26"));
    }

    [Test]
    public void LoneSurrogate_IsRefused_WithoutEchoingIt()
    {
        // Built at run time: an attribute argument cannot carry a lone surrogate.
        var raw = "{\"id\":\"" + (char)0xD800 + "\",\"age\":40,\"readiness\":\"job-ready\"}";
        Assert.That(Assert.Throws<ProfileValidationException>(() => ProfileJson.Read(raw))!.Message, Does.Contain("lone surrogate"));

        var escaped = "{\"id\":\"\\ud800\",\"age\":40,\"readiness\":\"job-ready\"}";
        Assert.That(Assert.Throws<ProfileValidationException>(() => ProfileJson.Read(escaped))!.Problems.Single().Field, Is.EqualTo("id"));
    }

    [TestCase("{\"age\":40,\"readiness\":\"job-ready\"}")]
    [TestCase(" {\"age\":40,\"readiness\":\"job-ready\",\"context\":{}} ")]
    [TestCase("{\"id\":null,\"age\":15,\"readiness\":\"unknown\",\"benefit\":null,\"context\":null,\"facts\":null}")]
    [TestCase("{\"id\":\"\\u00e6\\n\\\"x\\\"\",\"age\":100,\"readiness\":\"education-ready\"}")]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"weeklyPaidHours\":1e1,\"monthsOnBenefits\":0}")]
    [TestCase("{\"a\\u0067e\":40,\"readiness\":\"job-ready\"}")]
    [TestCase("{\"age\":40.0,\"readiness\":\"job-ready\"}")]
    public void StrictJson_IsRead(string json) => Assert.That(ProfileJson.Read(json).Profile.Age, Is.InRange(15, 100));
}
