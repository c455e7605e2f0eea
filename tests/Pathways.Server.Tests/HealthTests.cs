using System.Net;
using System.Text.Json;

namespace Pathways.Server.Tests;

/// <summary><c>/health</c> and reloading packs when their files change.</summary>
public sealed class HealthTests
{
    [Test]
    public async Task Health_IsOk_WithTheRuleSetInForce()
    {
        using var server = new ServerFactory();
        var response = await server.CreateClient().GetAsync("/health");
        var health = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(health.GetProperty("status").GetString(), Is.EqualTo("ok"));
        var expected = PathwayRecommender.Create().RuleSet;
        Assert.That(health.GetProperty("ruleSet").GetProperty("hash").GetString(), Is.EqualTo(expected.Hash));
        Assert.That(health.GetProperty("ruleSet").GetProperty("name").GetString(), Is.EqualTo(expected.Name));
        Assert.That(health.GetProperty("ruleSet").GetProperty("packs").GetArrayLength(), Is.EqualTo(1));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task APackThatChanges_IsReloaded_AndABadChangeKeepsTheLastGoodRuleSet(bool folder)
    {
        var dir = TempFiles.NewFolder();
        var pack = Path.Combine(dir, "kommune-mentor.json");
        var original = File.ReadAllText(Path.Combine(Repo.Packs, "kommune-mentor.json")).Replace("../../rules/schema/pack.schema.json", "pack.schema.json");
        File.WriteAllText(pack, original);
        using var server = new ServerFactory(settings: new Dictionary<string, string?> { ["Pathways:Packs:0"] = folder ? dir : pack });
        var client = server.CreateClient();
        var first = (await Health(client)).GetProperty("ruleSet").GetProperty("hash").GetString();

        File.WriteAllText(pack, original.Replace("\"mentorMinMonths\",\n      \"value\": 12", "\"mentorMinMonths\",\n      \"value\": 18"));
        var changed = await WaitFor(client, h => h.GetProperty("ruleSet").GetProperty("hash").GetString() != first);
        Assert.That(changed.GetProperty("status").GetString(), Is.EqualTo("ok"));
        Assert.That(changed.GetProperty("lastReload").GetProperty("succeeded").GetBoolean(), Is.True);
        var second = changed.GetProperty("ruleSet").GetProperty("hash").GetString();

        File.WriteAllText(pack, original.Replace("\"SuccessEvent\": \"mentor-support\"", "\"SuccessEvent\": \"no-such-intervention\""));
        var refused = await WaitFor(client, h => h.GetProperty("status").GetString() == "degraded");
        Assert.That(refused.GetProperty("ruleSet").GetProperty("hash").GetString(), Is.EqualTo(second));
        Assert.That(refused.GetProperty("lastReload").GetProperty("problems")[0].GetString(), Does.Contain("kommune-mentor.json").And.Contain("no-such-intervention"));
        var still = await client.PostAsync("/v1/recommend", Http.Json("""{"age": 40, "readiness": "activity-ready", "monthsOnBenefits": 36}"""));
        Assert.That(await still.Content.ReadAsStringAsync(), Does.Contain(second!));
    }

    private static async Task<JsonElement> Health(HttpClient client) => await (await client.GetAsync("/health")).ReadJsonAsync();

    private static async Task<JsonElement> WaitFor(HttpClient client, Func<JsonElement, bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var health = await Health(client);
            if (condition(health)) return health;
            if (DateTime.UtcNow > until) Assert.Fail("The change was not picked up within 30 s: " + health);
            await Task.Delay(100);
        }
    }
}
