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
    internal static readonly string[] TopLevelKeys = { "$schema", "name", "version", "description", "advisory", "parameters", "facts", "citations", "interventions", "workflows", "tests" };
    private static readonly string[] WorkflowKeys = { "WorkflowName", "Rules", "GlobalParams", "RuleExpressionType" };
    private static readonly string[] RuleKeys = { "RuleName", "Expression", "SuccessEvent", "Properties", "Operator", "Rules", "LocalParams", "Enabled", "ErrorMessage", "RuleExpressionType" };
    private static readonly string[] PropertyKeys = { "role", "citations", "evidence", "evidenceWording", "reason", "whyNot", "caveat", "ifUnknown", "findings", "override", "validFrom", "validTo" };
    private static readonly string[] CitationKeys = { "key", "authors", "year", "yearSuffix", "title", "publisher", "finding", "override" };
    private static readonly string[] InterventionKeys = { "id", "kind", "conclusion", "title", "description", "override" };
    private static readonly string[] ParameterKeys = { "name", "value", "values", "validFrom", "validTo", "description", "override" };
    private static readonly string[] ValueKeys = { "from", "to", "value" };
    private static readonly string[] TestKeys = { "name", "description", "profile", "expect" };
    private static readonly string[] ExpectKeys = { "recommended", "notRecommended", "evidence", "citations", "caveats", "fired", "notFired" };
    internal static readonly string[] FactKeys = { "name", "type", "values", "min", "max", "label" };
    private static readonly string[] FactTypes = { "boolean", "integer", "number", "enum" };
    internal static readonly Regex FactNamePattern = new("^[a-z][A-Za-z0-9]{0,39}$", RegexOptions.CultureInvariant);
    private static readonly string[] Operators = { "And", "AndAlso", "Or", "OrElse" };
    internal static readonly Regex IdPattern = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);
    internal static readonly Regex NamePattern = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    private static readonly LocalizedText NoFinding = new("Pakken angiver ikke, hvad kilden fandt.", "The pack does not say what the source found.");

    private readonly string _source;
    private readonly List<PackProblem> _problems;
    private readonly List<PackProblem> _warnings = new();
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
        try
        {
            return parser.ParseRoot(json);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the text holds, reading it gives problems, never an exception (a reload must return its result).
            parser.Add(null, null, null, $"The pack cannot be read ({e.GetType().Name}); check it with 'pathways validate'.");
            return null;
        }
    }

    /// <summary>The SHA-256 of the JSON without insignificant white space, as <c>sha256:…</c>.</summary>
    internal static string CanonicalHash(JToken root) => Hashing.Sha256Hex(root.ToString(Formatting.None));

    private PackDefinition? ParseRoot(string json)
    {
        if (json.Length > PackLimits.MaxPackBytes || System.Text.Encoding.UTF8.GetByteCount(json) > PackLimits.MaxPackBytes)
        {
            Add(null, null, null, PackLimits.TooLarge(System.Text.Encoding.UTF8.GetByteCount(json)));
            return null;
        }

        // Strict JSON first (RFC 8259): the lenient reader below would read 03734 as octal, accept NaN, comments,
        // trailing commas and content after the pack. The lenient reader stays for its line information.
        if (StrictJson.Check(json) is { } bad)
        {
            Add(null, null, bad.Line, $"Malformed JSON at line {bad.Line}, position {bad.Position}: {bad.Reason}");
            return null;
        }

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
        if (PackLimits.Exceeded(obj) is { } limit)
        {
            Add(null, null, Line(obj), limit);
            return null;
        }

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
        foreach (var item in Array(obj, "facts", null, null))
            ParseFact(item, def);
        foreach (var item in Array(obj, "citations", null, null))
            ParseCitation(item, def);
        foreach (var item in Array(obj, "interventions", null, null))
            ParseIntervention(item, def);

        if (obj["workflows"] is null)
            Add(null, null, Line(obj), "The pack has no 'workflows' array: add at least one RulesEngine workflow.");
        foreach (var item in Array(obj, "workflows", null, null))
            ParseWorkflow(item, def);
        foreach (var item in Array(obj, "tests", null, null))
            ParseTest(item, def);

        def.Warnings.AddRange(_warnings);
        return def;
    }

    /// <summary>A declared fact (CONTRACT §4.1): a lowerCamel name, a type, enum values or a range, and a label.</summary>
    private void ParseFact(JToken item, PackDefinition def)
    {
        if (item is not JObject o)
        {
            Add(null, null, Line(item), "Each entry of 'facts' must be an object with 'name', 'type' and 'label'.");
            return;
        }

        var name = RequiredString(o, "name", null, null, "a fact");
        var rule = name is null ? null : "facts." + name;
        CheckKeys(o, FactKeys, null, rule, "fact");
        var ok = name is not null;
        if (name is not null && !FactNamePattern.IsMatch(name))
        {
            Add(null, rule, Line(o), $"Fact name '{Short(name)}' must be lowerCamel: a lower-case letter, then letters and digits, at most 40 characters, such as 'homeless'.");
            ok = false;
        }

        var typeText = RequiredString(o, "type", null, rule, $"fact '{name}'");
        var type = (FactType)System.Array.IndexOf(FactTypes, typeText);
        if (typeText is not null && (int)type < 0)
            Add(null, rule, Line(o["type"]), $"Fact '{name}' has type '{Short(typeText)}': allowed 'boolean', 'integer', 'number' or 'enum'.");
        if (typeText is null || (int)type < 0) ok = false;

        var values = new List<string>();
        if (o["values"] is { } vt && vt.Type != JTokenType.Null)
        {
            if (type != FactType.Enum)
                Add(null, rule, Line(vt), $"Fact '{name}' has 'values', which only an enum fact has.");
            else if (vt is not JArray va || va.Any(v => v.Type != JTokenType.String || string.IsNullOrEmpty((string?)v)))
                Add(null, rule, Line(vt), $"Fact '{name}' has 'values' that are not a list of non-empty strings.");
            else
            {
                values.AddRange(va.Select(v => (string)v!));
                if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
                    Add(null, rule, Line(vt), $"Fact '{name}' lists one value twice in 'values'.");
            }
        }

        if (type == FactType.Enum && values.Count == 0 && ok)
        {
            Add(null, rule, Line(o), $"Enum fact '{name}' needs 'values': a non-empty list of the strings it may take.");
            ok = false;
        }

        double? Bound(string key)
        {
            if (o[key] is not { } b || b.Type == JTokenType.Null) return null;
            if (type is not (FactType.Integer or FactType.Number))
            {
                Add(null, rule, Line(b), $"Fact '{name}' has '{key}', which only an integer or number fact has.");
                return null;
            }

            if (b.Type is not (JTokenType.Integer or JTokenType.Float) || double.IsNaN((double)b) || double.IsInfinity((double)b)
                || (type == FactType.Integer && ((double)b != Math.Floor((double)b) || Math.Abs((double)b) > int.MaxValue)))
            {
                Add(null, rule, Line(b), $"Fact '{name}' has '{key}' {Short(b.ToString(Formatting.None))}: give a {(type == FactType.Integer ? "whole number" : "finite number")}.");
                return null;
            }

            return (double)b;
        }

        var min = Bound("min");
        var max = Bound("max");
        if (min > max)
        {
            Add(null, rule, Line(o), $"Fact '{name}' has min {min!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} greater than max {max!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            ok = false;
        }

        var label = Text(o, "label", null, rule, required: false);
        if (label is null && o["label"] is null && name is not null)
        {
            _warnings.Add(new PackProblem(_source, _pack, null, rule, Line(o), $"Fact '{name}' has no 'label': explanations name it '{name}'; add a label in Danish and English."));
            label = new LocalizedText(name, name);
        }

        if (ok && label is not null)
            def.Facts.Add(new FactDefinition(name!, FactLocation.Facts, type, type == FactType.Enum ? values.ToArray() : null, min, max, label, def.Name) { Line = Line(o) });
    }

    private static string Short(string s) => s.Length > 40 ? s.Substring(0, 37) + "…" : s;

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
        double value = 0;
        var isInt = true;
        IReadOnlyList<ParameterPeriod>? periods = null;
        var v = o["value"];
        if (o["values"] is { } vs && vs.Type != JTokenType.Null)
        {
            if (v is not null || o["validFrom"] is not null || o["validTo"] is not null)
                Add(null, name, Line(vs), $"Parameter '{name}' has 'values' and also 'value', 'validFrom' or 'validTo': give either one 'value' (optionally with 'validFrom'/'validTo') or dated 'values' with 'from' (and optionally 'to').");
            periods = DatedValues(vs, name, out value, out isInt);
        }
        else if (v is null || v.Type is not (JTokenType.Integer or JTokenType.Float))
            Add(null, name, Line(v ?? o), $"Parameter '{name}' needs a numeric 'value' (or dated 'values').");
        else if (v.Type == JTokenType.Integer && !(WholeNumber(v) is >= int.MinValue and <= int.MaxValue))
            Add(null, name, Line(v), $"Parameter '{name}' has value {Shown(v)}: a whole number must be from {int.MinValue} to {int.MaxValue}.");
        else if (v.Type == JTokenType.Float && !IsFinite(v))
            Add(null, name, Line(v), $"Parameter '{name}' has value {Shown(v)}: give a finite number (at most about 1.7e308 in size), not NaN or Infinity.");
        else
        {
            value = v.Type == JTokenType.Integer ? WholeNumber(v)!.Value : (double)v;
            isInt = v.Type == JTokenType.Integer;
            var from = Date(o, "validFrom", null, name, $"Parameter '{name}'");
            var to = Date(o, "validTo", null, name, $"Parameter '{name}'");
            if (from is not null && to is not null && to < from)
                Add(null, name, Line(o["validTo"]), $"Parameter '{name}' has validTo {AssessmentDates.Format(to.Value)} before its validFrom {AssessmentDates.Format(from.Value)}: the last day must be on or after the first.");
            else if (from is not null || to is not null)
                periods = new[] { new ParameterPeriod(from ?? AssessmentDates.Min, to ?? AssessmentDates.Max, value) };
        }

        var description = Text(o, "description", null, name, required: true) ?? LocalizedText.Empty;
        if (name is not null)
            def.Parameters.Add(new ParameterDef(new ParameterEntry(name, value, isInt, description, def.Name, periods), Bool(o, "override", null, name) ?? false, Line(o)));
    }

    /// <summary>
    /// Dated values: each applies from its 'from' day to its 'to' day, or, without one, until the day before the next
    /// 'from' (the last until further notice). Overlaps are allowed (a later 'from' wins) and reported as warnings.
    /// </summary>
    private IReadOnlyList<ParameterPeriod>? DatedValues(JToken vs, string? name, out double first, out bool isInt)
    {
        first = 0;
        isInt = true;
        if (vs is not JArray arr || arr.Count == 0)
        {
            Add(null, name, Line(vs), $"Parameter '{name}' has 'values' that is not a non-empty array: give [{{\"from\": \"2026-01-01\", \"value\": 50}}, …].");
            return null;
        }

        var read = new List<(DateTime From, DateTime? To, double Value)>();
        foreach (var item in arr)
        {
            if (item is not JObject e)
            {
                Add(null, name, Line(item), $"Each entry of 'values' of parameter '{name}' must be an object with 'from' and 'value'.");
                continue;
            }

            CheckKeys(e, ValueKeys, null, name, $"a value of parameter '{name}'");
            var from = Date(e, "from", null, name, $"Parameter '{name}'");
            if (e["from"] is null) Add(null, name, Line(e), $"A value of parameter '{name}' has no 'from': give the first day it applies as YYYY-MM-DD.");
            var to = Date(e, "to", null, name, $"Parameter '{name}'");
            if (from is not null && to is not null && to < from)
                Add(null, name, Line(e["to"]), $"Parameter '{name}' has a value whose 'to' {AssessmentDates.Format(to.Value)} is before its 'from' {AssessmentDates.Format(from.Value)}.");
            var val = e["value"];
            if (val is null || val.Type is not (JTokenType.Integer or JTokenType.Float))
            {
                Add(null, name, Line(val ?? e), $"A value of parameter '{name}' needs a numeric 'value'.");
                continue;
            }

            if (val.Type == JTokenType.Integer ? !(WholeNumber(val) is >= int.MinValue and <= int.MaxValue) : !IsFinite(val))
            {
                Add(null, name, Line(val), $"A value of parameter '{name}' is {Shown(val)}: give a finite number, a whole number from {int.MinValue} to {int.MaxValue}.");
                continue;
            }

            isInt &= val.Type == JTokenType.Integer;
            if (from is not null) read.Add((from.Value, to, val.Type == JTokenType.Integer ? WholeNumber(val)!.Value : (double)val));
        }

        if (read.Count != arr.Count) return null;
        first = read[0].Value;
        var starts = read.Select(r => r.From).Distinct().OrderBy(d => d).ToList();
        return read.Select(r =>
        {
            var next = starts.FirstOrDefault(d => d > r.From);
            var end = r.To ?? (next == default ? AssessmentDates.Max : next.AddDays(-1));
            return new ParameterPeriod(r.From, end, r.Value);
        }).ToList();
    }

    /// <summary>An optional date property; a present but invalid one is a problem naming the owner.</summary>
    private DateTime? Date(JObject o, string key, string? workflow, string? owner, string what)
    {
        var t = o[key];
        if (t is null || t.Type == JTokenType.Null) return null;
        if (t.Type == JTokenType.String && AssessmentDates.TryParse((string?)t, out var d)) return d;
        Add(workflow, owner, Line(t), $"{what} has {key} {t.ToString(Formatting.None)}, which is not a date: allowed {AssessmentDates.Allowed}.");
        return null;
    }

    private void ParseTest(JToken item, PackDefinition def)
    {
        if (item is not JObject o)
        {
            Add(null, null, Line(item), "Each entry of 'tests' must be an object with 'name', 'profile' and 'expect'.");
            return;
        }

        var name = RequiredString(o, "name", null, null, "a test");
        var label = $"Test '{name}'";
        CheckKeys(o, TestKeys, null, null, $"test '{name}'");
        if (name is not null && def.Tests.Any(t => t.Name == name))
            Add(null, null, Line(o), $"{label} is defined twice in this pack; test names must be unique.");
        _ = Text(o, "description", null, null, required: false);

        CitizenCase? citizen = null;
        var profile = o["profile"];
        if (profile is null || profile.Type == JTokenType.Null)
            Add(null, null, Line(o), $"{label} has no 'profile': give a profile object as in the profile JSON.");
        else
        {
            try
            {
                // Declared facts are accepted by name here and checked against the loaded packs when the test runs.
                citizen = ProfileJson.Read(profile.ToString(Formatting.None), _source);
            }
            catch (ProfileValidationException e)
            {
                foreach (var p in e.Problems)
                    Add(null, null, Line(profile), $"{label} has an invalid profile: {p.Message}");
            }
        }

        var test = new PackTestDef { Name = name ?? "(unnamed)", Line = Line(o), Case = citizen };
        if (o["expect"] is not JObject expect)
        {
            Add(null, null, Line(o["expect"] ?? o), $"{label} needs an 'expect' object with 'recommended', 'notRecommended', 'evidence', 'citations', 'caveats', 'fired' or 'notFired'.");
        }
        else
        {
            CheckKeys(expect, ExpectKeys, null, null, $"the 'expect' of test '{name}'");
            test.Recommended.AddRange(Names(expect, "recommended", label, PackTestReference.Intervention, test));
            test.NotRecommended.AddRange(Names(expect, "notRecommended", label, PackTestReference.Intervention, test));
            test.Fired.AddRange(Names(expect, "fired", label, PackTestReference.Rule, test));
            test.NotFired.AddRange(Names(expect, "notFired", label, PackTestReference.Rule, test));
            foreach (var (id, token) in Members(expect, "evidence", label))
            {
                test.References.Add((PackTestReference.Intervention, id, Line(token)));
                if (token.Type == JTokenType.String && EvidenceNames.TryParse((string?)token, out var g)) test.Evidence[id] = g;
                else Add(null, null, Line(token), $"{label} expects evidence {token.ToString(Formatting.None)} for '{id}': allowed 'strong', 'moderate', 'mixed' or 'limited'.");
            }

            foreach (var (id, token) in Members(expect, "citations", label))
            {
                test.References.Add((PackTestReference.Intervention, id, Line(token)));
                if (token is JArray keys && keys.All(k => k.Type == JTokenType.String))
                {
                    test.Citations[id] = keys.Select(k => (string)k!).ToList();
                    foreach (var k in keys) test.References.Add((PackTestReference.Citation, (string)k!, Line(k)));
                }
                else Add(null, null, Line(token), $"{label} expects citations for '{id}' that are not an array of citation keys such as [\"graversen-2012\"].");
            }

            foreach (var (id, token) in Members(expect, "caveats", label))
            {
                test.References.Add((PackTestReference.Intervention, id, Line(token)));
                if (token.Type == JTokenType.Boolean) test.Caveats[id] = (bool)token;
                else Add(null, null, Line(token), $"{label} expects caveats {token.ToString(Formatting.None)} for '{id}': give true (recommended with at least one caveat) or false (with none).");
            }

            if (expect.Properties().All(p => p.Value.Type == JTokenType.Null || p.Value is JArray { Count: 0 } || p.Value is JObject { Count: 0 }))
                Add(null, null, Line(expect), $"{label} expects nothing: name at least one intervention, grade, citation or rule, or the test cannot fail.");
        }

        if (name is not null) def.Tests.Add(test);
    }

    private IEnumerable<string> Names(JObject expect, string key, string label, PackTestReference kind, PackTestDef test)
    {
        foreach (var t in Array(expect, key, null, null))
        {
            if (t.Type == JTokenType.String && !string.IsNullOrWhiteSpace((string?)t))
            {
                test.References.Add((kind, (string)t!, Line(t)));
                yield return (string)t!;
            }
            else Add(null, null, Line(t), $"{label} has {t.ToString(Formatting.None)} in '{key}': give {(kind == PackTestReference.Rule ? "rule names" : "intervention ids")} as strings.");
        }
    }

    private IEnumerable<(string Id, JToken Value)> Members(JObject expect, string key, string label)
    {
        var t = expect[key];
        if (t is null || t.Type == JTokenType.Null) yield break;
        if (t is not JObject o)
        {
            Add(null, null, Line(t), $"{label} has '{key}' that is not an object mapping intervention ids to what is expected.");
            yield break;
        }

        foreach (var p in o.Properties()) yield return (p.Name, p.Value);
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
            if (WholeNumber(y) is long whole and >= 1900 and <= 2100) year = (int)whole;
            else Add(null, key, Line(y), $"Citation '{key}' has year {Shown(y)}: give a whole year from 1900 to 2100 such as 2012, or leave it out when the source gives none.");
        }

        var suffix = OptionalString(o, "yearSuffix", null, key);
        if (suffix is not null && (year is null || !Regex.IsMatch(suffix, "^[a-z]$")))
            Add(null, key, Line(o["yearSuffix"]), $"Citation '{key}' has yearSuffix '{suffix}': give one lower-case letter, such as 'a' in 2023a, and a year.");
        var title = OptionalString(o, "title", null, key);
        var publisher = OptionalString(o, "publisher", null, key);
        var finding = Text(o, "finding", null, key, required: false);
        if (finding is null && o["finding"] is null)
        {
            // Poorer, not wrong (CONTRACT §4.4): the card then says that the pack gives no finding.
            _warnings.Add(new PackProblem(_source, _pack, null, key, Line(o), $"Citation '{key}' has no 'finding': cards citing it say that the pack does not give one; add what the source found."));
            finding = NoFinding;
        }

        finding ??= LocalizedText.Empty;
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
            if (WholeNumber(c) is long whole and >= 1 and <= 5) conclusion = (int)whole;
            else Add(null, id, Line(c), $"Intervention '{id}' has conclusion {Shown(c)}: allowed 1–5 (the note's conclusions), or leave it out.");
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
            ValidFrom = props is null ? null : Date(props, "validFrom", workflow, name, $"Rule '{name}'"),
            ValidTo = props is null ? null : Date(props, "validTo", workflow, name, $"Rule '{name}'"),
        };
        if (rule.ValidFrom is { } vf && rule.ValidTo is { } vt && vt < vf)
            Add(workflow, name, Line(props!["validTo"]), $"Rule '{name}' has validTo {AssessmentDates.Format(vt)} before its validFrom {AssessmentDates.Format(vf)}: the last day in force must be on or after the first.");
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

        if (nested && props is not null && (roleText is not null || rule.Citations.Count > 0 || grade is not null || props["validFrom"] is not null || props["validTo"] is not null))
            Add(workflow, name, Line(props), "A nested rule cannot carry 'role', 'citations', 'evidence', 'validFrom' or 'validTo': put them on the top-level rule (a nested rule may have 'whyNot').");

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
        if (o["RuleExpressionType"] is { } t && !(t.Type == JTokenType.String && (string?)t == "LambdaExpression") && !(WholeNumber(t) == 0))
            Add(workflow, rule, Line(t), $"RuleExpressionType {Shown(t)} is not allowed: only 'LambdaExpression' (or 0).");
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

            var hasEn = lo["en"] is JValue { Type: JTokenType.String } e && !string.IsNullOrWhiteSpace((string?)e);
            if (!hasEn)
                _warnings.Add(new PackProblem(_source, _pack, workflow, rule, Line(t), $"'{key}' has no English text ('en'): English output shows the Danish."));
            var en = hasEn ? (string)lo["en"]! : (string)da!;
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

    /// <summary>A JSON integer that fits in a <see cref="long"/>; <see langword="null"/> for anything else (a larger integer too).</summary>
    private static long? WholeNumber(JToken t) => t is JValue { Type: JTokenType.Integer, Value: long l } ? l : t is JValue { Type: JTokenType.Integer, Value: int i } ? i : null;

    private static bool IsFinite(JToken t) => t is JValue { Value: double d } ? !double.IsNaN(d) && !double.IsInfinity(d) : t is JValue { Value: decimal };

    /// <summary>A value as written, cut short so that a message stays one readable line.</summary>
    private static string Shown(JToken t)
    {
        var s = t.ToString(Formatting.None);
        return s.Length > 40 ? s.Substring(0, 37) + "…" : s;
    }

    private static int? Line(JToken? t) => t is IJsonLineInfo li && li.HasLineInfo() ? li.LineNumber : null;

    private void Add(string? workflow, string? rule, int? line, string message) =>
        _problems.Add(new PackProblem(_source, _pack, workflow, rule, line, message));
}
