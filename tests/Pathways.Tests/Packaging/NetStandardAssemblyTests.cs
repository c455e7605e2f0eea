using System.Collections;
using System.Reflection;
using System.Runtime.Loader;

namespace Pathways.Tests.Packaging;

/// <summary>
/// The package's netstandard2.0 assembly (the one .NET Framework case systems get) does more than compile: loaded
/// on its own beside the tests' copy, it gives recommendations with citations from its embedded pack.
/// </summary>
public sealed class NetStandardAssemblyTests
{
    [TestCase(45, true, "ips")]
    [TestCase(45, false, "private-wage-subsidy")]
    [TestCase(70, true, "private-wage-subsidy")]
    public void NetStandardBuild_RecommendsWithCitations(int age, bool mentalIllness, string expectedId)
    {
        var context = new IsolatedContext(PackageFixture.Package.Read(PackageFixture.Package.Nupkg, "lib/netstandard2.0/Pathways.dll"));
        try
        {
            var pathways = context.Pathways;
            Assert.That(pathways, Is.Not.SameAs(typeof(PathwayRecommender).Assembly));
            Assert.That(pathways.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()?.FrameworkName, Is.EqualTo(".NETStandard,Version=v2.0"));

            var profileType = pathways.GetType("Pathways.CitizenProfile", throwOnError: true)!;
            var profile = Activator.CreateInstance(profileType)!;
            profileType.GetProperty("Age")!.SetValue(profile, age);
            profileType.GetProperty("Readiness")!.SetValue(profile, Enum.Parse(pathways.GetType("Pathways.Readiness", true)!, "ActivityReady"));
            profileType.GetProperty("MentalIllness")!.SetValue(profile, mentalIllness);

            var recommenderType = pathways.GetType("Pathways.PathwayRecommender", throwOnError: true)!;
            var recommender = recommenderType.GetMethod("Create")!.Invoke(null, new object?[] { null })!;
            var contextType = pathways.GetType("Pathways.AssessmentContext", true)!;
            var result = recommenderType.GetMethod("Recommend", new[] { profileType, contextType })!.Invoke(recommender, new object?[] { profile, null })!;

            var recommendations = ((IEnumerable)result.GetType().GetProperty("Recommendations")!.GetValue(result)!).Cast<object>().ToList();
            var ids = recommendations.Select(r => (string)r.GetType().GetProperty("InterventionId")!.GetValue(r)!).ToList();
            Assert.That(ids, Does.Contain(expectedId));
            Assert.That(recommendations.Select(r => ((ICollection)r.GetType().GetProperty("Citations")!.GetValue(r)!).Count), Has.All.GreaterThan(0));
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Holds the netstandard2.0 Pathways alone; its dependencies come from the test run's default context.</summary>
    private sealed class IsolatedContext : AssemblyLoadContext
    {
        public IsolatedContext(byte[] pathways) : base("pathways-netstandard2.0", isCollectible: true) =>
            Pathways = LoadFromStream(new MemoryStream(pathways));

        public Assembly Pathways { get; }

        protected override Assembly? Load(AssemblyName name) => name.Name == "Pathways" ? Pathways : null;
    }
}
