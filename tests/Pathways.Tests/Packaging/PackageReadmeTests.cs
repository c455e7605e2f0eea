using System.Text.Json;

namespace Pathways.Tests.Packaging;

/// <summary>The package README (src/Pathways/PACKAGE.md) names every rule and citation of the built-in pack it describes.</summary>
public sealed class PackageReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, "src", "Pathways", "PACKAGE.md"));

    private static IEnumerable<string> BuiltIn(string array, string property)
    {
        using var pack = JsonDocument.Parse(File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, "rules", "pathways.json")));
        return pack.RootElement.GetProperty(array).EnumerateArray().Select(e => e.GetProperty(property).GetString()!).ToList();
    }

    private static IEnumerable<string> InterventionIds() => BuiltIn("interventions", "id");

    private static IEnumerable<string> CitationKeys() => BuiltIn("citations", "key");

    private static IEnumerable<string> ParameterNames() => BuiltIn("parameters", "name");

    [TestCaseSource(nameof(InterventionIds))]
    public void Readme_ListsEveryInterventionOfTheBuiltInPack(string id) => Assert.That(Readme, Does.Contain($"| `{id}` |"));

    [TestCaseSource(nameof(CitationKeys))]
    public void Readme_ListsEveryCitationOfTheBuiltInPack(string key) => Assert.That(Readme, Does.Contain($"`{key}`"));

    [TestCaseSource(nameof(ParameterNames))]
    public void Readme_NamesEveryParameterOfTheBuiltInPack(string name) => Assert.That(Readme, Does.Contain($"`{name}`"));
}
