using System.Globalization;
using System.Text;

namespace Pathways;

/// <summary>
/// Placeholders in rule texts: <c>{youngMaxAge}</c> in a reason, why-not, caveat, unknown-fact caveat or finding
/// stands for the value in force of the pack parameter of that name (after later packs and the options have set
/// it), written for the text's language (Danish with a decimal comma). A caseworker reads "højst 29 år", never a
/// parameter's name. The texts are resolved once, when the rule set is compiled; a placeholder that names no
/// parameter the rule can see refuses the pack, naming the rule and the text.
/// </summary>
internal static class TextTemplate
{

    /// <summary>
    /// Replaces every enabled rule of <paramref name="m"/> whose texts hold placeholders with a copy whose texts hold
    /// the values (the parsed rule is never changed, so one parsed pack can be compiled with other values). A rule
    /// sees the parameters of its own and earlier packs, as its expression does.
    /// </summary>
    /// <param name="m">The merged packs; their rules are replaced by rules with the texts filled in.</param>
    /// <param name="problems">Receives every unknown placeholder.</param>
    /// <param name="onlyPack">Only this pack's rules (validation of one pack on top of valid ones); all when null.</param>
    public static void Resolve(RuleSetCompiler.Merged m, List<PackProblem> problems, string? onlyPack = null)
    {
        // The parameters a pack sees, once per pack rather than once per rule (a load stays linear in its rules).
        var packIndexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < m.Packs.Count; p++) packIndexes[m.Packs[p].Name] = p;
        var visibleTo = new Dictionary<int, Dictionary<string, ParameterEntry>>();
        for (var i = 0; i < m.Rules.Count; i++)
        {
            var rule = m.Rules[i];
            if (!rule.Enabled || (onlyPack is not null && rule.Pack != onlyPack)) continue;
            var packIndex = packIndexes.TryGetValue(rule.Pack, out var at) ? at : -1;
            if (!visibleTo.TryGetValue(packIndex, out var visible))
            {
                visible = m.Parameters.Values
                    .Where(p => !m.ParameterFirstPack.TryGetValue(p.Name, out var first) || first <= packIndex)
                    .ToDictionary(p => p.Name, StringComparer.Ordinal);
                visibleTo[packIndex] = visible;
            }

            m.Rules[i] = rule.MapTexts((text, field, owner) => Fill(text, field, owner, visible, problems));
        }
    }

    /// <summary>The value as a text in the language: whole numbers without decimals, Danish with a decimal comma.</summary>
    public static string Format(ParameterEntry p, Language language)
    {
        var s = p.IsInteger
            ? ((long)p.Value).ToString(CultureInfo.InvariantCulture)
            : p.Value.ToString("0.############", CultureInfo.InvariantCulture);
        return language == Language.En ? s : s.Replace('.', ',');
    }

    private static LocalizedText Fill(LocalizedText text, string field, RuleDef rule, Dictionary<string, ParameterEntry> visible, List<PackProblem> problems)
    {
        var da = Fill(text.Da, Language.Da, field, rule, visible, problems);
        var en = Fill(text.En, Language.En, field, rule, visible, problems);
        return ReferenceEquals(da, text.Da) && ReferenceEquals(en, text.En) ? text : new LocalizedText(da, en);
    }

    private static string Fill(string text, Language language, string field, RuleDef rule, Dictionary<string, ParameterEntry> visible, List<PackProblem> problems)
    {
        if (text.IndexOf('{') < 0 && text.IndexOf('}') < 0) return text;
        var where = $"Text '{field}' ({(language == Language.En ? "en" : "da")})";
        string Known() => visible.Count == 0 ? "this pack and the earlier ones define no parameter" : "parameters: " + string.Join(", ", visible.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => "{" + k + "}"));
        return ReplaceBraces(text, (value, name) =>
        {
            if (name is null)
            {
                problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.Line, $"{where} has a '{value}' that is not part of a placeholder: write {{name}} for a parameter's value, and no other braces."));
                return value;
            }

            if (visible.TryGetValue(name, out var p))
            {
                if (p.Periods is null) return Format(p, language);

                // Texts are resolved once; a dated value differs by day, so the text would show a value not in force.
                problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.Line, $"{where} uses the placeholder '{value}', but parameter '{name}' has dated values, so its value differs by day; write the text without the value (a card must never show a value that is not in force)."));
                return value;
            }

            var nearest = visible.Keys.OrderBy(k => ProfileJson.Distance(name, k)).ThenBy(k => k, StringComparer.Ordinal).FirstOrDefault();
            var hint = nearest is not null && ProfileJson.Distance(name, nearest) <= Math.Max(3, name.Length / 3) ? $" (did you mean '{{{nearest}}}'?)" : string.Empty;
            problems.Add(new PackProblem(rule.Source, rule.Pack, rule.Workflow, rule.Name, rule.Line, $"{where} uses the placeholder '{value}', which names no parameter of this or an earlier pack{hint}; {Known()}."));
            return value;
        });
    }

    /// <summary>
    /// Each <c>{name}</c> (no brace inside) and each lone <c>{</c> or <c>}</c> of <paramref name="text"/>, left to right,
    /// replaced by what <paramref name="replace"/> returns for it (the match, and the name or <see langword="null"/> for a
    /// lone brace). A scan rather than a regular expression, whose set-up is a cost at start-up.
    /// </summary>
    internal static string ReplaceBraces(string text, Func<string, string?, string> replace)
    {
        var sb = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var at = text.IndexOfAny(BraceChars, i);
            if (at < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }

            sb.Append(text, i, at - i);
            if (text[at] == '{')
            {
                var next = text.IndexOfAny(BraceChars, at + 1);
                if (next >= 0 && text[next] == '}')
                {
                    sb.Append(replace(text.Substring(at, next - at + 1), text.Substring(at + 1, next - at - 1)));
                    i = next + 1;
                    continue;
                }
            }

            sb.Append(replace(text[at].ToString(), null));
            i = at + 1;
        }

        return sb.ToString();
    }

    private static readonly char[] BraceChars = { '{', '}' };
}

