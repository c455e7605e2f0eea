using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Pathways.Server.Hosting;

/// <summary>The outcome of the last reload, for <c>/health</c>.</summary>
/// <param name="Succeeded">Whether the changed packs are now in force.</param>
/// <param name="At">When the reload ran.</param>
/// <param name="Problems">Why it failed (file, pack, rule, line), empty on success.</param>
internal sealed record ReloadState(bool Succeeded, DateTimeOffset At, IReadOnlyList<string> Problems);

/// <summary>
/// Loads the rule set at start (a refused pack stops the server with the library's message) and reloads it when a
/// configured pack file, or a <c>*.json</c> file in a configured pack folder, changes. Changes are gathered for a
/// short moment first, because editors save a file in several writes. A failed reload keeps the last good rule set
/// and is shown by <c>/health</c>.
/// </summary>
internal sealed class PackWatcher(PathwayRecommender recommender, IOptions<PathwaysOptions> options, ILogger<PackWatcher> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);
    private readonly List<PhysicalFileProvider> _providers = new();
    private readonly object _gate = new();
    private IDisposable? _subscription;
    private Timer? _timer;
    private volatile ReloadState? _last;

    /// <summary>The last reload since start, or <see langword="null"/> when none has run.</summary>
    public ReloadState? LastReload => _last;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var tokens = new List<Func<IChangeToken>>();
        foreach (var pack in options.Value.Packs)
        {
            var full = Path.GetFullPath(pack);
            if (Directory.Exists(full))
            {
                var provider = new PhysicalFileProvider(full);
                _providers.Add(provider);
                tokens.Add(() => provider.Watch("*.json"));
            }
            else if (Path.GetDirectoryName(full) is { } folder && Directory.Exists(folder))
            {
                var provider = new PhysicalFileProvider(folder);
                _providers.Add(provider);
                var name = Path.GetFileName(full);
                tokens.Add(() => provider.Watch(name));
            }
        }

        if (tokens.Count > 0)
        {
            try
            {
                _subscription = ChangeToken.OnChange(() => new CompositeChangeToken(tokens.Select(t => t()).ToList()), Changed);
                logger.LogInformation("Watching {Count} pack location(s) for changes", tokens.Count);
            }
            catch (IOException e)
            {
                // Typically the system's limit of file watchers; the server still serves the rule set it loaded.
                logger.LogWarning("Pack files cannot be watched, so changes are not reloaded: {Problem} (DOTNET_USE_POLLING_FILE_WATCHER=1 polls instead)", e.Message);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _subscription?.Dispose();
            _subscription = null;
            _timer?.Dispose();
            _timer = null;
            foreach (var p in _providers) p.Dispose();
            _providers.Clear();
        }
    }

    /// <summary>Reloads now and records the outcome.</summary>
    public ReloadState ReloadNow()
    {
        var result = recommender.Reload();
        var state = new ReloadState(result.Succeeded, DateTimeOffset.UtcNow, result.Problems.Select(p => p.ToString()).ToArray());
        _last = state;
        return state;
    }

    /// <summary>A reload on a timer thread must never take the process down: anything unforeseen is a failed reload.</summary>
    private void ReloadSafely()
    {
        try
        {
            ReloadNow();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            logger.LogError("Reloading the rule packs failed; the rule set in force stays: {Problem}", e.Message);
            _last = new ReloadState(false, DateTimeOffset.UtcNow, new[] { e.Message });
        }
    }

    private void Changed()
    {
        lock (_gate)
        {
            if (_subscription is null && _providers.Count == 0) return;
            _timer ??= new Timer(_ => ReloadSafely(), null, Timeout.Infinite, Timeout.Infinite);
            _timer.Change(Settle, Timeout.InfiniteTimeSpan);
        }
    }
}
