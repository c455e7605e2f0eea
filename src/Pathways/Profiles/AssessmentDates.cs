using System.Globalization;

namespace Pathways;

/// <summary>
/// Dates as packs and profiles write them (<c>YYYY-MM-DD</c>, CONTRACT §4.3), and today's date in Denmark. A date
/// is a <see cref="DateTime"/> at midnight with <see cref="DateTimeKind.Unspecified"/>: a calendar day, no time.
/// Self-contained so that any profile reader can use it.
/// </summary>
internal static class AssessmentDates
{
    /// <summary>The first and last day a pack or profile may name; wide enough for any law, narrow enough that a day after the last still exists.</summary>
    public static readonly DateTime Min = new(1900, 1, 1);
    public static readonly DateTime Max = new(2999, 12, 31);

    /// <summary>What a date must look like, for error messages.</summary>
    public const string Allowed = "a real calendar date written YYYY-MM-DD, from 1900-01-01 to 2999-12-31";

    /// <summary>Reads exactly <c>YYYY-MM-DD</c> (ten characters, digits and two hyphens) naming a real day in range.</summary>
    public static bool TryParse(string? text, out DateTime date)
    {
        date = default;
        if (text is null || text.Length != 10 || text[4] != '-' || text[7] != '-') return false;
        for (var i = 0; i < 10; i++)
        {
            if (i is 4 or 7) continue;
            if (text[i] is < '0' or > '9') return false;
        }

        var year = Digits(text, 0, 4);
        var month = Digits(text, 5, 2);
        var day = Digits(text, 8, 2);
        if (year < Min.Year || year > Max.Year || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>Reads UTF-8 bytes the same way as <see cref="TryParse(string?, out DateTime)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTime date)
    {
        date = default;
        if (utf8.Length != 10) return false;
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < 10; i++)
        {
            if (utf8[i] > 127) return false;
            chars[i] = (char)utf8[i];
        }

        return TryParse(chars.ToString(), out date);
    }

    /// <summary>The day as <c>YYYY-MM-DD</c>.</summary>
    public static string Format(DateTime date) => date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Today's date in Denmark (CET, and CEST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
    /// Sunday of October, the EU rule Denmark has kept since 1996). Computed from the rule rather than the
    /// machine's time-zone database, so it is the same on every platform and every target framework.
    /// </summary>
    public static DateTime TodayInDenmark(TimeProvider clock)
    {
        var utc = clock.GetUtcNow().UtcDateTime;
        return DanishDate(utc);
    }

    internal static DateTime DanishDate(DateTime utc)
    {
        var year = utc.Year;
        var summerStart = LastSunday(year, 3).AddHours(1);
        var summerEnd = LastSunday(year, 10).AddHours(1);
        var offset = utc >= summerStart && utc < summerEnd ? 2 : 1;
        var local = utc.AddHours(offset);
        return new DateTime(local.Year, local.Month, local.Day, 0, 0, 0, DateTimeKind.Unspecified);
    }

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
        return last.AddDays(-(int)last.DayOfWeek);
    }

    private static int Digits(string s, int start, int count)
    {
        var n = 0;
        for (var i = start; i < start + count; i++) n = (n * 10) + (s[i] - '0');
        return n;
    }
}