/// <content>Copying a rule with resolved texts.</content>
internal sealed partial class RuleDef
{
    /// <summary>
    /// This rule with every text (and every nested rule's texts) passed through <paramref name="map"/>, which gets the
    /// text, its property name and the rule it belongs to. Returns this same rule when no text changes.
    /// </summary>
    internal RuleDef MapTexts(Func<LocalizedText, string, RuleDef, LocalizedText> map)
    {
        LocalizedText? Map(LocalizedText? text, string field) => text is null ? null : map(text, field, this);
        var reason = Map(Reason, "reason");
        var whyNot = Map(WhyNot, "whyNot");
        var caveat = Map(Caveat, "caveat");
        var ifUnknown = Map(IfUnknown, "ifUnknown");
        var same = ReferenceEquals(reason, Reason) && ReferenceEquals(whyNot, WhyNot) && ReferenceEquals(caveat, Caveat) && ReferenceEquals(ifUnknown, IfUnknown);
        var findings = new Dictionary<string, LocalizedText>(Findings.Count, StringComparer.Ordinal);
        foreach (var kv in Findings)
        {
            var text = map(kv.Value, "findings." + kv.Key, this);
            findings[kv.Key] = text;
            same &= ReferenceEquals(text, kv.Value);
        }

        var children = new List<RuleDef>(Children.Count);
        foreach (var c in Children)
        {
            var mapped = c.MapTexts(map);
            children.Add(mapped);
            same &= ReferenceEquals(mapped, c);
        }

        if (same) return this;

        var copy = (RuleDef)MemberwiseClone();
        copy.Reason = reason;
        copy.WhyNot = whyNot;
        copy.Caveat = caveat;
        copy.IfUnknown = ifUnknown;
        copy.Findings = findings;
        copy.Children = children;
        return copy;
    }
}
