using System.Net;
using System.Text;

namespace Pathways.Server.Tests;

/// <summary><c>POST /v1/recommend</c> answers the very bytes of <c>pathways recommend --format json</c>.</summary>
public sealed class RecommendTests : ServerTest
{
    [TestCase("long-term-activity-ready-parent", null, null)]
    [TestCase("long-term-activity-ready-parent", "en", null)]
    [TestCase("long-term-activity-ready-parent", "da", "false")]
    [TestCase("activity-ready-mental-illness-in-treatment", "en", "true")]
    [TestCase("unknown-facts", null, null)]
    [TestCase("high-caseload-caseworker-doubts-job", "da", null)]
    [TestCase("young-activity-ready-mental-illness-not-in-treatment", "en", "false")]
    public async Task Recommend_AnswersTheConsoleJsonBytes(string profile, string? lang, string? explain)
    {
        var text = Repo.Profile(profile);
        var query = string.Join("&", new[] { lang is null ? null : "lang=" + lang, explain is null ? null : "explain=" + explain }.Where(q => q is not null));

        var response = await Client.PostAsync("/v1/recommend" + (query.Length > 0 ? "?" + query : string.Empty), Http.Json(text));

        // What the console does for `recommend --format json [--lang]`: the library's serializer and one newline.
        var citizen = ProfileJson.Read(text);
        var options = new RecommendOptions { Language = lang == "en" ? Language.En : Language.Da, Explain = explain != "false" };
        var expected = RecommendationJson.Serialize(PathwayRecommender.Create().Recommend(citizen.Profile, citizen.Context, options)) + "\n";
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.MediaType(), Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(Encoding.UTF8.GetBytes(expected)));
    }

    [Test]
    public async Task Recommend_UsesTheConfiguredLanguage_WhenLangIsLeftOut()
    {
        using var english = new ServerFactory(settings: new Dictionary<string, string?> { ["Pathways:Language"] = "en" });
        var response = await english.CreateClient().PostAsync("/v1/recommend", Http.Json(Repo.Profile("job-ready-boom")));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"advisory\": \"The suggestions"));
    }

    [Test]
    public async Task Recommend_WithAPack_NamesItInTheRuleSet()
    {
        using var withPack = new ServerFactory(settings: new Dictionary<string, string?> { ["Pathways:Packs:0"] = Path.Combine(Repo.Packs, "kommune-mentor.json") });
        var health = await (await withPack.CreateClient().GetAsync("/health")).ReadJsonAsync();
        Assert.That(health.GetProperty("ruleSet").GetProperty("name").GetString(), Does.Contain("kommune-mentor"));
    }
}
