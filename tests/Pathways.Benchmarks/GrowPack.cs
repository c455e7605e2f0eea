using System.Globalization;
using System.Text;

namespace Pathways.Benchmarks;

/// <content>The generated pack of <c>grow</c>, also used by the tests of large rule sets.</content>
internal static partial class Grow
{
    private const int Interventions = 10;

    /// <summary>A pack of <paramref name="rules"/> rules like a municipality's own: age and months-on-benefits thresholds.</summary>
    internal static string Pack(int rules)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("""
            {
              "name": "grow",
              "version": "1.0.0",
              "description": { "da": "Genereret pakke til måling.", "en": "Generated pack for measuring." },
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
        for (var r = 0; r < rules; r++)
        {
            if (r > 0) sb.Append(',');
            sb.Append(inv, $$"""
                { "RuleName": "Grow_{{r}}", "SuccessEvent": "grow-{{r % Interventions}}",
                  "Expression": "profile.Age >= {{15 + (r % 80)}} && profile.MonthsOnBenefits >= {{r % 97}}",
                  "Properties": { "citations": ["grow-2025"], "evidence": "limited", "evidenceWording": "Ikke en effektmåling.",
                    "reason": { "da": "Regel {{r}} er opfyldt.", "en": "Rule {{r}} is met." } } }
                """);
        }

        sb.Append("]}]}");
        return sb.ToString();
    }
}
