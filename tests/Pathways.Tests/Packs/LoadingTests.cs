using Microsoft.Extensions.DependencyInjection;
using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Packs;

/// <summary>Packs load from files, folders (in name order) and streams, and may use what earlier packs define.</summary>
public sealed class LoadingTests
{
    private static string Folder => Path.Combine(TestPacks, "folder");

    [Test]
    public void Folder_LoadsItsJsonFiles_InNameOrder_AndALaterPackUsesAnEarlierOnesCitationAndIntervention()
    {
        var r = PathwayRecommender.Create(o => o.Packs.Add(Folder));
        Assert.That(r.RuleSet.Packs.Select(p => p.Name), Is.EqualTo(new[] { "pathways", "kommune-base", "kommune-extension" }));

        var young = r.Recommend(Citizen(age: 22, months: 2), Context()).Recommendations.Single(x => x.InterventionId == "mentor-support");
        Assert.That(young.Citations.Select(c => c.Key), Is.EqualTo(new[] { "kommune-2025", "jensen-andersen-2012" }));
        Assert.That(young.Title, Is.EqualTo("Mentorstøtte"));
    }

    [Test]
    public void Folder_InTheWrongNameOrder_IsRefused_NamingTheMissingCitationAndIntervention()
    {
        var e = Assert.Throws<PackLoadException>(() => PathwayRecommender.Create(o => o.Packs.Add(Path.Combine(TestPacks, "folder-wrong-order"))))!;
        var file = Path.Combine(TestPacks, "folder-wrong-order", "a-kommune-extension.json");
        Assert.That(e.Problems.Select(p => (p.File, p.Rule, p.Message)), Has.Some.Matches<(string File, string? Rule, string Message)>(p =>
            p.File == file && p.Rule == "MentorForYoung" && p.Message.StartsWith("Citation key 'kommune-2025' is not in the bibliography of this or an earlier pack")));
        Assert.That(e.Problems.Select(p => p.Message), Has.Some.StartsWith("SuccessEvent 'mentor-support' is not an intervention id in this or an earlier pack"));
        Assert.That(e.File, Is.EqualTo(file));
    }

    [Test]
    public void Files_LoadInTheOrderGiven()
    {
        var r = PathwayRecommender.Create(o =>
        {
            o.Packs.Add(Path.Combine(Folder, "a-kommune-base.json"));
            o.Packs.Add(Path.Combine(Folder, "b-kommune-extension.json"));
        });
        Assert.That(r.RuleSet.Packs.Select(p => p.Source), Is.EqualTo(new[] { "built-in", Path.Combine(Folder, "a-kommune-base.json"), Path.Combine(Folder, "b-kommune-extension.json") }));
    }

    [Test]
    public void Stream_LoadsAfterTheFiles_AndIsOpenedAgainAtEachReload()
    {
        var extension = File.ReadAllText(Path.Combine(Folder, "b-kommune-extension.json"));
        var opened = 0;
        var r = PathwayRecommender.Create(o =>
        {
            o.Packs.Add(Path.Combine(Folder, "a-kommune-base.json"));
            o.AddPackFromStream("database:kommune-extension", () =>
            {
                opened++;
                return Utf8(extension)();
            });
        });
        Assert.That(r.RuleSet.Packs.Select(p => p.Source).Last(), Is.EqualTo("database:kommune-extension"));
        Assert.That(opened, Is.EqualTo(1));
        Assert.That(r.Reload().Succeeded, Is.True);
        Assert.That(opened, Is.EqualTo(2));
    }

    [Test]
    public void Stream_ThatThrowsIOException_IsAProblemNamingItsLabel()
    {
        var e = Assert.Throws<PackLoadException>(() => PathwayRecommender.Create(o => o.AddPackFromStream("database:gone", () => throw new IOException("The database is down."))))!;
        Assert.That((e.File, e.Problems[0].Message), Is.EqualTo(("database:gone", "The pack stream cannot be read: The database is down.")));
    }

    [TestCase("does-not-exist.json", "No pack file or folder at this path.")]
    [TestCase("empty-folder", "The folder holds no *.json pack files.")]
    public void MissingFileOrEmptyFolder_IsRefused(string name, string message)
    {
        var path = Path.Combine(Path.GetTempPath(), "pathways-tests-" + Guid.NewGuid().ToString("N"), name);
        if (name == "empty-folder") Directory.CreateDirectory(path);
        var e = Assert.Throws<PackLoadException>(() => PathwayRecommender.Create(o => o.Packs.Add(path)))!;
        Assert.That((e.File, e.Problems.Single().Message), Is.EqualTo((path, message)));
    }

    [Test]
    public void DependencyInjection_LoadsThePacksFromOptions()
    {
        using var services = new ServiceCollection().AddPathways(o => o.Packs.Add(Folder)).BuildServiceProvider();
        var recommender = services.GetRequiredService<IPathwayRecommender>();
        Assert.That(recommender.RuleSet.Name, Is.EqualTo("pathways+kommune-base+kommune-extension"));
        Assert.That(services.GetRequiredService<PathwayRecommender>(), Is.SameAs(recommender), "the concrete type, with Reload, is the same singleton");
    }

    [Test]
    public void WithoutTheBuiltInPack_APackMustBringItsOwnCitations()
    {
        var e = Assert.Throws<PackLoadException>(() => PathwayRecommender.Create(o =>
        {
            o.IncludeBuiltInPack = false;
            o.Packs.Add(Folder);
        }))!;
        Assert.That(e.Problems.Select(p => p.Message), Has.Some.StartsWith("Citation key 'jensen-andersen-2012' is not in the bibliography"));
        Assert.That(e.Problems.Select(p => p.Message), Has.Some.Contains("Unknown identifier 'longTermMonths'"), "the parameter comes from the built-in pack");
    }

    [Test]
    public void APack_CannotUseAParameterThatOnlyALaterPackDefines()
    {
        var first = Probe("profile.Age <= localMaxAge");
        const string second = """
            { "name": "second", "version": "1.0.0",
              "parameters": [ { "name": "localMaxAge", "value": 30, "description": { "da": "Lokalt valg." } } ],
              "workflows": [ { "WorkflowName": "w", "Rules": [ { "RuleName": "Off", "Enabled": false } ] } ] }
            """;
        var p = Refusal(first, second).Single();
        Assert.That((p.File, p.Rule), Is.EqualTo(("pack1.json", "Probe")));
        Assert.That(p.Message, Does.Contain("Unknown identifier 'localMaxAge'"));
        Assert.DoesNotThrow(() => Load(second, first.Replace("probe-pack", "probe-after")));
    }
}
