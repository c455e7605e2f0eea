using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration.Memory;
using Pathways.Server.Endpoints;
using Pathways.Server.Feedback;
using Pathways.Server.Hosting;

namespace Pathways.Server;

/// <summary>Builds the web application: services from configuration, then every endpoint of CONTRACT §7.</summary>
internal static class PathwaysServer
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Defaults beneath every other source (appsettings.json, environment, command line): the framework's
        // per-request lines are kept out of the log unless asked for.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls)
            && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"])
            && string.IsNullOrWhiteSpace(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(ServerSettings.DefaultUrl);
        }

        // Each endpoint sets its own limit (1 MB, or the batch limit), so Kestrel's single 30 MB default is lifted.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);

        var services = builder.Services;
        services.AddPathways(builder.Configuration.GetSection("Pathways"));
        services.Configure<ServerSettings>(builder.Configuration.GetSection("Server"));
        services.AddProblemDetails();
        // Danish letters and quotes as written: answers are JSON for programs, never pasted into HTML (the page sets textContent).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<FeedbackStore>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedbackStore>());
        services.AddSingleton<PackWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PackWatcher>());
        services.AddSingleton<WarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<WarmUp>());

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        ServiceEndpoints.Map(app);
        RecommendEndpoints.Map(app);
        CdsEndpoints.Map(app);
        PageEndpoints.Map(app);
        return app;
    }
}
