using System.Reflection;
using Pathways.Server.Page;

namespace Pathways.Server.Endpoints;

/// <summary>The caseworker's page at <c>/</c> (plain HTML, CSS and JavaScript embedded in the assembly) and the form's fields.</summary>
internal static class PageEndpoints
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    {
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/app.js", "app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "app.css", "text/css; charset=utf-8"),
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var (path, resource, type) in Files)
        {
            var bytes = Read(resource);
            app.MapGet(path, (HttpContext http) =>
            {
                // Only this server's own script and style run on the page; texts are inserted as text, never as HTML.
                http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.Bytes(bytes, type);
            });
        }

        app.MapGet("/v1/profile-fields", (IPathwayRecommender recommender) => Results.Json(new { fields = ProfileFields.For(recommender) }));
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Pathways.Server.Page." + name)
            ?? throw new InvalidOperationException($"The page resource {name} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
