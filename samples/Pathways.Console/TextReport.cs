using System.Text;

namespace Pathways.Console;

/// <summary>
/// The readable form of a result: one card per recommendation (title, evidence grade, why, caveats, numbered
/// citations with the finding the note attributes to each), then what was not recommended and why, then the rule
/// set and the advisory sentence. Danish by default; ANSI colour only when asked for.
/// </summary>
internal sealed class TextReport
{
    private const int Width = 100;
    private readonly TextWriter _out;
    private readonly bool _colour;
    private readonly Labels _l;

    public TextReport(TextWriter output, Language language, bool colour)
    {
        _out = output;
        _colour = colour;
        _l = language == Language.En ? Labels.English : Labels.Danish;
    }

    public void Write(RecommendationResult result)
    {
        var heading = result.Id is null ? _l.HeadingNoId : string.Format(System.Globalization.CultureInfo.InvariantCulture, _l.Heading, result.Id);
        Line(Style(heading, Ansi.Bold));
        Line(new string('=', heading.Length));
        Line();

        if (result.Recommendations.Count == 0)
        {
            Wrap(_l.NoRecommendations, string.Empty, string.Empty);
            Line();
        }

        var number = 0;
        foreach (var r in result.Recommendations)
        {
            number++;
            Line(Style($"{number}. {r.Title}", Ansi.Bold) + Style($"  ({r.InterventionId})", Ansi.Dim));
            var facts = new StringBuilder();
            facts.Append(r.Kind == InterventionKind.Practice ? _l.Practice : _l.Intervention);
            facts.Append(" · ").Append(_l.Evidence).Append(": ").Append(Style(_l.Grade(r.Evidence), GradeColour(r.Evidence)));
            if (r.Conclusion is { } c) facts.Append(" · ").Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, _l.Conclusion, c));
            Line("   " + facts);
            Section(_l.Why, r.Reasons);
            Section(_l.Caveats, r.Caveats);
            Line("   " + Style(_l.Sources, Ansi.Underline));
            var n = 0;
            foreach (var citation in r.Citations)
            {
                n++;
                var tag = $"[{n}] ";
                Wrap(citation.Text + " " + Style($"({citation.Key})", Ansi.Dim), "     " + tag, "     " + new string(' ', tag.Length));
                if (!string.IsNullOrWhiteSpace(citation.Finding))
                    Wrap(_l.Finding + ": " + citation.Finding, "     " + new string(' ', tag.Length), "     " + new string(' ', tag.Length + 2));
            }

            Line();
        }

        if (result.NotRecommended.Count > 0)
        {
            Line(Style(_l.NotRecommended, Ansi.Bold));
            foreach (var n in result.NotRecommended)
            {
                // One reason reads as a sentence after the title; several read better one to a line.
                if (n.Reasons.Count <= 1)
                {
                    Wrap(Style(n.Title, Ansi.Bold) + $" ({n.InterventionId}): " + (n.Reasons.Count == 0 ? _l.NoReason : n.Reasons[0]), "  - ", "    ");
                    continue;
                }

                Line("  - " + Style(n.Title, Ansi.Bold) + $" ({n.InterventionId}):");
                foreach (var reason in n.Reasons) Wrap(reason, "      · ", "        ");
            }

            Line();
        }

        if (result.Warnings.Count > 0)
        {
            Line(Style(_l.Warnings, Ansi.Bold));
            foreach (var w in result.Warnings) Wrap(w, "  ! ", "    ");
            Line();
        }

        var info = result.RuleSet;
        Wrap($"{_l.RuleSet}: {info.Name} {info.Version} ({info.Hash})", string.Empty, "  ");
        Wrap(Style(result.Advisory, Ansi.Italic), string.Empty, string.Empty);
    }

    private void Section(string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0) return;
        Line("   " + Style(title, Ansi.Underline));
        foreach (var item in items) Wrap(item, "     - ", "       ");
    }

    private string Style(string text, string code) => _colour ? code + text + Ansi.Reset : text;

    private static string GradeColour(EvidenceGrade grade) => grade switch
    {
        EvidenceGrade.Strong => Ansi.Green,
        EvidenceGrade.Moderate => Ansi.Cyan,
        EvidenceGrade.Mixed => Ansi.Yellow,
        _ => Ansi.Magenta,
    };

    private void Line(string text = "") => _out.Write(text + "\n");

    /// <summary>Word-wraps at <see cref="Width"/> visible characters (ANSI codes do not count) with a hanging indent.</summary>
    private void Wrap(string text, string first, string rest)
    {
        var line = new StringBuilder(first);
        var visible = first.Length;
        var atStart = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var length = Ansi.VisibleLength(word);
            if (!atStart && visible + 1 + length > Width)
            {
                Line(line.ToString());
                line.Clear().Append(rest);
                visible = rest.Length;
                atStart = true;
            }

            if (!atStart)
            {
                line.Append(' ');
                visible++;
            }

            line.Append(word);
            visible += length;
            atStart = false;
        }

        Line(line.ToString());
    }

    private sealed record Labels(
        string Heading,
        string HeadingNoId,
        string NoRecommendations,
        string Intervention,
        string Practice,
        string Evidence,
        string Conclusion,
        string Why,
        string Caveats,
        string Sources,
        string Finding,
        string NotRecommended,
        string NoReason,
        string RuleSet,
        string[] Grades,
        string Warnings)
    {
        public static Labels Danish { get; } = new(
            "Forslag til indsatser for {0}",
            "Forslag til indsatser for borgeren",
            "Ingen indsats kan anbefales ud fra de oplysninger, der er kendt om borgeren.",
            "Indsats til borgeren",
            "Praksis for jobcentret",
            "evidens",
            "notatets konklusion {0}",
            "Hvorfor",
            "Vær opmærksom på",
            "Kilder",
            "Fund",
            "Ikke anbefalet",
            "Ingen regel taler for den.",
            "Regelsæt",
            new[] { "stærk", "moderat", "blandet", "begrænset" },
            "Advarsler");

        public static Labels English { get; } = new(
            "Suggested interventions for {0}",
            "Suggested interventions for the citizen",
            "No intervention can be recommended from what is known about the citizen.",
            "Intervention for the citizen",
            "Practice for the jobcentre",
            "evidence",
            "the note's conclusion {0}",
            "Why",
            "Keep in mind",
            "Sources",
            "Finding",
            "Not recommended",
            "No rule speaks for it.",
            "Rule set",
            new[] { "strong", "moderate", "mixed", "limited" },
            "Warnings");

        public string Grade(EvidenceGrade grade) => Grades[Math.Clamp((int)grade, 0, Grades.Length - 1)];
    }
}

/// <summary>The few ANSI SGR codes the text report uses.</summary>
internal static class Ansi
{
    public const string Reset = "\u001b[0m";
    public const string Bold = "\u001b[1m";
    public const string Dim = "\u001b[2m";
    public const string Italic = "\u001b[3m";
    public const string Underline = "\u001b[4m";
    public const string Green = "\u001b[32m";
    public const string Yellow = "\u001b[33m";
    public const string Magenta = "\u001b[35m";
    public const string Cyan = "\u001b[36m";

    /// <summary>The length of a text as the terminal shows it: escape sequences take no room.</summary>
    public static int VisibleLength(string text)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\u001b')
            {
                while (i < text.Length && text[i] != 'm') i++;
                continue;
            }

            length++;
        }

        return length;
    }
}
