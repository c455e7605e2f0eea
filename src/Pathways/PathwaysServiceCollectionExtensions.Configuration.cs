using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Pathways;

public static partial class PathwaysServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPathwayRecommender"/> as a singleton with options read from a configuration section,
    /// for example <c>"Pathways": { "Packs": ["rules/local.json"], "Language": "da", "Parameters": { "youngMaxAge": 25 } }</c>.
    /// Every bad or unknown setting is reported at once when the options are first used (at host start-up).
    /// Calling it again with the same section is harmless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section that holds the settings, usually <c>configuration.GetSection("Pathways")</c>.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddPathways(this IServiceCollection services, IConfiguration configuration)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (configuration is null) throw new ArgumentNullException(nameof(configuration));
        services.AddPathways(_ => { });
        foreach (var d in services)
        {
            if (d.ImplementationInstance is PathwaysConfigurationReader r && ReferenceEquals(r.Configuration, configuration))
                return services;
        }

        var reader = new PathwaysConfigurationReader(configuration);
        services.AddSingleton<IConfigureOptions<PathwaysOptions>>(reader);
        services.AddSingleton<IOptionsChangeTokenSource<PathwaysOptions>>(new ConfigurationChangeTokenSource<PathwaysOptions>(Options.DefaultName, configuration));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PathwaysOptions>, ConfigurationProblemsValidator>());
        return services;
    }

    /// <summary>Shared by every <c>AddPathways</c> overload; each registration is added once however often it is called.</summary>
    private static void AddPathwaysCore(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IPostConfigureOptions<PathwaysOptions>) && d.ImplementationType == typeof(DistinctPacks)))
            return;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<PathwaysOptions>, DistinctPacks>());
        services.AddOptions<PathwaysOptions>().ValidateOnStart();
    }

    /// <summary>
    /// Loading one pack file twice only ever ends in "defined twice" errors, so a path that two registrations both
    /// add (the same section bound twice, say) is kept once, at its first place.
    /// </summary>
    /// <remarks>It also takes the clock for "today": a <see cref="TimeProvider"/> registered in the container, unless the options name one.</remarks>
    private sealed class DistinctPacks(IServiceProvider services) : IPostConfigureOptions<PathwaysOptions>
    {
        public void PostConfigure(string? name, PathwaysOptions options)
        {
            options.TimeProvider ??= services.GetService(typeof(TimeProvider)) as TimeProvider;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < options.Packs.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(options.Packs[i])) continue;
                if (!seen.Add(FullPath(options.Packs[i]))) options.Packs.RemoveAt(i--);
            }
        }

        private static string FullPath(string path)
        {
            try
            {
                return Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
            {
                return path;
            }
        }
    }

    /// <summary>
    /// Reads the section by hand rather than with ConfigurationBinder, which stops at the first value it cannot
    /// convert and ignores misspelt keys; here every problem is collected and reported together by the validator.
    /// </summary>
    private sealed class PathwaysConfigurationReader : IConfigureOptions<PathwaysOptions>
    {
        private static readonly string[] Keys = { "Packs", "Language", "IncludeBuiltInPack", "Parameters" };

        public PathwaysConfigurationReader(IConfiguration configuration) => Configuration = configuration;

        public IConfiguration Configuration { get; }

        public void Configure(PathwaysOptions options)
        {
            var prefix = Configuration is IConfigurationSection s && s.Path.Length > 0 ? s.Path + ":" : "";
            var problems = new List<string>();
            foreach (var child in Configuration.GetChildren())
            {
                var key = Keys.FirstOrDefault(k => string.Equals(k, child.Key, StringComparison.OrdinalIgnoreCase));
                switch (key)
                {
                    case "Packs":
                        ReadPacks(child, prefix, options, problems);
                        break;
                    case "Language":
                        if (Enum.TryParse<Language>(child.Value, ignoreCase: true, out var language) && Enum.IsDefined(typeof(Language), language)
                            && !char.IsDigit(child.Value![0]))
                            options.Language = language;
                        else
                            problems.Add($"{prefix}Language has value '{child.Value}': allowed 'da' or 'en'.");
                        break;
                    case "IncludeBuiltInPack":
                        if (bool.TryParse(child.Value, out var include)) options.IncludeBuiltInPack = include;
                        else problems.Add($"{prefix}IncludeBuiltInPack has value '{child.Value}': allowed true or false.");
                        break;
                    case "Parameters":
                        ReadParameters(child, prefix, options, problems);
                        break;
                    default:
                        problems.Add($"{prefix}{child.Key} is not a Pathways setting: allowed {string.Join(", ", Keys)}.");
                        break;
                }
            }

            ConfigurationProblems.Record(options, problems);
        }

        private static void ReadPacks(IConfigurationSection packs, string prefix, PathwaysOptions options, List<string> problems)
        {
            var items = packs.GetChildren().ToList();
            if (items.Count == 0 && !string.IsNullOrEmpty(packs.Value))
            {
                Add(packs.Value!);
                return;
            }

            foreach (var item in items)
            {
                if (item.Value is null)
                    problems.Add($"{prefix}Packs:{item.Key} is not a path: give each pack file or folder as a string.");
                else
                    Add(item.Value);
            }

            void Add(string path)
            {
                if (!options.Packs.Contains(path, StringComparer.Ordinal)) options.Packs.Add(path);
            }
        }

        private static void ReadParameters(IConfigurationSection parameters, string prefix, PathwaysOptions options, List<string> problems)
        {
            foreach (var p in parameters.GetChildren())
            {
                if (p.Value is not null && double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    options.Parameters[p.Key] = value;
                else
                    problems.Add($"{prefix}Parameters:{p.Key} has value '{p.Value}': give a number such as 12 or 12.5.");
            }
        }
    }

    /// <summary>Problems found while reading configuration, kept beside the options instance they were read into.</summary>
    private static class ConfigurationProblems
    {
        private static readonly ConditionalWeakTable<PathwaysOptions, List<string>> Table = new();

        public static void Record(PathwaysOptions options, List<string> problems)
        {
            var list = Table.GetValue(options, _ => new List<string>());
            lock (list)
            {
                foreach (var p in problems)
                {
                    if (!list.Contains(p)) list.Add(p);
                }
            }
        }

        public static IReadOnlyList<string> For(PathwaysOptions options)
        {
            if (!Table.TryGetValue(options, out var list)) return System.Array.Empty<string>();
            lock (list) return list.ToArray();
        }
    }

    private sealed class ConfigurationProblemsValidator : IValidateOptions<PathwaysOptions>
    {
        public ValidateOptionsResult Validate(string? name, PathwaysOptions options)
        {
            var problems = ConfigurationProblems.For(options);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
