using System.Text;
using Pathways.Benchmarks;

namespace Pathways.Tests;

/// <summary>The batch's fast profile reader either reads exactly what ProfileJson reads, or declines.</summary>
[TestFixture]
public sealed class FastProfileReaderTests
{
    [Test]
    public void SeededRandomLines_ReadExactlyAsProfileJson_AndAreNeverDeclined()
    {
        var random = new Random(77);
        for (var i = 0; i < 20_000; i++)
        {
            var sb = new StringBuilder();
            RandomProfiles.WriteJson(RandomProfiles.Next(random, i), new StringWriter(sb));
            var line = sb.ToString();
            var fast = FastProfileReader.TryRead(line);
            Assert.That(fast, Is.Not.Null, line);
            Assert.That(fast, Is.EqualTo(ProfileJson.Read(line)), line);
        }
    }

    [Test]
    public void LoneSurrogate_IsDeclined()
    {
        // Built at run time: an attribute argument cannot carry a lone surrogate.
        var line = "{\"id\":\"" + (char)0xD800 + "\",\"age\":40,\"readiness\":\"job-ready\"}";
        Assert.That(FastProfileReader.TryRead(line), Is.Null);
        Assert.That(ProfileJson.Read(line).Profile.Id, Is.EqualTo(((char)0xD800).ToString()));
    }

    [TestCase("{\"age\":40,\"readiness\":\"job-ready\"}", true)]
    [TestCase(" {\"age\":40,\"readiness\":\"job-ready\",\"context\":{}} ", true)]
    [TestCase("{\"id\":null,\"age\":15,\"readiness\":\"unknown\",\"benefit\":null,\"context\":null}", true)]
    [TestCase("{\"id\":\"\\u00e6\\n\\\"x\\\"\",\"age\":100,\"readiness\":\"education-ready\"}", true)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"weeklyPaidHours\":1e1,\"monthsOnBenefits\":0}", true)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"weeklyPaidHours\":-0.0}", true)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"weeklyPaidHours\":15.000000000000001}", true)]
    [TestCase("{\"age\":40.0,\"readiness\":\"job-ready\"}", false)]
    [TestCase("{\"age\":040,\"readiness\":\"job-ready\"}", false)]
    [TestCase("{\"age\":14,\"readiness\":\"job-ready\"}", false)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"age\":41}", false)]
    [TestCase("{\"age\":40,\"readiness\":\"Job-Ready\"}", false)]
    [TestCase("{\"age\":40,\"readiness\":null}", false)]
    [TestCase("{\"age\":40}", false)]
    [TestCase("{\"a\\u0067e\":40,\"readiness\":\"job-ready\"}", false)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"mentalIlness\":true}", false)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"context\":{\"caseworkerCaseload\":0}}", false)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"context\":{\"caseworkerCaseload\":5,\"caseworkerCaseload\":6}}", false)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"context\":[]}", false)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"id\":7}", false)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"mentalIllness\":\"true\"}", false)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",\"weeklyPaidHours\":80.5}", false)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\"} // note", false)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\"}{}", false)]
    [TestCase("{'age':40,'readiness':'job-ready'}", false)]
    [TestCase("{\"age\":40,\"readiness\":\"job-ready\",}", false)]
    [TestCase("[1]", false)]
    [TestCase("", false)]
    public void TrickyLine_IsReadAsProfileJsonReadsIt_OrDeclined(string line, bool readFast)
    {
        var fast = FastProfileReader.TryRead(line);
        Assert.That(fast is not null, Is.EqualTo(readFast));
        if (fast is not null) Assert.That(fast, Is.EqualTo(ProfileJson.Read(line)));
    }
}
