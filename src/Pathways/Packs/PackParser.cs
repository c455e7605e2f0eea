using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pathways;

/// <summary>
/// Reads one pack's JSON into a <see cref="PackDefinition"/>, collecting every problem with its file, workflow,
/// rule and line. It checks shape only; references and expressions are checked when the rule set is compiled.
/// </summary>
internal sealed class PackParser
{
    internal static readonly string[] TopLevelKeys = { "$schema", "name", "version", "description", "advisory", "parameters", "citations", "interventions", "workflows" };
    private static readonly string[] WorkflowKeys = { "WorkflowName", "Rules", "GlobalParams", "RuleExpressionType" };
    private static readonly string[] RuleKeys = { "RuleName", "Expression", "SuccessEvent", "Properties", "Operator", "Rules", "LocalParams", "Enabled", "ErrorMessage", "RuleExpressionType" };
    private static readonly string[] PropertyKeys = { "role", "citations", "evidence", "evidenceWording", "reason", "whyNot", "caveat", "ifUnknown", "findings", "override" };
    private static readonly string[] CitationKeys = { "key", "authors", "year", "yearSuffix", "title", "publisher", "finding", "override" };
    private static readonly string[] InterventionKeys = { "id", "kind", "conclusion", "title", "description", "override" };
    private static readonly string[] ParameterKeys = { "name", "value", "description", "override" };
    private static readonly string[] Operators = { "And", "AndAlso", "Or", "OrElse" };
    internal static readonly Regex IdPattern = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);
    internal static readonly Regex NamePattern = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    private readonly string _source;
    private readonly List<PackProblem> _problems;
    private string? _pack;

    private PackParser(string source, List<PackProblem> problems)
    {
        _source = source;
        _problems = problems;
    }

    /// <summary>Parses a pack; returns <see langword="null"/> (with problems added) when it cannot be read at all.</summary>
    public static PackDefinition? Parse(string json, string source, List<PackProblem> problems)
    {
        var parser = new PackParser(source, problems);
        return parser.ParseRoot(json);
    }

    /// <summary>The SHA-256 of the JSON without insignificant white space, as <c>sha256:…</c>.</summary>
    internal static string CanonicalHash(JToken root) => "sha256:" + Hex(Encoding.UTF8.GetBytes(root.ToString(Formatting.None)));

    internal static string Hex(byte[] data)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(data);
        var sb = new StringBuilder(hash.Length * 2);
        foreach (var b in hash) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private PackDefinition? ParseRoot(string json)
    {
        JToken root;
        try
        {
            root = JToken.Parse(json, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error, CommentHandling = CommentHandling.Ignore });
        }
        catch (JsonReaderException e)
        {
            Add(null, null, e.LineNumber, $"Malformed JSON at line {e.LineNumber}, position {e.LinePosition}: {ProfileJson.FirstSentence(e.Message)}");
            return null;
        }

        if (root is not JObject obj)
        {
            Add(null, null, Line(root), "A pack must be a JSON object with 'name', 'version' and 'workflows'.");
            return null;
        }

        _pack = obj["name"] is JValue { Type: JTokenType.String } n ? (string?)n : null;
        CheckKeys(obj, TopLevelKeys, null, null, "the pack");

        var name = RequiredString(obj, "name", null, null, "the pack");
        if (name is not null && !IdPattern.IsMatch(name))
            Add(null, null, Line(obj["name"]), $"Pack name '{name}' must be lower-case kebab (letters, digits and single hyphens).");
        var version = RequiredString(obj, "version", null, null, "the pack");
        if (version is not null && !Regex.IsMatch(version, @"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$"))
            Add(null, null, Line(obj["version"]), $"Pack version '{version}' must be a semantic version such as 1.0.0.");

        var def = new PackDefinition
        {
            Source = _source,
            Name = name ?? "(unnamed)",
            Version = version ?? "0.0.0",
            Hash = CanonicalHash(obj),
            Description = Text(obj, "description", null, null, required: false),
            Advisory = Text(obj, "advisory", null, null, required: false),
        };

        foreach (var item in Array(obj, "parameters", null, null))
            ParseParameter(item, def);
        foreach (var item in Array(obj, "citations", null, null))
            ParseCitation(item, def);
        foreach (var item in Array(obj, "interventions", null, null))
            ParseIntervention(item, def);

        if (obj["workflows"] is null)
            Add(null, null, Line(obj), "The pack has no 'workflows' array: add at least one RulesEngine workflow.");
        foreach (var item in Array(obj, "workflows", null, null))
            ParseWorkflow(item, def);

        return def;
    }

    private void ParseParameter(JToken item, PackDefinition def)
    {
        if (item is not JObject o)
        {
            Add(null, null, Line(item), "Each entry of 'parameters' must be an object with 'name', 'value' and 'description'.");
            return;
        }

        var name = RequiredString(o, "name", null, null, "a parameter");
        CheckKeys(o, ParameterKeys, null, name, "parameter");
        if (name is not null && !NamePattern.IsMatch(name))
            Add(null, name, Line(o), $"Parameter name '{name}' must be an identifier (letters, digits, underscore) so that expressions can use it.");
        var v = o["value"];
        double value = 0;
        var isInt = true;
        if (v is null || v.Type is not (JTokenType.Integer or JTokenType.Float))
            Add(null, name, Line(v ?? o), $"Parameter '{name}' needs a numeric 'value'.");
        else
        {
            value = (double)v;
            isInt = v.Type == JTokenType.Integer;
        }

        var description = Text(o, "description", null, name, required: true) ?? LocalizedText.Empty;
        if (name is not null)
            def.Parameters.Add(new ParameterDef(new ParameterEntry(name, value, isInt, description, def.Name), Bool(o, "override", null, name) ?? false, Line(o)));
    }

    private void ParseCitation(JToken item, PackDefinition def)
    {
        if (item is not JObject o)
        {
            Add(null, null, Line(item), "Each entry of 'citations' must be an object with 'key', 'authors' and 'finding'.");
            return;
        }

        var key = RequiredString(o, "key", null, null, "a citation");
        CheckKeys(o, CitationKeys, null, key, "citation");
        if (key is not null && !IdPattern.IsMatch(key))
            Add(null, key, Line(o), $"Citation key '{key}' must be lower-case kebab, such as 'graversen-2012'.");
        var authors = RequiredString(o, "authors", null, key, "citation");
        int? year = null;
        if (o["year"] is { } y && y.Type != JTokenType.Null)
        {
            if (y.Type == JTokenType.Integer && (long)y is >= 1900 and <= 2100) year = (int)(long)y;
            else Add(null, key, Line(y), $"Citation '{key}' has year {y.ToString(Formatting.None)}: give a whole year such as 2012, or leave it out when the source gives none.");
        }

        var suffix = OptionalString(o, "yearSuffix", null, key);
        if (suffix is not null && (year is null || !Regex.IsMatch(suffix, "^[a-z]$")))
            Add(null, key, Line(o["yearSuffix"]), $"Citation '{key}' has yearSuffix '{suffix}': give one lower-case letter, such as 'a' in 2023a, and a year.");
        var title = OptionalString(o, "title", null, key);
        var publisher = OptionalString(o, "publisher", null, key);
        var finding = Text(o, "finding", null, key, required: true) ?? LocalizedText.Empty;
        if (key is not null && authors is not null)
            def.Citations.Add(new CitationDef(new CitationEntry(key, authors, year, suffix, title, publisher, finding, def.Name), Bool(o, "override", null, key) ?? false, Line(o)));
    }

    private void ParseIntervention(JToken item, PackDefinition def)
    {
        if (item is not JObject o)
        {
            Add(null, null, Line(item), "Each entry of 'interventions' must be an object with 'id', 'kind' and 'title'.");
            return;
        }

        var id = RequiredString(o, "id", null, null, "an intervention");
        CheckKeys(o, InterventionKeys, null, id, "intervention");
        if (id is not null && !IdPattern.IsMatch(id))
            Add(null, id, Line(o), $"Intervention id '{id}' must be lower-case kebab, such as 'private-wage-subsidy'.");
        var kindText = OptionalString(o, "kind", null, id) ?? "intervention";
        InterventionKind kind;
        switch (kindText)
        {
            case "intervention": kind = InterventionKind.Intervention; break;
            case "practice": kind = InterventionKind.Practice; break;
            default:
                Add(null, id, Line(o["kind"]), $"Intervention '{id}' has kind '{kindText}': allowed 'intervention' or 'practice'.");
                kind = InterventionKind.Intervention;
                break;
        }

        int? conclusion = null;
        if (o["conclusion"] is { } c && c.Type != JTokenType.Null)
        {
            if (c.Type == JTokenType.Integer && (long)c is >= 1 and <= 5) conclusion = (int)(long)c;
            else Add(null, id, Line(c), $"Intervention '{id}' has conclusion {c.ToString(Formatting.None)}: allowed 1–5 (the note's conclusions), or leave it out.");
        }

        var title = Text(o, "title", null, id, required: true) ?? LocalizedText.Empty;
        var description = Text(o, "description", null, id, required: false) ?? LocalizedText.Empty;
        if (id is not null)
            def.Interventions.Add(new InterventionDef(new InterventionEntry(id, kind, conclusion, title, description, def.Name), Bool(o, "override", null, id) ?? false, Line(o)));
    }

    private void ParseWorkflow(JToken item, PackDefinition def)
    {
        if (item is not JObject o)
        {
            Add(null, null, Line(item), "Each entry of 'workflows' must be a RulesEngine workflow object with 'WorkflowName' and 'Rules'.");
            return;
        }

        var name = RequiredString(o, "WorkflowName", null, null, "a workflow");
        if (o["WorkflowsToInject"] is not null)
            Add(name, null, Line(o["WorkflowsToInject"]), "'WorkflowsToInject' is not supported: it grows the rule list on every call in RulesEngine 6; copy the rules or use nested rules instead.");
        CheckKeys(o, WorkflowKeys.Append("WorkflowsToInject").ToArray(), name, null, "workflow");
        CheckExpressionType(o, name, null);
        var wf = new WorkflowDef { Name = name ?? "(unnamed)", Line = Line(o) };
        wf.GlobalParams.AddRange(ScopedParams(o, "GlobalParams", name, null));
        var rules = Array(o, "Rules", name, null).ToList();
        if (rules.Count == 0)
            Add(name, null, Line(o), $"Workflow '{name}' has no rules.");
        foreach (var r in rules)
        {
            if (ParseRule(r, def, wf.Name, nested: false) is { } rule)
                wf.Rules.Add(rule);
        }

        def.Workflows.Add(wf);
    }

    private RuleDef? ParseRule(JToken item, PackDefinition def, string workflow, bool nested)
    {
        if (item is not JObject o)
        {
            Add(workflow, null, Line(item), "Each rule must be an object with 'RuleName' and 'Expression' (or 'Operator' and 'Rules').");
            return null;
        }

        var name = RequiredString(o, "RuleName", workflow, null, "a rule");
        if (name is not null && !NamePattern.IsMatch(name))
            Add(workflow, name, Line(o), $"Rule name '{name}' must be an identifier (letters, digits and underscore).");
        foreach (var banned in new[] { "WorkflowsToInject", "Actions" })
        {
            if (o[banned] is not null)
                Add(workflow, name, Line(o[banned]), $"'{banned}' is not supported in Pathways packs: a rule recommends through 'SuccessEvent' and its 'Properties'.");
        }

        CheckKeys(o, RuleKeys.Concat(new[] { "WorkflowsToInject", "Actions" }).ToArray(), workflow, name, "rule");
        CheckExpressionType(o, workflow, name);
        var op = OptionalString(o, "Operator", workflow, name);
        if (op is not null && !Operators.Contains(op))
            Add(workflow, name, Line(o["Operator"]), $"Operator '{op}' is not allowed: use one of {string.Join(", ", Operators)}.");
        var expression = OptionalString(o, "Expression", workflow, name);
        var children = Array(o, "Rules", workflow, name).ToList();
        var enabled = Bool(o, "Enabled", workflow, name) ?? true;

        // A disabled rule is never compiled (as in RulesEngine), so a rule that only disables an earlier one by
        // override needs no expression.
        if (op is null && string.IsNullOrWhiteSpace(expression) && enabled)
            Add(workflow, name, Line(o), "The rule needs an 'Expression' (or an 'Operator' with nested 'Rules').");
        if (op is not null && children.Count == 0)
            Add(workflow, name, Line(o), $"The rule has Operator '{op}' but no nested 'Rules'.");
        if (op is null && children.Count > 0)
            Add(workflow, name, Line(o), "The rule has nested 'Rules' but no 'Operator': say 'And', 'AndAlso', 'Or' or 'OrElse'.");
        if (op is not null && expression is not null)
            Add(workflow, name, Line(o["Expression"]), "The rule has both an 'Operator' and an 'Expression'; RulesEngine ignores the expression of a nested rule, so remove it.");

        if (o["ErrorMessage"] is JValue { Type: JTokenType.String } em && ((string?)em)!.Contains("$(", StringComparison.Ordinal))
            Add(workflow, name, Line(em), "'ErrorMessage' uses a RulesEngine placeholder '$(…)': Pathways shows the text as written and never puts the citizen's values into it, so write it plainly.");

        var props = o["Properties"] as JObject;
        if (o["Properties"] is { } pt && pt.Type != JTokenType.Null && props is null)
            Add(workflow, name, Line(pt), "'Properties' must be an object.");
        var successEvent = OptionalString(o, "SuccessEvent", workflow, name);

        var roleText = props is null ? null : OptionalString(props, "role", workflow, name);
        var role = RuleRole.Recommend;
        switch (roleText)
        {
            case null or "recommend": break;
            case "caveat": role = RuleRole.Caveat; break;
            case "exclude": role = RuleRole.Exclude; break;
            default:
                Add(workflow, name, Line(props!["role"]), $"Role '{roleText}' is not allowed: use 'recommend', 'caveat' or 'exclude'.");
                break;
        }

        EvidenceGrade? grade = null;
        if (props?["evidence"] is { } ev && ev.Type != JTokenType.Null)
        {
            if (ev.Type == JTokenType.String && EvidenceNames.TryParse((string?)ev, out var g)) grade = g;
            else Add(workflow, name, Line(ev), $"Evidence {ev.ToString(Formatting.None)} is not allowed: use 'strong', 'moderate', 'mixed' or 'limited'.");
        }

        var rule = new RuleDef
        {
            Name = name ?? "(unnamed)",
            Pack = def.Name,
            Source = _source,
            Workflow = workflow,
            Line = Line(o),
            ExpressionLine = Line(o["Expression"]),
            SuccessEventLine = Line(o["SuccessEvent"]),
            CitationsLine = Line(props?["citations"]),
            Expression = expression,
            SuccessEvent = successEvent,
            Operator = op,
            Enabled = enabled,
            ErrorMessage = OptionalString(o, "ErrorMessage", workflow, name),
            Role = role,
            Evidence = grade,
            EvidenceWording = props is null ? null : OptionalString(props, "evidenceWording", workflow, name),
            Reason = props is null ? null : Text(props, "reason", workflow, name, required: false),
            WhyNot = props is null ? null : Text(props, "whyNot", workflow, name, required: false),
            Caveat = props is null ? null : Text(props, "caveat", workflow, name, required: false),
            IfUnknown = props is null ? null : Text(props, "ifUnknown", workflow, name, required: false),
            Override = props is not null && (Bool(props, "override", workflow, name) ?? false),
        };
        rule.LocalParams.AddRange(ScopedParams(o, "LocalParams", workflow, name));

        if (props is not null)
        {
            foreach (var p in props.Properties())
            {
                if (!PropertyKeys.Contains(p.Name) && !p.Name.StartsWith("x-", StringComparison.Ordinal))
                    Add(workflow, name, Line(p), $"Unknown rule property '{p.Name}'{Suggest(p.Name, PropertyKeys)}: allowed {string.Join(", ", PropertyKeys)}, or a custom one starting with 'x-'.");
                rule.RawProperties[p.Name] = p.Value is JValue jv ? jv.Value : p.Value.ToString(Formatting.None);
            }

            if (props["citations"] is { } cits && cits.Type != JTokenType.Null)
            {
                if (cits is JArray arr && arr.All(t => t.Type == JTokenType.String))
                    rule.Citations.AddRange(arr.Select(t => (string)t!));
                else
                {
                    Add(workflow, name, Line(cits), "'citations' must be an array of citation keys such as [\"graversen-2012\"].");
                    rule.CitationsMalformed = true;
                }
            }

            if (props["findings"] is { } fs && fs.Type != JTokenType.Null)
            {
                if (fs is JObject fo)
                {
                    foreach (var f in fo.Properties())
                    {
                        if (ReadText(f.Value, workflow, name, "findings." + f.Name) is { } t)
                            rule.Findings[f.Name] = t;
                    }
                }
                else
                {
                    Add(workflow, name, Line(fs), "'findings' must map citation keys to {\"da\": …, \"en\": …} texts.");
                }
            }
        }

        foreach (var c in children)
        {
            if (ParseRule(c, def, workflow, nested: true) is { } child)
                rule.Children.Add(child);
        }

        if (nested && props is not null && (roleText is not null || rule.Citations.Count > 0 || grade is not null))
            Add(workflow, name, Line(props), "A nested rule cannot carry 'role', 'citations' or 'evidence': put them on the top-level rule (a nested rule may have 'whyNot').");

        return rule;
    }

    private IEnumerable<ScopedParamDef> ScopedParams(JObject o, string key, string? workflow, string? rule)
    {
        foreach (var item in Array(o, key, workflow, rule))
        {
            if (item is not JObject p)
            {
                Add(workflow, rule, Line(item), $"Each entry of '{key}' must be an object with 'Name' and 'Expression'.");
                continue;
            }

            foreach (var prop in p.Properties())
            {
                if (prop.Name is not ("Name" or "Expression"))
                    Add(workflow, rule, Line(prop), $"Unknown property '{prop.Name}' in {key}: allowed 'Name' and 'Expression'.");
            }

            var name = RequiredString(p, "Name", workflow, rule, $"an entry of {key}");
            var expr = RequiredString(p, "Expression", workflow, rule, $"{key} '{name}'");
            if (name is not null && !NamePattern.IsMatch(name))
                Add(workflow, rule, Line(p), $"{key} name '{name}' must be an identifier (letters, digits and underscore).");
            if (name is not null && expr is not null)
                yield return new ScopedParamDef(name, expr, Line(p));
        }
    }

    private void CheckExpressionType(JObject o, string? workflow, string? rule)
    {
        if (o["RuleExpressionType"] is { } t && !(t.Type == JTokenType.String && (string?)t == "LambdaExpression") && !(t.Type == JTokenType.Integer && (long)t == 0))
            Add(workflow, rule, Line(t), $"RuleExpressionType {t.ToString(Formatting.None)} is not allowed: only 'LambdaExpression'.");
    }

    private IEnumerable<JToken> Array(JObject o, string key, string? workflow, string? rule)
    {
        var t = o[key];
        if (t is null || t.Type == JTokenType.Null) return Enumerable.Empty<JToken>();
        if (t is JArray a) return a;
        Add(workflow, rule, Line(t), $"'{key}' must be an array.");
        return Enumerable.Empty<JToken>();
    }

    private void CheckKeys(JObject o, string[] allowed, string? workflow, string? rule, string what)
    {
        foreach (var p in o.Properties())
        {
            if (!allowed.Contains(p.Name))
                Add(workflow, rule, Line(p), $"Unknown property '{p.Name}' in {what}{Suggest(p.Name, allowed)}: allowed {string.Join(", ", allowed)}.");
        }
    }

    private string? RequiredString(JObject o, string key, string? workflow, string? rule, string what)
    {
        var t = o[key];
        if (t is null || t.Type == JTokenType.Null)
        {
            Add(workflow, rule, Line(o), $"'{key}' is missing in {what}.");
            return null;
        }

        if (t.Type != JTokenType.String || string.IsNullOrWhiteSpace((string?)t))
        {
            Add(workflow, rule, Line(t), $"'{key}' in {what} must be a non-empty string.");
            return null;
        }

        return (string)t!;
    }

    private string? OptionalString(JObject o, string key, string? workflow, string? rule)
    {
        var t = o[key];
        if (t is null || t.Type == JTokenType.Null) return null;
        if (t.Type == JTokenType.String) return (string?)t;
        Add(workflow, rule, Line(t), $"'{key}' must be a string.");
        return null;
    }

    private bool? Bool(JObject o, string key, string? workflow, string? rule)
    {
        var t = o[key];
        if (t is null || t.Type == JTokenType.Null) return null;
        if (t.Type == JTokenType.Boolean) return (bool)t;
        Add(workflow, rule, Line(t), $"'{key}' must be true or false.");
        return null;
    }

    private LocalizedText? Text(JObject o, string key, string? workflow, string? rule, bool required)
    {
        var t = o[key];
        if (t is null || t.Type == JTokenType.Null)
        {
            if (required) Add(workflow, rule, Line(o), $"'{key}' is missing: give a text as {{\"da\": \"…\", \"en\": \"…\"}}.");
            return null;
        }

        return ReadText(t, workflow, rule, key);
    }

    private LocalizedText? ReadText(JToken t, string? workflow, string? rule, string key)
    {
        if (t is JObject lo && lo["da"] is JValue { Type: JTokenType.String } da && !string.IsNullOrWhiteSpace((string?)da))
        {
            foreach (var p in lo.Properties())
            {
                if (p.Name is not ("da" or "en"))
                    Add(workflow, rule, Line(p), $"'{key}' has language '{p.Name}': allowed 'da' and 'en'.");
            }

            var en = lo["en"] is JValue { Type: JTokenType.String } e && !string.IsNullOrWhiteSpace((string?)e) ? (string)e! : (string)da!;
            return new LocalizedText((string)da!, en);
        }

        Add(workflow, rule, Line(t), $"'{key}' must be a text as {{\"da\": \"…\", \"en\": \"…\"}} with a non-empty Danish text.");
        return null;
    }

    private static string Suggest(string name, IEnumerable<string> allowed)
    {
        var best = allowed.OrderBy(a => ProfileJson.Distance(name.ToLowerInvariant(), a.ToLowerInvariant())).FirstOrDefault();
        return best is not null && ProfileJson.Distance(name.ToLowerInvariant(), best.ToLowerInvariant()) <= Math.Max(2, name.Length / 4)
            ? $" (did you mean '{best}'?)"
            : string.Empty;
    }

    private static int? Line(JToken? t) => t is IJsonLineInfo li && li.HasLineInfo() ? li.LineNumber : null;

    private void Add(string? workflow, string? rule, int? line, string message) =>
        _problems.Add(new PackProblem(_source, _pack, workflow, rule, line, message));
}
