using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pathways;

/// <summary>
/// Reads profile JSON exactly in the shape of the public contract (CONTRACT §2): camelCase fields, kebab-case
/// enum values, unknown properties refused by name, malformed JSON reported with line and position.
/// </summary>
public static class ProfileJson
{
    private static readonly string[] ProfileFields =
    {
        "id", "age", "readiness", "benefit", "mentalIllness", "inMentalHealthTreatment", "monthsOnBenefits",
        "weeklyPaidHours", "hasChildrenAged5To14", "flexJobApproved", "context",
    };

    private static readonly string[] ContextFields = { "businessCycle", "caseworkerCaseload", "caseworkerExpectsJob", "assessmentDate" };

    internal static readonly (string Json, Readiness Value)[] ReadinessValues =
    {
        ("job-ready", Readiness.JobReady), ("activity-ready", Readiness.ActivityReady),
        ("education-ready", Readiness.EducationReady), ("unknown", Readiness.Unknown),
    };

    internal static readonly (string Json, Benefit Value)[] BenefitValues =
    {
        ("social-assistance", Benefit.SocialAssistance), ("education-assistance", Benefit.EducationAssistance),
        ("unemployment-insurance", Benefit.UnemploymentInsurance), ("sickness-benefit", Benefit.SicknessBenefit),
        ("resource-programme", Benefit.ResourceProgramme), ("job-clarification", Benefit.JobClarification),
        ("flex-job", Benefit.FlexJob), ("other", Benefit.Other),
    };

    internal static readonly (string Json, BusinessCycle Value)[] BusinessCycleValues =
    {
        ("boom", BusinessCycle.Boom), ("normal", BusinessCycle.Normal), ("recession", BusinessCycle.Recession),
    };

