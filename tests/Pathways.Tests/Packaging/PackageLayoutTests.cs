using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Pathways.Tests.Packaging;

/// <summary>What <c>dotnet pack src/Pathways</c> puts in the package a customer takes: every target, docs, schema, nothing else.</summary>
public sealed class PackageLayoutTests
{
    private static readonly string[] Targets = { "net8.0", "net10.0", "netstandard2.0" };

    private static PackageFixture.Packed Package => PackageFixture.Package;

    private static string Text(string entry) => System.Text.Encoding.UTF8.GetString(Package.Read(Package.Nupkg, entry));

    private static string? Meta(string name) => Package.Metadata().Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    [Test]
    public void Package_HoldsExactlyTheLibraryForEveryTarget_ItsDocs_ReadmeAndSchema()
    {
        var schemas = Directory.Exists(Path.Combine(PackageFixture.RepositoryRoot, "rules", "schema"))
            ? Directory.GetFiles(Path.Combine(PackageFixture.RepositoryRoot, "rules", "schema"), "*.json").Select(f => "schema/" + Path.GetFileName(f))
            : Enumerable.Empty<string>();
        var expected = Targets.SelectMany(t => new[] { $"lib/{t}/Pathways.dll", $"lib/{t}/Pathways.xml" })
            .Append("PACKAGE.md")
            .Concat(schemas);

        var payload = Package.Entries(Package.Nupkg)
            .Where(e => e != "Pathways.nuspec" && e != "[Content_Types].xml" && !e.StartsWith("_rels/", StringComparison.Ordinal) && !e.StartsWith("package/", StringComparison.Ordinal));

        Assert.That(payload, Is.EquivalentTo(expected));
    }

    [TestCase("net8.0")]
    [TestCase("net10.0")]
    [TestCase("netstandard2.0")]
    public void SymbolPackage_HoldsThePdbOfEveryTarget(string target)
    {
        Assert.That(Package.Entries(Package.Snupkg), Does.Contain($"lib/{target}/Pathways.pdb"));
    }

    [TestCase("net8.0")]
    [TestCase("net10.0")]
    [TestCase("netstandard2.0")]
    public void Assembly_CarriesTheBuiltInPackAsAResource(string target)
    {
        using var pe = new PEReader(new MemoryStream(Package.Read(Package.Nupkg, $"lib/{target}/Pathways.dll")));
        var reader = pe.GetMetadataReader();
        var resources = reader.ManifestResources.Select(h => reader.GetString(reader.GetManifestResource(h).Name));

        Assert.That(resources, Does.Contain("Pathways.Rules.pathways.json"));
    }

    [TestCase("net8.0", "T:Pathways.IPathwayRecommender")]
    [TestCase("net10.0", "M:Pathways.PathwaysServiceCollectionExtensions.AddPathways(Microsoft.Extensions.DependencyInjection.IServiceCollection,Microsoft.Extensions.Configuration.IConfiguration)")]
    [TestCase("netstandard2.0", "P:Pathways.Recommendation.Citations")]
    public void XmlDocumentation_DescribesThePublicApi(string target, string member)
    {
        var doc = XDocument.Parse(Text($"lib/{target}/Pathways.xml"));
        var summary = doc.Descendants("member").SingleOrDefault(m => (string?)m.Attribute("name") == member)?.Element("summary")?.Value;

        Assert.That(summary, Is.Not.Null.And.Not.Empty, $"{member} in lib/{target}/Pathways.xml");
    }

    [TestCase("id", "Pathways")]
    [TestCase("readme", "PACKAGE.md")]
    [TestCase("authors", "Pathways contributors")]
    public void Nuspec_Metadata(string element, string expected)
    {
        Assert.That(Meta(element), Is.EqualTo(expected));
    }

    [Test]
    public void Nuspec_VersionIsTheOneInDirectoryBuildProps()
    {
        Assert.That(Meta("version"), Is.EqualTo(PackageFixture.Version));
        Assert.That(Path.GetFileName(Package.Nupkg), Is.EqualTo($"Pathways.{PackageFixture.Version}.nupkg"));
    }

    [Test]
    public void Nuspec_LicenseIsTheMitExpression()
    {
        var license = Package.Metadata().Elements().Single(e => e.Name.LocalName == "license");

        Assert.That((string?)license.Attribute("type"), Is.EqualTo("expression"));
        Assert.That(license.Value, Is.EqualTo("MIT"));
    }

    [TestCase("jobcenter")]
    [TestCase("beskaeftigelse")]
    [TestCase("rules-engine")]
    [TestCase("evidence")]
    public void Nuspec_Tags(string tag)
    {
        Assert.That(Meta("tags")!.Split(' '), Does.Contain(tag));
    }

    [Test]
    public void Nuspec_NamesTheGitCommitItWasBuiltFrom()
    {
        var repository = Package.Metadata().Elements().Single(e => e.Name.LocalName == "repository");

        Assert.That((string?)repository.Attribute("type"), Is.EqualTo("git"));
        Assert.That((string?)repository.Attribute("commit"), Does.Match("^[0-9a-f]{40}$"));
    }

    [TestCase("net8.0")]
    [TestCase("net10.0")]
    [TestCase(".NETStandard2.0")]
    public void Nuspec_DependenciesPerTarget_AreTheRuntimeOnesOnly(string target)
    {
        var group = Package.Metadata().Descendants().Single(e => e.Name.LocalName == "group" && (string?)e.Attribute("targetFramework") == target);
        var ids = group.Elements().Select(d => (string)d.Attribute("id")!).ToList();

        Assert.That(ids, Does.Contain("RulesEngine").And.Contain("Microsoft.Extensions.Options.ConfigurationExtensions"));
        Assert.That(ids, Has.None.EqualTo("PolySharp").And.None.EqualTo("Microsoft.CodeAnalysis.PublicApiAnalyzers"), "build-time packages stay private");
    }

    [Test]
    public void Readme_IsThePackageReadme_WithTheThreeLineUseAndCitations()
    {
        var readme = Text("PACKAGE.md");

        Assert.That(readme, Is.EqualTo(File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, "src", "Pathways", "PACKAGE.md"))));
        Assert.That(readme, Does.Contain(".AddPathways()").And.Contain("GetRequiredService<IPathwayRecommender>()").And.Contain("star-baggrundsnotat"));
        // NuGet shows the readme away from the repository: a relative link or image would be broken there.
        Assert.That(readme, Does.Not.Match(@"\]\((?!https?:|#)"));
    }
}
