using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pathways.Server.Tests;

/// <summary>The page's files and the field list its form is built from.</summary>
public sealed class PageTests : ServerTest
{
    [TestCase("/", "text/html", "<html lang=\"da\">")]
    [TestCase("/app.js", "text/javascript", "/v1/profile-fields")]
    [TestCase("/app.css", "text/css", ".card")]
    public async Task PageFiles_AreServedFromTheAssembly(string path, string type, string content)
    {
        var response = await Client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.MediaType(), Is.EqualTo(type));
        Assert.That(response.Content.Headers.ContentType!.CharSet, Is.EqualTo("utf-8"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'self'"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(content));
    }

    [Test]
    public async Task ProfileFields_CoverEveryProfileField_AndAProfileFilledFromThemIsValid()
    {
        var fields = (await (await Client.GetAsync("/v1/profile-fields")).ReadJsonAsync()).GetProperty("fields").EnumerateArray().ToArray();

        // Fill every field as the page does (one value per field, nested by its path) and let the library read it:
        // a field the library does not know, or a value it refuses, fails here.
        var profile = new JsonObject();
        foreach (var f in fields)
        {
            var path = f.GetProperty("path").GetString()!.Split('.');
            var target = profile;
            foreach (var part in path[..^1]) target = (JsonObject)(target[part] ??= new JsonObject());
            target[path[^1]] = f.GetProperty("type").GetString() switch
            {
                "integer" or "number" => JsonValue.Create(f.TryGetProperty("max", out var max) && max.ValueKind == JsonValueKind.Number ? max.GetDouble() : f.GetProperty("min").GetDouble()),
                "boolean" => JsonValue.Create(true),
                "enum" => JsonValue.Create(f.GetProperty("values")[0].GetProperty("value").GetString()),
                _ => JsonValue.Create("case-1"),
            };
            Assert.That(f.GetProperty("da").GetString(), Is.Not.Empty);
        }

        var citizen = ProfileJson.Read(profile.ToJsonString());
        Assert.That(citizen.Context, Is.Not.Null);
        var paths = fields.Select(f => f.GetProperty("path").GetString()).ToArray();
        Assert.That(paths, Is.EquivalentTo(new[]
        {
            "id", "age", "readiness", "benefit", "mentalIllness", "inMentalHealthTreatment", "monthsOnBenefits", "weeklyPaidHours",
            "hasChildrenAged5To14", "flexJobApproved", "context.businessCycle", "context.caseworkerCaseload", "context.caseworkerExpectsJob",
        }));
    }

    [Test]
    public async Task ProfileFields_EnumValues_AreExactlyTheOnesTheLibraryAccepts()
    {
        var fields = (await (await Client.GetAsync("/v1/profile-fields")).ReadJsonAsync()).GetProperty("fields").EnumerateArray();
        foreach (var f in fields.Where(f => f.GetProperty("type").GetString() == "enum"))
        {
            var path = f.GetProperty("path").GetString()!;
            foreach (var v in f.GetProperty("values").EnumerateArray())
            {
                var value = v.GetProperty("value").GetString();
                var profile = new JsonObject { ["age"] = 30, ["readiness"] = "unknown", ["context"] = new JsonObject() };
                if (path.StartsWith("context.", StringComparison.Ordinal)) profile["context"]![path[8..]] = value;
                else profile[path] = value;
                var json = profile.ToJsonString();
                Assert.DoesNotThrow(() => ProfileJson.Read(json), $"{path} = {value}");
            }
        }
    }

    [Test]
    public async Task ProfileFields_IncludeTheFactsOfLoadedPacks_WithTheirLabelsAndValues()
    {
        using var withPack = new ServerFactory(settings: new Dictionary<string, string?> { ["Pathways:Packs:0"] = Path.Combine(Repo.Packs, "eksempelkommune-hjemloese.json") });
        using var client = withPack.CreateClient();

        var fields = (await (await client.GetAsync("/v1/profile-fields")).ReadJsonAsync()).GetProperty("fields").EnumerateArray().ToArray();
        var homeless = fields.Single(f => f.GetProperty("path").GetString() == "facts.homeless");
        var danish = fields.Single(f => f.GetProperty("path").GetString() == "facts.danishLevel");

        Assert.That(homeless.GetProperty("type").GetString(), Is.EqualTo("boolean"));
        Assert.That(homeless.GetProperty("da").GetString(), Is.EqualTo("hjemløs"));
        Assert.That(danish.GetProperty("type").GetString(), Is.EqualTo("enum"));
        Assert.That(danish.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("value").GetString()), Is.Not.Empty);

        // Without the pack, the form has no facts.
        var plain = (await (await Client.GetAsync("/v1/profile-fields")).ReadJsonAsync()).GetProperty("fields").EnumerateArray();
        Assert.That(plain.Select(f => f.GetProperty("path").GetString()), Has.None.StartsWith("facts."));
    }
}
