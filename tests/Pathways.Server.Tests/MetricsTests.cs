using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Pathways.Server.Hosting;

namespace Pathways.Server.Tests;

/// <summary>The counters of the meter <c>Pathways.Server</c>, read with a <see cref="MeterListener"/>.</summary>
public sealed class MetricsTests
{
    [Test]
    public async Task Counters_CountRecommendationsByEndpoint_AndFeedbackByOutcome()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        var seen = new ConcurrentQueue<(string Instrument, long Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ServerMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen.Enqueue((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();

        const string Profile = """{"age": 41, "readiness": "activity-ready", "benefit": "social-assistance"}""";
        await client.PostAsync("/v1/recommend", Http.Json(Profile));
        await client.PostAsync("/v1/recommend", Http.Json("""{"age": 4}"""));
        await client.PostAsync("/v1/batch", Http.Ndjson(Profile + "\n" + Profile + "\n{}\n"));
        var cards = await client.CardsAsync(Profile);
        var intervention = cards[0].GetProperty("source").GetProperty("topic").GetProperty("code").GetString();
        await client.PostAsync("/cds-services/pathways/feedback", Http.Json(Http.Feedback(cards[0].GetProperty("uuid").GetString()!, "accepted")));
        await client.PostAsync("/cds-services/pathways/feedback", Http.Json(Http.Feedback(cards[0].GetProperty("uuid").GetString()!, "overridden", "citizen-declines")));
        await client.PostAsync("/cds-services/pathways/feedback", Http.Json(Http.Feedback(cards[0].GetProperty("uuid").GetString()!, "overridden", "citizen-declines")));

        long Sum(string name, string tags) => seen.Where(m => m.Instrument == name && m.Tags == tags).Sum(m => m.Value);
        Assert.That(Sum("pathways.server.recommendations", "endpoint=recommend"), Is.EqualTo(1));
        Assert.That(Sum("pathways.server.recommendations", "endpoint=batch"), Is.EqualTo(2));
        Assert.That(Sum("pathways.server.recommendations", "endpoint=cds"), Is.EqualTo(1));
        Assert.That(Sum("pathways.server.invalid_profiles", "endpoint=recommend"), Is.EqualTo(1));
        Assert.That(Sum("pathways.server.invalid_profiles", "endpoint=batch"), Is.EqualTo(1));
        Assert.That(seen.Where(m => m.Instrument == "pathways.server.cards").Sum(m => m.Value), Is.EqualTo(cards.Length));
        Assert.That(Sum("pathways.server.feedback", $"outcome=accepted,intervention={intervention},reason="), Is.EqualTo(1));
        Assert.That(Sum("pathways.server.feedback", $"outcome=overridden,intervention={intervention},reason=citizen-declines"), Is.EqualTo(2));
    }
}