    /// <summary>Reads one profile object from JSON text.</summary>
    /// <param name="json">The JSON text of one profile object.</param>
    /// <param name="source">A file name or other label used in error messages.</param>
    /// <exception cref="ProfileValidationException">The JSON is malformed or the profile breaks the contract; every problem is listed.</exception>
    public static CitizenCase Read(string json, string? source = null)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        using var reader = new StringReader(json);
        return Read(reader, source);
    }

    /// <summary>Reads one profile object from a text reader.</summary>
    /// <exception cref="ProfileValidationException">The JSON is malformed or the profile breaks the contract.</exception>
    public static CitizenCase Read(TextReader reader, string? source = null)
    {
        if (reader is null)
        {
            throw new ArgumentNullException(nameof(reader));
        }

        JToken token;
        try
        {
            using var json = new JsonTextReader(reader) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
            if (!json.Read())
            {
                throw Fail(source, new ProfileProblem(null, null, "The profile is empty: expected one JSON object."));
            }

            token = JToken.Load(json, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
            if (json.Read() && json.TokenType != JsonToken.Comment)
            {
                throw Fail(source, new ProfileProblem(null, null, $"Unexpected content after the profile object at line {json.LineNumber}, position {json.LinePosition}.", json.LineNumber, json.LinePosition));
            }
        }
        catch (JsonReaderException e)
        {
            throw Fail(source, new ProfileProblem(null, null, $"Malformed JSON at line {e.LineNumber}, position {e.LinePosition}: {FirstSentence(e.Message)}", e.LineNumber, e.LinePosition));
        }

        return FromToken(token, source);
    }

    /// <summary>Converts an already parsed JSON token into a profile, listing every problem at once.</summary>
    internal static CitizenCase FromToken(JToken token, string? source)
    {
        var problems = new List<ProfileProblem>();
        if (token is not JObject obj)
        {
            throw Fail(source, Problem(token, null, null, $"Expected a JSON object for the profile but found {Describe(token.Type)}."));
        }

        foreach (var prop in obj.Properties())
        {
            if (Array.IndexOf(ProfileFields, prop.Name) < 0)
            {
                problems.Add(Problem(prop, prop.Name, null, $"Unknown property '{prop.Name}'{Suggest(prop.Name, ProfileFields)}; allowed: {string.Join(", ", ProfileFields)}."));
            }
        }

        string? id = null;
        if (obj.TryGetValue("id", out var idTok) && idTok.Type != JTokenType.Null)
        {
            if (idTok.Type == JTokenType.String)
                id = (string?)idTok;
            else
                problems.Add(Problem(idTok, "id", null, $"Field 'id' must be a string but is {Describe(idTok.Type)}."));
        }

        int age = 0;
        if (!obj.TryGetValue("age", out var ageTok) || ageTok.Type == JTokenType.Null)
            problems.Add(Problem(ageTok ?? obj, "age", null, $"Field 'age' is required: a whole number from {CitizenProfile.MinAge} to {CitizenProfile.MaxAge}."));
        else if (Int(ageTok, "age", problems) is { } a)
        {
            if (a is < CitizenProfile.MinAge or > CitizenProfile.MaxAge)
                problems.Add(Problem(ageTok, "age", Show(ageTok), $"Field 'age' has value {Show(ageTok)}, which is out of range: allowed {CitizenProfile.MinAge}–{CitizenProfile.MaxAge}."));
            else
                age = a;
        }

        var readiness = Readiness.Unknown;
        if (!obj.TryGetValue("readiness", out var rTok) || rTok.Type == JTokenType.Null)
            problems.Add(Problem(rTok ?? obj, "readiness", null, $"Field 'readiness' is required: one of {Names(ReadinessValues)}."));
        else if (EnumValue(rTok, "readiness", ReadinessValues, problems) is { } r)
            readiness = r;

        var benefit = Optional(obj, "benefit", t => EnumValue(t, "benefit", BenefitValues, problems));
        var mental = Optional(obj, "mentalIllness", t => Bool(t, "mentalIllness", problems));
        var treatment = Optional(obj, "inMentalHealthTreatment", t => Bool(t, "inMentalHealthTreatment", problems));
        var months = Optional(obj, "monthsOnBenefits", t => Range(t, "monthsOnBenefits", Int(t, "monthsOnBenefits", problems), 0, int.MaxValue, "a whole number of 0 or more", problems));
        var hours = Optional(obj, "weeklyPaidHours", t => RangeD(t, "weeklyPaidHours", Number(t, "weeklyPaidHours", problems), problems));
        var children = Optional(obj, "hasChildrenAged5To14", t => Bool(t, "hasChildrenAged5To14", problems));
        var flex = Optional(obj, "flexJobApproved", t => Bool(t, "flexJobApproved", problems));

        AssessmentContext? context = null;
        if (obj.TryGetValue("context", out var cTok) && cTok.Type != JTokenType.Null)
        {
            if (cTok is not JObject cObj)
            {
                problems.Add(Problem(cTok, "context", null, $"Field 'context' must be an object but is {Describe(cTok.Type)}."));
            }
            else
            {
                foreach (var prop in cObj.Properties())
                {
                    if (Array.IndexOf(ContextFields, prop.Name) < 0)
                        problems.Add(Problem(prop, "context." + prop.Name, null, $"Unknown property 'context.{prop.Name}'{Suggest(prop.Name, ContextFields)}; allowed: {string.Join(", ", ContextFields)}."));
                }

                context = new AssessmentContext
                {
                    BusinessCycle = Optional(cObj, "businessCycle", t => EnumValue(t, "context.businessCycle", BusinessCycleValues, problems)),
                    CaseworkerCaseload = Optional(cObj, "caseworkerCaseload", t => Range(t, "context.caseworkerCaseload", Int(t, "context.caseworkerCaseload", problems), AssessmentContext.MinCaseload, AssessmentContext.MaxCaseload, $"{AssessmentContext.MinCaseload}–{AssessmentContext.MaxCaseload}", problems)),
                    CaseworkerExpectsJob = Optional(cObj, "caseworkerExpectsJob", t => Bool(t, "context.caseworkerExpectsJob", problems)),
                    AssessmentDate = Optional(cObj, "assessmentDate", t => Date(t, "context.assessmentDate", problems)),
                };
            }
        }

        if (problems.Count > 0)
        {
            throw new ProfileValidationException(problems, source);
        }

        var profile = new CitizenProfile
        {
            Id = id,
            Age = age,
            Readiness = readiness,
            Benefit = benefit,
            MentalIllness = mental,
            InMentalHealthTreatment = treatment,
            MonthsOnBenefits = months,
            WeeklyPaidHours = hours,
            HasChildrenAged5To14 = children,
            FlexJobApproved = flex,
        };
        return new CitizenCase(profile, context);
    }

    /// <summary>The kebab-case JSON name of a readiness value.</summary>
    public static string ToJson(Readiness value) => Find(ReadinessValues, value);

    /// <summary>The kebab-case JSON name of a benefit value.</summary>
    public static string ToJson(Benefit value) => Find(BenefitValues, value);

    /// <summary>The JSON name of a business cycle value.</summary>
    public static string ToJson(BusinessCycle value) => Find(BusinessCycleValues, value);

    private static string Find<T>((string Json, T Value)[] table, T value)
        where T : struct, Enum
    {
        foreach (var (json, v) in table)
        {
            if (EqualityComparer<T>.Default.Equals(v, value)) return json;
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined value.");
    }

    private static ProfileValidationException Fail(string? source, ProfileProblem problem) => new(new[] { problem }, source);

    private static T? Optional<T>(JObject obj, string name, Func<JToken, T?> read)
        where T : struct =>
        obj.TryGetValue(name, out var t) && t.Type != JTokenType.Null ? read(t) : null;

    private static int? Int(JToken t, string field, List<ProfileProblem> problems)
    {
        if (t.Type == JTokenType.Integer)
        {
            var v = ((JValue)t).Value;
            if (v is long l && l is >= int.MinValue and <= int.MaxValue) return (int)l;
            problems.Add(Problem(t, field, Show(t), $"Field '{field}' has value {Show(t)}, which is too large for a whole number."));
            return null;
        }

        if (t.Type == JTokenType.Float && (double)t is var d && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue)
            return (int)d;

        problems.Add(Problem(t, field, Show(t), $"Field '{field}' must be a whole number but is {Describe(t.Type)} {Show(t)}."));
        return null;
    }

    private static double? Number(JToken t, string field, List<ProfileProblem> problems)
    {
        if (t.Type is JTokenType.Integer or JTokenType.Float) return (double)t;
        problems.Add(Problem(t, field, Show(t), $"Field '{field}' must be a number but is {Describe(t.Type)} {Show(t)}."));
        return null;
    }

    private static int? Range(JToken t, string field, int? value, int min, int max, string allowed, List<ProfileProblem> problems)
    {
        if (value is null) return null;
        if (value < min || value > max)
        {
            problems.Add(Problem(t, field, Show(t), $"Field '{field}' has value {Show(t)}, which is out of range: allowed {allowed}."));
            return null;
        }

        return value;
    }

    private static double? RangeD(JToken t, string field, double? value, List<ProfileProblem> problems)
    {
        if (value is null) return null;
        if (double.IsNaN(value.Value) || value < 0 || value > CitizenProfile.MaxWeeklyPaidHours)
        {
            problems.Add(Problem(t, field, Show(t), $"Field '{field}' has value {Show(t)}, which is out of range: allowed 0–{CitizenProfile.MaxWeeklyPaidHours.ToString(CultureInfo.InvariantCulture)}."));
            return null;
        }

        return value;
    }

    private static DateTime? Date(JToken t, string field, List<ProfileProblem> problems)
    {
        if (t.Type == JTokenType.String && AssessmentDates.TryParse((string?)t, out var d)) return d;
        problems.Add(Problem(t, field, Show(t), $"Field '{field}' has value {Show(t)}, which is not allowed: {AssessmentDates.Allowed}."));
        return null;
    }

    private static bool? Bool(JToken t, string field, List<ProfileProblem> problems)
    {
        if (t.Type == JTokenType.Boolean) return (bool)t;
        problems.Add(Problem(t, field, Show(t), $"Field '{field}' must be true, false or null but is {Describe(t.Type)} {Show(t)}."));
        return null;
    }

    private static T? EnumValue<T>(JToken t, string field, (string Json, T Value)[] table, List<ProfileProblem> problems)
        where T : struct
    {
        if (t.Type == JTokenType.String)
        {
            var s = (string)t!;
            foreach (var (json, value) in table)
            {
                if (json == s) return value;
            }

            problems.Add(Problem(t, field, Show(t), $"Field '{field}' has value {Show(t)}, which is not allowed: one of {Names(table)}."));
            return null;
        }

        problems.Add(Problem(t, field, Show(t), $"Field '{field}' must be a string, one of {Names(table)}, but is {Describe(t.Type)} {Show(t)}."));
        return null;
    }

    private static string Names<T>((string Json, T Value)[] table) => string.Join(", ", table.Select(x => "'" + x.Json + "'"));

    private static ProfileProblem Problem(JToken token, string? field, string? value, string message)
    {
        var li = (IJsonLineInfo)token;
        return li.HasLineInfo()
            ? new ProfileProblem(field, value, message, li.LineNumber, li.LinePosition)
            : new ProfileProblem(field, value, message);
    }

    /// <summary>The offending value, shortened: field values are shown, never whole objects.</summary>
    private static string Show(JToken t)
    {
        var s = t.Type switch
        {
            JTokenType.String => "\"" + (string?)t + "\"",
            JTokenType.Object => "an object",
            JTokenType.Array => "an array",
            _ => t.ToString(Formatting.None),
        };
        return s.Length > 40 ? s.Substring(0, 37) + "…" : s;
    }

    private static string Describe(JTokenType type) => type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.Integer => "a whole number",
        JTokenType.Float => "a number",
        JTokenType.String => "a string",
        JTokenType.Boolean => "a boolean",
        JTokenType.Null => "null",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string Suggest(string name, string[] allowed)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in allowed)
        {
            var d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, name.Length / 4) ? $" (did you mean '{best}'?)" : string.Empty;
    }

    internal static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }

    internal static string FirstSentence(string message)
    {
        // Newtonsoft appends "Path '…', line n, position m." — the line and position are reported separately.
        var i = message.IndexOf(" Path '", StringComparison.Ordinal);
        if (i < 0) i = message.IndexOf(", line ", StringComparison.Ordinal);
        var s = i > 0 ? message.Substring(0, i) : message;
        return s.TrimEnd('.', ' ') + ".";
    }
}
