using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Pathways.Server.Tests;

/// <summary>
/// The server in-process (the test host, or Kestrel on 127.0.0.1 and a free port), with its own SQLite file and a
/// logger that keeps every entry at every level, so that tests can read what the service logged.
/// </summary>
internal sealed class ServerFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ServerFactory(string? databasePath = null, IDictionary<string, string?>? settings = null)
    {
        DatabasePath = databasePath ?? TempFiles.NewDatabasePath();
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Server:FeedbackDatabase"] = DatabasePath,
        };
    }

    public string DatabasePath { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Starts the server on Kestrel at 127.0.0.1 and a free port, and returns its address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(l =>
        {
            l.ClearProviders();
            l.AddProvider(Logs);
            l.SetMinimumLevel(LogLevel.Trace);
            l.AddFilter((_, _) => true);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
    }
}

/// <summary>Keeps every log entry: category, level, the formatted message, each structured value and the exception.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            entries.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            entries.Enqueue($"{category} {logLevel}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}

/// <summary>Temporary files of the tests, under one folder that is removed at the end of the run.</summary>
internal static class TempFiles
{
    public static readonly string Root = Path.Combine(Path.GetTempPath(), "pathways-server-tests-" + Environment.ProcessId);

    public static string NewDatabasePath() => Path.Combine(Root, Guid.NewGuid().ToString("N"), "feedback.db");

    public static string NewFolder()
    {
        var path = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>The repository's sample profiles and packs.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    public static string Profiles => Path.Combine(Root, "samples", "profiles");

    public static string Packs => Path.Combine(Root, "samples", "packs");

    public static string Profile(string name) => File.ReadAllText(Path.Combine(Profiles, name + ".json"));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pathways.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Pathways.sln not found above the test directory.");
    }
}

[SetUpFixture]
public sealed class TempFilesCleanup
{
    [OneTimeTearDown]
    public void RemoveTempFiles()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(TempFiles.Root)) Directory.Delete(TempFiles.Root, recursive: true);
    }
}
