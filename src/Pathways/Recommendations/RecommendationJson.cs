using System.Text;
using Newtonsoft.Json;

namespace Pathways;

/// <summary>Writes results as the public result JSON (CONTRACT §3): fixed property order, the same bytes for the same result.</summary>
public static class RecommendationJson
{
    /// <summary>The result as JSON text.</summary>
    /// <param name="result">The result.</param>
    /// <param name="indented">Indented for people; compact (one line, for NDJSON) otherwise.</param>
    public static string Serialize(RecommendationResult result, bool indented = true)
    {
        var sb = new StringBuilder(2048);
        using (var sw = new StringWriter(sb, System.Globalization.CultureInfo.InvariantCulture))
        {
            Write(result, sw, indented);
        }

        return sb.ToString();
    }

    /// <summary>Writes the result as JSON to a text writer (no trailing newline).</summary>
    public static void Write(RecommendationResult result, TextWriter writer, bool indented = true)
    {
        if (result is null) throw new ArgumentNullException(nameof(result));
        if (writer is null) throw new ArgumentNullException(nameof(writer));
        using var w = new JsonTextWriter(writer) { Formatting = indented ? Formatting.Indented : Formatting.None, Indentation = 2, CloseOutput = false };
        w.WriteStartObject();
        w.WritePropertyName("id");
        w.WriteValue(result.Id);
        w.WritePropertyName("ruleSet");
        w.WriteStartObject();
        w.WritePropertyName("name");
        w.WriteValue(result.RuleSet.Name);
        w.WritePropertyName("version");
        w.WriteValue(result.RuleSet.Version);
        w.WritePropertyName("hash");
        w.WriteValue(result.RuleSet.Hash);
        w.WriteEndObject();
        w.WritePropertyName("assessmentDate");
        w.WriteValue(AssessmentDates.Format(result.AssessmentDate));
        w.WritePropertyName("advisory");
        w.WriteValue(result.Advisory);
        w.WritePropertyName("recommendations");
        w.WriteStartArray();
        foreach (var r in result.Recommendations)
        {
            w.WriteStartObject();
            w.WritePropertyName("id");
            w.WriteValue(r.InterventionId);
            w.WritePropertyName("kind");
            w.WriteValue(r.Kind.ToJson());
            w.WritePropertyName("title");
            w.WriteValue(r.Title);
            w.WritePropertyName("evidence");
            w.WriteValue(r.Evidence.ToJson());
            w.WritePropertyName("conclusion");
            w.WriteValue(r.Conclusion);
            WriteStrings(w, "reasons", r.Reasons);
            WriteStrings(w, "caveats", r.Caveats);
            w.WritePropertyName("citations");
            w.WriteStartArray();
            foreach (var c in r.Citations)
            {
                w.WriteStartObject();
                w.WritePropertyName("key");
                w.WriteValue(c.Key);
                w.WritePropertyName("text");
                w.WriteValue(c.Text);
                w.WritePropertyName("finding");
                w.WriteValue(c.Finding);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("notRecommended");
        w.WriteStartArray();
        foreach (var n in result.NotRecommended)
        {
            w.WriteStartObject();
            w.WritePropertyName("id");
            w.WriteValue(n.InterventionId);
            WriteStrings(w, "reasons", n.Reasons);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        // Only when a rule could not be evaluated, so that every other result keeps its bytes.
        if (result.Warnings.Count > 0) WriteStrings(w, "warnings", result.Warnings);
        w.WriteEndObject();
    }

    private static void WriteStrings(JsonTextWriter w, string name, IReadOnlyList<string> values)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var v in values) w.WriteValue(v);
        w.WriteEndArray();
    }
}
