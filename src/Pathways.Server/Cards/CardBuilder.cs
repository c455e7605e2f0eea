using System.Text;

namespace Pathways.Server.Cards;

/// <summary>Turns a result into CDS Hooks cards: one per recommendation, in the result's order.</summary>
internal static class CardBuilder
{
    /// <summary>The longest summary CDS Hooks allows.</summary>
    public const int MaxSummary = 140;

    public static IReadOnlyList<Card> Build(RecommendationResult result)
    {
        var texts = CardTexts.For(result.Language);
        var reasons = texts.OverrideReasons();
        return result.Recommendations.Select(r => new Card(
            Guid.NewGuid().ToString("D"),
            Summary(r, texts),
            Detail(r, texts, result.Advisory),
            r.Caveats.Count > 0 ? "warning" : "info",
            new CardSource(SourceLabel(r, texts), new Coding(CardTexts.InterventionSystem, r.InterventionId, r.Title)),
            reasons,
            new CardExtension(new CardContent(
                r.InterventionId,
                r.Kind == InterventionKind.Practice ? "practice" : "intervention",
                r.Title,
                Wire(r.Evidence),
                texts.Grade(r.Evidence),
                r.Conclusion,
                r.Reasons,
                r.Caveats,
                r.Citations,
                result.RuleSet.Hash)))).ToArray();
    }

    /// <summary>The title, grade and conclusion in at most 140 characters (a long title from a pack is shortened).</summary>
    public static string Summary(Recommendation r, CardTexts texts)
    {
        var tail = $" – {texts.Evidence}: {texts.Grade(r.Evidence)}" + (r.Conclusion is { } n ? $" ({texts.Conclusion(n)})" : string.Empty);
        var title = r.Title;
        if (title.Length + tail.Length > MaxSummary) title = title[..Math.Max(1, MaxSummary - tail.Length - 1)].TrimEnd() + "…";
        var summary = title + tail;
        return summary.Length <= MaxSummary ? summary : summary[..(MaxSummary - 1)] + "…";
    }

    /// <summary>The note when the advice comes from one of its conclusions, else the first citation of the pack that gives it.</summary>
    public static string SourceLabel(Recommendation r, CardTexts texts) =>
        r.Conclusion is not null || r.Citations.Count == 0 ? texts.Note : r.Citations[0].Text;

    /// <summary>Markdown: grade and kind, then reasons, caveats and citations, then the advisory sentence.</summary>
    public static string Detail(Recommendation r, CardTexts texts, string advisory)
    {
        var md = new StringBuilder(1024);
        md.Append("**").Append(Capital(texts.Evidence)).Append(":** ").Append(texts.Grade(r.Evidence))
            .Append(" · ").Append(r.Kind == InterventionKind.Practice ? texts.Practice : texts.Intervention);
        if (r.Conclusion is { } n) md.Append(" · ").Append(texts.Conclusion(n));
        md.Append("\n\n");
        List(md, texts.Why, r.Reasons);
        List(md, texts.Caveats, r.Caveats);
        md.Append("**").Append(texts.Sources).Append("**\n\n");
        for (var i = 0; i < r.Citations.Count; i++)
        {
            var c = r.Citations[i];
            md.Append(i + 1).Append(". ").Append(Escape(c.Text)).Append(" (`").Append(c.Key).Append("`)");
            if (c.Finding.Length > 0) md.Append(" — *").Append(texts.Finding).Append(":* ").Append(Escape(c.Finding));
            md.Append('\n');
        }

        md.Append("\n_").Append(Escape(advisory)).Append("_\n");
        return md.ToString();
    }

    private static void List(StringBuilder md, string heading, IReadOnlyList<string> items)
    {
        if (items.Count == 0) return;
        md.Append("**").Append(heading).Append("**\n\n");
        foreach (var item in items) md.Append("- ").Append(Escape(item)).Append('\n');
        md.Append('\n');
    }

    /// <summary>Escapes the characters that Markdown would read as formatting, so that a pack's text shows as written.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            if (ch is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#') sb.Append('\\');
            sb.Append(ch);
        }

        return sb.ToString();
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Wire(EvidenceGrade grade) => grade switch
    {
        EvidenceGrade.Strong => "strong",
        EvidenceGrade.Moderate => "moderate",
        EvidenceGrade.Mixed => "mixed",
        _ => "limited",
    };
}
