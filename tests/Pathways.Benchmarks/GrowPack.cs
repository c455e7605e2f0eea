using System.Globalization;
using System.Text;

namespace Pathways.Benchmarks;

/// <content>The generated pack of <c>grow</c>, also used by the tests of large rule sets.</content>
internal static partial class Grow
{
    private const int Interventions = 10;

    /// <summary>The most rules one pack may have (PackLimits): larger sizes are split into packs of this many.</summary>
    internal const int RulesPerPack = 5000;

    /// <summary>
    /// The packs of <paramref name="rules"/> rules like a municipality's own: age and months-on-benefits thresholds, at
    /// most <see cref="RulesPerPack"/> a pack; the first pack defines the citation and the interventions.
    /// </summary>
    internal static IEnumerable<string> Packs(int rules)
    {
        for (var first = 0; first < rules; first += RulesPerPack)
            yield return Pack(Math.Min(RulesPerPack, rules - first), first);
    }

    /// <summary>A pack of <paramref name="rules"/> rules numbered from <paramref name="first"/>.</summary>
    internal static string Pack(int rules, int first = 0)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $$"""
            {
              "name": "grow{{(first == 0 ? string.Empty : "-" + first)}}",
              "version": "1.0.0",
              "description": { "da": "Genereret pakke til måling.", "en": "Generated pack for measuring." },
            """);
        if (first > 0)
        {
            sb.Append("""  "workflows": [ { "WorkflowName": "grow", "Rules": [""");
            Rules(sb, rules, first);
            return sb.ToString();
        }

        sb.Append("""
              "citations": [
                { "key": "grow-2025", "authors": "Eksempel Kommune", "year": 2025, "title": "Måling",
                  "finding": { "da": "Kommunens egen opgørelse.", "en": "The municipality's own account." } }
              ],
              "interventions": [
            """);
        for (var i = 0; i < Interventions; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(inv, $$"""
                { "id": "grow-{{i}}", "kind": "intervention", "title": { "da": "Tilbud {{i}}", "en": "Offer {{i}}" },
                  "description": { "da": "Genereret.", "en": "Generated." } }
                """);
        }

        sb.Append("""], "workflows": [ { "WorkflowName": "grow", "Rules": [""");
        Rules(sb, rules, first);
        return sb.ToString();
    }

    private static void Rules(StringBuilder sb, int rules, int first)
    {
        var inv = CultureInfo.InvariantCulture;
        for (var r = first; r < first + rules; r++)
        {
            if (r > first) sb.Append(',');
            sb.Append(inv, $$"""
                { "RuleName": "Grow_{{r}}", "SuccessEvent": "grow-{{r % Interventions}}",
                  "Expression": "profile.Age >= {{15 + (r % 80)}} && profile.MonthsOnBenefits >= {{r % 97}}",
                  "Properties": { "citations": ["grow-2025"], "evidence": "limited", "evidenceWording": "Ikke en effektmåling.",
                    "reason": { "da": "Regel {{r}} er opfyldt.", "en": "Rule {{r}} is met." } } }
                """);
        }

        sb.Append("]}]}");
    }
}
