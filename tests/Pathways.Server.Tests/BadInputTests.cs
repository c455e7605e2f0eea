using System.Net;
using System.Text;

namespace Pathways.Server.Tests;

/// <summary>Every endpoint refuses bad input with a problem document: 400 naming each field, 413, 415 — never a crash.</summary>
public sealed class BadInputTests : ServerTest
{
    private const string Valid = """{"age": 45, "readiness": "activity-ready"}""";
    private const string Invalid = """{"age": 5, "readiness": "ready", "mentalIlness": true, "context": {"caseworkerCaseload": 0}}""";

    [TestCase("/v1/recommend", "{\"age\": 45,", "$")]
    [TestCase("/v1/recommend", "[]", "$")]
    [TestCase("/v1/recommend", "", "$")]
    [TestCase("/v1/recommend", Invalid, "age|readiness|mentalIlness|context.caseworkerCaseload")]
    [TestCase("/v1/recommend", """{"readiness": "job-ready", "weeklyPaidHours": "many"}""", "age|weeklyPaidHours")]
    [TestCase("/v1/recommend?lang=fr&explain=maybe", Valid, "lang|explain")]
    [TestCase("/cds-services/pathways", "{\"hook\": ", "$")]
    [TestCase("/cds-services/pathways", """{"hook": "patient-view", "context": {}}""", "hook|hookInstance|context.profile")]
    [TestCase("/cds-services/pathways", $$$"""{"hook": "citizen-view", "hookInstance": "1", "context": {"profile": {{{Invalid}}}}}""", "context.profile.age|context.profile.readiness|context.profile.mentalIlness|context.profile.context.caseworkerCaseload")]
    [TestCase("/cds-services/pathways/feedback", "nonsense", "$")]
    [TestCase("/cds-services/pathways/feedback", """{"feedback": []}""", "feedback")]
    [TestCase("/cds-services/pathways/feedback", """{"feedback": [{"outcome": "ignored"}, {"card": "x", "outcome": "overridden", "outcomeTimestamp": "yesterday"}, {"card": "y", "outcome": "accepted", "overrideReason": {"reason": {"code": "citizen-declines"}}}]}""", "feedback[0].card|feedback[0].outcome|feedback[1].overrideReason|feedback[1].outcomeTimestamp|feedback[2].overrideReason")]
    [TestCase("/cds-services/pathways/feedback", """{"feedback": [{"card": "x", "outcome": "overridden", "overrideReason": {"reason": {"code": "no-time"}}}]}""", "feedback[0].overrideReason")]
    public async Task InvalidJsonOrProfile_Is400_NamingEveryField(string path, string body, string fields)
    {
        var response = await Client.PostAsync(path, Http.Json(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.MediaType(), Is.EqualTo("application/problem+json"));
        var errors = (await response.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name);
        Assert.That(errors, Is.EquivalentTo(fields.Split('|')));
    }

    [Test]
    public async Task Batch_WithABadQuery_Is400()
    {
        var response = await Client.PostAsync("/v1/batch?lang=de", Http.Ndjson(Valid + "\n"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Single().Name, Is.EqualTo("lang"));
    }

    [TestCase("/v1/recommend", "text/plain")]
    [TestCase("/v1/recommend", "application/x-www-form-urlencoded")]
    [TestCase("/v1/recommend", null)]
    [TestCase("/v1/batch", "application/json")]
    [TestCase("/cds-services/pathways", "text/plain")]
    [TestCase("/cds-services/pathways/feedback", "application/xml")]
    public async Task WrongContentType_Is415(string path, string? type)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Valid));
        if (type is not null) content.Headers.ContentType = Http.Type(type);
        var response = await Client.PostAsync(path, content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(response.MediaType(), Is.EqualTo("application/problem+json"));
    }

    [TestCase("/v1/recommend", true)]
    [TestCase("/v1/recommend", false)]
    [TestCase("/cds-services/pathways", true)]
    [TestCase("/cds-services/pathways/feedback", false)]
    public async Task BodyOver1MB_Is413(string path, bool declaredLength)
    {
        // Spaces are valid JSON whitespace, so only the size can be wrong; without a declared length (chunked) the
        // limit must hold while reading.
        var bytes = Encoding.UTF8.GetBytes(Valid + new string(' ', 1024 * 1024));
        HttpContent content = declaredLength ? new ByteArrayContent(bytes) : new StreamContent(new NoLengthStream(bytes));
        content.Headers.ContentType = Http.Type("application/json");
        var response = await Client.PostAsync(path, content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(response.MediaType(), Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task BodyOf1MBExactly_IsRead()
    {
        var padding = 1024 * 1024 - Encoding.UTF8.GetByteCount(Valid);
        var response = await Client.PostAsync("/v1/recommend", Http.Json(Valid + new string(' ', padding)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Batch_OverItsLimit_Is413()
    {
        using var small = new ServerFactory(settings: new Dictionary<string, string?> { ["Server:MaxBatchBytes"] = "1000" });
        var response = await small.CreateClient().PostAsync("/v1/batch", Http.Ndjson(string.Concat(Enumerable.Repeat(Valid + "\n", 100))));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [TestCase("GET", "/v1/recommend", HttpStatusCode.MethodNotAllowed)]
    [TestCase("GET", "/no/such/path", HttpStatusCode.NotFound)]
    public async Task UnknownRoutes_AnswerWithAProblem(string method, string path, HttpStatusCode status)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.MediaType(), Is.EqualTo("application/problem+json"));
    }

    /// <summary>A body whose length is not known beforehand, so that it is sent chunked.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
