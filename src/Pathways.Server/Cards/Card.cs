namespace Pathways.Server.Cards;

/// <summary>A CDS Hooks coding: a code in a code system, with a display text.</summary>
internal sealed record Coding(string System, string Code, string Display);

/// <summary>Where a card's advice comes from: the note or a pack's citation; <c>topic.code</c> is the intervention id.</summary>
internal sealed record CardSource(string Label, Coding Topic);

/// <summary>The structured content of a card, for systems (and the page) that render it themselves.</summary>
internal sealed record CardContent(
    string Id,
    string Kind,
    string Title,
    string Evidence,
    string EvidenceLabel,
    int? Conclusion,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Caveats,
    IReadOnlyList<Citation> Citations,
    string RuleSet);

/// <summary>The extension member of a card (CDS Hooks allows one per card).</summary>
internal sealed record CardExtension(CardContent Pathways);

/// <summary>One CDS Hooks card: one recommendation.</summary>
internal sealed record Card(
    string Uuid,
    string Summary,
    string Detail,
    string Indicator,
    CardSource Source,
    IReadOnlyList<Coding> OverrideReasons,
    CardExtension Extension);
