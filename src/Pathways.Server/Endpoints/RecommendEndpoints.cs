using System.Text;
using Microsoft.Extensions.Options;
using Pathways.Server.Hosting;
using Pathways.Server.Http;

namespace Pathways.Server.Endpoints;

/// <summary><c>POST /v1/recommend</c> (one profile, the console's JSON bytes) and <c>POST /v1/batch</c> (NDJSON, streamed).</summary>
internal static class RecommendEndpoints
{
    private static readonly UTF8Encoding Utf8 = new(false);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/recommend", RecommendAsync);
        app.MapPost("/v1/batch", BatchAsync);
    }

    private static async Task<IResult> RecommendAsync(HttpContext http, IPathwayRecommender recommender, ServerMetrics metrics)
    {
        if (!RequestBody.IsJson(http.Request)) return Problems.WrongType("application/json");
        var text = await RequestBody.ReadTextAsync(http.Request, ServerSettings.MaxBodyBytes, http.RequestAborted);
        if (text is null) return Problems.TooLarge(ServerSettings.MaxBodyBytes);
        var errors = new List<KeyValuePair<string, string>>();
        var options = QueryOptions.Read(http.Request, errors);
        RecommendationResult? result = null;
        try
        {
            var citizen = ProfileJson.Read(text);
            if (options is not null) result = recommender.Recommend(citizen.Profile, citizen.Context, options);
        }
        catch (ProfileValidationException e)
        {
            errors.AddRange(Problems.Of(e));
            metrics.InvalidProfile("recommend");
        }

        if (result is null) return Problems.Invalid(errors, "The profile is not valid.");
        metrics.Recommended("recommend");

        // Exactly what `pathways recommend --format json` prints: the library's serializer, then one newline.
        return Results.Text(RecommendationJson.Serialize(result) + "\n", "application/json; charset=utf-8", Utf8);
    }

    private static async Task BatchAsync(HttpContext http, IPathwayRecommender recommender, ServerMetrics metrics, IOptions<ServerSettings> settings)
    {
        var limit = settings.Value.MaxBatchBytes;
        IResult? refusal = null;
        var errors = new List<KeyValuePair<string, string>>();
        var options = QueryOptions.Read(http.Request, errors);
        if (!RequestBody.IsNdjson(http.Request)) refusal = Problems.WrongType("application/x-ndjson");
        else if (RequestBody.DeclaredTooLarge(http.Request, limit)) refusal = Problems.TooLarge(limit);
        else if (options is null) refusal = Problems.Invalid(errors);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        using var input = new StreamReader(new LimitedReadStream(http.Request.Body, limit), Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        await using var output = new StreamWriter(http.Response.Body, Utf8, bufferSize: 64 * 1024, leaveOpen: true);
        try
        {
            // The library reads, recommends and writes a chunk of lines at a time, so neither body is ever held whole.
            var summary = await NdjsonBatch.RunAsync(input, output, recommender, options, null, http.RequestAborted);
            metrics.Recommended("batch", summary.Profiles);
            metrics.InvalidProfile("batch", summary.InvalidLines);
        }
        catch (BodyTooLargeException)
        {
            // Once the answer has started no 413 can be sent any more: the connection is cut instead.
            if (http.Response.HasStarted) http.Abort();
            else await Problems.TooLarge(limit).ExecuteAsync(http);
        }
    }
}
