using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Pathways.Server.Tests;

/// <summary>Feedback on cards: stored durably in SQLite, resolved across restarts, never losing a write.</summary>
public sealed class FeedbackTests
{
    private const string Profile = """{"id": "case-4711-Jensen", "age": 41, "readiness": "activity-ready", "benefit": "social-assistance", "monthsOnBenefits": 60, "weeklyPaidHours": 0}""";

    [Test]
    public async Task Feedback_IsCountedPerInterventionAndReason()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        var cards = await client.CardsAsync(Profile);
        Assert.That(cards, Has.Length.GreaterThanOrEqualTo(2));
        var first = cards[0].GetProperty("uuid").GetString()!;
        var second = cards[1].GetProperty("uuid").GetString()!;

        Assert.That((await client.PostAsync("/cds-services/pathways/feedback", Http.Json(Http.Feedback(first, "accepted")))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.PostAsync("/cds-services/pathways/feedback", Http.Json(Http.Feedback(second, "overridden", "not-available-locally")))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.PostAsync("/cds-services/pathways/feedback", Http.Json(Http.Feedback(second, "overridden", "citizen-declines")))).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var summary = await client.SummaryAsync();
        Assert.That(summary.GetProperty("accepted").GetInt32(), Is.EqualTo(1));
        Assert.That(summary.GetProperty("overridden").GetInt32(), Is.EqualTo(2));
        var byId = summary.GetProperty("interventions").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        var firstId = cards[0].GetProperty("source").GetProperty("topic").GetProperty("code").GetString()!;
        var secondId = cards[1].GetProperty("source").GetProperty("topic").GetProperty("code").GetString()!;
        Assert.That(byId[firstId].GetProperty("accepted").GetInt32(), Is.EqualTo(1));
        var reasons = byId[secondId].GetProperty("overrideReasons").EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!, r => r.GetProperty("count").GetInt32());
        Assert.That(reasons, Is.EqualTo(new Dictionary<string, int> { ["citizen-declines"] = 1, ["not-available-locally"] = 1 }));

        var hash = PathwayRecommender.Create().RuleSet.Hash;
        var forRuleSet = await (await client.GetAsync("/v1/feedback/summary?ruleSet=" + Uri.EscapeDataString(hash))).ReadJsonAsync();
        var forOther = await (await client.GetAsync("/v1/feedback/summary?ruleSet=sha256:other")).ReadJsonAsync();
        Assert.That(forRuleSet.GetProperty("overridden").GetInt32(), Is.EqualTo(2));
        Assert.That(forOther.GetProperty("interventions").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Feedback_OnAnUnknownCard_Is404_AndStoresNothingOfTheRequest()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        var known = (await client.CardsAsync(Profile))[0].GetProperty("uuid").GetString()!;
        var unknown = Guid.NewGuid().ToString();
        var body = $$"""{"feedback": [{"card": "{{known}}", "outcome": "accepted"}, {"card": "{{unknown}}", "outcome": "accepted"}]}""";

        var response = await client.PostAsync("/cds-services/pathways/feedback", Http.Json(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.MediaType(), Is.EqualTo("application/problem+json"));
        Assert.That((await response.ReadJsonAsync()).GetProperty("detail").GetString(), Does.Contain(unknown).And.Not.Contain(known));
        Assert.That((await client.SummaryAsync()).GetProperty("accepted").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task Feedback_OnACardFromAnEarlierProcess_Resolves_AndCountsSurviveARestart()
    {
        var database = TempFiles.NewDatabasePath();
        string card;
        using (var before = new ServerFactory(database))
        {
            var client = before.CreateClient();
            var cards = await client.CardsAsync(Profile);
            card = cards[1].GetProperty("uuid").GetString()!;
            await client.PostAsync("/cds-services/pathways/feedback", Http.Json(Http.Feedback(cards[0].GetProperty("uuid").GetString()!, "overridden", "caseworker-judgement")));
        }

        using var after = new ServerFactory(database);
        var again = after.CreateClient();
        var response = await again.PostAsync("/cds-services/pathways/feedback", Http.Json(Http.Feedback(card, "accepted")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var summary = await again.SummaryAsync();
        Assert.That(summary.GetProperty("accepted").GetInt32(), Is.EqualTo(1));
        Assert.That(summary.GetProperty("overridden").GetInt32(), Is.EqualTo(1));
        var reason = summary.GetProperty("interventions").EnumerateArray().SelectMany(i => i.GetProperty("overrideReasons").EnumerateArray()).Single();
        Assert.That(reason.GetProperty("code").GetString(), Is.EqualTo("caseworker-judgement"));
    }

    [Test]
    public async Task Feedback_SentConcurrently_LosesNothing()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        var cards = (await client.CardsAsync(Profile)).Select(c => c.GetProperty("uuid").GetString()!).ToArray();
        const int Sent = 400;
        using var gate = new SemaphoreSlim(16);
        var statuses = await Task.WhenAll(Enumerable.Range(0, Sent).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var body = i % 2 == 0 ? Http.Feedback(cards[i % cards.Length], "accepted") : Http.Feedback(cards[i % cards.Length], "overridden", "citizen-declines");
                return (await client.PostAsync("/cds-services/pathways/feedback", Http.Json(body))).StatusCode;
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
        var summary = await client.SummaryAsync();
        Assert.That(summary.GetProperty("accepted").GetInt32() + summary.GetProperty("overridden").GetInt32(), Is.EqualTo(Sent));
        Assert.That(Rows(server.DatabasePath, "SELECT COUNT(*) FROM feedback"), Is.EqualTo(new[] { Sent.ToString() }));
    }

    [Test]
    public async Task Database_HasAVersionedSchema_AndNoProfileContent()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        var card = (await client.CardsAsync(Profile))[0].GetProperty("uuid").GetString()!;
        await client.PostAsync("/cds-services/pathways/feedback", Http.Json(Http.Feedback(card, "overridden", "citizen-declines")));

        Assert.That(Rows(server.DatabasePath, "PRAGMA user_version"), Is.EqualTo(new[] { "1" }));
        var everything = Rows(server.DatabasePath, "SELECT uuid || ' ' || intervention_id || ' ' || rule_set_hash || ' ' || issued_at FROM cards")
            .Concat(Rows(server.DatabasePath, "SELECT card_uuid || ' ' || intervention_id || ' ' || rule_set_hash || ' ' || outcome || ' ' || override_reason || ' ' || outcome_at || ' ' || received_at FROM feedback"))
            .ToArray();
        Assert.That(everything, Has.Some.Contains(card + " "));
        Assert.That(everything, Has.Some.Contains("citizen-declines"));
        Assert.That(string.Join("\n", everything), Does.Not.Contain("4711").And.Not.Contain("Jensen").And.Not.Contain("social-assistance"));
    }

    [Test]
    public void Database_FromANewerServer_IsRefusedAtStart()
    {
        var database = TempFiles.NewDatabasePath();
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        using (var connection = new SqliteConnection("Data Source=" + database))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        using var server = new ServerFactory(database);
        var e = Assert.Catch(() => server.CreateClient());
        Assert.That(e!.ToString(), Does.Contain("schema version 99"));
    }

    internal static string[] Rows(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return rows.ToArray();
    }
}
