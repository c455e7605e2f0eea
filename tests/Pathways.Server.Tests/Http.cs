using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Pathways.Server.Tests;

/// <summary>Small request helpers shared by the tests.</summary>
internal static class Http
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Ndjson(string text) => new(text, Encoding.UTF8, "application/x-ndjson");

    public static string CdsRequest(string profileJson) =>
        $$$"""{"hookInstance": "{{{Guid.NewGuid()}}}", "hook": "citizen-view", "context": {"profile": {{{profileJson}}}}}""";

    public static string Feedback(string card, string outcome, string? reason = null)
    {
        var overrideReason = reason is null ? string.Empty : $$$""", "overrideReason": {"reason": {"system": "urn:pathways:override-reason", "code": "{{{reason}}}"}}""";
        return $$$"""{"feedback": [{"card": "{{{card}}}", "outcome": "{{{outcome}}}"{{{overrideReason}}}, "outcomeTimestamp": "2026-12-05T10:30:00Z"}]}""";
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Issues cards for a profile through the CDS service and returns them.</summary>
    public static async Task<JsonElement[]> CardsAsync(this HttpClient client, string profileJson, string query = "")
    {
        var response = await client.PostAsync("/cds-services/pathways" + query, Json(CdsRequest(profileJson)));
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("cards").EnumerateArray().ToArray();
    }

    public static async Task<JsonElement> SummaryAsync(this HttpClient client) =>
        await (await client.GetAsync("/v1/feedback/summary")).ReadJsonAsync();

    public static string? MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType;

    public static MediaTypeHeaderValue Type(string value) => MediaTypeHeaderValue.Parse(value);
}
