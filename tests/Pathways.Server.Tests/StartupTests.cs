using Microsoft.Extensions.DependencyInjection;

namespace Pathways.Server.Tests;

/// <summary>Where the server listens: 127.0.0.1:5080 unless told otherwise.</summary>
public sealed class StartupTests
{
    [TestCase(new string[0], "http://127.0.0.1:5080")]
    [TestCase(new[] { "--urls", "http://127.0.0.1:6123" }, "http://127.0.0.1:6123")]
    public async Task Server_ListensOnLoopback5080_UnlessUrlsSaysOtherwise(string[] args, string expected)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"))) Assert.Ignore("ASPNETCORE_URLS is set in this environment.");
        await using var app = PathwaysServer.Build(args);
        Assert.That(app.Configuration["urls"], Is.EqualTo(expected));
    }
}

/// <summary>The server warms up right after start, so that a caseworker's first request is not the one that pays.</summary>
public sealed class WarmUpTests
{
    [Test]
    public async Task TheServer_WarmsUpOnASyntheticProfile_AndLogsOnlyHowLongItTook()
    {
        using var server = new ServerFactory();
        _ = server.CreateClient();
        await server.Services.GetRequiredService<Hosting.WarmUp>().Completion;

        var entries = server.Logs.Entries.Where(e => e.Contains("Warm", StringComparison.Ordinal)).ToList();
        Assert.That(entries, Has.Count.EqualTo(1).And.Some.Match(@"Warmed up in \d+ ms"));
    }
}
