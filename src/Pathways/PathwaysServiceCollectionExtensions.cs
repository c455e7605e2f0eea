using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Pathways;

/// <summary>Registers Pathways with Microsoft.Extensions.DependencyInjection.</summary>
public static partial class PathwaysServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IPathwayRecommender"/> as a singleton with the built-in pack. Calling it again is harmless.</summary>
    public static IServiceCollection AddPathways(this IServiceCollection services) => services.AddPathways(_ => { });

    /// <summary>Registers <see cref="IPathwayRecommender"/> as a singleton and configures its options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds packs, sets the language or parameter values.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddPathways(this IServiceCollection services, Action<PathwaysOptions> configure)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (configure is null) throw new ArgumentNullException(nameof(configure));
        services.AddOptions();
        AddPathwaysCore(services);
        services.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PathwaysOptions>, PathwaysOptionsValidator>());
        services.TryAddSingleton<PathwayRecommender>();
        services.TryAddSingleton<IPathwayRecommender>(sp => sp.GetRequiredService<PathwayRecommender>());
        return services;
    }

    private sealed class PathwaysOptionsValidator : IValidateOptions<PathwaysOptions>
    {
        public ValidateOptionsResult Validate(string? name, PathwaysOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
