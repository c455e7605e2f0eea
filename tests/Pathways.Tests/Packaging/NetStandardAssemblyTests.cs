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

    private const string Batch =
        "{\"id\":\"a\",\"age\":45,\"readiness\":\"activity-ready\",\"mentalIllness\":true}\n" +
        "\n" +
        "{\"id\":\"b\",\"age\":30,\"readiness\":\"job-ready\",\"context\":{\"caseworkerCaseload\":80}}\n" +
        "{\"id\":\"c\",\"age\":12,\"readiness\":\"activity-ready\"}\n" +
        "{\"age\":50,\"readiness\":\"activity-ready\",\"weeklyPaidHours\":4.5,\"hasChildrenAged5To14\":true}\n" +
        // Every kind of escape the UTF-8 result writer makes (its netstandard2.0 build looks for them without SearchValues).
        "{\"id\":\"q\\\" b\\\\ n\\n t\\t c\\u0001 \\u0085 \\u2028 æ 😀\",\"age\":40,\"readiness\":\"activity-ready\"}\n";

    // The batch path uses the span, memory and cancellation overloads that netstandard2.0 gets from Polyfills/.
    [TestCase(false, TestName = "NetStandardBuild_Batch_WritesTheSameBytesAsTheNetBuild(text writer)")]
    [TestCase(true, TestName = "NetStandardBuild_Batch_WritesTheSameBytesAsTheNetBuild(UTF-8 stream writer)")]
    public void NetStandardBuild_Batch_WritesTheSameBytesAsTheNetBuild(bool utf8Stream)
    {
        var expected = RunBatch(typeof(NdjsonBatch).Assembly, utf8Stream);
        Assert.That(expected.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(5));
        Assert.That(expected, Does.Contain("\"citations\"").And.Contain("\"error\"").And.Contain("{\"id\":\"q\\\" b\\\\ n\\n t\\t c\\u0001 \\u0085 \\u2028 æ 😀\","));

        var context = new IsolatedContext(PackageFixture.Package.Read(PackageFixture.Package.Nupkg, "lib/netstandard2.0/Pathways.dll"));
        try
        {
            Assert.That(RunBatch(context.Pathways, utf8Stream), Is.EqualTo(expected));
        }
        finally
        {
            context.Unload();
        }
    }

    private static string RunBatch(Assembly pathways, bool utf8Stream)
    {
        var recommender = pathways.GetType("Pathways.PathwayRecommender", true)!.GetMethod("Create")!.Invoke(null, new object?[] { null });
        var run = pathways.GetType("Pathways.NdjsonBatch", true)!.GetMethod("RunAsync")!;
        using var stream = new MemoryStream();
        TextWriter output = utf8Stream ? new StreamWriter(stream, new System.Text.UTF8Encoding(false)) : new StringWriter();
        var task = (Task)run.Invoke(null, new object?[] { new StringReader(Batch), output, recommender, null, null, CancellationToken.None })!;
        task.GetAwaiter().GetResult();
        return utf8Stream ? System.Text.Encoding.UTF8.GetString(stream.ToArray()) : output.ToString()!;
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
