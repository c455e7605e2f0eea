using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pathways;

/// <summary>
/// The profile JSON Schema (draft-07) generated from a fact table: the built-in fields where they sit, and the
/// declared facts under <c>facts</c>. rules/schema/profile.schema.json is this schema for the built-in pack alone.
/// </summary>
internal static class ProfileSchema
{
    public static string Write(FactTable table)
    {
        var properties = new JObject
        {
            ["id"] = new JObject
            {
                ["type"] = new JArray("string", "null"),
                ["description"] = "Opaque reference, echoed in the result; never interpreted.",
            },
        };
        foreach (var def in table.BuiltIns.Where(d => d.Location == FactLocation.Profile)) properties[def.Name] = Property(def);
        var context = Group("The caseworker's and jobcentre's side of the assessment.", table.BuiltIns.Where(d => d.Location == FactLocation.Context));
        ((JObject)context["properties"]!)["assessmentDate"] = new JObject
        {
            ["type"] = new JArray("string", "null"),
            ["pattern"] = "^\\d{4}-\\d{2}-\\d{2}$",
            ["description"] = "The day the advice is for, YYYY-MM-DD; today's date in Denmark when absent.",
        };
        properties["context"] = context;
        properties["facts"] = Group(
            table.Declared.Count == 0
                ? "The facts that loaded packs declare (CONTRACT §4.1); the loaded packs declare none. Absent or null facts are unknown."
                : "The facts that loaded packs declare (CONTRACT §4.1). Absent or null facts are unknown.",
            table.Declared);
        var root = new JObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = "Pathways citizen profile",
            ["description"] = "One citizen's profile and the caseworker's context (CONTRACT §2). Absent or null optional facts are unknown, and never guessed.",
            ["type"] = "object",
            ["required"] = new JArray(table.BuiltIns.Where(d => d.IsRequired && d.Location == FactLocation.Profile).Select(d => d.Name).ToArray<object>()),
            ["additionalProperties"] = false,
            ["properties"] = properties,
        };
        return root.ToString(Formatting.Indented).Replace("\r\n", "\n") + "\n";
    }

    private static JObject Group(string description, IEnumerable<FactDefinition> facts)
    {
        var properties = new JObject();
        foreach (var def in facts) properties[def.Name] = Property(def);
        return new JObject
        {
            ["type"] = new JArray("object", "null"),
            ["additionalProperties"] = false,
            ["description"] = description,
            ["properties"] = properties,
        };
    }

    private static JObject Property(FactDefinition def)
    {
        var type = def.Type switch
        {
            FactType.Boolean => "boolean",
            FactType.Integer => "integer",
            FactType.Number => "number",
            _ => "string",
        };
        var o = new JObject { ["type"] = def.IsRequired ? type : new JArray(type, "null") };
        if (def.Type == FactType.Enum)
        {
            var values = new JArray(def.Values.ToArray<object>());
            if (!def.IsRequired) values.Add(JValue.CreateNull());
            o["enum"] = values;
        }

        if (def.Minimum is { } min) o["minimum"] = Number(min);
        if (def.Maximum is { } max) o["maximum"] = Number(max);
        o["description"] = def.Description ?? $"{def.GetLabel(Language.En)} ({def.GetLabel(Language.Da)}), declared by pack '{def.Pack}'.";
        return o;
    }

    private static JValue Number(double d) => d == Math.Floor(d) && Math.Abs(d) < 1e15 ? new JValue((long)d) : new JValue(d);
}
