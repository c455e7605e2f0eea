using System.Diagnostics.Metrics;

namespace Pathways.Server.Hosting;

/// <summary>
/// The service's counters, on the meter <c>Pathways.Server</c> (collect them with OpenTelemetry or
/// <c>dotnet-counters monitor --counters Pathways.Server</c>). Tags carry only endpoint names, outcomes, reason codes
/// and intervention ids — never anything about a citizen.
/// </summary>
internal sealed class ServerMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Pathways.Server";

    private readonly Counter<long> _recommendations;
    private readonly Counter<long> _cards;
    private readonly Counter<long> _invalidProfiles;
    private readonly Counter<long> _feedback;

    public ServerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _recommendations = meter.CreateCounter<long>("pathways.server.recommendations", "{profile}", "Profiles answered with a result, by endpoint (recommend, batch, cds).");
        _cards = meter.CreateCounter<long>("pathways.server.cards", "{card}", "CDS Hooks cards issued, by intervention.");
        _invalidProfiles = meter.CreateCounter<long>("pathways.server.invalid_profiles", "{profile}", "Profiles refused as invalid, by endpoint.");
        _feedback = meter.CreateCounter<long>("pathways.server.feedback", "{feedback}", "Caseworker feedback stored, by outcome (accepted, overridden), intervention and override reason.");
    }

    public void Recommended(string endpoint, long profiles = 1)
    {
        if (profiles > 0) _recommendations.Add(profiles, new KeyValuePair<string, object?>("endpoint", endpoint));
    }

    public void CardIssued(string interventionId) => _cards.Add(1, new KeyValuePair<string, object?>("intervention", interventionId));

    public void InvalidProfile(string endpoint, long profiles = 1)
    {
        if (profiles > 0) _invalidProfiles.Add(profiles, new KeyValuePair<string, object?>("endpoint", endpoint));
    }

    public void FeedbackStored(string outcome, string interventionId, string? reason) => _feedback.Add(
        1,
        new KeyValuePair<string, object?>("outcome", outcome),
        new KeyValuePair<string, object?>("intervention", interventionId),
        new KeyValuePair<string, object?>("reason", reason ?? string.Empty));
}
