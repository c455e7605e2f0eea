namespace Pathways.Tests.Packaging;

/// <summary>
/// The public-API baseline (PublicAPI.Shipped.txt + PublicAPI.Unshipped.txt, enforced member by member by
/// Microsoft.CodeAnalysis.PublicApiAnalyzers at build) is wired up and agrees with the assembly's exported types.
/// </summary>
public sealed class PublicApiBaselineTests
{
    private static readonly string Folder = Path.Combine(PackageFixture.RepositoryRoot, "src", "Pathways");

    private static IReadOnlyList<string> Lines(string file) => File.ReadAllLines(Path.Combine(Folder, file));

    private static IEnumerable<string> Declared() =>
        Lines("PublicAPI.Shipped.txt").Concat(Lines("PublicAPI.Unshipped.txt")).Where(l => l.Length > 0 && !l.StartsWith('#'));

    [TestCase("PublicAPI.Shipped.txt")]
    [TestCase("PublicAPI.Unshipped.txt")]
    public void BaselineFile_TracksNullability(string file)
    {
        Assert.That(Lines(file).FirstOrDefault(), Is.EqualTo("#nullable enable"));
    }

    [Test]
    public void Baseline_DeclaresExactlyTheExportedTypes()
    {
        var exported = typeof(PathwayRecommender).Assembly.GetExportedTypes().Select(t => t.FullName!.Replace('+', '.'));
        // A line without "->" and without a parameter list declares a type; members all have one or the other.
        var declaredTypes = Declared().Where(l => !l.Contains("->", StringComparison.Ordinal) && !l.Contains('(', StringComparison.Ordinal));

        Assert.That(declaredTypes, Is.EquivalentTo(exported));
    }

    [Test]
    public void Baseline_DeclaresEachMemberOnce()
    {
        Assert.That(Declared().GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty);
    }

    [Test]
    public void Analyzer_EnforcesTheBaselineInTheLibraryBuild()
    {
        var project = File.ReadAllText(Path.Combine(Folder, "Pathways.csproj"));
        var versions = File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, "Directory.Packages.props"));

        Assert.That(project, Does.Contain("<PackageReference Include=\"Microsoft.CodeAnalysis.PublicApiAnalyzers\""));
        Assert.That(versions, Does.Contain("<PackageVersion Include=\"Microsoft.CodeAnalysis.PublicApiAnalyzers\" Version=\"5.6.0\" />"));
        Assert.That(project, Does.Not.Match("<NoWarn>[^<]*RS001[67]"), "RS0016/RS0017 report an undeclared or vanished public member");
    }
}
