using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Pathways;

/// <summary>
/// The recommender: the compiled rule set held behind one reference, so that a call reads it once and a reload
/// replaces it whole. Logs load events only, never profile contents.
/// </summary>
public sealed class PathwayRecommender : IPathwayRecommender
{
    private readonly PathwaysOptions _options;
    private readonly ILogger _logger;
    private readonly object _reloadLock = new();
    private volatile CompiledRuleSet _ruleSet;
    private readonly TimeProvider _clock;
    private readonly bool _systemClock;
    private volatile Today? _today;

    /// <summary>Creates a recommender from options (as dependency injection does) and loads its packs.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid; every problem is listed.</exception>
    /// <exception cref="PackLoadException">A pack is refused; every problem is listed.</exception>
    public PathwayRecommender(IOptions<PathwaysOptions> options, ILogger<PathwayRecommender>? logger = null)
    {
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _clock = _options.TimeProvider ?? TimeProvider.System;
        _systemClock = ReferenceEquals(_clock, TimeProvider.System);
        var problems = _options.Validate();
        if (problems.Count > 0) throw new OptionsValidationException(Options.DefaultName, typeof(PathwaysOptions), problems);
        try
        {
            _ruleSet = PackSources.Build(_options);
            _ruleSet.FailureLog.Logger = _logger;
        }
        catch (PackLoadException e)
        {
            _logger.LogError("Pathways refused its rule packs: {Problem} ({Count} problem(s))", e.Problems[0].ToString(), e.Problems.Count);
            throw;
        }

        // Asked first: formatting a message nobody reads (the null logger) is a cost at every start.
        if (_logger.IsEnabled(LogLevel.Information))
            _logger.LogInformation("Pathways loaded rule set {Name} {Version} with {Rules} rules ({Hash})", _ruleSet.Info.Name, _ruleSet.Info.Version, _ruleSet.RuleCount, _ruleSet.Info.Hash);
        LogWarnings(_ruleSet);
    }

    /// <summary>Creates a recommender without dependency injection.</summary>
    /// <param name="configure">Sets the options; <see langword="null"/> loads the built-in pack only.</param>
    public static PathwayRecommender Create(Action<PathwaysOptions>? configure = null)
    {
        var options = new PathwaysOptions();
        configure?.Invoke(options);
        return new PathwayRecommender(Options.Create(options));
    }

    /// <inheritdoc />
    public RuleSetInfo RuleSet => _ruleSet.Info;

    /// <summary>
    /// Reads and compiles the configured packs again (files, folders and streams) and, if every pack is valid, puts
    /// the new rule set in force with one reference swap: calls in flight finish on the rule set they started with,
    /// later calls use the new one, and no call ever sees a mix. If anything is wrong, the rule set in force stays,
    /// and the problems are logged (pack, rule and line only, never profile data) and returned. Thread-safe.
    /// </summary>
    /// <returns>Whether the reload succeeded, the rule set now in force, and the problems when it did not.</returns>
    public PackReloadResult Reload() => PackReload.Run(this);

    /// <summary>
    /// Reloads whenever a change token from <paramref name="changeTokenProducer"/> fires, for example
    /// <c>() =&gt; fileProvider.Watch("packs/*.json")</c>. A failed reload keeps the rule set in force and is logged.
    /// </summary>
    /// <param name="changeTokenProducer">Produces the token to watch; it is called again after each change.</param>
    /// <returns>Dispose it to stop watching.</returns>
    public IDisposable ReloadOnChange(Func<Microsoft.Extensions.Primitives.IChangeToken?> changeTokenProducer)
    {
        if (changeTokenProducer is null) throw new ArgumentNullException(nameof(changeTokenProducer));
        return Microsoft.Extensions.Primitives.ChangeToken.OnChange(changeTokenProducer, () => Reload());
    }

    /// <summary>
    /// Every fact the loaded rules can read: the built-in fields of the profile and context, then the facts the packs
    /// declare (CONTRACT §4.1), each with its type, range or values, label and place in the profile JSON.
    /// </summary>
    public IReadOnlyList<FactDefinition> Facts => _ruleSet.Facts.All;

    /// <summary>
    /// Reads one profile object from JSON, checking its <c>facts</c> against the facts the loaded packs declare, so that
    /// every problem of the profile (built-in fields and declared facts) is listed at once.
    /// </summary>
    /// <param name="json">The JSON text of one profile object (CONTRACT §2).</param>
    /// <param name="source">A file name or other label used in error messages.</param>
    /// <exception cref="ProfileValidationException">The JSON is malformed or the profile breaks the contract.</exception>
    public CitizenCase ReadProfile(string json, string? source = null) =>
        ProfileReader.Read(json ?? throw new ArgumentNullException(nameof(json)), _ruleSet.Facts, openFacts: false, source);

    /// <summary>The profile JSON Schema (draft-07) for the loaded packs, their declared facts included.</summary>
    public string ProfileSchema() => Pathways.ProfileSchema.Write(_ruleSet.Facts);

    /// <summary>Logs what makes the packs' advice poorer but not wrong (CONTRACT §4.4): pack, rule and line only.</summary>
    internal void LogWarnings(CompiledRuleSet set)
    {
        foreach (var w in set.Warnings.Concat(set.PackWarnings))
            _logger.LogWarning("Pathways pack warning: {Warning}", w.ToString());
    }

    internal PathwaysOptions LoadOptions => _options;

    internal ILogger Logger => _logger;

    internal object ReloadLock => _reloadLock;

    internal void Swap(CompiledRuleSet next)
    {
        next.FailureLog.Logger = _logger;
        _ruleSet = next;
    }

    internal CompiledRuleSet Compiled => _ruleSet;

    /// <inheritdoc />
    public RecommendationResult Recommend(CitizenProfile profile, AssessmentContext? context = null) =>
        Recommend(profile, context, RecommendOptions.Default);

    /// <inheritdoc />
    public RecommendationResult Recommend(CitizenProfile profile, AssessmentContext? context, RecommendOptions options)
    {
        if (profile is null) throw new ArgumentNullException(nameof(profile));
        if (options is null) throw new ArgumentNullException(nameof(options));
        var ctx = context ?? AssessmentContext.Unknown;
        // The rule set checks the built-in fields and the declared facts together, against its own fact table.
        return _ruleSet.Recommend(profile, ctx, options.Language ?? _options.Language, options.Explain, AssessmentDateOf(ctx));
    }

    /// <summary>The context's assessment date, or today's date in Denmark from the configured clock.</summary>
    internal DateTime AssessmentDateOf(AssessmentContext context) => context.AssessmentDate ?? TodayInDenmark();

    private DateTime TodayInDenmark()
    {
        if (_systemClock) return SystemToday.Today();

        // Any other clock (a test's) is read on every call; the date holds to the end of its UTC hour, as Denmark's
        // midnight and summer-time changes fall on whole UTC hours.
        var ticks = _clock.GetUtcNow().UtcTicks;
        var hour = ticks / TimeSpan.TicksPerHour;
        var today = _today;
        if (today is not null && today.Hour == hour) return today.Date;
        var date = AssessmentDates.DanishDate(new DateTime(ticks, DateTimeKind.Utc));
        _today = new Today(hour, date);
        return date;
    }

    private sealed record Today(long Hour, DateTime Date);
}
