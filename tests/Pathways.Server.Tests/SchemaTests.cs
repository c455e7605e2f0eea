using System.Text.Json;
using Pathways.Server.Cards;
using Pathways.Server.Endpoints;

namespace Pathways.Server.Tests;

/// <summary>rules/schema/cds-service.schema.json names exactly what the service accepts, so editors and the server agree.</summary>
public sealed class SchemaTests
{
    private static JsonElement Schema()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "rules", "schema", "cds-service.schema.json")));
        return doc.RootElement.Clone();
    }

    [Test]
    public void Schema_NamesTheHook_AndTheOverrideReasonsOfTheCards()
    {
        var schema = Schema().GetProperty("definitions");
        Assert.That(schema.GetProperty("request").GetProperty("properties").GetProperty("hook").GetProperty("const").GetString(), Is.EqualTo(CdsEndpoints.Hook));
        var reason = schema.GetProperty("feedback").GetProperty("properties").GetProperty("feedback").GetProperty("items")
            .GetProperty("properties").GetProperty("overrideReason").GetProperty("properties").GetProperty("reason").GetProperty("properties");
        Assert.That(reason.GetProperty("system").GetProperty("const").GetString(), Is.EqualTo(CardTexts.OverrideReasonSystem));
        var codes = reason.GetProperty("code").GetProperty("enum").EnumerateArray().Select(c => c.GetString());
        Assert.That(codes, Is.EqualTo(CardTexts.Da.OverrideReasons().Select(r => r.Code)));
        foreach (var code in codes) Assert.That(CardTexts.IsOverrideReason(code!), Is.True);
    }
}
