using System.Globalization;
using System.Text.Json;
using Pathways.Server.Cards;
using Pathways.Server.Feedback;
using Pathways.Server.Hosting;
using Pathways.Server.Http;

namespace Pathways.Server.Endpoints;

/// <summary>The CDS Hooks service: discovery, cards for a profile, and feedback on the cards.</summary>
internal static class CdsEndpoints
{
    /// <summary>The hook a case system calls when a caseworker opens a citizen's case.</summary>
    public const string Hook = "citizen-view";

    /// <summary>The service id.</summary>
    public const string ServiceId = "pathways";

    private const string ProfilePrefix = "context.profile.";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/cds-services", () => Results.Json(new
        {
            services = new[]
            {
                new
                {
                    hook = Hook,
                    id = ServiceId,
                    title = "Pathways",
                    description = "Evidence-based employment interventions for a citizen further from the labour market, from STAR's background note "
                        + "»Hvad virker for at få borgere længere fra arbejdsmarkedet i job?«: one card per recommendation with its evidence grade, "
                        + "reasons, caveats and citations. Send the citizen profile (Pathways profile JSON) as context.profile; add ?lang=en for English.",
                },
            },
        }));
        app.MapPost("/cds-services/" + ServiceId, CardsAsync);
        app.MapPost("/cds-services/" + ServiceId + "/feedback", FeedbackAsync);
    }

    private static async Task<IResult> CardsAsync(HttpContext http, IPathwayRecommender recommender, FeedbackStore store, ServerMetrics metrics)
    {
        if (!RequestBody.IsJson(http.Request)) return Problems.WrongType("application/json");
        var text = await RequestBody.ReadTextAsync(http.Request, ServerSettings.MaxBodyBytes, http.RequestAborted);
        if (text is null) return Problems.TooLarge(ServerSettings.MaxBodyBytes);
        var errors = new List<KeyValuePair<string, string>>();
        var options = QueryOptions.Read(http.Request, errors);
        if (Parse(text, errors) is not { } root) return Problems.Invalid(errors);

        CitizenCase? citizen = null;
        using (root)
        {
            var body = root.RootElement;
            if (!body.TryGetProperty("hook", out var hook) || hook.ValueKind != JsonValueKind.String || hook.GetString() != Hook)
                errors.Add(Problems.Error("hook", $"Field 'hook' must be \"{Hook}\"."));
            if (!body.TryGetProperty("hookInstance", out var instance) || instance.ValueKind != JsonValueKind.String || instance.GetString()!.Length == 0)
                errors.Add(Problems.Error("hookInstance", "Field 'hookInstance' is required: a string that identifies this call, such as a UUID."));
            if (!body.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object
                || !context.TryGetProperty("profile", out var profile) || profile.ValueKind != JsonValueKind.Object)
            {
                errors.Add(Problems.Error("context.profile", "Field 'context.profile' is required: the citizen's profile as a JSON object (Pathways profile JSON)."));
            }
            else
            {
                try
                {
                    citizen = ProfileJson.Read(profile.GetRawText());
                }
                catch (ProfileValidationException e)
                {
                    errors.AddRange(Problems.Of(e, ProfilePrefix));
                    metrics.InvalidProfile("cds");
                }
            }
        }

        if (errors.Count > 0 || citizen is null || options is null) return Problems.Invalid(errors);
        RecommendationResult result;
        try
        {
            result = recommender.Recommend(citizen.Profile, citizen.Context, options);
        }
        catch (ProfileValidationException e)
        {
            metrics.InvalidProfile("cds");
            return Problems.Invalid(Problems.Of(e, ProfilePrefix), "The profile is not valid.");
        }

        var cards = CardBuilder.Build(result);

        // Kept before the answer leaves, so that feedback on any card issued can always be resolved, even after a restart.
        await store.RecordCardsAsync(cards.Select(c => new IssuedCard(c.Uuid, c.Source.Topic.Code)).ToArray(), result.RuleSet.Hash, DateTimeOffset.UtcNow, http.RequestAborted);
        metrics.Recommended("cds");
        foreach (var c in cards) metrics.CardIssued(c.Source.Topic.Code);
        return Results.Json(new { cards });
    }

    private static async Task<IResult> FeedbackAsync(HttpContext http, FeedbackStore store, ServerMetrics metrics, ILogger<FeedbackStore> logger)
    {
        if (!RequestBody.IsJson(http.Request)) return Problems.WrongType("application/json");
        var text = await RequestBody.ReadTextAsync(http.Request, ServerSettings.MaxBodyBytes, http.RequestAborted);
        if (text is null) return Problems.TooLarge(ServerSettings.MaxBodyBytes);
        var errors = new List<KeyValuePair<string, string>>();
        if (Parse(text, errors) is not { } root) return Problems.Invalid(errors);

        var items = new List<FeedbackItem>();
        var received = DateTimeOffset.UtcNow;
        using (root)
        {
            if (!root.RootElement.TryGetProperty("feedback", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                errors.Add(Problems.Error("feedback", "Field 'feedback' is required: a non-empty array of {\"card\", \"outcome\", \"overrideReason\", \"outcomeTimestamp\"}."));
            }
            else
            {
                var i = 0;
                foreach (var entry in list.EnumerateArray())
                {
                    if (ReadItem(entry, $"feedback[{i}].", received, errors) is { } item) items.Add(item);
                    i++;
                }
            }
        }

        if (errors.Count > 0) return Problems.Invalid(errors, "The feedback is not valid.");
        var (unknown, stored) = await store.StoreAsync(items, received, http.RequestAborted);
        if (unknown.Count > 0)
        {
            return Problems.NotFound(
                "Unknown card.",
                $"No card was issued with uuid {string.Join(", ", unknown)}; feedback is taken only for cards this service issued. Nothing was stored.");
        }

        foreach (var (item, intervention) in stored) metrics.FeedbackStored(item.Outcome, intervention, item.OverrideReason);
        logger.LogInformation("Stored {Count} feedback item(s)", stored.Count);
        return Results.Json(new { stored = stored.Count });
    }

    private static FeedbackItem? ReadItem(JsonElement entry, string at, DateTimeOffset received, List<KeyValuePair<string, string>> errors)
    {
        var before = errors.Count;
        if (entry.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Problems.Error(at.TrimEnd('.'), "Each feedback entry must be an object."));
            return null;
        }

        string? card = null;
        if (entry.TryGetProperty("card", out var c) && c.ValueKind == JsonValueKind.String && c.GetString() is { Length: > 0 and <= 100 } s) card = s;
        else errors.Add(Problems.Error(at + "card", $"Field '{at}card' is required: the uuid of a card this service issued."));

        string? outcome = null;
        if (entry.TryGetProperty("outcome", out var o) && o.ValueKind == JsonValueKind.String && o.GetString() is "accepted" or "overridden") outcome = o.GetString();
        else errors.Add(Problems.Error(at + "outcome", $"Field '{at}outcome' is required: 'accepted' or 'overridden'."));

        string? reason = null;
        var hasReason = entry.TryGetProperty("overrideReason", out var r) && r.ValueKind != JsonValueKind.Null;
        if (outcome == "overridden")
        {
            if (hasReason && r.ValueKind == JsonValueKind.Object && r.TryGetProperty("reason", out var coding) && coding.ValueKind == JsonValueKind.Object
                && coding.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && CardTexts.IsOverrideReason(code.GetString()!))
            {
                reason = code.GetString();
            }
            else
            {
                errors.Add(Problems.Error(at + "overrideReason", $"Field '{at}overrideReason' is required when the outcome is 'overridden': {{\"reason\": {{\"code\": …}}}} with one of {CardTexts.OverrideReasonCodes}."));
            }
        }
        else if (outcome == "accepted" && hasReason)
        {
            errors.Add(Problems.Error(at + "overrideReason", $"Field '{at}overrideReason' is only for the outcome 'overridden'."));
        }

        var when = received;
        if (entry.TryGetProperty("outcomeTimestamp", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                when = parsed;
            else
                errors.Add(Problems.Error(at + "outcomeTimestamp", $"Field '{at}outcomeTimestamp' must be an ISO 8601 date and time, such as \"2026-12-05T10:30:00Z\"."));
        }

        return errors.Count == before ? new FeedbackItem(card!, outcome!, reason, when) : null;
    }

    /// <summary>Parses a JSON object body; a malformed or non-object body becomes an error on the document.</summary>
    private static JsonDocument? Parse(string text, List<KeyValuePair<string, string>> errors)
    {
        try
        {
            var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc;
            doc.Dispose();
            errors.Add(Problems.Error(Problems.Document, "The body must be one JSON object."));
        }
        catch (JsonException e)
        {
            errors.Add(Problems.Error(Problems.Document, $"Malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}."));
        }

        return null;
    }
}
