namespace Pathways.Server.Http;

/// <summary>The <c>application/problem+json</c> answers of the service, each naming what was wrong.</summary>
internal static class Problems
{
    /// <summary>The key for a problem with the body as a whole (malformed JSON, an empty body).</summary>
    public const string Document = "$";

    /// <summary>400 with <c>errors</c>: every field that is wrong, each with its sentences.</summary>
    public static IResult Invalid(IEnumerable<KeyValuePair<string, string>> errors, string title = "The request is not valid.")
    {
        var grouped = errors
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Value).ToArray(), StringComparer.Ordinal);
        return Results.ValidationProblem(grouped, title: title);
    }

    /// <summary>The problems of a refused profile as <c>errors</c> entries, keyed by field (under <paramref name="prefix"/>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Of(ProfileValidationException e, string prefix = "") =>
        e.Problems.Select(p => new KeyValuePair<string, string>(p.Field is null ? (prefix.Length == 0 ? Document : prefix.TrimEnd('.')) : prefix + p.Field, p.Message));

    /// <summary>One error entry.</summary>
    public static KeyValuePair<string, string> Error(string field, string message) => new(field, message);

    /// <summary>413: the body is over the limit.</summary>
    public static IResult TooLarge(long limit) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large.",
        detail: $"The body is larger than {limit} bytes, the most this endpoint accepts.");

    /// <summary>415: the body is not of the type the endpoint reads.</summary>
    public static IResult WrongType(string expected) => Results.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "The request body has the wrong content type.",
        detail: $"Send the body with Content-Type: {expected}.");

    /// <summary>404: something the request names does not exist.</summary>
    public static IResult NotFound(string title, string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);
}
