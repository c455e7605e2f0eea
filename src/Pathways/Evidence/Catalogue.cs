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
internal sealed record ParameterEntry(string Name, double Value, bool IsInteger, LocalizedText Description, string Pack);
