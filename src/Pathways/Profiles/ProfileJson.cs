using System.Globalization;

namespace Pathways;

/// <summary>
/// Reads profile JSON exactly in the shape of the public contract (CONTRACT §2): strict JSON (RFC 8259), camelCase
/// fields, kebab-case enum values, unknown properties refused by name, every problem listed at once, malformed JSON
/// reported with line and position. The fields are those of the built-in fact table; the declared facts under
/// <c>facts</c> are read as given and checked against the loaded packs when the profile is recommended for (use
/// <see cref="PathwayRecommender.ReadProfile(string, string?)"/> to check them while reading).
/// </summary>
public static class ProfileJson
{
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

        return ProfileReader.Read(json, FactTable.BuiltIn, openFacts: true, source);
    }

    /// <summary>Reads one profile object from a text reader.</summary>
    /// <exception cref="ProfileValidationException">The JSON is malformed or the profile breaks the contract.</exception>
    public static CitizenCase Read(TextReader reader, string? source = null)
    {
        if (reader is null)
        {
            throw new ArgumentNullException(nameof(reader));
        }

        return Read(reader.ReadToEnd(), source);
    }

    /// <summary>The kebab-case JSON name of a readiness value.</summary>
    public static string ToJson(Readiness value) => Find("readiness", (int)value, value);

    /// <summary>The kebab-case JSON name of a benefit value.</summary>
    public static string ToJson(Benefit value) => Find("benefit", (int)value, value);

    /// <summary>The JSON name of a business cycle value.</summary>
    public static string ToJson(BusinessCycle value) => Find("businessCycle", (int)value, value);

    private static string Find(string fact, int number, object value)
    {
        var def = FactTable.BuiltIn.BuiltIns.First(d => d.Name == fact);
        var i = Array.IndexOf(def.EnumNumbers!, number);
        return i >= 0 ? def.Values[i] : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined value.");
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
