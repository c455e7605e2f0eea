using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pathways;

/// <summary>
/// A fast reader for the common case of a batch line: a well-formed profile in exactly the contract's shape.
/// It accepts only input whose meaning it can be sure of and returns <see langword="null"/> for anything else
/// (an unknown or repeated property, a wrong type, a value out of range, a float where a whole number belongs,
/// comments, trailing content, escaped property names, lone surrogates); the caller then uses
/// <see cref="ProfileJson.Read(string, string?)"/>, which gives the same profile or the precise error. So a
/// profile read here is always the one <see cref="ProfileJson"/> would read.
/// </summary>
internal static class FastProfileReader
{
    private const int MaxStackBytes = 1024;

    public static CitizenCase? TryRead(string line)
    {
        // A lone surrogate would be replaced when encoded to UTF-8; leave such text to the full reader.
        if (line.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0) return null;
        var max = Encoding.UTF8.GetMaxByteCount(line.Length);
        byte[]? rented = null;
        var buffer = max <= MaxStackBytes ? stackalloc byte[MaxStackBytes] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var n = Encoding.UTF8.GetBytes(line, buffer);
            return Parse(buffer.Slice(0, n));
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static CitizenCase? Parse(ReadOnlySpan<byte> utf8)
    {
        var r = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 4 });
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return null;
        string? id = null;
        int? age = null;
        Readiness? readiness = null;
        Benefit? benefit = null;
        bool? mental = null, treatment = null, children = null, flex = null;
        int? months = null;
        double? hours = null;
        AssessmentContext? context = null;
        var seen = 0;
        while (true)
        {
            if (!r.Read()) return null;
            if (r.TokenType == JsonTokenType.EndObject) break;
            if (r.TokenType != JsonTokenType.PropertyName || r.ValueIsEscaped) return null;
            var field = Field(ref r);
            if (field < 0 || (seen & (1 << field)) != 0) return null;
            seen |= 1 << field;
            if (!r.Read()) return null;
            var isNull = r.TokenType == JsonTokenType.Null;
            switch (field)
            {
                case 0:
                    if (isNull) break;
                    if (r.TokenType != JsonTokenType.String) return null;
                    id = r.GetString();
                    break;
                case 1:
                    if (!WholeNumber(ref r, out var a) || a is < CitizenProfile.MinAge or > CitizenProfile.MaxAge) return null;
                    age = a;
                    break;
                case 2:
                    if (Enum(ref r, ProfileJson.ReadinessValues) is not { } rd) return null;
                    readiness = rd;
                    break;
                case 3:
                    if (isNull) break;
                    if (Enum(ref r, ProfileJson.BenefitValues) is not { } b) return null;
                    benefit = b;
                    break;
                case 4: if (!Bool(ref r, out mental)) return null; break;
                case 5: if (!Bool(ref r, out treatment)) return null; break;
                case 6:
                    if (isNull) break;
                    if (!WholeNumber(ref r, out var m) || m < 0) return null;
                    months = m;
                    break;
                case 7:
                    if (isNull) break;
                    if (r.TokenType != JsonTokenType.Number || r.HasValueSequence) return null;
                    // The text parsed as Newtonsoft parses a number with FloatParseHandling.Double.
                    if (!double.TryParse(Encoding.UTF8.GetString(r.ValueSpan), NumberStyles.Float, CultureInfo.InvariantCulture, out var h)
                        || double.IsNaN(h) || h < 0 || h > CitizenProfile.MaxWeeklyPaidHours) return null;
                    hours = h;
                    break;
                case 8: if (!Bool(ref r, out children)) return null; break;
                case 9: if (!Bool(ref r, out flex)) return null; break;
                case 10:
                    if (isNull) break;
                    if (r.TokenType != JsonTokenType.StartObject || ReadContext(ref r) is not { } ctx) return null;
                    context = ctx;
                    break;
            }
        }

        if (r.Read()) return null; // anything after the object: let the full reader judge it
        if (age is null || readiness is null) return null;
        var profile = new CitizenProfile
        {
            Id = id,
            Age = age.Value,
            Readiness = readiness.Value,
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

    private static AssessmentContext? ReadContext(ref Utf8JsonReader r)
    {
        BusinessCycle? cycle = null;
        int? caseload = null;
        bool? expects = null;
        DateTime? date = null;
        var seen = 0;
        while (true)
        {
            if (!r.Read()) return null;
            if (r.TokenType == JsonTokenType.EndObject) break;
            if (r.TokenType != JsonTokenType.PropertyName || r.ValueIsEscaped) return null;
            var field = r.ValueTextEquals("businessCycle"u8) ? 0 : r.ValueTextEquals("caseworkerCaseload"u8) ? 1 : r.ValueTextEquals("caseworkerExpectsJob"u8) ? 2 : r.ValueTextEquals("assessmentDate"u8) ? 3 : -1;
            if (field < 0 || (seen & (1 << field)) != 0) return null;
            seen |= 1 << field;
            if (!r.Read()) return null;
            if (r.TokenType == JsonTokenType.Null) continue;
            switch (field)
            {
                case 0:
                    if (Enum(ref r, ProfileJson.BusinessCycleValues) is not { } c) return null;
                    cycle = c;
                    break;
                case 1:
                    if (!WholeNumber(ref r, out var n) || n is < AssessmentContext.MinCaseload or > AssessmentContext.MaxCaseload) return null;
                    caseload = n;
                    break;
                case 2:
                    if (!Bool(ref r, out expects)) return null;
                    break;
                default:
                    if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped || r.HasValueSequence || !AssessmentDates.TryParse(r.ValueSpan, out var d)) return null;
                    date = d;
                    break;
            }
        }

        return new AssessmentContext { BusinessCycle = cycle, CaseworkerCaseload = caseload, CaseworkerExpectsJob = expects, AssessmentDate = date };
    }

    private static int Field(ref Utf8JsonReader r) =>
        r.ValueTextEquals("id"u8) ? 0 :
        r.ValueTextEquals("age"u8) ? 1 :
        r.ValueTextEquals("readiness"u8) ? 2 :
        r.ValueTextEquals("benefit"u8) ? 3 :
        r.ValueTextEquals("mentalIllness"u8) ? 4 :
        r.ValueTextEquals("inMentalHealthTreatment"u8) ? 5 :
        r.ValueTextEquals("monthsOnBenefits"u8) ? 6 :
        r.ValueTextEquals("weeklyPaidHours"u8) ? 7 :
        r.ValueTextEquals("hasChildrenAged5To14"u8) ? 8 :
        r.ValueTextEquals("flexJobApproved"u8) ? 9 :
        r.ValueTextEquals("context"u8) ? 10 : -1;

    /// <summary>A plain JSON integer (digits, optional minus; no fraction or exponent) that fits an int.</summary>
    private static bool WholeNumber(ref Utf8JsonReader r, out int value)
    {
        value = 0;
        if (r.TokenType != JsonTokenType.Number || r.HasValueSequence) return false;
        foreach (var b in r.ValueSpan)
        {
            if (b is (byte)'.' or (byte)'e' or (byte)'E') return false;
        }

        return r.TryGetInt32(out value);
    }

    private static bool Bool(ref Utf8JsonReader r, out bool? value)
    {
        value = r.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => null,
        };
        return value is not null || r.TokenType == JsonTokenType.Null;
    }

    private static T? Enum<T>(ref Utf8JsonReader r, (string Json, T Value)[] table)
        where T : struct
    {
        if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped) return null;
        foreach (var (json, value) in table)
        {
            if (r.ValueTextEquals(json)) return value;
        }

        return null;
    }
}
