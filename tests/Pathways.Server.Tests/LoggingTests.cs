namespace Pathways.Server.Tests;

/// <summary>Nothing about the citizen reaches the log, at any level, whatever the endpoint and whether the input is valid.</summary>
public sealed class LoggingTests
{
    [Test]
    public async Task NothingAboutTheCitizen_IsLogged()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        const string Secret = """{"id": "cpr-0101901234-Hansen", "age": 57, "readiness": "activity-ready", "benefit": "sickness-benefit", "monthsOnBenefits": 4711, "mentalIllness": true}""";
        const string BadSecret = """{"id": "cpr-0101901234-Hansen", "age": 57, "readiness": "activity-ready", "monthsOnBenefits": 4711, "mentalIlness": "Hansen-diagnosis"}""";

        await client.PostAsync("/v1/recommend", Http.Json(Secret));
        await client.PostAsync("/v1/recommend", Http.Json(BadSecret));
        await client.PostAsync("/v1/batch", Http.Ndjson(Secret + "\n" + BadSecret + "\n"));
        var cards = await client.CardsAsync(Secret);
        await client.PostAsync("/cds-services/pathways", Http.Json(Http.CdsRequest(BadSecret)));
        await client.PostAsync("/cds-services/pathways/feedback", Http.Json(Http.Feedback(cards[0].GetProperty("uuid").GetString()!, "overridden", "citizen-declines")));

        var log = string.Join("\n", server.Logs.Entries);
        Assert.That(server.Logs.Entries, Has.Some.Contains("Stored 1 feedback item(s)"), "the capturing logger must see the service's own entries");
        Assert.That(server.Logs.Entries, Has.Some.Contains("/v1/recommend"), "the capturing logger must see the framework's request entries");
        foreach (var secret in new[] { "0101901234", "Hansen", "4711", "sickness-benefit", "diagnosis" })
            Assert.That(log, Does.Not.Contain(secret));
    }
}
