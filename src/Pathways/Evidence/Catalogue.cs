using System.Globalization;

namespace Pathways;

/// <summary>A study in a pack's bibliography.</summary>
internal sealed record CitationEntry(
    string Key,
    string Authors,
    int? Year,
    string? YearSuffix,
    string? Title,
    string? Publisher,
    LocalizedText Finding,
    string Pack)
{
    /// <summary>The display text: author and year, the publisher the note names, and the title only where one is given.</summary>
    public string DisplayText
    {
        get
        {
            var s = Authors + (Year is { } y ? " (" + y.ToString(CultureInfo.InvariantCulture) + YearSuffix + ")" : string.Empty);
            if (Title is not null) s += ": " + Title;
            if (Publisher is not null && !Authors.Contains(Publisher)) s += ". " + Publisher;
            return s;
        }
    }
}

/// <summary>An intervention or practice in a pack's catalogue.</summary>
internal sealed record InterventionEntry(
    string Id,
    InterventionKind Kind,
    int? Conclusion,
    LocalizedText Title,
    LocalizedText Description,
    string Pack);

/// <summary>A named threshold of a pack: a local choice, not a finding of the note.</summary>
/// <remarks><c>Periods</c> are the dated values (CONTRACT §4.3) in the order given; <see langword="null"/> when <c>Value</c> applies on every day.</remarks>
internal sealed record ParameterEntry(string Name, double Value, bool IsInteger, LocalizedText Description, string Pack, IReadOnlyList<ParameterPeriod>? Periods = null)
{
    /// <summary>The value on a day; <see langword="null"/> when the parameter has no value that day. A later
    /// <c>from</c> wins where periods overlap, and of two with the same <c>from</c> the one listed later.</summary>
    public double? ValueOn(DateTime day)
    {
        if (Periods is null) return Value;
        ParameterPeriod? best = null;
        foreach (var p in Periods)
        {
            if (p.From <= day && day <= p.To && (best is null || p.From >= best.From)) best = p;
        }

        return best?.Value;
    }

    /// <summary>The periods as text, so that two packs defining the same dated parameter compare equal.</summary>
    internal string PeriodsKey => Periods is null ? string.Empty : string.Join(";", Periods.Select(p => $"{AssessmentDates.Format(p.From)}/{AssessmentDates.Format(p.To)}={p.Value.ToString("R", CultureInfo.InvariantCulture)}"));
}
